package answers

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/schema"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

func item(cl, id, q string) *checklist.Item {
	return &checklist.Item{ID: id, FullID: cl + "/" + id, Question: q, Weight: 1, Checklist: cl}
}

// testChecklist is keeps-promises with one automated item and one follow-up.
func testChecklist() *checklist.Checklist {
	auto := item("kp", "published", "Are standards published?")
	auto.Evidence = &checklist.Evidence{Any: []checklist.Pattern{{Expr: "within"}}}
	follow := item("kp", "told-why", "Were people told why?")
	follow.When = &checklist.Condition{Item: "timescales", Answers: []string{"no", "partial"}}
	crit := item("kp", "apology", "Do letters apologise?")
	crit.Critical = true
	return &checklist.Checklist{ID: "kp", Title: "Keeps promises", Version: "1", Scale: checklist.DefaultScale(),
		Sections: []*checklist.Section{
			{ID: "kp", Title: "Keeps promises", Items: []*checklist.Item{
				item("kp", "timescales", "Do published standards give\nconcrete timescales?"), auto, follow, crit}},
		}}
}

// refChecklist is testChecklist with refs on two items.
func refChecklist() *checklist.Checklist {
	cl := testChecklist()
	cl.Item("timescales").Ref = "6.2"
	cl.Item("apology").Ref = "6.10"
	return cl
}

// profile includes two checklists that share the short id "timescales".
func profile() *checklist.Checklist {
	return &checklist.Checklist{ID: "charter", Title: "Charter", Scale: checklist.DefaultScale(),
		Sections: []*checklist.Section{
			{ID: "kp", Title: "Keeps promises", Items: []*checklist.Item{item("kp", "timescales", "Q1"), item("kp", "apology", "Q2")}},
			{ID: "rh", Title: "Real humans", Items: []*checklist.Item{item("rh", "timescales", "Q3")}},
		}}
}

