package report

import (
	"bytes"
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// The DOCX report carries the HTML report's charts as PNG images: the
// same geometry (bars and lines compute it once, in SVG user units) drawn
// by gonum's rasteriser with the Liberation Sans fonts it ships, so the
// pictures need no fonts on the machine and match the HTML chart for chart.

// chartFonts parses the fonts on first use only: every command of the
// binary would otherwise pay for them at start-up.
var chartFonts = sync.OnceValue(func() *font.Cache { return font.NewCache(liberation.Collection()) })

// chartDPI is the resolution of the PNG charts: sharp when printed.
const chartDPI = 200

// pngChart draws in SVG user units (y down) onto a PNG canvas (y up).
type pngChart struct {
	c    *vgimg.Canvas
	h    float64 // height in user units
	unit float64 // points per user unit
}

func newPNGChart(w, h, widthPt float64) *pngChart {
	unit := widthPt / w
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w*unit), vg.Length(h*unit)), vgimg.UseDPI(chartDPI), vgimg.UseBackgroundColor(color.White))
	return &pngChart{c: c, h: h, unit: unit}
}

func (p *pngChart) pt(x, y float64) vg.Point {
	return vg.Point{X: vg.Length(x * p.unit), Y: vg.Length((p.h - y) * p.unit)}
}

func hexColor(s string) color.Color {
	s = strings.TrimPrefix(s, "#")
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil || len(s) != 6 {
		return color.Black
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

func (p *pngChart) rect(x, y, w, h float64, fill string) {
	if w <= 0 || h <= 0 {
		return
	}
	var path vg.Path
	path.Move(p.pt(x, y))
	path.Line(p.pt(x+w, y))
	path.Line(p.pt(x+w, y+h))
	path.Line(p.pt(x, y+h))
	path.Close()
	p.c.SetColor(hexColor(fill))
	p.c.Fill(path)
}

func (p *pngChart) strokeRect(x, y, w, h, width float64, stroke string) {
	p.line([][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}, width, stroke, "")
}

// line strokes a polyline; dash is an SVG stroke-dasharray ("6 3").
func (p *pngChart) line(pts [][2]float64, width float64, stroke, dash string) {
	if len(pts) < 2 {
		return
	}
	var path vg.Path
	path.Move(p.pt(pts[0][0], pts[0][1]))
	for _, q := range pts[1:] {
		path.Line(p.pt(q[0], q[1]))
	}
	var ds []vg.Length
	for _, f := range strings.Fields(dash) {
		if n, err := strconv.ParseFloat(f, 64); err == nil {
			ds = append(ds, vg.Length(n*p.unit))
		}
	}
	p.c.SetLineDash(ds, 0)
	p.c.SetLineWidth(vg.Length(width * p.unit))
	p.c.SetColor(hexColor(stroke))
	p.c.Stroke(path)
	p.c.SetLineDash(nil, 0)
}

func (p *pngChart) circle(x, y, r float64, fill string) {
	var path vg.Path
	c := p.pt(x, y)
	path.Move(vg.Point{X: c.X + vg.Length(r*p.unit), Y: c.Y})
	path.Arc(c, vg.Length(r*p.unit), 0, 2*math.Pi)
	path.Close()
	p.c.SetColor(hexColor(fill))
	p.c.Fill(path)
}

func (p *pngChart) face(size float64, bold bool) font.Face {
	f := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if bold {
		f.Weight = stdfont.WeightBold
	}
	return chartFonts().Lookup(f, vg.Length(size*p.unit))
}

// text writes s with its baseline at y; anchor is "start", "middle" or
// "end", as in SVG. It returns the width drawn, in user units.
func (p *pngChart) text(x, y float64, s string, size float64, bold bool, fill, anchor string) float64 {
	f := p.face(size, bold)
	w := float64(f.Width(s)) / p.unit
	switch anchor {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	p.c.SetColor(hexColor(fill))
	p.c.FillString(f, p.pt(x, y), s)
	return w
}

func (p *pngChart) png() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: p.c}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var ragBg = map[string]string{"green": "#e2f0e6", "amber": "#fcefd9", "red": "#fae3e1"}
var ragInk = map[string]string{"green": "#1b6e35", "amber": "#9a4f00", "red": "#a8231b"}

func bgOf(rag string) string {
	if c, ok := ragBg[rag]; ok {
		return c
	}
	return "#fae3e1"
}

func inkOf(rag string) string {
	if c, ok := ragInk[rag]; ok {
		return c
	}
	return "#4d5566"
}

// barsPNG draws the bar chart of html.tmpl: grade bands behind, a bar per
// section (or subject) labelled with its score and grade, the bands' key
// below. widthPt is the picture's width in points.
func barsPNG(b *barChart, widthPt float64) ([]byte, error) {
	p := newPNGChart(b.Width, b.Height, widthPt)
	for _, bd := range b.Bands {
		p.rect(bd.X, 20, bd.W, b.PlotH, bgOf(bd.RAG))
		if bd.X > b.PlotX {
			p.line([][2]float64{{bd.X, 20}, {bd.X, b.Bottom}}, 1, "#8a93a3", "3 3")
		}
		p.rect(bd.LegendX, bd.LegendY-11, 14, 14, bgOf(bd.RAG))
		p.strokeRect(bd.LegendX, bd.LegendY-11, 14, 14, 0.5, "#4d5566")
		w := p.text(bd.LegendX+20, bd.LegendY, bd.Label+" ", 13, false, "#1d2330", "start")
		p.text(bd.LegendX+20+w, bd.LegendY, bd.Range, 13, false, "#4d5566", "start")
	}
	for _, t := range b.Ticks {
		p.line([][2]float64{{t.X, 20}, {t.X, b.Bottom}}, 1, "#ffffff", "")
		p.text(t.X, t.Y, t.Label, 13, false, "#4d5566", "middle")
	}
	for _, br := range b.Bars {
		p.text(b.PlotX-8, br.LabelY, br.Label, 15, false, "#1d2330", "end")
		p.rect(b.PlotX, br.Y, br.W, 24, inkOf(br.RAG))
		p.text(br.TextX, br.TextY, br.Text, 14, true, "#1d2330", "start")
	}
	return p.png()
}

// linesPNG draws the trend chart of html.tmpl.
func linesPNG(l *lineChart, widthPt float64) ([]byte, error) {
	p := newPNGChart(l.Width, l.Height, widthPt)
	for _, b := range l.Bands {
		p.rect(l.PlotX, b.Y, l.PlotW, b.H, bgOf(b.RAG))
		p.text(l.PlotX+l.PlotW+8, b.LabelY+4, b.Label, 12, false, "#4d5566", "start")
	}
	for _, t := range l.YTicks {
		p.text(t.X, t.Y, t.Label, 11, false, "#4d5566", "end")
	}
	for _, t := range l.XTicks {
		p.text(t.X, t.Y, t.Label, 11, false, "#4d5566", "middle")
	}
	for _, s := range l.Series {
		var pts [][2]float64
		for _, d := range s.Dots {
			pts = append(pts, [2]float64{d.X, d.Y})
		}
		p.line(pts, 2.5, s.Color, s.Dash)
		for _, d := range s.Dots {
			p.circle(d.X, d.Y, 4, s.Color)
			p.text(d.X, d.LabelY, d.Label, 11, false, "#1d2330", "middle")
		}
		p.line([][2]float64{{s.LegendX, s.LegendY}, {s.LegendX2, s.LegendY}}, 2.5, s.Color, s.Dash)
		p.text(s.LegendX2+6, s.LegendY+4, s.Subject, 12, false, "#1d2330", "start")
	}
	return p.png()
}
