package hostile

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/internal/cli"
	"github.com/svcaudit/svcaudit/internal/explain"
	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/report/stream"
	"github.com/svcaudit/svcaudit/result"
	"golang.org/x/net/html"
)

// Hostile strings, each aimed at one output format or at all of them.
const (
	ansi    = "\x1b[31mred\x1b[0m"
	osc8    = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07"
	title   = "\x1b]0;pwned\x07"
	bidi    = "invoice\u202Efdp.exe"
	nul     = "nul\x00byte"
	cr      = "fake\roverwrite"
	pipe    = "a | b || c"
	newline = "line one\nline two"
	script  = "<script>alert(1)</script>"
	cdata   = "]]><evil/>"
	formula = "=cmd|' /C calc'!A0"
	ghcmd   = "50%0A::error::forged, x: y"
)

// all joins every hostile string, for fields that take free text.
var all = strings.Join([]string{ansi, osc8, title, bidi, nul, cr, pipe, newline, script, cdata, ghcmd, formula}, " ")

func score(v float64) *float64 { return &v }

// hostileResult is a Result whose every free-text field is hostile; fields
// that start a CSV cell start with a formula.
func hostileResult() *result.Result {
	fail := result.Fail
	return &result.Result{
		SchemaVersion:    result.SchemaVersion,
		Checklist:        result.ChecklistRef{ID: "kp", Title: "Checklist " + all},
		Subject:          formula + " " + all,
		Auditor:          "+SUM(1,2) " + all,
		Date:             "2026-11-20",
		Score:            40,
		Grade:            result.Grade{Label: "Poor " + script, RAG: "red"},
		CriticalFailures: []string{"kp/a"},
		Gates:            []result.GateResult{{Rule: "overall-min: 60", Detail: "@SUM(A1) " + all}},
		Notices:          []string{"-2+3 " + all},
		Documents:        []string{"policy " + all + ".md"},
		Sections: []result.Section{{ID: "s", Title: "Section " + all, Score: score(40), Weight: 1, Earned: 0.4, Possible: 1,
			Grade: &result.Grade{Label: "Poor", RAG: "red"}}},
		Items: []result.Item{{
			ID: "kp/a", Section: "s", Question: formula + " " + all, Outcome: result.Fail, Source: result.Overridden,
			Answer: "no", Score: score(0), Weight: 1, Critical: true, Note: "\t" + formula + " " + all,
			Evidence: []string{"@evil " + all}, Automated: &fail,
			Findings: []result.Finding{{Rule: "any", File: "docs/" + pipe + newline + ".md", Line: 3, Column: 4,
				Snippet: all, Message: "missing " + all, Severity: "error"}},
		}, {
			ID: "kp/b", Section: "s", Question: "Plain?", Outcome: result.Pass, Source: result.Manual,
			Answer: "yes", Score: score(100), Weight: 1, Note: all,
		}},
	}
}

// inert reports the first character of out that could act on a terminal or
// a reader's eye: a C0/C1 control other than newline and tab, or a bidi
// override or isolate.
func inert(t *testing.T, what, out string) {
	t.Helper()
	for i, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == '\u2028' || r == '\u2029' {
			t.Errorf("%s: control %U at byte %d: %q", what, r, i, around(out, i))
			return
		}
	}
}

func around(s string, i int) string {
	return s[max(0, i-30):min(len(s), i+30)]
}

func render(t *testing.T, format string, opts report.Options) string {
	t.Helper()
	var b bytes.Buffer
	opts.Format = format
	if err := report.Render(&b, []*result.Result{hostileResult()}, opts); err != nil {
		t.Fatalf("render %s: %v", format, err)
	}
	return b.String()
}

// TestReportTable: the terminal table carries no escape or control
// character from the Result, coloured or not.
func TestReportTable(t *testing.T) {
	for _, by := range []string{"section", "item"} {
		out := render(t, "table", report.Options{By: by})
		inert(t, "table by "+by, out)
	}
}

// TestReportMarkdown: every row of every Markdown table has as many cells
// as its header, no raw HTML survives, and no control character.
func TestReportMarkdown(t *testing.T) {
	for _, by := range []string{"section", "item"} {
		out := render(t, "md", report.Options{By: by})
		inert(t, "md by "+by, out)
		tables(t, "md by "+by, out)
		if strings.Contains(out, "<script>") {
			t.Errorf("md by %s: raw <script> in Markdown: %q", by, around(out, strings.Index(out, "<script>")))
		}
	}
}

// cellSep matches a Markdown cell separator: a | not escaped.
var cellSep = regexp.MustCompile(`(^|[^\\])\|`)

// tables checks that each run of table lines has one cell count.
func tables(t *testing.T, what, out string) {
	t.Helper()
	want := -1
	for n, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		got := len(cellSep.FindAllStringIndex(strings.ReplaceAll(line, "||", "| |"), -1))
		if want < 0 {
			want = got
		} else if got != want {
			t.Errorf("%s: line %d has %d separators, the table's header %d: %q", what, n+1, got, want, line)
		}
	}
}

