package hostile

import (
	"bytes"
	"encoding/json"
	"flag"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/explain"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/report/stream"
	"github.com/svcaudit/svcaudit/result"
)

// fieldsResult is a Result whose every free-text field, file name
// included, is s: what a committed file named s, or a Result edited by
// hand, puts in front of each renderer.
func fieldsResult(s string) *result.Result {
	fail := result.Fail
	return &result.Result{
		SchemaVersion: result.SchemaVersion,
		Checklist:     result.ChecklistRef{ID: s, Title: s, Version: s},
		Subject:       s, Auditor: s, Date: s, Score: 40,
		Grade:            result.Grade{Label: s, RAG: "red"},
		CriticalFailures: []string{s},
		Gates:            []result.GateResult{{Rule: s, Detail: s}},
		Notices:          []string{s},
		Documents:        []string{s},
		Sections: []result.Section{{ID: "s", Title: s, Score: score(40), Weight: 1, Earned: 0.4, Possible: 1,
			Grade: &result.Grade{Label: s, RAG: "red"}}},
		Items: []result.Item{{
			ID: "kp/a", Section: "s", Question: s, Outcome: result.Fail, Source: result.Overridden,
			Answer: s, Score: score(0), Weight: 1, Critical: true, Note: s, Evidence: []string{s}, Automated: &fail,
			Waiver:   &result.Waiver{Owner: s, Reason: s, File: s, Expires: "2026-01-01"},
			Findings: []result.Finding{{Rule: "any", File: s, Line: 3, Column: 4, Snippet: s, Message: s, Severity: "error"}},
		}, {
			ID: s, Section: "s", Question: s, Outcome: result.Partial, Source: result.Manual, Answer: s, Score: score(50), Weight: 1, Note: s,
		}},
	}
}

// textOutputs renders r in every terminal and text format: report's table
// and Markdown, explain's text and Markdown, check's text; keyed by name.
func textOutputs(t testing.TB, r *result.Result) map[string]string {
	out := map[string]string{}
	for _, format := range []string{"table", "md", "html", "csv"} {
		for _, by := range []string{"section", "item"} {
			var b bytes.Buffer
			if err := report.Render(&b, []*result.Result{r}, report.Options{Format: format, By: by, Today: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatalf("report %s: %v", format, err)
			}
			out["report "+format+" by "+by] = b.String()
		}
	}
	for _, format := range []string{"text", "md"} {
		var b bytes.Buffer
		if err := explain.Write(&b, r, "", explain.Options{Format: format}); err != nil {
			t.Fatalf("explain %s: %v", format, err)
		}
		out["explain "+format] = b.String()
	}
	for _, format := range []string{"md", "html"} {
		var b bytes.Buffer
		if err := report.RenderAnnual(&b, r, report.AnnualOptions{Format: format, Response: r.Subject}); err != nil {
			t.Fatalf("annual %s: %v", format, err)
		}
		out["annual "+format] = b.String()
		b.Reset()
		if err := report.SelfAssessment(&b, r, report.SelfAssessmentOptions{Format: format, Period: r.Subject}); err != nil {
			t.Fatalf("self-assessment %s: %v", format, err)
		}
		out["self-assessment "+format] = b.String()
	}
	var b bytes.Buffer
	rep := &stream.Report{Results: []*result.Result{r}, Errors: []result.FileError{{File: r.Subject, Message: r.Subject}}, NotChecked: []string{r.Subject}}
	if err := stream.Render(&b, "text", rep, stream.Options{Version: "test"}); err != nil {
		t.Fatalf("check text: %v", err)
	}
	out["check text"] = b.String()
	return out
}

// noCommandLines fails when a line of out begins, after blanks, with "::"
// (a GitHub Actions workflow command) or holds an escape or a control.
func noCommandLines(t testing.TB, what, out string) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t\u00a0"), "::") {
			t.Errorf("%s: line %d is a workflow command: %q", what, i+1, line)
		}
		if strings.ContainsAny(line, "\r\x1b\x00\u009b") {
			t.Errorf("%s: line %d carries a raw CR, ESC or NUL: %q", what, i+1, line)
		}
	}
}

// TestNoWorkflowCommands: a file named "::add-mask::x.md", and a grade
// label or a question with "\n::warning::" inside, never put a workflow
// command at the start of a line of any terminal or text format.
func TestNoWorkflowCommands(t *testing.T) {
	for _, s := range []string{
		"::add-mask::x.md",
		"::stop-commands::T.md",
		"Poor\n::warning::forged",
		"ok\r\n  ::error file=a::b",
		"x\u2028::notice::y",
		"\n::set-output name=a::b",
	} {
		for what, out := range textOutputs(t, fieldsResult(s)) {
			noCommandLines(t, what+" of "+safeName(s), out)
		}
	}
}

func safeName(s string) string { return safe.Escaped(s) }