func TestParse(t *testing.T) {
	src := `checklist: kp
subject: Housing repairs
auditor: A. Assessor
date: 2026-11-20
answers:
  timescales: partial
  published:
  told-why:
    answer: no
    note: Two of five cases.
    evidence: [case-1042, case-1057]
  apology: {answer: yes, evidence: letter-3}
`
	f, err := Parse("a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{Checklist: "kp", Subject: "Housing repairs", Auditor: "A. Assessor", Date: "2026-11-20", Path: "a.yaml",
		ChecklistPos: diag.Pos{File: "a.yaml", Line: 1, Column: 12},
		Answers: []Answer{
			{Item: "timescales", Value: "partial", Pos: diag.Pos{File: "a.yaml", Line: 6, Column: 3}},
			{Item: "published", Pos: diag.Pos{File: "a.yaml", Line: 7, Column: 3}},
			{Item: "told-why", Value: "no", Note: "Two of five cases.", Evidence: []string{"case-1042", "case-1057"}, Pos: diag.Pos{File: "a.yaml", Line: 8, Column: 3}},
			{Item: "apology", Value: "yes", Evidence: []string{"letter-3"}, Pos: diag.Pos{File: "a.yaml", Line: 12, Column: 3}},
		}}
	if d := cmp.Diff(want, f); d != "" {
		t.Errorf("Parse (-want +got):\n%s", d)
	}
	if err := f.Check(testChecklist()); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"not yaml", "checklist: [kp\n", []string{"a.yaml:2: not valid YAML: did not find expected ',' or ']' (in the block that starts here)"}},
		{"empty", "", []string{"a.yaml: empty answers file: expected checklist, subject and answers"}},
		{"list", "- a\n", []string{"a.yaml:1:1: an answers file is a mapping with checklist, subject and answers"}},
		{"no checklist", "subject: x\n", []string{"a.yaml:1:1: no checklist: say which checklist the answers are for (checklist: ID)"}},
		{"typo key", "checklist: kp\nsubjet: x\n", []string{`a.yaml:2:1: unknown key "subjet"`}},
		{"bad date", "checklist: kp\ndate: 20/11/2026\n", []string{`a.yaml:2:7: date "20/11/2026" is not a date: write YYYY-MM-DD`}},
		{"duplicate", "checklist: kp\nanswers:\n  a: yes\n  a: no\n", []string{"a.yaml:4:3: item a answered twice (first at line 3)"}},
		{"answers list", "checklist: kp\nanswers: [a]\n", []string{"a.yaml:2:10: answers must be a mapping of item id to answer"}},
		{"long typo", "checklist: kp\nanswers:\n  a: {answr: yes}\n", []string{`a.yaml:3:7: unknown key "answr" in the answer to a (have answer, note, evidence)`}},
		{"seq value", "checklist: kp\nanswers:\n  a: [yes]\n", []string{"a.yaml:3:6: answer to a must be a value (yes) or a mapping {answer, note, evidence}"}},
		{"every problem", "checklist: kp\ndate: x\nanswers:\n  a: [yes]\n", []string{
			`a.yaml:2:7: date "x" is not a date: write YYYY-MM-DD`,
			"a.yaml:4:6: answer to a must be a value (yes) or a mapping {answer, note, evidence}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("a.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			var got []string
			for _, e := range diag.Flatten(err) {
				got = append(got, e.Error())
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("errors (-want +got):\n%s", d)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		cl   *checklist.Checklist
		src  string
		want []string // "error | hint"
	}{
		{"override of automated allowed", testChecklist(), "checklist: kp\nanswers:\n  published: no\n", nil},
		{"full id", testChecklist(), "checklist: kp\nanswers:\n  kp/timescales: yes\n", nil},
		{"unknown with suggestion", testChecklist(), "checklist: kp\nanswers:\n  timescale: yes\n",
			[]string{`a.yaml:3:3: unknown item "timescale" in checklist kp | did you mean "timescales"?`}},
		{"unknown no suggestion", testChecklist(), "checklist: kp\nanswers:\n  zzzzzzzzzz: yes\n",
			[]string{`a.yaml:3:3: unknown item "zzzzzzzzzz" in checklist kp | `}},
		{"outside scale", testChecklist(), "checklist: kp\nanswers:\n  timescales: maybe\n",
			[]string{`a.yaml:3:3: answer "maybe" to timescales is not on the scale: use one of yes, partial, no, na | `}},
		{"outside scale: the label's answer", testChecklist(), "checklist: kp\nanswers:\n  timescales: partly\n",
			[]string{`a.yaml:3:3: answer "partly" to timescales is not on the scale: use one of yes, partial, no, na | did you mean partial ("Partly")?`}},
		{"duplicate by full and short id", testChecklist(), "checklist: kp\nanswers:\n  timescales: yes\n  kp/timescales: no\n",
			[]string{"a.yaml:4:3: item kp/timescales answered twice (first at line 3) | "}},
		{"checklist mismatch", testChecklist(), "checklist: real-humans\nanswers:\n  timescales: yes\n",
			[]string{`a.yaml:1:12: answers are for checklist "real-humans", not "kp" | run with -c real-humans, or fix the checklist line of a.yaml`}},
		{"ambiguous short id", profile(), "checklist: charter\nanswers:\n  timescales: yes\n  apology: no\n",
			[]string{`a.yaml:3:3: item id "timescales" is ambiguous in charter | write the full id: kp/timescales or rh/timescales`}},
		{"by ref", refChecklist(), "checklist: kp\nanswers:\n  6.2: yes\n  kp/6.10: no\n", nil},
		{"ref and id of one item", refChecklist(), "checklist: kp\nanswers:\n  6.2: yes\n  timescales: no\n",
			[]string{"a.yaml:4:3: item kp/timescales answered twice (first at line 3) | "}},
		{"unknown ref with suggestion", refChecklist(), "checklist: kp\nanswers:\n  6.3: yes\n",
			[]string{`a.yaml:3:3: unknown item "6.3" in checklist kp | did you mean "6.2"?`}},
		{"profile full ids", profile(), "checklist: charter\nanswers:\n  kp/timescales: yes\n  rh/timescales: no\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("a.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range diag.Flatten(f.Check(tt.cl)) {
				got = append(got, e.Error()+" | "+e.Hint)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Check (-want +got):\n%s", d)
			}
		})
	}
}

func TestCheckByPath(t *testing.T) {
	dir := t.TempDir()
	cl := testChecklist()
	cl.ID = "local"
	cl.File = filepath.Join(dir, "lists", "local.yaml")
	f := &File{Checklist: "lists/local.yaml", Path: filepath.Join(dir, "a.yaml")}
	if err := f.Check(cl); err != nil {
		t.Errorf("a path relative to the answers file should match: %v", err)
	}
}

