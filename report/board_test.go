package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"
)

func renderText(t *testing.T, opts Options, names ...string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, load(t, names...), opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// A board paper: the period and the date produced in every format that
// people read; --summary leaves out the item details and the appendix.
func TestBoardPaperOptions(t *testing.T) {
	day := time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC)
	base := load(t, "housing-2026-q1.json")
	for _, format := range []string{"table", "md", "html", "json"} {
		full := renderText(t, Options{Format: format, Period: "Q1 2026-27", Produced: day, Baseline: base}, "housing-2026-q2.json")
		for _, want := range []string{"Q1 2026-27", "2026-07-03"} {
			if !strings.Contains(full, want) {
				t.Errorf("%s: no %q", format, want)
			}
		}
		if format == "json" {
			continue
		}
		sum := renderText(t, Options{Format: format, Summary: true, Baseline: base}, "housing-2026-q2.json")
		if !strings.Contains(sum, "2 items failed, 1 item was partly met") {
			t.Errorf("%s summary: no failure counts", format)
		}
		for _, gone := range []string{"policies/complaints.pdf", "How the scores were reached", "Waived items", "Head of Customer Services until"} {
			if strings.Contains(sum, gone) {
				t.Errorf("%s summary still has %q", format, gone)
			}
		}
		if !strings.Contains(sum, "newly failed") {
			t.Errorf("%s summary lost the changes since the baseline", format)
		}
		if !strings.Contains(full, "policies/complaints.pdf") {
			t.Errorf("%s full report lost the evidence", format)
		}
	}
	// Markdown's headline table has no empty header row.
	md := renderText(t, Options{Format: "md"}, "housing-2026-q2.json")
	if strings.Contains(md, "| | |") {
		t.Error("markdown headline has an empty header row")
	}
	if !strings.Contains(md, "| Subject | Housing repairs |\n|---|---|\n") {
		t.Errorf("markdown headline does not start with the subject:\n%s", md[:200])
	}
}

// The trend legend keeps long subject names whole while the chart has room.
func TestTrendLegendNotTruncated(t *testing.T) {
	v := &view{Trends: []trend{
		{Subject: "Adult social care and safeguarding services", Points: []point{{Date: "2026-03-31", Score: 50}, {Date: "2026-06-30", Score: 60}}},
		{Subject: "Housing repairs", Points: []point{{Date: "2026-03-31", Score: 70}}},
		{Subject: "Council tax and business rates collection", Points: []point{{Date: "2026-06-30", Score: 80}}},
	}}
	c := lines(v)
	for i, s := range c.Series {
		if s.Subject != v.Trends[i].Subject {
			t.Errorf("legend %d = %q, want %q", i, s.Subject, v.Trends[i].Subject)
		}
		end := s.LegendX2 + 6 + legendCharW*float64(len([]rune(s.Subject)))
		if end > c.Width {
			t.Errorf("legend %q runs past the chart (%v > %v)", s.Subject, end, c.Width)
		}
		for j := 0; j < i; j++ {
			o := c.Series[j]
			if o.LegendY == s.LegendY && s.LegendX < o.LegendX2+6+legendCharW*float64(len([]rune(o.Subject))) {
				t.Errorf("legends %q and %q overlap", o.Subject, s.Subject)
			}
		}
	}
	if c.Series[2].LegendY == c.Series[0].LegendY {
		t.Error("three long names on one legend line: want a second line")
	}
}

// On a terminal, the failed items wrap at word boundaries within the width.
func TestTableFailuresWrap(t *testing.T) {
	for _, width := range []int{80, 100, 120} {
		out := renderText(t, Options{Format: "table", Width: width}, "housing-2026-q2.json")
		for _, l := range strings.Split(out, "\n") {
			if runewidth.StringWidth(l) > width {
				t.Errorf("width %d: line of %d columns: %q", width, runewidth.StringWidth(l), l)
			}
		}
		if !strings.Contains(out, "    evidence: policies/complaints.pdf, page 3") {
			t.Errorf("width %d: evidence lost", width)
		}
	}
	narrow := renderText(t, Options{Format: "table", Width: 60}, "housing-2026-q2.json")
	if !strings.Contains(narrow, "\n            ") {
		t.Error("width 60: no continuation line indented under its label")
	}
}

// A table that fits the terminal is drawn as it is, not squeezed.
func TestTableFitsWithoutWrapping(t *testing.T) {
	out := renderText(t, Options{Format: "table", Width: 80, Color: true, Baseline: load(t, "housing-2026-q1.json")}, "housing-2026-q2.json")
	if !strings.Contains(out, "│ Promises with timescales │") {
		t.Errorf("section table wrapped at 80 columns:\n%s", out)
	}
	narrow := renderText(t, Options{Format: "table", Width: 50}, "housing-2026-q2.json")
	for _, l := range strings.Split(narrow, "\n") {
		if strings.HasPrefix(l, "│") && runewidth.StringWidth(l) > 50 {
			t.Errorf("width 50: table line of %d columns", runewidth.StringWidth(l))
		}
	}
}
