package cases

import (
	"fmt"
	"sort"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// MaxListed is how many late (or open and overdue) cases an item's
// findings name before counting the rest.
const MaxListed = 100

// maxCategories bounds the categories tallied; the rest are summed under
// OtherCategory, so a log with a free-text category column stays small.
const maxCategories = 1000

// OtherCategory gathers the categories past the first maxCategories, and
// the cases with none.
const (
	OtherCategory = "(other)"
	NoCategory    = "(none)"
)

// The Code timescales of the tenant satisfaction measure CH02, in working
// days from acknowledgement, with the longest extension that counts.
var codeLimit = [3]int{0, 10, 20}

// noun names an interval's start in messages.
var noun = map[string]string{checklist.CaseReceived: "receipt", checklist.CaseAcknowledged: "acknowledgement"}

// Spec is one item's cases rule.
type Spec struct {
	Item string // full id
	Rule *checklist.Cases
}

// Period is the inclusive range of dates a period covers; the zero Period
// covers every date.
type Period struct{ From, To Day }

// Contains reports whether d falls in the period.
func (p Period) Contains(d Day) bool {
	return (p.From == NoDay || d >= p.From) && (p.To == NoDay || d <= p.To)
}

// Set reports whether the period bounds anything.
func (p Period) Set() bool { return p.From != NoDay || p.To != NoDay }

// Options tune a measurement.
type Options struct {
	Calendar *Calendar
	// Period keeps the cases received in it for the items and CH01; CH02
	// counts the responses made in it.
	Period Period
	// AsOf is the date open cases are judged on; NoDay leaves open cases
	// out.
	AsOf Day
	// Homes, when above 0, is the number of homes CH01 is relative to.
	Homes int
	// File names the log in findings.
	File string
}

// Engine measures a case log's rows as they stream past: memory grows with
// the months and categories, never with the rows.
type Engine struct {
	opt   Options
	items []*itemTally
	// received[stage] and answered[stage] tally CH01 and CH02.
	received [3]tally
	answered [3]tally
}

type tally struct {
	num, den   int
	months     map[int32]*[2]int
	categories map[string]*[2]int
}

func (t *tally) add(month int32, category string, within bool) {
	w := 0
	if within {
		w = 1
	}
	t.num += w
	t.den++
	if t.months == nil {
		t.months = map[int32]*[2]int{}
		t.categories = map[string]*[2]int{}
	}
	m := t.months[month]
	if m == nil {
		m = &[2]int{}
		t.months[month] = m
	}
	m[0] += w
	m[1]++
	if category == "" {
		category = NoCategory
	}
	c := t.categories[category]
	if c == nil {
		if len(t.categories) >= maxCategories {
			category = OtherCategory
			c = t.categories[category]
		}
		if c == nil {
			c = &[2]int{}
			t.categories[category] = c
		}
	}
	c[0] += w
	c[1]++
}

type listed struct {
	ref  string
	line int
	msg  string
}

type itemTally struct {
	spec                 Spec
	cases, within        int
	late                 []listed
	lateCount            int
	open                 []listed
	openCount, notYetDue int
}

// NewEngine prepares to measure the given items' rules.
func NewEngine(specs []Spec, opt Options) *Engine {
	e := &Engine{opt: opt}
	for _, s := range specs {
		e.items = append(e.items, &itemTally{spec: s})
	}
	return e
}

// allowed is the number of working days a rule allows a case.
func allowed(c *checklist.Cases, ext int) int {
	n := c.Limit
	if c.Extension && ext > 0 {
		if c.ExtensionMax > 0 && ext > c.ExtensionMax {
			ext = c.ExtensionMax
		}
		n += ext
	}
	return n
}

// Add measures one row.
func (e *Engine) Add(r *Row) {
	cal := e.opt.Calendar
	inPeriod := e.opt.Period.Contains(r.Received)
	start := r.Acknowledged
	if start == NoDay {
		start = r.Received
	}
	if inPeriod {
		e.received[r.Stage].add(r.Received.monthIndex(), r.Category, true)
	}
	if r.Responded != NoDay && e.opt.Period.Contains(r.Responded) {
		lim := codeLimit[r.Stage]
		within := cal.Between(start, r.Responded) <= lim+min(r.Extension, lim)
		e.answered[r.Stage].add(r.Responded.monthIndex(), r.Category, within)
	}
	if !inPeriod {
		return
	}
	for _, it := range e.items {
		c := it.spec.Rule
		if c.Stage != r.Stage || (c.OnlyExtended && r.Extension == 0) {
			continue
		}
		var from, to Day
		if c.From == checklist.CaseReceived {
			from, to = r.Received, r.Acknowledged
		} else {
			from, to = start, r.Responded
		}
		limit := allowed(c, r.Extension)
		if to == NoDay {
			if e.opt.AsOf == NoDay || e.opt.AsOf < from || cal.Between(from, e.opt.AsOf) <= limit {
				it.notYetDue++
				continue
			}
			it.openCount++
			due := cal.Add(from, limit)
			msg := fmt.Sprintf("%s: open and overdue: not %s by %s (%d working days after %s on %s)",
				r.Reference, c.To, due, limit, noun[c.From], from)
			if len(it.open) < MaxListed {
				it.open = append(it.open, listed{r.Reference, r.Line, msg})
			}
			// An acknowledgement item counts every case of its stage: one
			// still unacknowledged past its due date is late.
			if c.To != checklist.CaseAcknowledged {
				continue
			}
			it.cases++
			continue
		}
		it.cases++
		took := cal.Between(from, to)
		if took <= limit {
			it.within++
			continue
		}
		it.lateCount++
		if len(it.late) < MaxListed {
			ext := ""
			if c.Extension && r.Extension > 0 {
				ext = fmt.Sprintf(", with an extension of %d", r.Extension)
			}
			msg := fmt.Sprintf("%s: %s %d working days after %s (limit %d%s)", r.Reference, c.To, took, noun[c.From], limit, ext)
			it.late = append(it.late, listed{r.Reference, r.Line, msg})
		}
	}
}

// Outcome is a case log's verdict on one item.
type Outcome struct {
	Passed   bool
	Measured bool // false when no case of the item's stage could be measured
	Measure  result.ItemMeasure
	Findings []result.Finding
}

// Outcomes returns each item's outcome by full id. notes are added to
// every measure (the rows left out, and why).
func (e *Engine) Outcomes(notes []string) map[string]Outcome {
	out := make(map[string]Outcome, len(e.items))
	for _, it := range e.items {
		c := it.spec.Rule
		m := result.ItemMeasure{Cases: it.cases, Within: it.within, Min: c.Min, LateCount: it.lateCount,
			Stage: c.Stage, Interval: c.From + "-" + c.To, Limit: c.Limit,
			OpenOverdue: it.openCount, Notes: append([]string{}, notes...)}
		for _, l := range it.late {
			m.Late = append(m.Late, l.ref)
		}
		if it.notYetDue > 0 {
			m.Notes = append(m.Notes, fmt.Sprintf("%d open %s not yet due, not counted", it.notYetDue, plural(it.notYetDue, "case")))
		}
		o := Outcome{Measure: m, Findings: []result.Finding{}}
		what := fmt.Sprintf("stage %d cases %s within %d working days of %s", c.Stage, c.To, c.Limit, noun[c.From])
		if c.Extension {
			what += " (or an agreed extension"
			if c.ExtensionMax > 0 {
				what += fmt.Sprintf(" of up to %d", c.ExtensionMax)
			}
			what += ")"
		}
		if c.OnlyExtended {
			what = "extended " + what
		}
		if it.cases == 0 {
			o.Passed = true
			o.Findings = append(o.Findings, result.Finding{Rule: "cases", File: e.opt.File, Severity: "info",
				Message: fmt.Sprintf("no %s to measure in the case log", what)})
		} else {
			o.Measured = true
			pct := Tenths(100*it.within, it.cases)
			o.Measure.Percent = &pct
			o.Passed = 100*float64(it.within) >= c.Min*float64(it.cases)
			sev, verdict := "info", "meets"
			if !o.Passed {
				sev, verdict = "error", "is below"
			}
			o.Findings = append(o.Findings, result.Finding{Rule: "cases", File: e.opt.File, Severity: sev,
				Message: fmt.Sprintf("%d of %d %s: %.1f%%, which %s the %s%% required", it.within, it.cases, what, pct, verdict, trimFloat(c.Min))})
		}
		for _, l := range it.late {
			o.Findings = append(o.Findings, result.Finding{Rule: "cases", File: e.opt.File, Line: l.line, Severity: "error", Message: "late: " + l.msg})
		}
		if n := it.lateCount - len(it.late); n > 0 && len(it.late) > 0 {
			o.Findings = append(o.Findings, result.Finding{Rule: "cases", File: e.opt.File, Severity: "error",
				Message: fmt.Sprintf("and %d more late %s", n, plural(n, "case"))})
		}
		for _, l := range it.open {
			o.Findings = append(o.Findings, result.Finding{Rule: "cases", File: e.opt.File, Line: l.line, Severity: "error", Message: l.msg})
		}
		if n := it.openCount - len(it.open); n > 0 {
			o.Findings = append(o.Findings, result.Finding{Rule: "cases", File: e.opt.File, Severity: "error",
				Message: fmt.Sprintf("and %d more open %s past due", n, plural(n, "case"))})
		}
		out[it.spec.Item] = o
	}
	return out
}

// Measures returns the tenant satisfaction measures CH01 (only when Homes
// is set) and CH02, each stage on its own.
func (e *Engine) Measures(notes []string) []result.Measure {
	var ms []result.Measure
	for stage := 1; stage <= 2; stage++ {
		if e.opt.Homes <= 0 {
			break
		}
		t := &e.received[stage]
		m := result.Measure{
			ID:          fmt.Sprintf("CH01-stage%d", stage),
			Title:       fmt.Sprintf("Stage %d complaints received per 1,000 homes", stage),
			Value:       Tenths(1000*t.den, e.opt.Homes),
			Numerator:   t.den,
			Denominator: e.opt.Homes,
			Unit:        "per 1,000 homes",
			Notes:       notes,
		}
		m.Months = points(t, func(n, d int) (float64, int, int) { return Tenths(1000*d, e.opt.Homes), d, e.opt.Homes }, true)
		m.Categories = points(t, func(n, d int) (float64, int, int) { return Tenths(1000*d, e.opt.Homes), d, e.opt.Homes }, false)
		ms = append(ms, m)
	}
	for stage := 1; stage <= 2; stage++ {
		t := &e.answered[stage]
		m := result.Measure{
			ID: fmt.Sprintf("CH02-stage%d", stage),
			Title: fmt.Sprintf("Stage %d complaints responded to within the Code's timescale (%d working days of acknowledgement, or an extension of up to %d more)",
				stage, codeLimit[stage], codeLimit[stage]),
			Numerator:   t.num,
			Denominator: t.den,
			Unit:        "%",
			Notes:       notes,
		}
		if t.den > 0 {
			m.Value = Tenths(100*t.num, t.den)
		} else {
			m.Notes = append(append([]string{}, notes...), fmt.Sprintf("no stage %d complaint was responded to in the period", stage))
		}
		pct := func(n, d int) (float64, int, int) { return Tenths(100*n, d), n, d }
		m.Months = points(t, pct, true)
		m.Categories = points(t, pct, false)
		ms = append(ms, m)
	}
	return ms
}

// points lists a tally by month (in order) or by category (largest first).
func points(t *tally, value func(n, d int) (float64, int, int), months bool) []result.MeasurePoint {
	src := t.categories
	if months {
		src = map[string]*[2]int{}
		for k, c := range t.months {
			src[fmt.Sprintf("%04d-%02d", k/12, k%12+1)] = c
		}
	}
	if !months && len(src) == 1 && src[NoCategory] != nil {
		return nil // the log has no categories
	}
	var ps []result.MeasurePoint
	for k, c := range src {
		v, n, d := value(c[0], c[1])
		ps = append(ps, result.MeasurePoint{Key: k, Value: v, Numerator: n, Denominator: d})
	}
	sort.Slice(ps, func(i, j int) bool {
		if !months && ps[i].Numerator != ps[j].Numerator {
			return ps[i].Numerator > ps[j].Numerator
		}
		return ps[i].Key < ps[j].Key
	})
	return ps
}

// Tenths is n/d rounded half up to one decimal, worked out in integers so
// that any other exact computation gets the same figure.
func Tenths(n, d int) float64 {
	if d <= 0 {
		return 0
	}
	t := (20*int64(n) + int64(d)) / (2 * int64(d))
	return float64(t) / 10
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}
