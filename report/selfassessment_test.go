package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/result"
	"github.com/xuri/excelize/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

func pct(v float64) *float64 { return &v }

// codeResult is an audit against a code with a must and shoulds, every
// outcome and both sources of evidence.
func codeResult() *result.Result {
	return &result.Result{
		SchemaVersion: 1, Checklist: result.ChecklistRef{ID: "lgsco-code", Title: "LGSCO Complaint Handling Code (2024)"},
		Subject: "Eastmoor Council", Auditor: "J. Patel", Date: "2026-06-30", Score: 60, Grade: result.Grade{Label: "Does not comply", RAG: "red"},
		CriticalFailures: []string{"lgsco-code/channels-and-adjustments"},
		Sections:         []result.Section{{ID: "accessibility", Title: "3. Accessibility and awareness"}, {ID: "stages", Title: "6. Complaints stages"}},
		Items: []result.Item{
			{ID: "lgsco-code/channels-and-adjustments", Section: "accessibility", Ref: "3.1", Question: "Several ways to complain, with reasonable adjustments?",
				Outcome: result.Fail, Source: result.Automated, Score: pct(0), Weight: 1, Critical: true,
				Findings: []result.Finding{{Rule: "all", File: "policy.pdf", Page: 1, Message: `missing 1 of 3 required phrases: "reasonable adjustments"`, Severity: "error"}}},
			{ID: "lgsco-code/volumes-not-negative", Section: "accessibility", Ref: "3.3", Question: "Are high volumes seen as openness?",
				Outcome: result.Partial, Source: result.Manual, Answer: "partial", Score: pct(50), Weight: 1,
				Note: "The cabinet report still sets a reduction target.", Evidence: []string{"cabinet-2026-03 | item 4"}},
			{ID: "lgsco-code/stage1-response", Section: "stages", Ref: "6.3", Question: "A full stage 1 response within 10 working days?",
				Outcome: result.Fail, Source: result.Automated, Score: pct(0), Weight: 1,
				Findings: []result.Finding{{Rule: "timescale", File: "policy.pdf", Page: 3, Line: 12, Snippet: "within 15 working days", Heading: "Stage 1",
					Sentence: "We will send you a full response within 15 working days.", Message: `stage 1 response: "15 working days" is more than the limit of 10 working days`, Severity: "error"}}},
			{ID: "lgsco-code/stage1-acknowledge", Section: "stages", Ref: "6.2", Question: "Acknowledged within 5 working days?",
				Outcome: result.Pass, Source: result.Automated, Score: pct(100), Weight: 1,
				Findings: []result.Finding{{Rule: "timescale", File: "policy.pdf", Page: 3, Line: 10, Snippet: "within five working days", Heading: "Stage 1",
					Sentence: "We acknowledge every complaint within five working days of receipt.", Message: "ok", Severity: "info"}}},
			{ID: "lgsco-code/stage1-all-points", Section: "stages", Ref: "6.7", Question: "Every point addressed?", Outcome: result.Pass,
				Source: result.Overridden, Automated: func() *result.Outcome { o := result.Fail; return &o }(), Answer: "yes", Score: pct(100), Weight: 1},
			{ID: "lgsco-code/triage", Section: "stages", Ref: "6.1", Question: "Triage?", Outcome: result.NA, Source: result.Manual, Answer: "na", Weight: 1},
			{ID: "lgsco-code/stage2-all-staff", Section: "stages", Ref: "6.19", Question: "All staff involved?", Outcome: result.Waived, Source: result.Manual, Weight: 1,
				Waiver: &result.Waiver{Owner: "Head of Customer Services", Reason: "restructure", Expires: "2026-12-31"}},
			{ID: "lgsco-code/stage2-when-known", Section: "stages", Ref: "6.16", Question: "Answered when known?", Outcome: result.Unanswered, Source: result.Manual, Score: pct(0), Weight: 1},
		},
	}
}

func assessmentActions() []Action {
	due := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	return []Action{
		{ID: "A-7", Item: "6.3", Description: "Rewrite the stage 1 timescale", Owner: "Policy team", Due: due, Status: ActionOpen},
		{ID: "A-8", Item: "lgsco-code/channels-and-adjustments", Description: "Add reasonable adjustments", Owner: "Equalities lead", Due: due, Status: ActionOpen},
		{ID: "A-9", Item: "6.2", Description: "Closed long ago", Owner: "x", Due: due, Status: ActionDone},
	}
}

