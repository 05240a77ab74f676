package stream

import (
	"bytes"
	"testing"

	"github.com/svcaudit/svcaudit/result"
)

// failed is a Result of doc whose one item failed with the findings fs.
func failed(doc string, fs ...result.Finding) *result.Result {
	return &result.Result{Subject: doc, Documents: []string{doc}, Items: []result.Item{{
		ID: "kp/vague", Question: "No vague promises?", Outcome: result.Fail, Findings: fs}}}
}

// TestBaselineRoundTrip: what a BaselineWriter writes, ParseBaseline reads
// back as every finding unchanged, wherever the text moved; an extra
// finding of the same key beyond the count accepted is new.
func TestBaselineRoundTrip(t *testing.T) {
	f := func(line int, sentence string) result.Finding {
		return result.Finding{File: "p.md", Line: line, Message: `found "as soon as possible"`, Sentence: sentence, Severity: "error"}
	}
	w := NewBaselineWriter()
	w.Add(failed("p.md", f(3, "We will act as soon as possible."), f(9, "We reply as soon as possible.")))
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := ParseBaseline("b.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	r := failed("p.md", f(30, "We  will act as soon as POSSIBLE."), f(40, "We reply as soon as possible."), f(41, "We reply as soon as possible."))
	b.Mark(r)
	got := []string{}
	for _, f := range r.Items[0].Findings {
		got = append(got, f.BaselineState)
	}
	want := []string{BaselineUnchanged, BaselineUnchanged, BaselineNew}
	if len(got) != len(want) {
		t.Fatalf("states %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("states %v, want %v", got, want)
		}
	}
	if b.New != 1 || b.Unchanged != 2 {
		t.Errorf("counted %d new and %d unchanged, want 1 and 2", b.New, b.Unchanged)
	}
	// the same finding in another document is new
	other := failed("q.md", result.Finding{File: "q.md", Line: 3, Message: `found "as soon as possible"`, Sentence: "We will act as soon as possible.", Severity: "error"})
	b.Mark(other)
	if s := other.Items[0].Findings[0].BaselineState; s != BaselineNew {
		t.Errorf("the finding in another document is %q, want new", s)
	}
}
