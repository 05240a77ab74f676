package report

import (
	"fmt"
	"github.com/svcaudit/svcaudit/internal/safe"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/svcaudit/svcaudit/result"
)

// AnnualFormats are the formats of the annual complaints report.
var AnnualFormats = []string{"md", "html", "xlsx"}

// AnnualOptions say how to render the annual complaints performance and
// service improvement report.
type AnnualOptions struct {
	// Format is one of AnnualFormats (default md).
	Format string
	// Baseline is last year's Result, for the measures' change.
	Baseline *result.Result
	// Response is the governing body's response (plain text or Markdown
	// paragraphs); empty leaves a place for it.
	Response string
	// Actions is the corrective-action register.
	Actions []Action
	Today   time.Time
	Title   string
}

// maxCategories is how many categories the report lists.
const maxAnnualCategories = 10

// annualView is everything the annual report shows, worked out once for
// every format.
type annualView struct {
	Title, Subject, Checklist, Date, Period, Holidays, Generated string
	Score                                                        string
	Grade                                                        result.Grade
	Measures                                                     []annualMeasure
	Trends                                                       []annualTrend
	Counts                                                       []annualCount
	NotMet                                                       []annualItem
	Categories                                                   []annualCategory
	Late                                                         []annualLate
	Actions                                                      []openAction
	Response                                                     []string
	Notes                                                        []string
	HasBaseline                                                  bool
	BaselineDate                                                 string
}

type annualMeasure struct {
	ID, Title, Value, Counts, Last, Change string
	Num, Den                               int
	Better                                 bool // the change is an improvement
	Worse                                  bool
}

type annualTrend struct {
	ID, Title string
	// Promise is the share the policy promises (the measured item's min,
	// else 100).
	Promise float64
	Months  []result.MeasurePoint
	Chart   *trendChart
}

type annualCount struct {
	Outcome string
	N       int
}

type annualItem struct {
	Ref, ID, Question, Outcome, Measure string
}

type annualCategory struct {
	Key            string
	Stage1, Stage2 int
}

type annualLate struct {
	Ref, ID, Question   string
	Measure             string
	Late                []string
	More, Open, Counted int
}

// RenderAnnual writes the annual complaints performance and service
// improvement report of r for the governing body.
func RenderAnnual(w io.Writer, r *result.Result, opts AnnualOptions) error {
	if r == nil {
		return fmt.Errorf("no result to report")
	}
	if opts.Format == "" {
		opts.Format = "md"
	}
	rs := cleanResults([]*result.Result{r})
	r = rs[0]
	if opts.Baseline != nil {
		opts.Baseline = cleanResults([]*result.Result{opts.Baseline})[0]
	}
	opts.Actions = cleanActions(opts.Actions)
	opts.Title, opts.Response = cleanText(opts.Title), cleanLines(opts.Response)
	v := buildAnnual(r, opts)
	switch opts.Format {
	case "md":
		return annualMarkdown(safe.Guard(w), v)
	case "html":
		return annualHTML(safe.GuardHTML(w), v)
	case "xlsx":
		return annualXLSX(w, v)
	}
	return fmt.Errorf("unknown annual report format %q (want %s)", opts.Format, strings.Join(AnnualFormats, ", "))
}

