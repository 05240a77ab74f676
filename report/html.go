package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
)

//go:embed html.tmpl
var htmlText string

// htmlTmpl parses the template on first use, not at start-up: every
// command of the binary would otherwise pay for it.
var htmlTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"num":           num,
		"numPtr":        numPtr,
		"ragWord":       ragWord,
		"yesNo":         yesNo,
		"lower":         strings.ToLower,
		"passed":        passedText,
		"rowLabel":      rowLabel,
		"failureCounts": failureCounts,
		"deltaText":     deltaText,
		"deltaClass": func(d *float64) string {
			switch t := deltaText(d); {
			case strings.HasPrefix(t, "▲"):
				return "up"
			case strings.HasPrefix(t, "▼"):
				return "down"
			}
			return ""
		},
	}).Parse(htmlText))
})

// renderHTML writes one self-contained HTML file: inline CSS and SVG, no
// script and nothing fetched. html/template escapes every value from the
// Results.
func renderHTML(w io.Writer, v *view) error {
	v.Bars = bars(v)
	if len(v.Trends) > 0 {
		v.Trend = lines(v)
	}
	// The score explanations, the bulk of a report of many audits, are
	// written between the template's two parts (explanationsHTML).
	bw := bufio.NewWriterSize(w, 64<<10)
	t := htmlTmpl()
	if err := t.Execute(bw, v); err != nil {
		return err
	}
	if !v.Summary {
		for es := range v.EachExplanation() {
			writeExplanations(bw, es)
		}
	}
	if err := t.ExecuteTemplate(bw, "tail", v); err != nil {
		return err
	}
	return bw.Flush()
}

// Chart geometry, in SVG user units.
const (
	chartWidth  = 920.0
	chartLabelW = 300.0
	chartPlotW  = 440.0
	barHeight   = 24.0
	barGap      = 10.0
	chartTop    = 34.0
)

type barChart struct {
	Title  string
	Width  float64
	Height float64
	PlotX  float64
	PlotW  float64
	Bands  []bandRect
	Bars   []bar
	Ticks  []tick
	PlotH  float64
	Bottom float64
}

type bandRect struct {
	X, W, LabelX float64
	Label, RAG   string
	// LegendX and LegendY place the band's key below the chart.
	LegendX, LegendY float64
	Range            string
}

type bar struct {
	Label  string
	Y, W   float64
	TextX  float64
	TextY  float64
	LabelY float64
	Text   string
	RAG    string
	Anchor string
}

type tick struct {
	X, Y  float64
	Label string
}

// bars charts section scores (one audit) or overall scores (several)
// against the grade bands.
func bars(v *view) *barChart {
	c := &barChart{Width: chartWidth, PlotX: chartLabelW, PlotW: chartPlotW}
	type entry struct {
		label string
		cell  cell
	}
	var es []entry
	if v.Single() {
		c.Title = "Section scores against the grade bands"
		for _, r := range v.Rows {
			if v.By == "section" {
				es = append(es, entry{r.Title, r.Cells[0]})
			}
		}
		if v.By == "item" {
			for si, s := range v.Subjects[0].r.Sections {
				ce := cell{Score: s.Score, Anchor: fmt.Sprintf("x-c0-s%d", si)}
				if s.Grade != nil {
					ce.Grade, ce.RAG = s.Grade.Label, s.Grade.RAG
				}
				es = append(es, entry{s.Title, ce})
			}
		}
		o := v.Overall.Cells[0]
		if v.Subjects[0].Critical() > 0 {
			o.Grade += " (capped: critical failure)"
		}
		es = append(es, entry{"Overall", o})
	} else {
		c.Title = "Overall scores against the grade bands"
		for i, col := range v.Subjects {
			es = append(es, entry{col.Label, v.Overall.Cells[i]})
		}
	}
	scale := func(p float64) float64 { return c.PlotX + p/100*c.PlotW }
	for i, e := range es {
		y := chartTop + float64(i)*(barHeight+barGap)
		b := bar{Label: truncate(e.label, 36), Y: y, LabelY: y + barHeight/2 + 5, TextY: y + barHeight/2 + 5, Anchor: e.cell.Anchor, RAG: e.cell.RAG}
		if e.cell.Score != nil {
			b.W = *e.cell.Score / 100 * c.PlotW
			b.Text = num(*e.cell.Score) + "% " + e.cell.Grade
		} else {
			b.Text = "no score"
		}
		b.TextX = c.PlotX + b.W + 6
		c.Bars = append(c.Bars, b)
	}
	c.PlotH = float64(len(es))*(barHeight+barGap) + barGap
	c.Bottom = chartTop + c.PlotH - barGap
	c.Height = c.Bottom + 62
	// The bands' key goes below the axis, lowest band first, so that narrow
	// bands never crowd their labels.
	lx := c.PlotX
	for i := len(v.Bands) - 1; i >= 0; i-- {
		bd := v.Bands[i]
		x := scale(bd.Min)
		br := bandRect{X: x, W: scale(bd.Max) - x, LabelX: (x + scale(bd.Max)) / 2, Label: bd.Label, RAG: bd.RAG,
			LegendX: lx, LegendY: c.Bottom + 44, Range: trimNum(bd.Min) + "–" + trimNum(bd.Max) + "%"}
		lx += 30 + 7.2*float64(len([]rune(bd.Label+" "+br.Range)))
		c.Bands = append([]bandRect{br}, c.Bands...)
	}
	if lx > c.Width {
		c.Width = lx + 10
	}
	for p := 0; p <= 100; p += 20 {
		c.Ticks = append(c.Ticks, tick{X: scale(float64(p)), Y: c.Bottom + 20, Label: itoa(p) + "%"})
	}
	return c
}

