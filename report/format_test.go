package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/result"
	"github.com/xuri/excelize/v2"
)

func TestXLSXReadBack(t *testing.T) {
	var buf bytes.Buffer
	rs := load(t, "housing-2026-q2.json", "council-tax-2026-q2.json")
	if err := Render(&buf, rs, Options{Format: "xlsx", Baseline: load(t, "housing-2026-q1.json")}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if diff := cmp.Diff([]string{"Summary", "Comparison", "Items"}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	cells := []struct {
		sheet, ref, want string
		typ              excelize.CellType
	}{
		{"Summary", "A1", "Subject", excelize.CellTypeInlineString},
		{"Summary", "A2", "Housing repairs", excelize.CellTypeInlineString},
		{"Summary", "E2", "72.2", excelize.CellTypeUnset},
		{"Summary", "F2", "Inadequate", excelize.CellTypeInlineString},
		{"Summary", "G2", "Red", excelize.CellTypeInlineString},
		{"Summary", "H2", "no", excelize.CellTypeInlineString},
		{"Summary", "I2", "26", excelize.CellTypeUnset},
		{"Summary", "A3", "Council tax", excelize.CellTypeInlineString},
		{"Summary", "E3", "88.5", excelize.CellTypeUnset},
		{"Summary", "I3", "", excelize.CellTypeUnset},
		{"Comparison", "B1", "Section", excelize.CellTypeInlineString},
		{"Comparison", "C1", "Housing repairs", excelize.CellTypeInlineString},
		{"Comparison", "A2", "timescales", excelize.CellTypeInlineString},
		{"Comparison", "C2", "70", excelize.CellTypeUnset},
		{"Comparison", "D2", "100", excelize.CellTypeUnset},
		{"Comparison", "C4", "n/a", excelize.CellTypeInlineString},
		{"Comparison", "B5", "Overall", excelize.CellTypeInlineString},
		{"Comparison", "C5", "72.2", excelize.CellTypeUnset},
		{"Items", "B2", "keeps-promises/timescales", excelize.CellTypeInlineString},
		{"Items", "C1", "Ref", excelize.CellTypeInlineString},
		{"Items", "G2", "100", excelize.CellTypeUnset},
		{"Items", "H2", "3", excelize.CellTypeUnset},
		{"Items", "I2", "yes", excelize.CellTypeInlineString},
		{"Items", "K4", `=HYPERLINK("http://evil.example","click")`, excelize.CellTypeInlineString},
	}
	for _, c := range cells {
		got, err := f.GetCellValue(c.sheet, c.ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.ref, got, c.want)
		}
		typ, _ := f.GetCellType(c.sheet, c.ref)
		if typ != c.typ {
			t.Errorf("%s!%s type %v, want %v", c.sheet, c.ref, typ, c.typ)
		}
		if formula, _ := f.GetCellFormula(c.sheet, c.ref); formula != "" {
			t.Errorf("%s!%s holds formula %q", c.sheet, c.ref, formula)
		}
	}
	// RAG fills on the summary and comparison.
	fills := []struct{ sheet, ref, color string }{
		{"Summary", "E2", "F6C4C0"}, {"Summary", "E3", "C6E7CE"}, {"Comparison", "C2", "FCE3B6"},
	}
	for _, c := range fills {
		id, err := f.GetCellStyle(c.sheet, c.ref)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], c.color) {
			t.Errorf("%s!%s fill %v, want %s", c.sheet, c.ref, st.Fill.Color, c.color)
		}
	}
	for _, sheet := range []string{"Summary", "Comparison", "Items"} {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v", sheet, p)
		}
		if w, _ := f.GetColWidth(sheet, "B"); w < 20 {
			t.Errorf("%s: column B width %v, want set", sheet, w)
		}
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	for _, bom := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Render(&buf, load(t, "housing-2026-q2.json"), Options{Format: "csv", By: "item", BOM: bom}); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		if got := strings.HasPrefix(text, "\ufeff"); got != bom {
			t.Errorf("bom %v: starts with BOM = %v", bom, got)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
					t.Errorf("cell %q would run as a formula", cell)
				}
				if strings.HasPrefix(cell, "-") && !isNumber(cell) {
					t.Errorf("cell %q would run as a formula", cell)
				}
			}
		}
		if !strings.Contains(text, `'=HYPERLINK`) || !strings.Contains(text, `'@board minutes`) {
			t.Errorf("dangerous cells not neutralised:\n%s", text)
		}
	}
}