func buildAnnual(r *result.Result, opts AnnualOptions) *annualView {
	v := &annualView{Title: opts.Title, Subject: r.Subject, Checklist: r.Checklist.Title, Date: r.Date,
		Score: fmt.Sprintf("%.1f%%", r.Score), Grade: r.Grade}
	if v.Title == "" {
		v.Title = "Annual complaints performance and service improvement report"
	}
	if !opts.Today.IsZero() {
		v.Generated = opts.Today.Format("2006-01-02")
	}
	if lg := r.CaseLog; lg != nil {
		v.Holidays = map[string]string{"england-and-wales": "England and Wales", "scotland": "Scotland",
			"northern-ireland": "Northern Ireland"}[lg.Holidays]
		switch {
		case lg.From != "" && lg.To != "":
			v.Period = cleanText(lg.From) + " to " + cleanText(lg.To)
		case lg.From != "":
			v.Period = "from " + cleanText(lg.From)
		case lg.To != "":
			v.Period = "to " + cleanText(lg.To)
		default:
			v.Period = "the whole case log"
		}
		if n := lg.Rows - lg.Used; n > 0 {
			v.Notes = append(v.Notes, fmt.Sprintf("%d of %d rows of the case log were left out of every figure: %s.", n, lg.Rows, excludedText(lg.Excluded)))
		}
	}
	last := map[string]result.Measure{}
	if b := opts.Baseline; b != nil {
		v.HasBaseline, v.BaselineDate = true, b.Date
		for _, m := range b.Measures {
			last[cleanText(m.ID)] = m
		}
	}
	promise := map[int]float64{}
	for _, it := range r.Items {
		if m := it.Measure; m != nil && m.Interval == "acknowledged-responded" && m.Stage > 0 {
			if p, ok := promise[m.Stage]; !ok || m.Min > p {
				promise[m.Stage] = m.Min
			}
		}
	}
	for _, m := range r.Measures {
		am := annualMeasure{ID: cleanText(m.ID), Title: cleanText(m.Title), Value: measureValue(m), Counts: measureCounts(m),
			Num: m.Numerator, Den: m.Denominator}
		if b, ok := last[am.ID]; ok {
			am.Last = measureValue(b)
			if (m.Unit != "%" || m.Denominator > 0) && (b.Unit != "%" || b.Denominator > 0) {
				d := m.Value - b.Value
				am.Change = fmt.Sprintf("%+.1f", d)
				if m.Unit == "%" {
					am.Change += " points"
				}
				// Fewer complaints per 1,000 homes is not always better (a
				// low count may mean people cannot complain), so only
				// timeliness is judged.
				if m.Unit == "%" {
					am.Better, am.Worse = d > 0, d < 0
				}
			}
		} else if v.HasBaseline {
			am.Last = "–"
		}
		v.Measures = append(v.Measures, am)
		if m.Unit == "%" && len(m.Months) > 0 {
			stage := 0
			fmt.Sscanf(am.ID, "CH02-stage%d", &stage)
			p, ok := promise[stage]
			if !ok {
				p = 100
			}
			months := make([]result.MeasurePoint, len(m.Months))
			for i, pt := range m.Months {
				pt.Key = cleanText(pt.Key)
				months[i] = pt
			}
			t := annualTrend{ID: am.ID, Title: am.Title, Promise: p, Months: months}
			t.Chart = monthlyChart(t)
			v.Trends = append(v.Trends, t)
		}
	}
	v.Categories = categories(r)
	counts := map[result.Outcome]int{}
	for _, it := range r.Items {
		counts[it.Outcome]++
		if it.Outcome == result.Fail || it.Outcome == result.Partial || it.Outcome == result.Unanswered {
			ai := annualItem{Ref: it.Ref, ID: it.ID, Question: it.Question, Outcome: string(it.Outcome)}
			if it.Measure != nil {
				ai.Measure = itemMeasureText(it.Measure)
			}
			v.NotMet = append(v.NotMet, ai)
		}
		if m := it.Measure; m != nil && (m.LateCount > 0 || m.OpenOverdue > 0) {
			l := annualLate{Ref: it.Ref, ID: it.ID, Question: it.Question, Measure: itemMeasureText(m),
				Counted: m.LateCount, Open: m.OpenOverdue}
			for _, ref := range m.Late {
				l.Late = append(l.Late, cleanText(ref))
			}
			l.More = m.LateCount - len(l.Late)
			v.Late = append(v.Late, l)
		}
	}
	for _, o := range []result.Outcome{result.Pass, result.Partial, result.Fail, result.NA, result.Waived, result.Unanswered} {
		if counts[o] > 0 {
			v.Counts = append(v.Counts, annualCount{Outcome: outcomeWord(o), N: counts[o]})
		}
	}
	v.Actions = registerActions(opts.Actions, r.Subject, opts.Today)
	for _, p := range strings.Split(strings.ReplaceAll(strings.TrimSpace(cleanMultiline(opts.Response)), "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			v.Response = append(v.Response, p)
		}
	}
	for _, n := range r.Notices {
		if !strings.Contains(n, "rows of the case log left out") {
			v.Notes = append(v.Notes, n)
		}
	}
	return v
}

// cleanMultiline is cleanText for each line, keeping the line breaks.
func cleanMultiline(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = cleanText(l)
	}
	return strings.Join(lines, "\n")
}

func outcomeWord(o result.Outcome) string {
	switch o {
	case result.Pass:
		return "Met"
	case result.Partial:
		return "Partly met"
	case result.Fail:
		return "Not met"
	case result.NA:
		return "Not applicable"
	case result.Waived:
		return "Waived"
	}
	return "Not assessed"
}

