package report

import (
	"fmt"
	"iter"
	"sort"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/result"
)

// view is what every format renders: built once from the Results, so that
// the renderers only lay it out. It is also the JSON output.
type view struct {
	// Kind marks the JSON output: "svcaudit-report".
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// Period is the period the report covers ("Q4 2026-27"); Produced the
	// date it was produced.
	Period   string `json:"period,omitempty"`
	Produced string `json:"produced,omitempty"`
	// Summary leaves out item details and the scoring appendix.
	Summary   bool     `json:"summary,omitempty"`
	Checklist string   `json:"checklist"`
	By        string   `json:"by"`
	Sort      string   `json:"sort,omitempty"`
	Subjects  []column `json:"subjects"`
	Rows      []row    `json:"rows"`
	Overall   row      `json:"overall"`
	// The audits, each subject's detail, come next in the JSON output
	// (renderJSON): worked out one at a time as a renderer writes them
	// (Audit, EachAudit), they are never all held.
	// HasActions is true when an actions register was given.
	HasActions bool    `json:"-"`
	Trends     []trend `json:"trends,omitempty"`
	Bands      []band  `json:"bands"`
	// HasBaseline is true when any subject has a baseline.
	HasBaseline bool `json:"-"`
	// Bars and Trend are the HTML charts.
	Bars  *barChart  `json:"-"`
	Trend *lineChart `json:"-"`

	opts Options
}

// Audit is the detail of the i-th subject's audit, worked out at each call.
func (v *view) Audit(i int) audit { return detail(i, v.Subjects[i], v.opts) }

// EachAudit yields each subject's audit in turn, worked out as it goes.
func (v *view) EachAudit() iter.Seq[audit] {
	return func(yield func(audit) bool) {
		for i := range v.Subjects {
			if !yield(v.Audit(i)) {
				return
			}
		}
	}
}

// EachExplanation yields the score explanations of each subject's audit
// in turn (audit.Explain), worked out as it goes.
func (v *view) EachExplanation() iter.Seq[[]explanation] {
	return func(yield func([]explanation) bool) {
		for i, c := range v.Subjects {
			if !yield(explain(i, c.r)) {
				return
			}
		}
	}
}

// Single is true when the report is of one audit.
func (v *view) Single() bool { return len(v.Subjects) == 1 }