func assessmentOptions(format string) SelfAssessmentOptions {
	return SelfAssessmentOptions{Format: format, Period: "2025-26", Actions: assessmentActions(), Today: today,
		Requirements: map[string]string{"6.3": "Stage 1 complaints get a full answer within ten working days of acknowledgement."}}
}

func TestSelfAssessmentGolden(t *testing.T) {
	for _, format := range []string{"md", "html"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := SelfAssessment(&buf, codeResult(), assessmentOptions(format)); err != nil {
				t.Fatal(err)
			}
			golden(t, "self-assessment."+format, buf.Bytes())
		})
	}
}

// The Markdown form is GitHub-flavoured Markdown that a GFM parser reads
// as the header, the summary and one five-column table per section, with
// every cell in its column.
func TestSelfAssessmentGFM(t *testing.T) {
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, codeResult(), assessmentOptions("md")); err != nil {
		t.Fatal(err)
	}
	src := buf.Bytes()
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	var tables [][]int // cells per row, per table
	var headings []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			var rows []int
			for r := n.FirstChild(); r != nil; r = r.NextSibling() {
				rows = append(rows, r.ChildCount())
			}
			tables = append(tables, rows)
		case *ast.Heading:
			headings = append(headings, string(n.Lines().Value(src)))
		}
		return ast.WalkContinue, nil
	})
	if len(tables) != 4 {
		t.Fatalf("%d tables, want 4 (header, summary, two sections)", len(tables))
	}
	for ti, want := range []struct{ cols, rows int }{{2, 8}, {2, 9}, {5, 3}, {5, 7}} {
		rows := tables[ti]
		if len(rows) != want.rows {
			t.Errorf("table %d has %d rows, want %d", ti, len(rows), want.rows)
		}
		for ri, n := range rows {
			if n != want.cols {
				t.Errorf("table %d row %d has %d cells, want %d", ti, ri, n, want.cols)
			}
		}
	}
	wantHeadings := []string{"Self-assessment against the LGSCO Complaint Handling Code (2024)", "Summary", "3. Accessibility and awareness", "6. Complaints stages"}
	if strings.Join(headings, "|") != strings.Join(wantHeadings, "|") {
		t.Errorf("headings %q, want %q", headings, wantHeadings)
	}
}

