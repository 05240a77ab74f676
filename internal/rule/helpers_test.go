package rule

import (
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/result"
)

// doc builds a Markdown-like document: one segment per line of text, lines
// "# ..." are headings (the "# " is kept out of Text).
func doc(path, text string) *document.Document {
	d := &document.Document{Path: path, Format: "md"}
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 1
		if strings.HasPrefix(line, "# ") {
			line = line[2:]
			col = 3
			d.Headings = append(d.Headings, document.Heading{Level: 1, Text: line, Off: b.Len()})
		}
		d.Segments = append(d.Segments, document.Segment{Off: b.Len(), Line: i + 1, Column: col})
		b.WriteString(line)
	}
	d.Text = b.String()
	d.Index()
	return d
}

func pats(exprs ...string) []checklist.Pattern {
	ps := make([]checklist.Pattern, len(exprs))
	for i, e := range exprs {
		ps[i] = checklist.Pattern{Expr: e, Pos: pos(i + 1)}
	}
	return ps
}

func pat(expr string) checklist.Pattern { return checklist.Pattern{Expr: expr, Pos: pos(1)} }

func item(ev checklist.Evidence) []*checklist.Item {
	return []*checklist.Item{{ID: "x", FullID: "t/x", Evidence: &ev}}
}

// evaluate compiles ev and runs it over docs, with and without the
// prefilter, failing the test if the two differ.
func evaluate(t *testing.T, ev checklist.Evidence, docs ...*document.Document) Outcome {
	t.Helper()
	set, err := Compile(item(ev))
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	got := set.Evaluate(docs...)["t/x"]
	set.naive = true
	naive := set.Evaluate(docs...)["t/x"]
	set.naive = false
	if diff := cmpDiff(naive, got); diff != "" {
		t.Fatalf("prefiltered and naive results differ (-naive +prefiltered):\n%s", diff)
	}
	// EvaluateErrors: the same, less the info findings.
	errs := set.EvaluateErrors(docs...)["t/x"]
	want := Outcome{Passed: got.Passed, Partial: got.Partial, Findings: []result.Finding{}}
	for _, f := range got.Findings {
		if f.Severity != severityInfo {
			want.Findings = append(want.Findings, f)
		}
	}
	if diff := cmpDiff(want, errs); diff != "" {
		t.Fatalf("EvaluateErrors is not Evaluate less its info findings (-want +got):\n%s", diff)
	}
	return got
}
