package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/svcaudit/svcaudit/internal/schema"
	"github.com/svcaudit/svcaudit/result"
)

func TestRescoreMatchesRun(t *testing.T) {
	// The fixtures were scored independently (testdata/gen.py); Rescore must
	// reach the same numbers.
	for _, name := range []string{"housing-2026-q2.json", "housing-2026-q1.json", "council-tax-2026-q2.json", "libraries-2026-q2.json"} {
		t.Run(name, func(t *testing.T) {
			want := load(t, name)[0]
			got := load(t, name)[0]
			got.Score, got.Grade, got.Passed = 0, result.Grade{}, true
			for i := range got.Sections {
				got.Sections[i].Score, got.Sections[i].Grade = nil, nil
			}
			Rescore(got, nil)
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("rescored (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRescoreWeightedSections(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	r := &result.Result{
		Sections: []result.Section{{ID: "a", Weight: 3}, {ID: "b"}},
		Items: []result.Item{
			{ID: "x/1", Section: "a", Outcome: result.Pass, Score: f(100), Weight: 1},
			{ID: "x/2", Section: "b", Outcome: result.Fail, Score: f(0), Weight: 5},
			{ID: "x/3", Section: "b", Outcome: result.NA, Weight: 5},
		},
	}
	Rescore(r, nil)
	// (3×100 + 1×0) / 4 = 75 (b has no weight: it counts once), though
	// items pooled would give 1/6.
	if r.Score != 75 || r.Grade.Label != "Requires improvement" {
		t.Errorf("score %v %v, want 75 Requires improvement", r.Score, r.Grade)
	}
	if r.Sections[1].Possible != 5 {
		t.Errorf("na item counted: possible %v", r.Sections[1].Possible)
	}
}

func TestMergeShards(t *testing.T) {
	m, err := Merge(load(t, "shard-a.json", "shard-b.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The unsharded audit, with the conflict scored as its lower answer.
	want := load(t, "libraries-2026-q2.json")[0]
	half := 50.0
	r := findItem(want, "complaints/route")
	r.Outcome, r.Answer, r.Score = result.Partial, "partial", &half
	Rescore(want, nil)
	if m.Score != want.Score || m.Score == 0 {
		t.Errorf("merged score %v, want %v", m.Score, want.Score)
	}
	if diff := cmp.Diff(want.Sections, m.Sections); diff != "" {
		t.Errorf("merged sections (-want +got):\n%s", diff)
	}
	if m.Auditor != "C. Auditor, D. Second" || m.Date != "2026-07-01" {
		t.Errorf("auditor %q date %q", m.Auditor, m.Date)
	}
	if len(m.Unanswered) != 0 {
		t.Errorf("unanswered after merge: %v", m.Unanswered)
	}
	route := findItem(m, "complaints/route")
	if route.Outcome != result.Partial {
		t.Errorf("conflict scored as %s, want the lower answer (partial)", route.Outcome)
	}
	if !strings.HasPrefix(route.Note, "CONFLICT: C. Auditor answered yes, D. Second answered partial.") {
		t.Errorf("conflict not on the item note: %q", route.Note)
	}
	b, err := result.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate("result", b); err != nil {
		t.Errorf("merged Result does not meet the result schema: %v", err)
	}
	if len(m.Notices) != 1 || !strings.Contains(m.Notices[0], "conflicting answers for complaints/route") {
		t.Errorf("notices %q", m.Notices)
	}
}

func TestMergeRefusesMixedSubjects(t *testing.T) {
	_, err := Merge(load(t, "housing-2026-q2.json", "council-tax-2026-q2.json"), nil)
	if err == nil || !strings.Contains(err.Error(), "different subjects") {
		t.Errorf("err = %v", err)
	}
	a, b := load(t, "shard-a.json")[0], load(t, "shard-b.json")[0]
	b.Checklist.ID = "other"
	if _, err := Merge([]*result.Result{a, b}, nil); err == nil || !strings.Contains(err.Error(), "different checklists") {
		t.Errorf("err = %v", err)
	}
}

func TestRescoreRoundsAsEvaluate(t *testing.T) {
	// 0.57 of 20 points is 2.85%, computed as 2.8499…: score.Evaluate rounds
	// it to 2.9, and Rescore, using the same arithmetic, must too.
	f := func(v float64) *float64 { return &v }
	r := &result.Result{
		Sections: []result.Section{{ID: "a"}},
		Items: []result.Item{
			{ID: "x/1", Section: "a", Outcome: result.Pass, Score: f(100), Weight: 0.57},
			{ID: "x/2", Section: "a", Outcome: result.Fail, Score: f(0), Weight: 19.43},
		},
	}
	Rescore(r, nil)
	if r.Score != 2.9 || *r.Sections[0].Score != 2.9 {
		t.Errorf("score %v, section %v; want 2.9, 2.9", r.Score, *r.Sections[0].Score)
	}
}
