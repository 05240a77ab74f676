package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/result"
	"github.com/xuri/excelize/v2"
)

const governingResponse = "The Board welcomes the report.\n\nIt asks for a plan to bring stage 1 acknowledgements within five working days."

func TestAnnualGolden(t *testing.T) {
	rs := load(t, "annual-2024-25.json", "annual-2023-24.json")
	for _, format := range []string{"md", "html"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			opts := AnnualOptions{Format: format, Baseline: rs[1], Response: governingResponse, Actions: loadActions(t), Today: today}
			if err := RenderAnnual(&b, rs[0], opts); err != nil {
				t.Fatal(err)
			}
			golden(t, "annual."+format, b.Bytes())
		})
	}
}

func TestAnnualContents(t *testing.T) {
	r := load(t, "annual-2024-25.json")[0]
	var b bytes.Buffer
	if err := RenderAnnual(&b, r, AnnualOptions{Format: "md"}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"## Performance measures", "| CH02-stage1 — ", "### Monthly trend: CH02-stage1", "| 2024-04 |",
		"### Provisions not met", "| 6.2 |", "## Categories most complained about", "| Repairs |",
		"## Late cases", "CMP-", "## Actions register", "## The governing body's response",
		"_To be completed by the governing body", "Working days are Monday to Friday less the bank holidays of England and Wales.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the annual report has no %q", want)
		}
	}
	if strings.Contains(md, "Last year") {
		t.Error("a last-year column without a baseline")
	}
}

func TestAnnualChart(t *testing.T) {
	tr := annualTrend{ID: "CH02-stage1", Promise: 95, Months: []result.MeasurePoint{
		{Key: "2024-04", Value: 100, Numerator: 4, Denominator: 4}, {Key: "2024-05", Value: 50, Numerator: 1, Denominator: 2}}}
	c := monthlyChart(tr)
	if want := c.PlotY + c.PlotH*0.05; c.PromiseY != want {
		t.Errorf("promise line at y=%v, want %v (95%% of the plot's height)", c.PromiseY, want)
	}
	if c.Points != "80.0,20.0 600.0,130.0" || len(c.Dots) != 2 || c.Dots[1].Text != "2024-05: 50.0% (1 of 2)" {
		t.Errorf("points %q, dots %+v", c.Points, c.Dots)
	}
}

func TestAnnualXLSX(t *testing.T) {
	rs := load(t, "annual-2024-25.json", "annual-2023-24.json")
	var b bytes.Buffer
	if err := RenderAnnual(&b, rs[0], AnnualOptions{Format: "xlsx", Baseline: rs[1], Response: governingResponse, Today: today}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Measures", "Monthly", "Not met", "Categories", "Late cases", "Actions", "Response"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if v, _ := f.GetCellValue("Measures", "A2"); v != "CH01-stage1" {
		t.Errorf("Measures!A2 = %q", v)
	}
	if v, _ := f.GetCellValue("Response", "A3"); !strings.HasPrefix(v, "It asks for a plan") {
		t.Errorf("Response!A3 = %q", v)
	}
}

func TestAnnualHostile(t *testing.T) {
	r := &result.Result{Checklist: result.ChecklistRef{ID: "x", Title: "X"}, Subject: "S\x1b[31m",
		Measures: []result.Measure{{ID: "CH02-stage1", Title: "<script>alert(1)</script>|pipe", Unit: "%", Value: 50, Numerator: 1, Denominator: 2,
			Months:     []result.MeasurePoint{{Key: "<b>2024-04</b>", Value: 50, Numerator: 1, Denominator: 2}},
			Categories: []result.MeasurePoint{{Key: "=HYPERLINK(\"x\")", Numerator: 1, Denominator: 2}}}}}
	for _, format := range []string{"md", "html"} {
		var b bytes.Buffer
		if err := RenderAnnual(&b, r, AnnualOptions{Format: format, Response: "<img src=x onerror=alert(1)>"}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "<script>") || strings.Contains(out, "<img") || strings.Contains(out, "<b>") || strings.Contains(out, "\x1b") {
			t.Errorf("%s: hostile text reached the output:\n%s", format, out)
		}
	}
}