type lineChart struct {
	Width, Height  float64
	PlotX, PlotY   float64
	PlotW, PlotH   float64
	Bands          []hBand
	Series         []series
	XTicks, YTicks []tick
}

type hBand struct {
	Y, H, LabelY float64
	Label, RAG   string
}

type series struct {
	Subject  string
	Points   string
	Dots     []dot
	Color    string
	Dash     string
	LegendY  float64
	LegendX  float64
	LegendX2 float64
}

type dot struct {
	X, Y       float64
	Label      string
	LabelY     float64
	Date, Text string
}

// seriesColors are told apart by dash pattern as well as colour.
var seriesColors = []struct{ color, dash string }{
	{"#1f3a93", ""}, {"#6b2c91", "6 3"}, {"#00695c", "2 3"}, {"#4e342e", "8 3 2 3"}, {"#37474f", "1 2"},
}

// lines charts each subject's overall score across the dates it was
// audited, against the grade bands.
func lines(v *view) *lineChart {
	c := &lineChart{Width: chartWidth, PlotX: 60, PlotY: 20, PlotW: 560, PlotH: 240}
	var dates []string
	seen := map[string]bool{}
	for _, t := range v.Trends {
		for _, p := range t.Points {
			if !seen[p.Date] {
				seen[p.Date] = true
				dates = append(dates, p.Date)
			}
		}
	}
	sortStrings(dates)
	xOf := map[string]float64{}
	for i, d := range dates {
		x := c.PlotX + c.PlotW/2
		if len(dates) > 1 {
			x = c.PlotX + 20 + float64(i)*(c.PlotW-40)/float64(len(dates)-1)
		}
		xOf[d] = x
		c.XTicks = append(c.XTicks, tick{X: x, Y: c.PlotY + c.PlotH + 18, Label: d})
	}
	yOf := func(s float64) float64 { return c.PlotY + c.PlotH - s/100*c.PlotH }
	for _, b := range v.Bands {
		y := yOf(b.Max)
		c.Bands = append(c.Bands, hBand{Y: y, H: yOf(b.Min) - y, LabelY: (y + yOf(b.Min)) / 2, Label: b.Label, RAG: b.RAG})
	}
	for p := 0; p <= 100; p += 20 {
		c.YTicks = append(c.YTicks, tick{X: c.PlotX - 6, Y: yOf(float64(p)) + 4, Label: itoa(p)})
	}
	// The legend runs left to right, a new line when the next entry would
	// not fit: a subject's name is shortened only when it alone is wider
	// than the chart.
	lx, lrow := c.PlotX, 0
	maxRunes := int((c.Width - c.PlotX - 40) / legendCharW)
	for i, t := range v.Trends {
		sc := seriesColors[i%len(seriesColors)]
		name := truncate(t.Subject, maxRunes)
		w := 30 + legendCharW*float64(len([]rune(name))) + 28
		if lx > c.PlotX && lx+w > c.Width {
			lx, lrow = c.PlotX, lrow+1
		}
		s := series{Subject: name, Color: sc.color, Dash: sc.dash,
			LegendX: lx, LegendX2: lx + 24, LegendY: c.PlotY + c.PlotH + 44 + float64(lrow)*20}
		lx += w
		var pts []string
		for _, p := range t.Points {
			x, y := xOf[p.Date], yOf(p.Score)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			s.Dots = append(s.Dots, dot{X: x, Y: y, Label: num(p.Score), LabelY: y - 8, Date: p.Date, Text: t.Subject + " " + p.Date + ": " + num(p.Score) + "%"})
		}
		s.Points = strings.Join(pts, " ")
		c.Series = append(c.Series, s)
	}
	c.Height = c.PlotY + c.PlotH + 56 + float64(lrow)*20
	return c
}

// legendCharW is the width of a character of the trend legend (12-unit
// sans-serif), a little over the average so that names never overlap.
const legendCharW = 7.0

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