// The XLSX form, read back cell by cell.
func TestSelfAssessmentXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, codeResult(), assessmentOptions("xlsx")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "Self-assessment"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Self-assessment against the LGSCO Complaint Handling Code (2024)"},
		{"Code", "LGSCO Complaint Handling Code (2024)"},
		{"Organisation", "Eastmoor Council"},
		{"Period", "2025-26"},
		{"Completed by", "J. Patel"},
		{"Date", "2026-06-30"},
		{"Requirements", "provisions marked (must) are mandatory; the others are advice"},
		{"Outcome", "Does not comply: 1 mandatory provision not met"},
		nil,
		{"Provisions assessed", "8"}, {"Met (Yes)", "2"}, {"Partly met", "1"}, {"Not met (No)", "2"}, {"Of which musts", "1"},
		{"Not applicable", "1"}, {"Waived", "1"}, {"Not assessed", "1"},
		nil,
		{"3. Accessibility and awareness"},
		{"Provision", "Requirement", "Comply", "Evidence", "Commentary"},
		{"3.1", "Several ways to complain, with reasonable adjustments? (must)", "No", "",
			"Shown only in part in policy.pdf: no “reasonable adjustments”.\nAction A-8: Add reasonable adjustments (Equalities lead, due 2026-09-30)"},
		{"3.3", "Are high volumes seen as openness?", "Partly", "cabinet-2026-03 | item 4", "The cabinet report still sets a reduction target."},
		nil,
		{"6. Complaints stages"},
		{"Provision", "Requirement", "Comply", "Evidence", "Commentary"},
		{"6.3", "Stage 1 complaints get a full answer within ten working days of acknowledgement.", "No",
			"policy.pdf, “Stage 1”, page 3, line 12: “We will send you a full response within 15 working days.”",
			"stage 1 response: \"15 working days\" is more than the limit of 10 working days\nAction A-7: Rewrite the stage 1 timescale (Policy team, due 2026-09-30)"},
		{"6.2", "Acknowledged within 5 working days?", "Yes", "policy.pdf, “Stage 1”, page 3, line 10: “We acknowledge every complaint within five working days of receipt.”"},
		{"6.7", "Every point addressed?", "Yes", "", "The assessor's answer overrides the documents, which said fail."},
		{"6.1", "Triage?", "N/A"},
		{"6.19", "All staff involved?", "Waived", "", "Waived by Head of Customer Services until 2026-12-31: restructure"},
		{"6.16", "Answered when known?", "Not assessed"},
	}
	if len(rows) != len(want) {
		t.Errorf("%d rows, want %d", len(rows), len(want))
	}
	for i := 0; i < len(rows) && i < len(want); i++ {
		for j := 0; j < len(rows[i]) || j < len(want[i]); j++ {
			var got, w string
			if j < len(rows[i]) {
				got = rows[i][j]
			}
			if j < len(want[i]) {
				w = want[i][j]
			}
			if got != w {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				t.Errorf("%s = %q, want %q", cell, got, w)
			}
		}
	}
	// Comply is coloured: No red, Partly amber, Yes green.
	for cell, color := range map[string]string{"C21": "F6C4C0", "C22": "FCE3B6", "C27": "C6E7CE"} {
		id, _ := f.GetCellStyle(sh, cell)
		st, err := f.GetStyle(id)
		if err != nil || len(st.Fill.Color) == 0 || st.Fill.Color[0] != color {
			t.Errorf("%s fill %v, want %s", cell, st, color)
		}
	}
	// Text is data: no cell holds a formula.
	for i, row := range rows {
		for j := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if fm, _ := f.GetCellFormula(sh, cell); fm != "" {
				t.Errorf("%s holds formula %q", cell, fm)
			}
		}
	}
}

func TestParseRequirements(t *testing.T) {
	got, err := ParseRequirements("r.yaml", []byte("requirements:\n  \"6.2\": Acknowledged in five days.\n  6.10: Stage 2 is final.\n"))
	if err != nil || got["6.2"] != "Acknowledged in five days." || got["6.10"] != "Stage 2 is final." {
		t.Fatalf("got %v, %v", got, err)
	}
	_, err = ParseRequirements("r.yaml", []byte("\"6.2\": a\n\"6.2\": b\n\"6.3\": [x]\n"))
	want := "r.yaml:2:1: provision 6.2 is given twice (first at line 1)\nr.yaml:3:8: the requirement of 6.3 must be text"
	if err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if _, err := ParseRequirements("r.yaml", []byte("- a\n")); err == nil || !strings.HasPrefix(err.Error(), "r.yaml:1:1: requirements must be a mapping") {
		t.Errorf("error %v", err)
	}
}