// TestMarkdownBackslashPipe: a backslash before a pipe in a subject or a
// question keeps the Markdown table's cells whole.
func TestMarkdownBackslashPipe(t *testing.T) {
	r := fieldsResult(`a\|b \\|c \`)
	for what, out := range textOutputs(t, r) {
		if strings.Contains(what, "md") {
			tables(t, what, out)
		}
	}
}

// TestCSVNewlineFormula: a cell that begins with a newline (or other
// white space) and then = is guarded like one that begins with =.
func TestCSVNewlineFormula(t *testing.T) {
	r := fieldsResult("\n=HYPERLINK(\"http://evil.example\")")
	for _, by := range []string{"section", "item"} {
		var b bytes.Buffer
		if err := report.Render(&b, []*result.Result{r}, report.Options{Format: "csv", By: by}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "\"\n=") || strings.Contains(b.String(), ",\n=") {
			t.Errorf("csv by %s: a cell begins with a newline then =: %q", by, b.String())
		}
	}
}

// renderBudget is the most that rendering one fuzzed Result in every
// format may take, beyond a per-byte allowance: a renderer whose time grows
// faster than its input fails the fuzz target, not only one that panics.
const (
	renderBudget  = 2 * time.Second
	renderPerByte = 200 * time.Microsecond
)

// budgetScale widens the budget when the seeds run as plain tests
// (go test without -fuzz): then they share the machine with every other
// test package, under the race detector, and a budget of wall-clock time
// measures the load, not the renderer. A hang or a blow-up still fails.
func budgetScale() time.Duration {
	if f := flag.Lookup("test.fuzz"); f != nil && f.Value.String() != "" {
		return 1
	}
	return 5
}

// FuzzOutputSafety puts any text in every field of a Result (file names
// included) and renders it in every format of report, explain and check:
// no line of a terminal or text format begins with "::" or carries a raw
// CR or escape, Markdown tables keep their cells, every format stays free
// of controls, and rendering keeps to a time budget.
func FuzzOutputSafety(f *testing.F) {
	for _, s := range []string{"::add-mask::x.md", "Poor\n::warning::x", `a\|b`, "\x1b]52;c;aGk=\x07", "\x1b]8;;u\x07x\x1b]8;;\x07",
		"\x1b[2J", "\n=cmd|' /C calc'!A0", "<script>", "]]>", "\u202e", "\xff\xfe", "\r\n::error::x", "\u2028::notice::", "\u009b2J\x7f\u0085", all} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		r := fieldsResult(s)
		for what, out := range textOutputs(t, r) {
			noCommandLines(t, what, out)
			inert(t, what, out)
			if strings.Contains(what, "md") {
				tables(t, what, out)
			}
		}
		for _, format := range report.Formats {
			if format == "xlsx" || format == "docx" {
				continue // zip archives, checked by their own tests
			}
			var b bytes.Buffer
			if err := report.Render(&b, []*result.Result{r}, report.Options{Format: format, By: "item"}); err != nil {
				t.Fatalf("report %s: %v", format, err)
			}
			inert(t, "report "+format, b.String())
		}
		for _, format := range stream.Formats {
			var b bytes.Buffer
			if err := stream.Render(&b, format, &stream.Report{Results: []*result.Result{r}}, stream.Options{}); err != nil {
				t.Fatalf("check %s: %v", format, err)
			}
			if format == "json" || format == "sarif" {
				// check's JSON carries the Result exactly (shards merge from
				// it): controls (C0, DEL, C1) only as JSON escapes, never raw
				if i := strings.IndexFunc(b.String(), rawControl); i >= 0 {
					t.Errorf("check %s: raw control at byte %d", format, i)
				}
			} else {
				inert(t, "check "+format, b.String())
			}
			if format != "github" {
				noCommandLines(t, "check "+format, b.String())
			}
		}
		if d := time.Since(start); d > budgetScale()*(renderBudget+time.Duration(len(s))*renderPerByte) {
			t.Fatalf("rendering %d bytes in every format took %v, over the budget", len(s), d)
		}
	})
}

// rawControl is a control that JSON must carry as an escape: C0 but the
// newline between lines, DEL and C1 (U+009B is a CSI to some terminals).
func rawControl(r rune) bool {
	return r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// TestJSONEscapesControls: DEL and C1 controls in a Result's text leave
// every JSON svcaudit writes as \u escapes, and read back as they were.
func TestJSONEscapesControls(t *testing.T) {
	s := "a\u009b2J\x7fb\u0085c"
	r := fieldsResult(s)
	outs := map[string][]byte{}
	b, err := result.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	outs["result"] = b
	if b, err = result.MarshalCheck(&result.Check{SchemaVersion: result.SchemaVersion, Results: []result.Result{*r}}); err != nil {
		t.Fatal(err)
	}
	outs["check json (saved)"] = b
	for _, format := range []string{"json", "sarif", "codequality"} {
		var buf bytes.Buffer
		if err := stream.Render(&buf, format, &stream.Report{Results: []*result.Result{r}}, stream.Options{}); err != nil {
			t.Fatal(err)
		}
		outs["check "+format] = buf.Bytes()
	}
	var buf bytes.Buffer
	if err := report.Render(&buf, []*result.Result{r}, report.Options{Format: "json"}); err != nil {
		t.Fatal(err)
	}
	outs["report json"] = buf.Bytes()
	for what, out := range outs {
		if i := strings.IndexFunc(string(out), rawControl); i >= 0 {
			t.Errorf("%s: raw control at byte %d", what, i)
		}
		// Those that carry the Result's text exactly (the others clean
		// it as they render it).
		if what == "result" || strings.HasPrefix(what, "check json") || what == "check sarif" {
			if !strings.Contains(string(out), `a\u009b2J\u007fb\u0085c`) {
				t.Errorf("%s: the text is not escaped as expected", what)
			}
		}
	}
	var back result.Result
	if err := json.Unmarshal(outs["result"], &back); err != nil {
		t.Fatal(err)
	}
	if back.Subject != s {
		t.Errorf("read back %q, want %q", back.Subject, s)
	}
}