func excludedText(ex map[string]int) string {
	keys := make([]string, 0, len(ex))
	for k := range ex {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ex[keys[i]] != ex[keys[j]] {
			return ex[keys[i]] > ex[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", ex[k], cleanText(k))
	}
	return strings.Join(parts, ", ")
}

func measureValue(m result.Measure) string {
	if m.Unit == "%" {
		if m.Denominator == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f%%", m.Value)
	}
	return fmt.Sprintf("%.1f", m.Value)
}

func measureCounts(m result.Measure) string {
	if m.Unit == "%" {
		return fmt.Sprintf("%d of %d", m.Numerator, m.Denominator)
	}
	return fmt.Sprintf("%d complaints, %d homes", m.Numerator, m.Denominator)
}

func itemMeasureText(m *result.ItemMeasure) string {
	if m.Percent == nil {
		return "no case to measure"
	}
	return fmt.Sprintf("%.1f%% of %d cases within (%s%% required)", *m.Percent, m.Cases, num(m.Min))
}

// categories are the categories most complained about: the complaints
// received (CH01) by category, else those responded to (CH02).
func categories(r *result.Result) []annualCategory {
	by := map[string]*annualCategory{}
	take := func(prefix string, received bool) {
		for _, m := range r.Measures {
			stage := 0
			if _, err := fmt.Sscanf(m.ID, prefix+"%d", &stage); err != nil || (stage != 1 && stage != 2) {
				continue
			}
			for _, p := range m.Categories {
				k := cleanText(p.Key)
				c := by[k]
				if c == nil {
					c = &annualCategory{Key: k}
					by[k] = c
				}
				n := p.Numerator
				if !received {
					n = p.Denominator
				}
				if stage == 1 {
					c.Stage1 += n
				} else {
					c.Stage2 += n
				}
			}
		}
	}
	take("CH01-stage", true)
	if len(by) == 0 {
		take("CH02-stage", false)
	}
	out := make([]annualCategory, 0, len(by))
	for _, c := range by {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Stage1+out[i].Stage2, out[j].Stage1+out[j].Stage2
		if a != b {
			return a > b
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > maxAnnualCategories {
		out = out[:maxAnnualCategories]
	}
	return out
}

// registerActions are the register's actions for subject: open ones
// first (overdue first), then those done in the year.
func registerActions(all []Action, subject string, today time.Time) []openAction {
	out := openActions(all, subject, today)
	for _, a := range all {
		if a.Status != ActionOpen && (a.Subject == "" || a.Subject == subject) {
			out = append(out, openAction{Action: a})
		}
	}
	return out
}

// trendChart is a monthly line chart of a percentage against the promise.
type trendChart struct {
	Width, Height, PlotX, PlotY, PlotW, PlotH float64
	PromiseY                                  float64
	PromiseLabel                              string
	Points                                    string
	Dots                                      []dot
	XTicks, YTicks                            []tick
}

func monthlyChart(t annualTrend) *trendChart {
	c := &trendChart{Width: chartWidth, PlotX: 60, PlotY: 20, PlotW: 560, PlotH: 220}
	c.Height = c.PlotY + c.PlotH + 40
	yOf := func(p float64) float64 { return c.PlotY + c.PlotH - p/100*c.PlotH }
	for p := 0; p <= 100; p += 20 {
		c.YTicks = append(c.YTicks, tick{X: c.PlotX - 6, Y: yOf(float64(p)) + 4, Label: itoa(p)})
	}
	c.PromiseY = yOf(t.Promise)
	c.PromiseLabel = "promise " + num(t.Promise) + "%"
	var pts []string
	n := len(t.Months)
	for i, m := range t.Months {
		x := c.PlotX + c.PlotW/2
		if n > 1 {
			x = c.PlotX + 20 + float64(i)*(c.PlotW-40)/float64(n-1)
		}
		y := yOf(m.Value)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
		c.Dots = append(c.Dots, dot{X: x, Y: y, Label: num(m.Value), LabelY: y - 8, Date: m.Key,
			Text: fmt.Sprintf("%s: %s%% (%d of %d)", m.Key, num(m.Value), m.Numerator, m.Denominator)})
		if n <= 12 || i%((n+11)/12) == 0 {
			c.XTicks = append(c.XTicks, tick{X: x, Y: c.PlotY + c.PlotH + 18, Label: m.Key})
		}
	}
	c.Points = strings.Join(pts, " ")
	return c
}
