package rule

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
)

func items(prefix string, evs ...checklist.Evidence) []*checklist.Item {
	var out []*checklist.Item
	for i, ev := range evs {
		ev := ev
		out = append(out, &checklist.Item{ID: string(rune('a' + i)), FullID: prefix + "/" + string(rune('a'+i)), Question: "Is it so?", Evidence: &ev})
	}
	return out
}

// TestCompileGroups checks that Sets compiled together judge as each
// compiled alone does, from one Evidence, and share their patterns.
func TestCompileGroups(t *testing.T) {
	g1 := items("one",
		checklist.Evidence{Any: pats(`complaints?`, `\b\d{1,2}(am|pm)\b`)},
		checklist.Evidence{Near: &checklist.Near{A: pat(`\d+%`), B: pat(`satisfied`), Within: 5}})
	g2 := items("two",
		checklist.Evidence{None: pats(`complaints?`)},
		checklist.Evidence{Jargon: &checklist.Jargon{Max: 0, Words: []string{"going forward", "leverage"}}},
		checklist.Evidence{Readability: &checklist.Readability{Min: 50}})
	sets, err := CompileGroups([][]*checklist.Item{g1, g2})
	if err != nil {
		t.Fatal(err)
	}
	if len(sets[0].patterns) != len(sets[1].patterns) || &sets[0].patterns[0] != &sets[1].patterns[0] {
		t.Fatal("the Sets of a plan do not share their patterns")
	}
	d := doc("d.md", "Complaints are answered by 10am. Going forward, 87% were satisfied with us; we leverage that.")
	for _, info := range []bool{false, true} {
		ev := sets[0].Read(d)
		for g, items := range [][]*checklist.Item{g1, g2} {
			alone, err := Compile(items)
			if err != nil {
				t.Fatal(err)
			}
			want := alone.evaluate([]*document.Document{d}, info)
			if diff := cmp.Diff(want, sets[g].EvaluateEvidence(ev, info)); diff != "" {
				t.Errorf("group %d, info %v (-alone +together):\n%s", g, info, diff)
			}
			// An Evidence of another plan is read again, with the same outcome.
			if diff := cmp.Diff(want, alone.EvaluateEvidence(ev, info)); diff != "" {
				t.Errorf("group %d, other plan (-alone +evidence of another plan):\n%s", g, diff)
			}
		}
		ev.Release()
	}
	if ids := sets[1].Items(); len(ids) != 3 || ids[0] != "two/a" {
		t.Errorf("Items of the second Set = %v", ids)
	}
}