func TestSaveRoundTrip(t *testing.T) {
	cl := testChecklist()
	f := &File{Checklist: "kp", Subject: "Repairs: north", Date: "2026-11-20"}
	f.Set(cl, cl.Item("apology"), "no", "")
	f.Set(cl, cl.Item("timescales"), "yes", "said: \"within 5 days\"")
	f.Set(cl, cl.Item("apology"), "partial", "")
	f.Answers = append(f.Answers, Answer{Item: "published", Evidence: []string{"web page"}})
	f.Sort(cl)
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := Save(path, f); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	want := `checklist: kp
subject: 'Repairs: north'
date: "2026-11-20"
answers:
  timescales:
    answer: yes
    note: 'said: "within 5 days"'
  published:
    evidence: [web page]
  apology: partial
`
	if d := cmp.Diff(want, string(b)); d != "" {
		t.Errorf("saved (-want +got):\n%s", d)
	}
	g, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range g.Answers {
		g.Answers[i].Pos = diag.Pos{}
	}
	g.Path, g.ChecklistPos = "", diag.Pos{}
	if d := cmp.Diff(f, g); d != "" {
		t.Errorf("round trip (-saved +loaded):\n%s", d)
	}
}

func TestTemplate(t *testing.T) {
	got := Template(testChecklist())
	golden := filepath.Join("testdata", "template.golden.yaml")
	if *update {
		os.WriteFile(golden, got, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("template (-want +got):\n%s", d)
	}
	f, err := Parse("t.yaml", got)
	if err != nil {
		t.Fatalf("template does not parse: %v", err)
	}
	if err := f.Check(testChecklist()); err != nil {
		t.Errorf("template does not check: %v", err)
	}
	for _, a := range f.Answers {
		if a.Value != "" {
			t.Errorf("template answers %s", a.Item)
		}
	}
	if !strings.Contains(string(got), "  # published:\n") {
		t.Error("automated item should be listed commented out")
	}
	// a profile names shared short ids by full id
	if p := string(Template(profile())); !strings.Contains(p, "  kp/timescales:\n") || !strings.Contains(p, "  apology:\n") {
		t.Errorf("profile template:\n%s", p)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("checklist: kp\nanswers:\n  a: yes\n  b: {answer: no, note: x, evidence: [1]}\n"))
	f.Add([]byte("answers: &a\n  x: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := Parse("f.yaml", data); err == nil {
			_ = a.Check(testChecklist())
		}
	})
}

func TestSchema(t *testing.T) {
	f := &File{Checklist: "kp", Subject: "s", Date: "2026-11-20", Answers: []Answer{
		{Item: "timescales", Value: "partial"}, {Item: "apology", Value: "no", Note: "n", Evidence: []string{"case-1"}}, {Item: "published"}}}
	saved, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string][]byte{"template": Template(testChecklist()), "saved": saved,
		"design example": []byte("checklist: keeps-promises\nsubject: Housing\nauditor: A\ndate: 2026-11-20\nanswers:\n  timescales: partial\n  told:\n    answer: no\n    note: x\n    evidence: [case-1042, case-1057]\n")} {
		var v any
		if err := yaml.Unmarshal(src, &v); err != nil {
			t.Fatal(err)
		}
		if err := schema.ValidateValue("answers", v); err != nil {
			t.Errorf("%s does not validate: %v", name, err)
		}
	}
	var bad any
	yaml.Unmarshal([]byte("checklist: kp\nanswers:\n  a: {answr: yes}\n"), &bad)
	if schema.ValidateValue("answers", bad) == nil {
		t.Error("a misspelt key should not validate")
	}
}

// TestExamples parses the repository's example answers files and checks
// them against the published schema.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "answers", "*.yaml"))
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(path, b); err != nil {
				t.Errorf("parse: %v", err)
			}
			var v any
			if err := yaml.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			if err := schema.ValidateValue("answers", v); err != nil {
				t.Errorf("schema: %v", err)
			}
		})
	}
}

func TestByItemRef(t *testing.T) {
	cl := refChecklist()
	f, err := Parse("a.yaml", []byte("checklist: kp\nanswers:\n  6.2: partial\n  kp/6.10:\n    answer: no\n    note: Two letters of five.\n"))
	if err != nil {
		t.Fatal(err)
	}
	by := f.ByItem(cl)
	if a := by["kp/timescales"]; a == nil || a.Value != "partial" {
		t.Errorf("6.2 answers kp/timescales: got %+v", a)
	}
	if a := by["kp/apology"]; a == nil || a.Value != "no" || a.Note != "Two letters of five." {
		t.Errorf("kp/6.10 answers kp/apology: got %+v", a)
	}
	if a := f.Lookup(cl.Item("apology")); a == nil || a.Value != "no" {
		t.Errorf("Lookup(apology) = %+v", a)
	}
}