// The DOCX form, read back: the header, the summary and one table per
// section with every provision in its five columns, the Comply column
// filled with its RAG colour beside the word, header rows repeated on every
// page, on a landscape A4 page.
func TestSelfAssessmentDOCX(t *testing.T) {
	var buf bytes.Buffer
	opts := assessmentOptions("docx")
	if err := SelfAssessment(&buf, codeResult(), opts); err != nil {
		t.Fatal(err)
	}
	got := readDOCX(t, buf.Bytes())
	a := buildAssessment(cleanResults([]*result.Result{codeResult()})[0], opts)

	if got.sect.W != "16838" || got.sect.H != "11906" {
		t.Errorf("page %s × %s, want A4 landscape (16838 × 11906)", got.sect.W, got.sect.H)
	}
	if !bytes.Contains(got.files["word/document.xml"], []byte(`w:orient="landscape"`)) {
		t.Error("the page is not marked landscape")
	}
	if len(got.tables) != 2+len(a.Sections) {
		t.Fatalf("%d tables, want %d (header, summary, one per section)", len(got.tables), 2+len(a.Sections))
	}
	head := a.header()
	if len(got.tables[0]) != len(head) {
		t.Fatalf("header table has %d rows, want %d", len(got.tables[0]), len(head))
	}
	for i, kv := range head {
		if row := got.tables[0][i]; row[0].Text != kv[0] || row[1].Text != kv[1] {
			t.Errorf("header row %d = %q | %q, want %q | %q", i, row[0].Text, row[1].Text, kv[0], kv[1])
		}
	}
	if n := len(got.tables[1]); n != len(a.Summary)+1 {
		t.Errorf("summary has %d rows, want %d", n, len(a.Summary)+1)
	}
	fills := map[string]string{complyYes: ragFill["green"], complyPartly: ragFill["amber"], complyNo: ragFill["red"]}
	seen := map[string]bool{}
	for si, s := range a.Sections {
		tbl := got.tables[2+si]
		if len(tbl) != len(s.Rows)+1 {
			t.Fatalf("section %q: %d rows, want %d", s.Title, len(tbl), len(s.Rows)+1)
		}
		if !got.header[2+si][0] {
			t.Errorf("section %q: the column headings are not repeated on each page", s.Title)
		}
		var names []string
		for _, c := range tbl[0] {
			names = append(names, c.Text)
		}
		if strings.Join(names, "|") != strings.Join(assessColumns, "|") {
			t.Errorf("section %q: columns %q, want %q", s.Title, names, assessColumns)
		}
		for ri, row := range s.Rows {
			cells := tbl[ri+1]
			if len(cells) != 5 {
				t.Fatalf("section %q row %d: %d cells, want 5", s.Title, ri, len(cells))
			}
			want := []string{row.Provision, row.requirement(), row.Comply, strings.Join(nonEmpty(row.Evidence), "\n"), strings.Join(nonEmpty(row.Commentary), "\n")}
			for ci, w := range want {
				if cells[ci].Text != w {
					t.Errorf("%s column %s = %q, want %q", row.Provision, assessColumns[ci], cells[ci].Text, w)
				}
			}
			fill := cells[2].Fill
			if fill == "FFFFFF" { // every cell is shaded white unless filled
				fill = ""
			}
			if fill != fills[row.Comply] {
				t.Errorf("%s: Comply %q filled %q, want %q", row.Provision, row.Comply, cells[2].Fill, fills[row.Comply])
			}
			seen[row.Comply] = true
		}
	}
	if !seen[complyYes] || !seen[complyNo] {
		t.Errorf("the form shows %v: the test Result should have provisions met and not met", seen)
	}
	if !strings.Contains(string(got.files["word/footer1.xml"]), "Self-assessment against the LGSCO Complaint Handling Code (2024) · 2025-26 · page") {
		t.Errorf("footer %q, want the title, the period and the page number", got.files["word/footer1.xml"])
	}
}

func TestActionText(t *testing.T) {
	it := &result.Item{ID: "code/definition", Question: "Does the policy define a complaint?"}
	due := time.Date(2026, 6, 28, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		act  Action
		want string
	}{
		{Action{ID: "a1", Description: "Rewrite the definition", Owner: "J. Smith", Due: due},
			"Action a1: Rewrite the definition (J. Smith, due 2026-06-28)"},
		// raised by run: the description is the question, and no owner yet
		{Action{ID: "a2", Description: it.Question, Due: due}, "Action a2 (due 2026-06-28)"},
	} {
		if got := actionText(openAction{Action: tt.act}, it); got != tt.want {
			t.Errorf("actionText = %q, want %q", got, tt.want)
		}
	}
}

