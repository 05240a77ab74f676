package checklist

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/race"
)

func TestLoadProfile(t *testing.T) {
	cl, err := Load("testdata/valid-profile.yaml")
	if err != nil {
		t.Fatal(formatErrors(err))
	}
	type sec struct {
		ID, Title string
		Items     []string
		Weights   []float64
	}
	var got []sec
	for _, s := range cl.Sections {
		g := sec{ID: s.ID, Title: s.Title}
		for _, it := range s.Items {
			g.Items = append(g.Items, it.FullID)
			g.Weights = append(g.Weights, it.Weight)
		}
		got = append(got, g)
	}
	want := []sec{
		{ID: "promises", Title: "Keeps promises", Items: []string{"promises/timescales", "promises/kept"}, Weights: []float64{1, 1}},
		{ID: "listening", Title: "Listening to people", Items: []string{"listening/escalation", "listening/feedback", "listening/follow-up"}, Weights: []float64{3, 1, 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if c := cl.Item("follow-up").When; c == nil || c.Item != "listening/feedback" {
		t.Errorf("follow-up condition = %+v, want it resolved to listening/feedback", c)
	}
	if got := cl.Item("listening/escalation").Checklist; got != "listening" {
		t.Errorf("Checklist of an included item = %q, want listening", got)
	}
	if len(cl.Includes) != 2 || cl.Includes[1].Reweight["escalation"] != 3 {
		t.Errorf("Includes = %+v", cl.Includes)
	}
	// Tailoring copies items: loading the included file alone is untouched.
	sub, err := Load("testdata/inc/listening.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if w := sub.Item("escalation").Weight; w != 1 {
		t.Errorf("included file's weight changed to %v", w)
	}
}

func TestLoadFull(t *testing.T) {
	cl, err := Load("testdata/valid-full.yaml")
	if err != nil {
		t.Fatal(formatErrors(err))
	}
	var mins []float64
	for _, b := range cl.Grades {
		mins = append(mins, b.Min)
	}
	if diff := cmp.Diff([]float64{90, 70, 40, 0}, mins); diff != "" {
		t.Errorf("grade bands not sorted highest first (-want +got):\n%s", diff)
	}
	ts := cl.Item("timescales")
	ev := ts.Evidence
	if !ev.NumberWords || ev.MatchCase || ev.Min != 2 || len(ev.Any) != 2 || len(ev.None) != 1 {
		t.Errorf("evidence = %+v", ev)
	}
	if ev.Any[1].Pos != (diag.Pos{File: "testdata/valid-full.yaml", Line: 37, Column: 55}) {
		t.Errorf("pattern position = %v", ev.Any[1].Pos)
	}
	if !ts.Critical || ts.Weight != 3 || ts.FullID != "full/timescales" {
		t.Errorf("item = %+v", ts)
	}
	esc := cl.Item("escalation").Evidence
	if !esc.MatchCase || esc.Near.Within != 40 || esc.Heading.Expr != "complaints?" {
		t.Errorf("escalation evidence = %+v", esc)
	}
	j := cl.Item("plain").Evidence.Jargon
	if j.Max != 5 || j.Per != 1000 || len(j.Words) != 3 {
		t.Errorf("jargon = %+v", j)
	}
	want := []Gate{
		{Kind: SectionMin, Min: 50, Sections: []string{"promises"}},
		{Kind: OverallMin, Min: 60},
		{Kind: MaxPartials, Max: 3},
		{Kind: NoCriticalFailures},
	}
	for i := range cl.Gates {
		cl.Gates[i].Pos = diag.Pos{}
	}
	if diff := cmp.Diff(want, cl.Gates); diff != "" {
		t.Errorf("gates (-want +got):\n%s", diff)
	}
	if c := cl.Scale.Choice("most"); c == nil || c.Score != 0.75 || c.Label != "Mostly met" {
		t.Errorf("scale choice most = %+v", c)
	}
	if cl.Sections[0].Weight != 2 || cl.Version != "2.1" {
		t.Errorf("section weight %v, version %q", cl.Sections[0].Weight, cl.Version)
	}
}

func TestParseDefaults(t *testing.T) {
	cl, err := Parse("x.yaml", []byte("id: x\ntitle: X\nitems:\n  - id: a\n    question: A?\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultScale().Values(), cl.Scale.Values()); diff != "" {
		t.Error(diff)
	}
	if len(cl.Grades) != 3 || cl.Sections[0].ID != "x" || cl.Sections[0].Title != "X" {
		t.Errorf("defaults: grades %v, section %+v", cl.Grades, cl.Sections[0])
	}
	it := cl.Items()[0]
	if it.Weight != 1 || it.FullID != "x/a" || it.Pos != (diag.Pos{File: "x.yaml", Line: 4, Column: 5}) {
		t.Errorf("item = %+v", it)
	}
}

func TestParseLeavesIncludesToLoad(t *testing.T) {
	src := "id: p\ntitle: P\ninclude: [other.yaml]\ngates:\n  - section-min: 50\n    sections: [other]\nitems:\n  - id: a\n    question: A?\n    when: {item: other/b, answer: no}\n"
	cl, err := Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(cl.Includes) != 1 || cl.Includes[0].Checklist != "other.yaml" {
		t.Errorf("Includes = %+v", cl.Includes)
	}
	// Without the include, the same references are errors.
	_, err = Parse("p.yaml", []byte(strings.Replace(src, "include: [other.yaml]\n", "", 1)))
	if got := formatErrors(err); !strings.Contains(got, `gate names unknown section "other"`) || !strings.Contains(got, `follow-up names unknown item "other/b"`) {
		t.Errorf("errors:\n%s", got)
	}
}

func TestErrorsAreDiagList(t *testing.T) {
	_, err := Parse("bad.yaml", []byte("id: x\ntitle: X\nitems:\n  - id: a\n    wieght: 2\n"))
	var list diag.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %#v, want a diag.List of 2", err)
	}
	if list[0].Line != 4 || list[1].Line != 5 || list[1].Column != 5 || list[1].Hint != `did you mean "weight"?` {
		t.Errorf("problems = %v / %+v", list[0], list[1])
	}
}

func TestResolve(t *testing.T) {
	ids := BuiltinIDs()
	if len(ids) == 0 {
		t.Fatal("no built-in checklists")
	}
	cl, err := Resolve(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if cl.ID != ids[0] || cl.File != "builtin:"+ids[0] {
		t.Errorf("Resolve(%q) = %s from %s", ids[0], cl.ID, cl.File)
	}
	if _, err := Resolve("testdata/valid-minimal.yaml"); err != nil {
		t.Error(err)
	}
	_, err = Resolve(ids[0] + "x")
	list := diag.Flatten(err)
	if len(list) != 1 || !strings.Contains(list[0].Msg, "not a built-in id, nor a file") || list[0].Hint != fmt.Sprintf("did you mean %q?", ids[0]) {
		t.Errorf("Resolve(typo) = %v (hint %q)", err, list[0].Hint)
	}
	_, err = Resolve("testdata/missing.yaml")
	if got := formatErrors(err); got != "testdata/missing.yaml: cannot read checklist: no such file\n" {
		t.Errorf("Resolve(missing) = %q", got)
	}
}

// TestBuiltins loads every embedded checklist: whatever checklists/ holds
// must load and validate.
func TestBuiltins(t *testing.T) {
	cls, err := Builtins()
	if err != nil {
		t.Fatalf("built-in checklists do not validate:\n%s", formatErrors(err))
	}
	if diff := cmp.Diff(BuiltinIDs(), ids(cls)); diff != "" {
		t.Error(diff)
	}
	for _, cl := range cls {
		for _, it := range cl.Items() {
			if !strings.HasPrefix(it.FullID, it.Checklist+"/") {
				t.Errorf("%s: FullID %q not under %q", cl.ID, it.FullID, it.Checklist)
			}
		}
	}
}

func ids(cls []*Checklist) []string {
	var out []string
	for _, c := range cls {
		out = append(out, c.ID)
	}
	return out
}

func TestIncludeSymlinkEscape(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "x.yaml"), []byte("id: x\ntitle: X\nitems: [{id: a, question: A}]\n"), 0o644)
	if err := os.Symlink(filepath.Join(outside, "x.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip("no symlinks:", err)
	}
	main := filepath.Join(dir, "main.yaml")
	os.WriteFile(main, []byte("id: m\ntitle: M\ninclude: [link.yaml]\n"), 0o644)
	_, err := Load(main)
	if got := formatErrors(err); !strings.Contains(got, `include "link.yaml" is outside the checklist's folder`) {
		t.Errorf("got %q", got)
	}
}

// bigChecklist writes a checklist of n items across n/100 sections.
func bigChecklist(n int) []byte {
	var b strings.Builder
	b.WriteString("id: big\ntitle: Big\nsections:\n")
	for i := 0; i < n; i++ {
		if i%100 == 0 {
			fmt.Fprintf(&b, "  - id: s%d\n    items:\n", i/100)
		}
		fmt.Fprintf(&b, "      - id: i%d\n        question: Item %d?\n        evidence: {any: ['within \\d+ days']}\n", i, i)
		if i%100 == 1 {
			fmt.Fprintf(&b, "        when: {item: i%d, answer: no}\n", i-1)
		}
	}
	return []byte(b.String())
}

func TestParseLarge(t *testing.T) {
	n := 100000
	if testing.Short() || race.Enabled {
		n = 10000 // BenchmarkParse100k keeps the full size
	}
	cl, err := Parse("big.yaml", bigChecklist(n))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(cl.Items()); got != n {
		t.Errorf("%d items, want %d", got, n)
	}
}

func BenchmarkParse100k(b *testing.B) {
	data := bigChecklist(100000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("big.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSentenceRules(t *testing.T) {
	cl, err := Load("testdata/valid-sentence.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rs := cl.Item("apology").Evidence.Sentences
	if len(rs) != 2 {
		t.Fatalf("%d sentence rules, want 2", len(rs))
	}
	a, b := rs[0], rs[1]
	if len(a.All) != 1 || a.Who != "organisation" || !a.Commit || a.Hedge != "partial" || a.Missing != "fail" || a.Example == "" {
		t.Errorf("first rule read as %+v", a)
	}
	if len(b.Any) != 2 || len(b.None) != 1 || b.Missing != "partial" || b.Hedge != "fail" || b.What != "that commits to put things right" {
		t.Errorf("second rule read as %+v", b)
	}
	if s := cl.Item("salutation").Evidence.Sentences; len(s) != 1 || !s[0].Forbid {
		t.Errorf("salutation rule read as %+v", s)
	}
	if s := cl.Item("results").Evidence.Sentences; len(s) != 1 || !s[0].Rows || !s[0].Heading {
		t.Errorf("results rule read as %+v", s)
	}
	if s := cl.Item("contact").Evidence.Sentences; len(s) != 1 || s[0].Context != 3 || len(s[0].Own) != 1 {
		t.Errorf("contact rule read as %+v", s)
	}
	if s := cl.Item("route").Evidence.Sentences; len(s) != 1 || !s[0].Follow {
		t.Errorf("route rule read as %+v", s)
	}
	// own says when context is not looked at: without context it means nothing
	_, err = Parse("own.yaml", []byte("id: x\ntitle: X\nitems:\n  - id: a\n    question: A?\n    evidence:\n      sentence: {any: [call], own: [me]}\n"))
	if err == nil || !strings.Contains(err.Error(), "own.yaml:7") || !strings.Contains(err.Error(), "own needs context") {
		t.Errorf("own without context: %v", err)
	}
}