func isNumber(s string) bool {
	for _, r := range strings.TrimPrefix(s, "-") {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"plain": "plain", "": "", "a=b": "a=b",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTMLEscapesResultValues(t *testing.T) {
	r := load(t, "housing-2026-q2.json")[0]
	r.Subject = `<img src=x onerror=alert(1)>`
	r.Items[0].Note = `</td><script>alert("note")</script>`
	r.Items[0].Outcome = result.Fail
	var buf bytes.Buffer
	if err := Render(&buf, []*result.Result{r}, Options{Format: "html"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>", "<img src=x", `</td><script>`} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML contains unescaped %q", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") {
		t.Errorf("the note with <script> is not shown escaped")
	}
	for _, must := range []string{`<html lang="en">`, `<th scope="col">`, `role="img"`, "@media print", `id="x-c0-overall"`, `href="#x-c0-s0"`} {
		if !strings.Contains(out, must) {
			t.Errorf("HTML lacks %q", must)
		}
	}
	if strings.Contains(out, "http://") && strings.Contains(out, "src=\"http") {
		t.Errorf("HTML fetches something from the network")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	if got, want := md("a | b\nc <x>"), `a \| b<br>c &lt;x&gt;`; got != want {
		t.Errorf("md = %q, want %q", got, want)
	}
}

func TestDeltaText(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		in   *float64
		want string
	}{{f(4.5), "▲ 4.5"}, {f(-2), "▼ 2.0"}, {f(0), "="}, {f(0.04), "="}, {nil, ""}} {
		if got := deltaText(c.in); got != c.want {
			t.Errorf("deltaText(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOpenActionsOverdueFirst(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	acts := []Action{
		{ID: "late-later", Status: "open", Due: d("2026-06-20")},
		{ID: "future", Status: "open", Due: d("2026-08-01")},
		{ID: "done", Status: "done", Due: d("2026-01-01")},
		{ID: "other", Status: "open", Subject: "Libraries", Due: d("2026-01-01")},
		{ID: "late-first", Status: "open", Due: d("2026-05-01")},
		{ID: "undated", Status: "open"},
	}
	var got []string
	for _, a := range openActions(acts, "Housing repairs", today) {
		got = append(got, a.ID)
	}
	if diff := cmp.Diff([]string{"late-first", "late-later", "future", "undated"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if a := openActions(acts, "Housing repairs", today)[0]; a.Overdue != 61 || a.DueText() != "2026-05-01 (overdue 61 days)" {
		t.Errorf("overdue = %d, %q", a.Overdue, a.DueText())
	}
}

func TestLineUp(t *testing.T) {
	housing := load(t, "housing-2026-q2.json")[0]
	other := load(t, "council-tax-2026-q2.json")[0]
	other.Checklist.ID = "other-list"
	var buf bytes.Buffer
	err := Render(&buf, []*result.Result{housing, other}, Options{By: "item"})
	if err == nil || !strings.Contains(err.Error(), "different checklists (other-list, service-charter): items cannot be lined up") {
		t.Errorf("by item: err = %v", err)
	}
	if err := Render(&buf, []*result.Result{housing, other}, Options{By: "section"}); err != nil {
		t.Errorf("by section with shared sections: %v", err)
	}
	for i := range other.Sections {
		other.Sections[i].ID += "-x"
	}
	err = Render(&buf, []*result.Result{housing, other}, Options{By: "section"})
	if err == nil || !strings.Contains(err.Error(), "no section in common") {
		t.Errorf("no shared sections: err = %v", err)
	}
}

func TestRenderRejectsBadOptions(t *testing.T) {
	rs := load(t, "housing-2026-q2.json")
	for _, o := range []Options{{Format: "pdf"}, {By: "row"}, {Sort: "size"}} {
		if err := Render(&bytes.Buffer{}, rs, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	if err := Render(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("no results: no error")
	}
}

func TestTableFitsWidthAndColours(t *testing.T) {
	rs := load(t, "housing-2026-q2.json", "council-tax-2026-q2.json", "libraries-2026-q2.json")
	t.Run("narrow terminal", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Render(&buf, rs, Options{Width: 70}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(buf.String(), "\n") {
			if strings.ContainsAny(line, "│┌└├") && len([]rune(line)) > 70 {
				t.Errorf("table line of %d runes in a 70-column terminal: %q", len([]rune(line)), line)
			}
		}
	})
	t.Run("colour on a terminal", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Render(&buf, rs[:1], Options{Color: true}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "\x1b[31mInadequate (red)\x1b[0m") {
			t.Errorf("no red grade in colour:\n%s", buf.String())
		}
	})
	t.Run("words when piped", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Render(&buf, rs[:1], Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "\x1b[") || !strings.Contains(buf.String(), "Inadequate (red)") {
			t.Errorf("piped output should carry RAG as words without escapes")
		}
	})
}

func TestEvidenceCappedInReports(t *testing.T) {
	r := load(t, "housing-2026-q2.json")[0]
	it := &r.Items[2] // keeps-promises/review, a failure
	for i := range 8 {
		it.Findings = append(it.Findings, result.Finding{Rule: "none", File: "a.md", Line: i + 1, Message: "found", Severity: "error"})
	}
	it.Findings = append([]result.Finding{{Rule: "any", File: "b.md", Line: 1, Message: "matched", Severity: "info"}}, it.Findings...)
	var md, csvOut bytes.Buffer
	if err := Render(&md, []*result.Result{r}, Options{Format: "md"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "… and 5 more (all in the CSV, XLSX and JSON reports)") {
		t.Errorf("evidence not capped:\n%s", md.String())
	}
	if strings.Contains(md.String(), "b.md:1") {
		t.Errorf("a finding in the item's favour shown before those against it")
	}
	if err := Render(&csvOut, []*result.Result{r}, Options{Format: "csv", By: "item"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csvOut.String(), "a.md:8") || !strings.Contains(csvOut.String(), "b.md:1") {
		t.Errorf("CSV should keep every finding")
	}
}

func TestXLSXBoardPaper(t *testing.T) {
	var buf bytes.Buffer
	rs := load(t, "housing-2026-q2.json", "council-tax-2026-q2.json")
	opts := Options{Format: "xlsx", Sort: "score", Period: "Q1 2026-27", Produced: time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)}
	if err := Render(&buf, rs, opts); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	get := func(sheet, ref string, raw bool) string {
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: raw})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// A league table ranks; dates are dates (a serial number shown as ISO).
	for _, c := range []struct{ ref, want string }{{"A1", "Rank"}, {"A2", "1"}, {"B2", "Council tax"}, {"A3", "2"}, {"D1", "Date"}} {
		if got := get("Summary", c.ref, false); got != c.want {
			t.Errorf("Summary!%s = %q, want %q", c.ref, got, c.want)
		}
	}
	if raw, shown := get("Summary", "D3", true), get("Summary", "D3", false); raw != "46203" || shown != "2026-06-30" {
		t.Errorf("Summary!D3 raw %q shown %q, want the date 2026-06-30 stored as a date", raw, shown)
	}
	// RAG in words as well as fills, the cell still a number.
	if raw, shown := get("Comparison", "C2", true), get("Comparison", "C2", false); raw != "100" || shown != "100.0 Green" {
		t.Errorf("Comparison!C2 raw %q shown %q", raw, shown)
	}
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "Q1 2026-27" || !strings.HasPrefix(p.Created, "2026-07-03") {
		t.Errorf("document properties %+v: want the period and the date produced", p)
	}
}