// The commentary tells the governing body in plain words what a document
// does not show: never the check's regular expressions nor its pattern
// numbers, while a missing phrase in plain words is still named; and an
// overdue action's date reads without parentheses inside parentheses.
func TestSelfAssessmentCommentaryPlain(t *testing.T) {
	for _, c := range []struct {
		f      result.Finding
		partly bool
		want   string
	}{
		{result.Finding{Rule: "any", File: "policy.md", Severity: "error",
			Message: "no evidence that: Does the policy accept every complaint…? (none of 4 patterns matched)"}, false, "Not found in policy.md."},
		{result.Finding{Rule: "all", File: "policy.md", Severity: "error",
			Message: `missing 2 of 2 required phrases: "dissatisf\w*", pattern 2 of 2`}, false, "Not found in policy.md."},
		{result.Finding{Rule: "all", File: "policy.md", Severity: "error",
			Message: `missing 2 of 3 required phrases: "\b(?:tele)?phone\b|\bcall us\b", pattern 3 of 3`}, false, "Shown only in part in policy.md."},
		{result.Finding{Rule: "all", File: "policy.md", Severity: "error",
			Message: `missing 1 of 2 required phrases: "housing ombudsman"`}, false, "Shown only in part in policy.md: no “housing ombudsman”."},
		{result.Finding{Rule: "near", File: "policy.md", Severity: "error",
			Message: `no evidence that: … (no match for "service requests?", needed within 30 words of pattern b)`}, true, "Shown only in part in policy.md."},
		{result.Finding{Rule: "timescale", File: "policy.md", Severity: "error",
			Message: "no timescale for the stage 1 extension found"}, false, "no timescale for the stage 1 extension found"},
		{result.Finding{Rule: "sentence", File: "policy.md", Severity: "error",
			Message: "no sentence in which the organisation says it will explain why"}, false, "no sentence in which the organisation says it will explain why"},
	} {
		if got := wholeDocumentText(c.f, c.partly); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.f.Rule, c.f.Message, got, c.want)
		}
	}
	r := codeResult()
	opts := assessmentOptions("md")
	opts.Today = time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	if want := "Action A-7: Rewrite the stage 1 timescale (Policy team, due 2026-09-30, overdue by 2 days)"; !strings.Contains(buf.String(), want) {
		t.Errorf("no %q in\n%s", want, buf.String())
	}
	if strings.Contains(buf.String(), "required phrases") {
		t.Errorf("the form names the check's patterns:\n%s", buf.String())
	}
}

// Every section's table of the HTML form lays its five columns out at the
// same widths, so that Comply, Evidence and Commentary line up from one
// section to the next whatever each section's text; the summary's numbers
// sit under a right-aligned heading.
func TestSelfAssessmentHTMLColumnsLineUp(t *testing.T) {
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, codeResult(), assessmentOptions("html")); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	sections := strings.Count(out, "<h2>") - 1 // the summary's heading aside
	const cols = `<colgroup><col style="width:9%"><col style="width:29%"><col style="width:8%"><col style="width:27%"><col style="width:27%"></colgroup>`
	if n, m := strings.Count(out, `<table class="form">`+"\n"+cols), sections; n != m || n == 0 {
		t.Errorf("%d section tables with the fixed columns, want %d:\n%s", n, m, out)
	}
	if !strings.Contains(out, "table.form{table-layout:fixed}") || !strings.Contains(out, `<th scope="col" class="n">Number</th>`) {
		t.Errorf("no fixed layout or right-aligned Number heading:\n%s", out)
	}
}

// The XLSX form prints as a board would read it: landscape A4, fitted to
// one page's width.
func TestSelfAssessmentXLSXPrints(t *testing.T) {
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, codeResult(), assessmentOptions("xlsx")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pl, err := f.GetPageLayout("Self-assessment")
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v: want landscape A4 (9), one page wide, any number tall", pl)
	}
	props, err := f.GetSheetProps("Self-assessment")
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("FitToPage not set: %+v", props)
	}
}

// Each provision's row of the XLSX form is as tall as its longest wrapped
// cell needs: a spreadsheet shows wrapped text over the rows below when
// the row keeps the default height.
func TestSelfAssessmentXLSXRowHeights(t *testing.T) {
	r := codeResult()
	r.Items[0].Question = strings.Repeat("A long requirement in several words. ", 12) // ~440 runes: 8 lines of 58
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, r, assessmentOptions("xlsx")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Self-assessment")
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) == 0 || (row[0] != "3.1" && row[0] != "6.1") {
			continue
		}
		h, err := f.GetRowHeight("Self-assessment", i+1)
		if err != nil {
			t.Fatal(err)
		}
		want := 15.0 // "Triage?": one line
		if row[0] == "3.1" {
			want = 8 * 15
		}
		if h != want {
			t.Errorf("row %d (%s): height %v, want %v", i+1, row[0], h, want)
		}
	}
}