// TestReportHTML: the page parses, holds no script element and no element
// or attribute smuggled in by the text; the hostile text is there as text.
func TestReportHTML(t *testing.T) {
	out := render(t, "html", report.Options{})
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	found := false
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "evil") {
			// The report may carry its own scripts; none may hold the payload.
			var b strings.Builder
			html.Render(&b, n)
			if n.Data == "evil" || strings.Contains(b.String(), "alert(1)") {
				t.Errorf("element from the data: %s", b.String())
			}
		}
		if n.Type == html.TextNode && strings.Contains(n.Data, "<script>alert(1)</script>") {
			found = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !found {
		t.Error("the hostile text is not shown as text")
	}
	inert(t, "html", out)
}

// TestReportCSV: the CSV parses with a constant number of fields, and no
// cell a spreadsheet would run as a formula: none starts with = + - @ tab
// or CR unless it is a number.
func TestReportCSV(t *testing.T) {
	for _, by := range []string{"section", "item"} {
		out := render(t, "csv", report.Options{By: by})
		rd := csv.NewReader(strings.NewReader(out))
		recs, err := rd.ReadAll()
		if err != nil {
			t.Fatalf("csv by %s does not parse: %v", by, err)
		}
		for i, rec := range recs {
			for j, cell := range rec {
				if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					continue
				}
				if _, err := strconv.ParseFloat(cell, 64); err == nil {
					continue
				}
				t.Errorf("csv by %s: record %d field %d is a formula: %q", by, i+1, j+1, cell)
			}
		}
		if !strings.Contains(out, "'"+formula) {
			t.Errorf("csv by %s: the formula is not kept as text with a leading quote", by)
		}
	}
}

// TestReportJSON: the JSON parses back and holds the hostile text exactly.
func TestReportJSON(t *testing.T) {
	out := render(t, "json", report.Options{By: "item"})
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, `\u001b`) || strings.Contains(out, `\u0000`) || strings.Contains(out, `\u202e`) {
		t.Error("json: control characters from the data")
	}
	inert(t, "json", out)
	if !strings.Contains(out, "[31mred") {
		t.Error("json: the text around the escapes is lost")
	}
}

// TestExplain: the explanation, as sanitised by the command line, carries no
// control character; the Markdown form keeps table rows whole.
func TestExplain(t *testing.T) {
	for _, format := range []string{"text", "md"} {
		var b bytes.Buffer
		if err := explain.Write(&b, hostileResult(), "", explain.Options{Format: format, Sanitize: cli.Sanitize}); err != nil {
			t.Fatal(err)
		}
		inert(t, "explain "+format, b.String())
		if format == "md" {
			tables(t, "explain md", b.String())
		}
	}
}

func lintReport() *stream.Report {
	return &stream.Report{
		Results: []*result.Result{hostileResult()},
		Errors:  []result.FileError{{File: "bad " + all + ".pdf", Page: 2, Message: "cannot read " + all}},
	}
}

func renderLint(t *testing.T, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := stream.Render(&b, format, lintReport(), stream.Options{Version: "test"}); err != nil {
		t.Fatalf("lint %s: %v", format, err)
	}
	return b.String()
}

// TestLintText: check's terminal output carries no control character.
func TestLintText(t *testing.T) {
	inert(t, "check text", renderLint(t, "text"))
}

// TestLintJUnit: the JUnit XML is well-formed (every token decodes) and
// holds no character XML 1.0 forbids.
func TestLintJUnit(t *testing.T) {
	out := renderLint(t, "junit")
	dec := xml.NewDecoder(strings.NewReader(out))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("junit is not well-formed XML: %v\n%s", err, out)
		}
	}
	if strings.Contains(out, "<evil/>") {
		t.Error("junit: the data closed a CDATA section")
	}
}

// TestLintSARIF and TestLintJSON: both parse back as JSON.
func TestLintSARIF(t *testing.T) {
	for _, format := range []string{"sarif", "json"} {
		var v map[string]any
		if err := json.Unmarshal([]byte(renderLint(t, format)), &v); err != nil {
			t.Fatalf("%s does not parse: %v", format, err)
		}
	}
}

// TestLintGitHub: each workflow command is one line; data escapes %, CR
// and LF, and properties also : and , so the text cannot end a command or
// start another.
func TestLintGitHub(t *testing.T) {
	out := renderLint(t, "github")
	if strings.Contains(out, "\r") {
		t.Error("github: raw CR")
	}
	cmd := regexp.MustCompile(`^::(error|warning|notice)( [^:]*)?::`)
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "::") {
			if strings.Contains(line, "::error") || strings.Contains(line, "::warning") {
				t.Errorf("github: a command split across lines: %q", line)
			}
			continue
		}
		m := cmd.FindString(line)
		if m == "" {
			t.Errorf("github: malformed command %q", line)
			continue
		}
		for _, prop := range strings.Split(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(m[strings.Index(m, " ")+1:], " "), "::")), ",") {
			if k, v, ok := strings.Cut(prop, "="); !ok || strings.ContainsAny(v, ":,\n\r") || k == "" {
				t.Errorf("github: property %q not escaped in %q", prop, line)
			}
		}
		inert(t, "github", line)
	}
}
