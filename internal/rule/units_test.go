package rule

import (
	"path/filepath"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
)

// TestStanceReadOnce: a sentence's stance is read once per evaluation,
// however many rules, items and checklists of the plan read it.
func TestStanceReadOnce(t *testing.T) {
	d := parsed(t, "p.md", "# Our promises\n\nWe will apologise when we get something wrong.\n\n"+
		"We will reply within 10 working days.\n\nYou must complain within 12 months.\n\n"+
		"| Measure | Target |\n| --- | --- |\n| Calls answered | within 20 seconds |\n")
	rule := func(expr string) *checklist.Item {
		return &checklist.Item{ID: expr, FullID: "c/" + expr, Evidence: &checklist.Evidence{Sentences: sentenceEv(
			&checklist.SentenceRule{Any: pats(expr), Who: "organisation", Commit: true},
		).Sentences}}
	}
	rowRule := &checklist.Item{ID: "rows", FullID: "c/rows", Evidence: &checklist.Evidence{Sentences: sentenceEv(
		&checklist.SentenceRule{Any: pats(`\bwithin\b`), Rows: true, Who: "organisation", Commit: true},
	).Sentences}}
	group := []*checklist.Item{rule(`\bwithin\b`), rule(`\b(apologi[sz]e|reply)\b`), rule(`\b(we|you)\b`), rowRule}
	sets, err := CompileGroups([][]*checklist.Item{group, group, group})
	if err != nil {
		t.Fatal(err)
	}
	e := sets[0].Read(d)
	defer e.Release()
	first := sets[0].EvaluateEvidence(e, true)
	reads := e.ev.stanceReads
	// four sentences and one table row at most, whatever the rules
	if reads == 0 || reads > 5 {
		t.Errorf("%d stance readings after one checklist, want one per unit read (1 to 5)", reads)
	}
	for _, s := range sets[1:] {
		got := s.EvaluateEvidence(e, true)
		if diff := cmpDiff(first, got); diff != "" {
			t.Errorf("a checklist of the same items judges differently (-first +later):\n%s", diff)
		}
	}
	if e.ev.stanceReads != reads {
		t.Errorf("%d stance readings after three checklists, want the first's %d: the readings are not shared", e.ev.stanceReads, reads)
	}
}

// TestBuiltinsNaive runs the built-in checklists over the corpus with the
// prefilter (and the sentence units' skipping of patterns no anchor of
// which lies in the sentence) and without: the outcomes must agree.
func TestBuiltinsNaive(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/corpus/*.md")
	if len(files) < 20 {
		t.Fatalf("found %d corpus documents", len(files))
	}
	var docs []*document.Document
	for _, f := range files {
		d, err := document.Read(f, document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	for _, id := range []string{"keeps-promises", "admits-mistakes", "real-humans", "published-feedback", "housing-ombudsman-code"} {
		cl, err := checklist.Resolve(id)
		if err != nil {
			t.Fatal(err)
		}
		set, err := Compile(cl.Items())
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			got := set.Evaluate(d)
			set.naive = true
			want := set.Evaluate(d)
			set.naive = false
			if diff := cmpDiff(want, got); diff != "" {
				t.Fatalf("%s on %s: (-naive +prefiltered):\n%s", id, d.Path, diff)
			}
		}
	}
}

// TestLazyAnalysis: a pattern run only on sentences or headings is never
// analysed for the prefilter; one the text is searched for is.
func TestLazyAnalysis(t *testing.T) {
	items := []*checklist.Item{{ID: "x", FullID: "t/x", Evidence: &checklist.Evidence{Sentences: sentenceEv(
		&checklist.SentenceRule{Any: pats(`\bapologi[sz]e\b`), None: pats(`\binconvenience\b`)},
	).Sentences}}}
	set, err := Compile(items)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range set.patterns {
		if p.scan != p.analyzed {
			t.Errorf("pattern %s: searched for %v, analysed %v", p.expr, p.scan, p.analyzed)
		}
	}
	if len(set.patterns) != 2 {
		t.Fatalf("%d patterns, want 2", len(set.patterns))
	}
}