// A provision's number and answer sit at the top of its row, beside the
// first line of the requirement, and column A is wide enough for the
// labels of the header and the summary.
func TestSelfAssessmentXLSXAlignment(t *testing.T) {
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, codeResult(), assessmentOptions("xlsx")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "Self-assessment"
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, row := range rows {
		if len(row) < 3 || (row[0] != "3.1" && row[0] != "6.1") {
			continue
		}
		for _, col := range []string{"A", "C"} {
			cell := fmt.Sprintf("%s%d", col, i+1)
			id, err := f.GetCellStyle(sh, cell)
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if st.Alignment == nil || st.Alignment.Vertical != "top" {
				t.Errorf("%s (%s) is not aligned to the top: %+v", cell, row[0], st.Alignment)
			}
			checked++
		}
	}
	if checked != 4 {
		t.Errorf("checked %d cells, want 4", checked)
	}
	w, err := f.GetColWidth(sh, "A")
	if err != nil {
		t.Fatal(err)
	}
	if w < float64(len("Provisions assessed")) {
		t.Errorf("column A is %v wide: the summary's labels do not fit", w)
	}
}

// The CSV form is one table, a row per provision, that reads back field
// by field: multi-line evidence and commentary in one cell, must and
// should in a column of their own, text that a spreadsheet would run as a
// formula neutralised.
func TestSelfAssessmentCSV(t *testing.T) {
	r := codeResult()
	r.Items[1].Note = "=HYPERLINK(\"http://x\")" // 3.3's note
	var buf bytes.Buffer
	opts := assessmentOptions("csv")
	opts.BOM = true
	if err := SelfAssessment(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "\ufeff") {
		t.Errorf("no byte-order mark with BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Section", "Provision", "Requirement", "Mandatory", "Comply", "Evidence", "Commentary"},
		{"3. Accessibility and awareness", "3.1", "Several ways to complain, with reasonable adjustments?", "must", "No", "",
			"Shown only in part in policy.pdf: no “reasonable adjustments”.\nAction A-8: Add reasonable adjustments (Equalities lead, due 2026-09-30)"},
		{"3. Accessibility and awareness", "3.3", "Are high volumes seen as openness?", "should", "Partly", "cabinet-2026-03 | item 4", "'=HYPERLINK(\"http://x\")"},
	}
	if len(recs) != 9 { // the header and 8 provisions
		t.Fatalf("%d records, want 9:\n%s", len(recs), buf.String())
	}
	for i, w := range want {
		if strings.Join(recs[i], "\x00") != strings.Join(w, "\x00") {
			t.Errorf("record %d:\n got %q\nwant %q", i, recs[i], w)
		}
	}
	if got := recs[3]; got[1] != "6.3" || got[2] != "Stage 1 complaints get a full answer within ten working days of acknowledgement." {
		t.Errorf("6.3 with the organisation's wording: %q", got)
	}
}

// The JSON form carries the header, the summary and every row, and reads
// back into the same shape.
func TestSelfAssessmentJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := SelfAssessment(&buf, codeResult(), assessmentOptions("json")); err != nil {
		t.Fatal(err)
	}
	var got jsonAssessment
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Kind != "self-assessment" || got.Organisation != "Eastmoor Council" || got.Period != "2025-26" || got.CompletedBy != "J. Patel" ||
		got.Outcome != "Does not comply: 1 mandatory provision not met" {
		t.Errorf("header: %+v", got)
	}
	if len(got.Summary) != 8 || got.Summary[0] != (jsonAssessCount{"Provisions assessed", 8}) {
		t.Errorf("summary: %+v", got.Summary)
	}
	if len(got.Sections) != 2 || len(got.Sections[0].Rows) != 2 || len(got.Sections[1].Rows) != 6 {
		t.Fatalf("sections: %+v", got.Sections)
	}
	r := got.Sections[1].Rows[0]
	if r.Provision != "6.3" || r.Comply != "No" || r.Mandatory != "should" || len(r.Evidence) != 1 || len(r.Commentary) != 2 {
		t.Errorf("6.3: %+v", r)
	}
	if n := got.Sections[1].Rows[3]; n.Provision != "6.1" || n.Comply != "N/A" || n.Evidence == nil || n.Commentary == nil {
		t.Errorf("6.1: %+v (evidence and commentary are lists, empty or not)", n)
	}
}
