package suppress

import (
	"reflect"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/result"
)

func parse(t *testing.T, name, src string) Doc {
	t.Helper()
	doc, err := document.Parse(name, []byte(src), document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d, errs := Parse(doc)
	if len(errs) > 0 {
		t.Fatalf("Parse: %v", errs)
	}
	return d
}

const demo = `id: demo
title: Demo
sections:
  - id: s
    title: S
    items:
      - id: a
        question: A?
        ref: "1.2"
      - id: b
        question: B?
`

func demoChecklist(t *testing.T) *checklist.Checklist {
	t.Helper()
	cl, err := checklist.Parse("demo.yaml", []byte(demo))
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func TestParseRegions(t *testing.T) {
	d := parse(t, "p.md", `<!-- svcaudit-disable a, b -- both
     over two lines -->
text
<!-- svcaudit-enable a -->
more
<!-- svcaudit-disable-file demo/1.2 -- by ref -->
`)
	if len(d.Regions) != 3 {
		t.Fatalf("regions = %+v", d.Regions)
	}
	// "a" was closed at line 4; "b" stays open to the end.
	if r := d.Regions[0]; strings.Join(r.Items, ",") != "b" || r.To < 1<<30 || r.Reason != "both over two lines" || r.Line != 1 {
		t.Errorf("open region = %+v", r)
	}
	if r := d.Regions[1]; strings.Join(r.Items, ",") != "a" || r.From != 1 || r.To != 4 {
		t.Errorf("closed region = %+v", r)
	}
	if r := d.Regions[2]; !r.File || r.Items[0] != "demo/1.2" {
		t.Errorf("file region = %+v", r)
	}
}

func TestParseErrors(t *testing.T) {
	doc, err := document.Parse("e.html", []byte(`<p>x</p>
<!-- svcaudit-disable a -->
<!-- svcaudit-disable -- no items -->
<!-- svcaudit-enable b -->
<!-- svcaudit-off a -- why -->
<!-- a comment about svcaudit-disable is not one -->
`), document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, errs := Parse(doc)
	want := []string{
		"e.html:2: svcaudit-disable a gives no reason",
		"e.html:3: svcaudit-disable names no item",
		"e.html:4: svcaudit-enable b: no svcaudit-disable of it is open above",
		`e.html:5: unknown directive "svcaudit-off"`,
	}
	if len(errs) != len(want) {
		t.Fatalf("errors = %v", errs)
	}
	for i, w := range want {
		if errs[i].Error() != w {
			t.Errorf("error %d = %q, want %q", i, errs[i].Error(), w)
		}
	}
}

func TestCheckUnknownItems(t *testing.T) {
	d := parse(t, "p.md", "<!-- svcaudit-disable demo/c, aa, demo, 1.2 -- why -->\n")
	errs := d.Check([]*checklist.Checklist{demoChecklist(t)})
	if len(errs) != 2 {
		t.Fatalf("errors = %v", errs)
	}
	if !strings.Contains(errs[0].Error(), "p.md:1: the suppression names demo/c") {
		t.Errorf("error = %v", errs[0])
	}
	if errs[1].Hint != `did you mean "a"?` {
		t.Errorf("hint = %q", errs[1].Hint)
	}
}

func problem(line int) result.Finding {
	return result.Finding{Rule: "r", File: "p.md", Line: line, Severity: "error", Message: "m"}
}

func TestApply(t *testing.T) {
	cl := demoChecklist(t)
	d := parse(t, "p.md", `line 1
<!-- svcaudit-disable a -- lines 2 to 6 -->
3

5
<!-- svcaudit-enable a -->
7
`)
	auto := map[string]rule.Outcome{
		"demo/a": {Findings: []result.Finding{problem(3), problem(5)}},
		"demo/b": {Findings: []result.Finding{problem(3)}},
	}
	waived, notices := Apply([]Doc{d}, cl, auto)
	if w, ok := waived["demo/a"]; !ok || !w.Inline || w.Line != 2 || w.File != "p.md" || w.Reason != "lines 2 to 6" {
		t.Errorf("demo/a waiver = %+v, %v", w, ok)
	}
	if _, ok := waived["demo/b"]; ok {
		t.Error("demo/b is not named by the suppression but was waived")
	}
	if len(notices) != 0 {
		t.Errorf("notices = %q", notices)
	}

	// One problem outside the region: the item still fails on it.
	auto = map[string]rule.Outcome{"demo/a": {Findings: []result.Finding{problem(3), problem(7), {Severity: "info", Line: 3}}}}
	waived, notices = Apply([]Doc{d}, cl, auto)
	if len(waived) != 0 {
		t.Errorf("waived = %v", waived)
	}
	if got := auto["demo/a"].Findings; len(got) != 2 || got[0].Severity != "error" || got[0].Line != 7 || got[1].Severity != "info" {
		t.Errorf("kept findings = %+v", got)
	}
	if len(notices) != 1 || !strings.HasPrefix(notices[0], "1 of 2 problems of demo/a silenced by the suppression at p.md:2") {
		t.Errorf("notices = %q", notices)
	}

	// A passing item: the suppression silenced nothing and says so.
	auto = map[string]rule.Outcome{"demo/a": {Passed: true}}
	_, notices = Apply([]Doc{d}, cl, auto)
	if len(notices) != 1 || !strings.Contains(notices[0], "the suppression of a at p.md:2 silenced nothing") {
		t.Errorf("notices = %q", notices)
	}
}

func TestApplyFileSuppression(t *testing.T) {
	cl := demoChecklist(t)
	// A failure with no place (evidence not found) is silenced only by a
	// suppression of the whole file.
	missing := result.Finding{Rule: "r", File: "p.md", Severity: "error", Message: "not found"}
	region := parse(t, "p.md", "<!-- svcaudit-disable b -- a region -->\n")
	auto := map[string]rule.Outcome{"demo/b": {Findings: []result.Finding{missing}}}
	if waived, _ := Apply([]Doc{region}, cl, auto); len(waived) != 0 {
		t.Errorf("a region waived a failure with no place: %v", waived)
	}
	whole := parse(t, "p.md", "x\n\n<!-- svcaudit-disable-file demo -- the checklist does not apply -->\n")
	waived, _ := Apply([]Doc{whole}, cl, auto)
	if w := waived["demo/b"]; !w.Inline || w.Line != 3 {
		t.Errorf("file suppression: waived = %v", waived)
	}
	// In a check of several documents together, a suppression covers only
	// its own document's problems.
	other := result.Finding{Rule: "r", File: "q.md", Line: 1, Severity: "error"}
	auto = map[string]rule.Outcome{"demo/b": {Findings: []result.Finding{other}}}
	if waived, _ := Apply([]Doc{whole, {Path: "q.md"}}, cl, auto); len(waived) != 0 {
		t.Errorf("p.md's suppression waived q.md's problem: %v", waived)
	}
}

// An enable without items closes every open suppression in a fixed order,
// so the regions (and the notices made from them) are the same every run.
func TestEnableAllIsDeterministic(t *testing.T) {
	src := "<!-- svcaudit-disable a, b, c -- three -->\n\nx\n\n<!-- svcaudit-disable\tdemo/d -- four -->\n\n<!-- svcaudit-enable -->\n"
	first := parse(t, "p.md", src)
	if len(first.Regions) != 4 {
		t.Fatalf("regions = %+v", first.Regions)
	}
	for range 50 {
		if again := parse(t, "p.md", src); !reflect.DeepEqual(again, first) {
			t.Fatalf("regions differ between runs:\n%+v\n%+v", first.Regions, again.Regions)
		}
	}
	for _, r := range first.Regions {
		if r.To != 7 {
			t.Errorf("region %+v left open", r)
		}
	}
}