type band struct {
	Label string  `json:"label"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	RAG   string  `json:"rag"`
}

// column is one audited subject.
type column struct {
	Label     string   `json:"label"`
	Subject   string   `json:"subject"`
	Checklist string   `json:"checklist"`
	Date      string   `json:"date,omitempty"`
	Auditor   string   `json:"auditor,omitempty"`
	Score     float64  `json:"score"`
	Grade     string   `json:"grade"`
	RAG       string   `json:"rag"`
	Passed    bool     `json:"passed"`
	Rank      int      `json:"rank,omitempty"`
	Baseline  string   `json:"baselineDate,omitempty"`
	BaseScore *float64 `json:"baselineScore,omitempty"`
	Delta     *float64 `json:"change,omitempty"`
	Anchor    string   `json:"-"`

	r    *Prepared
	base *Prepared
}

// Critical is the number of critical failures.
func (c column) Critical() int { return len(c.r.CriticalFailures) }

// DeltaText is the change in the overall score.
func (c column) DeltaText() string { return deltaText(c.Delta) }

// row is a section (or item) across subjects.
type row struct {
	ID    string `json:"id"`
	Ref   string `json:"ref,omitempty"`
	Title string `json:"title"`
	Cells []cell `json:"cells"`
}

// cell is one subject's score in a row.
type cell struct {
	Score   *float64 `json:"score"`
	Grade   string   `json:"grade,omitempty"`
	RAG     string   `json:"rag,omitempty"`
	Outcome string   `json:"outcome,omitempty"`
	Base    *float64 `json:"baselineScore,omitempty"`
	Delta   *float64 `json:"change,omitempty"`
	Missing bool     `json:"missing,omitempty"`
	Anchor  string   `json:"-"`
}

// Text is the score, or the outcome for an item that does not count.
func (c cell) Text() string {
	switch {
	case c.Missing:
		return "—"
	case c.Score == nil && c.Outcome != "":
		return c.Outcome
	}
	return numPtr(c.Score)
}

// DeltaText is the change since the baseline.
func (c cell) DeltaText() string { return deltaText(c.Delta) }

// RAGWord is the RAG rating in words, for readers who cannot see colour.
func (c cell) RAGWord() string { return ragWord(c.RAG) }

func ragWord(rag string) string {
	switch rag {
	case "green":
		return "Green"
	case "amber":
		return "Amber"
	case "red":
		return "Red"
	}
	return ""
}

// audit is the detail of one subject's audit.
type audit struct {
	Column     int        `json:"-"`
	Subject    string     `json:"subject"`
	Gates      []gateView `json:"gates,omitempty"`
	Notices    []string   `json:"notices,omitempty"`
	Failures   []failure  `json:"failures"`
	Waived     []waived   `json:"waived,omitempty"`
	Unanswered []itemRef  `json:"unanswered,omitempty"`
	NotAsked   []itemRef  `json:"notAsked,omitempty"`
	Changes    []change   `json:"changes,omitempty"`
	// Actions are open actions that answer no current failure.
	Actions []openAction `json:"otherActions,omitempty"`

	r *Prepared
}

// Explain is the arithmetic behind the audit's scores, worked out when a
// report shows it (HTML) rather than held for every audit of a report.
func (a audit) Explain() []explanation { return explain(a.Column, a.r) }

// failure is an item that failed or was partial.
type failure struct {
	ID        string       `json:"id"`
	Ref       string       `json:"ref,omitempty"`
	Section   string       `json:"section"`
	Question  string       `json:"question"`
	Outcome   string       `json:"outcome"`
	Answer    string       `json:"answer,omitempty"`
	Critical  bool         `json:"critical,omitempty"`
	Source    string       `json:"source"`
	Automated string       `json:"automatedOutcome,omitempty"`
	Note      string       `json:"note,omitempty"`
	Evidence  []string     `json:"evidence,omitempty"`
	Actions   []openAction `json:"actions,omitempty"`
}

type waived struct {
	ID       string `json:"id"`
	Ref      string `json:"ref,omitempty"`
	Question string `json:"question"`
	Owner    string `json:"owner"`
	Reason   string `json:"reason"`
	Expires  string `json:"expires"`
	// why is the whole sentence (result.Waiver.Describe).
	why string
}

type itemRef struct {
	ID       string `json:"id"`
	Ref      string `json:"ref,omitempty"`
	Question string `json:"question"`
	Why      string `json:"why,omitempty"`
}

// change is an item whose outcome moved since the baseline.
type change struct {
	ID       string `json:"id"`
	Ref      string `json:"ref,omitempty"`
	Question string `json:"question"`
	From     string `json:"from"`
	To       string `json:"to"`
	// Kind is "newly failed" or "newly passed".
	Kind string `json:"kind"`
}

// withRef is how every report names an item beside its external
// reference: "housing-ombudsman-code/stage1-respond (6.3)".
func withRef(id, ref string) string {
	if ref == "" {
		return id
	}
	return id + " (" + ref + ")"
}

// Name is the row's id with its ref.
func (r row) Name() string { return withRef(r.ID, r.Ref) }

// Name is the item's id with its ref.
func (f failure) Name() string { return withRef(f.ID, f.Ref) }

// Name is the item's id with its ref.
func (w waived) Name() string { return withRef(w.ID, w.Ref) }

// Name is the item's id with its ref.
func (r itemRef) Name() string { return withRef(r.ID, r.Ref) }

// Name is the item's id with its ref.
func (c change) Name() string { return withRef(c.ID, c.Ref) }

// Name is the line's id with its ref.
func (l explainLine) Name() string { return withRef(l.ID, l.Ref) }

// explanation shows the arithmetic behind one score.
type explanation struct {
	Anchor  string
	Title   string
	Score   string
	Lines   []explainLine
	Formula string
}

type explainLine struct {
	ID, Ref, Question, Answer, Outcome, Source, Why string
	Fraction, Weight, Earned, Possible              string
}

type trend struct {
	Subject string  `json:"subject"`
	Points  []point `json:"points"`
}

type point struct {
	Date  string  `json:"date"`
	Score float64 `json:"score"`
	Grade string  `json:"grade"`
	RAG   string  `json:"rag"`
}

func build(results, baseline []*Prepared, opts Options) (*view, error) {
	v := &view{Kind: "svcaudit-report", By: opts.By, Sort: opts.Sort, Title: opts.Title, Period: opts.Period, Summary: opts.Summary}
	if !opts.Produced.IsZero() {
		v.Produced = opts.Produced.Format("2006-01-02")
	}
	for i, b := range opts.Bands {
		max := 100.0
		if i > 0 {
			max = opts.Bands[i-1].Min
		}
		v.Bands = append(v.Bands, band{Label: b.Label, Min: b.Min, Max: max, RAG: string(b.RAG)})
	}
	if err := lineUp(results, opts.By); err != nil {
		return nil, err
	}
	v.Checklist = results[0].Checklist.ID
	for _, r := range results[1:] {
		if r.Checklist.ID != v.Checklist {
			v.Checklist = ""
		}
	}
	// Columns, in the order asked for.
	order := make([]*Prepared, len(results))
	copy(order, results)
	switch opts.Sort {
	case "score":
		sort.SliceStable(order, func(i, j int) bool { return order[i].Score > order[j].Score })
	case "name":
		sort.SliceStable(order, func(i, j int) bool { return order[i].Subject < order[j].Subject })
	}
	count := map[string]int{}
	for _, r := range order {
		count[r.Subject]++
	}
	for i, r := range order {
		c := column{Label: r.Subject, Subject: r.Subject, Checklist: r.Checklist.ID, Date: r.Date, Auditor: r.Auditor,
			Score: r.Score, Grade: r.Grade.Label, RAG: r.Grade.RAG, Passed: r.Passed, r: r,
			Anchor: overallAnchor(i)}
		if count[r.Subject] > 1 && r.Date != "" {
			c.Label = r.Subject + " (" + r.Date + ")"
		}
		if opts.Sort == "score" {
			c.Rank = i + 1
		}
		if b := baselineFor(r, baseline); b != nil {
			c.base = b
			c.Baseline = b.Date
			s := b.Score
			c.BaseScore = &s
			c.Delta = diff(&r.Score, &s)
			v.HasBaseline = true
		}
		v.Subjects = append(v.Subjects, c)
	}
	if v.Title == "" {
		v.Title = defaultTitle(v)
	}
	v.Rows = rows(v, opts.By)
	v.Overall = row{ID: "overall", Title: "Overall"}
	for _, c := range v.Subjects {
		s := c.Score
		v.Overall.Cells = append(v.Overall.Cells, cell{Score: &s, Grade: c.Grade, RAG: c.RAG, Base: c.BaseScore, Delta: c.Delta, Anchor: c.Anchor})
	}
	v.opts = opts
	v.Trends = trends(results, baseline)
	v.HasActions = opts.Actions != nil
	return v, nil
}

func defaultTitle(v *view) string {
	if len(v.Subjects) == 1 {
		c := v.Subjects[0]
		return c.Subject + ": " + c.r.Checklist.Title
	}
	subjects := map[string]bool{}
	for _, c := range v.Subjects {
		subjects[c.Subject] = true
	}
	if len(subjects) == 1 {
		return v.Subjects[0].Subject + ": audits compared"
	}
	if v.Checklist != "" {
		return v.Subjects[0].r.Checklist.Title + ": " + itoa(len(subjects)) + " services compared"
	}
	return itoa(len(subjects)) + " services compared"
}

// lineUp refuses Results that cannot share rows: different checklists can
// be compared by section only, and only when they share section ids.
func lineUp(results []*Prepared, by string) error {
	ids := map[string]bool{}
	for _, r := range results {
		ids[r.Checklist.ID] = true
	}
	if len(ids) < 2 {
		return nil
	}
	names := make([]string, 0, len(ids))
	for id := range ids {
		names = append(names, id)
	}
	sort.Strings(names)
	if by == "item" {
		return &MixedChecklistsError{Checklists: names}
	}
	shared := map[string]int{}
	for _, r := range results {
		seen := map[string]bool{}
		for _, s := range r.Sections {
			if !seen[s.ID] {
				seen[s.ID] = true
				shared[s.ID]++
			}
		}
	}
	for _, n := range shared {
		if n == len(results) {
			return nil
		}
	}
	return fmt.Errorf("results use different checklists (%s) with no section in common: report them separately", strings.Join(names, ", "))
}

// baselineFor picks the latest baseline of r's subject and checklist that is
// not later than r.
func baselineFor(r *Prepared, base []*Prepared) *Prepared {
	var best *Prepared
	for _, b := range base {
		if b.Subject != r.Subject || b.Checklist.ID != r.Checklist.ID {
			continue
		}
		if r.Date != "" && b.Date > r.Date {
			continue
		}
		if best == nil || b.Date >= best.Date {
			best = b
		}
	}
	return best
}

func diff(cur, base *float64) *float64 {
	if cur == nil || base == nil {
		return nil
	}
	d := round(*cur-*base, 1)
	return &d
}

func rows(v *view, by string) []row {
	var out []row
	index := map[string]int{}
	for ci, c := range v.Subjects {
		if by == "item" {
			for i := range c.r.items {
				it := c.r.items[i].def.Value()
				if _, ok := index[it.ID]; !ok {
					index[it.ID] = len(out)
					out = append(out, row{ID: it.ID, Ref: it.Ref, Title: it.Question})
				}
			}
			continue
		}
		for _, s := range c.r.Sections {
			if _, ok := index[s.ID]; !ok {
				index[s.ID] = len(out)
				out = append(out, row{ID: s.ID, Title: s.Title})
			}
		}
		_ = ci
	}
	for ri := range out {
		r := &out[ri]
		for ci, c := range v.Subjects {
			r.Cells = append(r.Cells, cellFor(c, r.ID, by, ci))
		}
	}
	return out
}

func cellFor(c column, id, by string, ci int) cell {
	if by == "item" {
		it := c.r.find(id)
		if it == nil {
			return cell{Missing: true}
		}
		o := it.outcome()
		ce := cell{Score: it.scoreOf(), Outcome: string(o), RAG: outcomeRAG(o), Grade: string(o),
			Anchor: anchor(ci, sectionIndex(c.r, it.def.Value().Section))}
		if c.base != nil {
			if b := c.base.find(id); b != nil {
				ce.Base = b.scoreOf()
				ce.Delta = diff(it.scoreOf(), b.scoreOf())
			}
		}
		return ce
	}
	si := sectionIndex(c.r, id)
	if si < 0 {
		return cell{Missing: true}
	}
	s := c.r.Sections[si]
	ce := cell{Score: s.Score, Anchor: anchor(ci, si)}
	if s.Grade != nil {
		ce.Grade, ce.RAG = s.Grade.Label, s.Grade.RAG
	}
	if s.Score == nil {
		ce.Outcome = "n/a"
	}
	if c.base != nil {
		if bi := sectionIndex(c.base, id); bi >= 0 {
			ce.Base = c.base.Sections[bi].Score
			ce.Delta = diff(s.Score, ce.Base)
		}
	}
	return ce
}

func outcomeRAG(o result.Outcome) string {
	switch o {
	case result.Pass:
		return "green"
	case result.Partial:
		return "amber"
	case result.Fail:
		return "red"
	}
	return ""
}

func findItem(r *result.Result, id string) *result.Item {
	for i := range r.Items {
		if r.Items[i].ID == id {
			return &r.Items[i]
		}
	}
	return nil
}

func sectionIndex(r *Prepared, id string) int {
	for i, s := range r.Sections {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// maxEvidence is how many pieces of evidence a failure shows in a report
// for people; CSV, XLSX and JSON keep them all.
const maxEvidence = 5

// capped shortens a list to n entries and says how many were left out.
func capped(list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	return append(list[:n:n], fmt.Sprintf("… and %d more (all in the CSV, XLSX and JSON reports)", len(list)-n))
}

// evidenceOf lists where an item's evidence is: the assessor's references,
// then each finding as file:line (or file, page N) with its message, the
// findings against the item before those in its favour.
func evidenceOf(it result.Item) []string {
	out := append([]string(nil), it.Evidence...)
	fs := append([]result.Finding(nil), it.Findings...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity == "error" && fs[j].Severity != "error" })
	for _, f := range fs {
		var where string
		switch {
		case f.File != "" && f.Page > 0 && f.Line > 0:
			where = fmt.Sprintf("%s, page %d, line %d", f.File, f.Page, f.Line)
		case f.File != "" && f.Page > 0:
			where = fmt.Sprintf("%s, page %d", f.File, f.Page)
		case f.File != "" && f.Line > 0:
			where = fmt.Sprintf("%s:%d", f.File, f.Line)
		default:
			where = f.File
		}
		s := f.Message
		if f.Snippet != "" {
			s += ": “" + f.Snippet + "”"
		}
		if where != "" {
			s = where + ": " + s
		}
		out = append(out, s)
	}
	return out
}

func detail(ci int, c column, opts Options) audit {
	r := c.r
	a := audit{Column: ci, Subject: c.Label, Gates: gates(r.Gates), Notices: r.Notices, Failures: []failure{}, r: r}
	acts := openActions(opts.Actions, r.Subject, opts.Today)
	used := map[string]bool{}
	for _, it := range r.Items() {
		switch it.Outcome {
		case result.Fail, result.Partial:
			f := failure{ID: it.ID, Ref: it.Ref, Section: it.Section, Question: it.Question, Outcome: string(it.Outcome), Answer: it.AnswerText(),
				Critical: it.Critical, Source: string(it.Source), Note: it.Note, Evidence: capped(evidenceOf(it), maxEvidence)}
			if it.Automated != nil {
				f.Automated = string(*it.Automated)
			}
			for _, act := range acts {
				if act.Item == it.ID || (!strings.Contains(act.Item, "/") && strings.HasSuffix(it.ID, "/"+act.Item)) {
					f.Actions = append(f.Actions, act)
					used[act.ID] = true
				}
			}
			a.Failures = append(a.Failures, f)
		case result.Waived:
			w := waived{ID: it.ID, Ref: it.Ref, Question: it.Question, why: "waived"}
			if it.Waiver != nil {
				w.Owner, w.Reason, w.Expires, w.why = it.Waiver.Who(), it.Waiver.Reason, it.Waiver.Until(), it.Waiver.Describe()
			}
			a.Waived = append(a.Waived, w)
		case result.Unanswered:
			a.Unanswered = append(a.Unanswered, itemRef{ID: it.ID, Ref: it.Ref, Question: it.Question})
		case result.NA:
			if it.Condition != "" {
				a.NotAsked = append(a.NotAsked, itemRef{ID: it.ID, Ref: it.Ref, Question: it.Question, Why: it.Condition})
			}
		}
	}
	// Critical failures first, then failures before partials; otherwise in
	// checklist order.
	rank := func(f failure) int {
		switch {
		case f.Critical && f.Outcome == "fail":
			return 0
		case f.Outcome == "fail":
			return 1
		}
		return 2
	}
	sort.SliceStable(a.Failures, func(i, j int) bool { return rank(a.Failures[i]) < rank(a.Failures[j]) })
	for _, act := range acts {
		if !used[act.ID] {
			a.Actions = append(a.Actions, act)
		}
	}
	if c.base != nil {
		a.Changes = changes(c.base, r)
	}
	return a
}

func changes(base, cur *Prepared) []change {
	var out []change
	for i := range cur.items {
		s := &cur.items[i]
		b := base.find(s.id())
		if b == nil || b.outcome() == s.outcome() {
			continue
		}
		d := s.def.Value()
		it := struct {
			ID, Ref, Question string
			Outcome           result.Outcome
		}{d.ID, d.Ref, d.Question, s.outcome()}
		bo := b.outcome()
		bad := func(o result.Outcome) bool { return o == result.Fail || o == result.Partial }
		ch := change{ID: it.ID, Ref: it.Ref, Question: it.Question, From: string(bo), To: string(it.Outcome)}
		switch {
		case it.Outcome == result.Fail || (it.Outcome == result.Partial && bo == result.Pass):
			ch.Kind = "newly failed"
		case it.Outcome == result.Pass && bad(bo):
			ch.Kind = "newly passed"
		default:
			continue
		}
		out = append(out, ch)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

func explain(ci int, r *Prepared) []explanation {
	var out []explanation
	weighted := score.Weighted(r.Sections)
	overall := explanation{Anchor: overallAnchor(ci), Title: r.Subject + ": overall score", Score: num(r.Score)}
	items := r.Items()
	for si, s := range r.Sections {
		e := explanation{Anchor: anchor(ci, si), Title: r.Subject + ": " + s.Title, Score: numPtr(s.Score)}
		for _, it := range items {
			if it.Section != s.ID {
				continue
			}
			l := explainLine{ID: it.ID, Ref: it.Ref, Question: it.Question, Answer: it.AnswerText(), Outcome: string(it.Outcome), Source: string(it.Source),
				Weight: trimNum(it.Weight), Fraction: "—", Earned: "—", Possible: "0"}
			if it.Score != nil {
				l.Fraction = num(*it.Score) + "%"
				l.Earned = trimNum(round(*it.Score/100*it.Weight, 2))
				l.Possible = trimNum(it.Weight)
			}
			switch {
			case it.Waiver != nil:
				l.Why = it.Waiver.Describe()
			case it.Condition != "":
				l.Why = "not asked: " + it.Condition
			case it.Automated != nil:
				l.Why = "documents said " + string(*it.Automated) + "; assessor overrode"
			case it.Outcome == result.NA:
				l.Why = "not applicable: left out of the total"
			case it.Outcome == result.Unanswered && it.Score == nil:
				l.Why = "unanswered: left out of the total"
			case it.Outcome == result.Unanswered:
				l.Why = "unanswered: counted as zero"
			}
			e.Lines = append(e.Lines, l)
		}
		if s.Score != nil {
			e.Formula = fmt.Sprintf("%s points earned of %s possible = %s%%", trimNum(s.Earned), trimNum(s.Possible), num(*s.Score))
			if s.Grade != nil {
				e.Formula += ", " + s.Grade.Label
			}
		} else {
			e.Formula = "no item of this section counted, so it has no score"
		}
		out = append(out, e)
		l := explainLine{ID: s.ID, Question: s.Title, Fraction: numPtr(s.Score), Earned: trimNum(s.Earned), Possible: trimNum(s.Possible), Weight: "—"}
		if weighted {
			l.Weight = trimNum(score.SectionWeight(s))
		}
		if s.Score != nil {
			l.Fraction += "%"
		}
		overall.Lines = append(overall.Lines, l)
	}
	if weighted {
		overall.Formula = fmt.Sprintf("the weighted mean of the section scores (each × its weight, ÷ the sum of the weights) = %s%%", num(r.Score))
	} else {
		var e, p float64
		for _, s := range r.Sections {
			e += s.Earned
			p += s.Possible
		}
		overall.Formula = fmt.Sprintf("all items pooled: %s points earned of %s possible = %s%%", trimNum(round(e, 2)), trimNum(p), num(r.Score))
	}
	overall.Formula += ", " + r.Grade.Label
	if len(r.CriticalFailures) > 0 {
		overall.Formula += " (capped: critical failure of " + strings.Join(r.CriticalFailures, ", ") + ")"
	}
	return append([]explanation{overall}, out...)
}

// anchor is the HTML id of column ci's section si: "x-c3-s1".
func anchor(ci, si int) string { return "x-c" + strconv.Itoa(ci) + "-s" + strconv.Itoa(si) }

// overallAnchor is the HTML id of column ci's overall score: "x-c3-overall".
func overallAnchor(ci int) string { return "x-c" + strconv.Itoa(ci) + "-overall" }

// trimNum prints a number without needless decimals: 3, 2.5, 0.33.
func trimNum(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64) // fmt's %.2f
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func trends(results, base []*Prepared) []trend {
	type key struct{ subject, checklist string }
	points := map[key][]point{}
	var keys []key
	seen := map[*Prepared]bool{}
	for _, r := range append(append([]*Prepared(nil), base...), results...) {
		if seen[r] {
			continue
		}
		seen[r] = true
		k := key{r.Subject, r.Checklist.ID}
		if _, ok := points[k]; !ok {
			keys = append(keys, k)
		}
		points[k] = append(points[k], point{Date: r.Date, Score: r.Score, Grade: r.Grade.Label, RAG: r.Grade.RAG})
	}
	var out []trend
	for _, k := range keys {
		ps := points[k]
		if len(ps) < 2 {
			continue
		}
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Date < ps[j].Date })
		out = append(out, trend{Subject: k.subject, Points: ps})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Subject < out[j].Subject })
	return out
}

// gateView is a gating rule and its verdict.
type gateView = result.GateResult

func gates(gs []result.GateResult) []gateView { return gs }
