package score

import (
	"fmt"
	"math"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/result"
)

// How unanswered items count (Options.Unanswered).
const (
	// UnansweredZero counts an unanswered item as earning nothing.
	UnansweredZero = "zero"
	// UnansweredSkip leaves unanswered items out of the score.
	UnansweredSkip = "skip"
)

// Options tune how an audit is scored.
type Options struct {
	// Unanswered is "zero" (the default when empty) or "skip".
	Unanswered string
	// Threshold, when set, is the score (a percentage) below which the
	// audit fails.
	Threshold *float64
	// AutomatedOnly leaves manual items out entirely (for `check`).
	AutomatedOnly bool
}

// Input is everything an audit is scored from.
type Input struct {
	Subject, Auditor, Date string
	// Answers are the assessor's answers; nil means none.
	Answers *answers.File
	// Automated holds the documents' outcome for each automated item, by
	// full id; nil when no documents were given.
	Automated map[string]rule.Outcome
	// Documents are the paths of the documents behind Automated.
	Documents []string
	// Waived holds the waivers that apply, by item full id.
	Waived  map[string]result.Waiver
	Options Options
}

// DefaultThreshold is the threshold that applies when none is given: the
// top of the lowest grade band (50 with the default grades), so that a
// score in that band fails. It is nil for a checklist of one band.
func DefaultThreshold(bands []checklist.Band) *float64 {
	if len(bands) < 2 {
		return nil
	}
	lowest := bands[len(bands)-1].Min
	top := 100.0
	for _, b := range bands {
		if b.Min > lowest && b.Min < top {
			top = b.Min
		}
	}
	return &top
}

// Evaluate scores an audit of cl. It fills every field of the Result but
// Tool; the caller appends its own Notices (waivers) to the score's.
func Evaluate(cl *checklist.Checklist, in Input) (*result.Result, error) {
	switch in.Options.Unanswered {
	case "", UnansweredZero, UnansweredSkip:
	default:
		return nil, fmt.Errorf("unanswered must be %q or %q, not %q", UnansweredZero, UnansweredSkip, in.Options.Unanswered)
	}
	bands := cl.Grades
	if len(bands) == 0 {
		bands = checklist.DefaultGrades()
	}
	scale := cl.Scale
	if len(scale.Choices) == 0 {
		scale = checklist.DefaultScale()
	}
	// With no threshold given, a score in the checklist's lowest grade band
	// fails: an "Inadequate" document never passes by default.
	if in.Options.Threshold == nil {
		in.Options.Threshold = DefaultThreshold(bands)
	}
	var given map[string]*answers.Answer
	if in.Answers != nil {
		given = in.Answers.ByItem(cl)
	}

	nItems := 0
	for _, s := range cl.Sections {
		nItems += len(s.Items)
	}
	r := &result.Result{
		SchemaVersion:    result.SchemaVersion,
		Checklist:        result.ChecklistRef{ID: cl.ID, Title: cl.Title, Version: cl.Version},
		Subject:          in.Subject,
		Auditor:          in.Auditor,
		Date:             in.Date,
		Threshold:        in.Options.Threshold,
		CriticalFailures: []string{},
		Documents:        in.Documents,
		Sections:         make([]result.Section, 0, len(cl.Sections)),
		// At most one each: sized once, not grown item by item (check
		// scores every document).
		Items: make([]result.Item, 0, nItems),
	}

	// First pass: what each item's answer is, so that follow-up
	// conditions can look at items answered later in the checklist too.
	e := &evaluator{cl: cl, scale: scale, labels: scale.Custom(), in: in, given: given}
	for _, s := range cl.Sections {
		sec := result.Section{ID: s.ID, Title: s.Title, Weight: s.Weight}
		for _, it := range s.Items {
			// A check reads documents only: items measured from a case log
			// alone are left out like manual ones.
			if in.Options.AutomatedOnly && (!it.Automated() || !it.Evidence.Documentary()) {
				continue
			}
			ri, earned, possible := e.item(s, it)
			r.Items = append(r.Items, ri)
			if ri.Outcome == result.Unanswered {
				r.Unanswered = append(r.Unanswered, it.FullID)
			}
			if ri.Critical && ri.Outcome == result.Fail {
				r.CriticalFailures = append(r.CriticalFailures, it.FullID)
			}
			sec.Earned += earned
			sec.Possible += possible
		}
		r.Sections = append(r.Sections, sec)
	}

	Summarize(r, bands)
	r.Gates = evalGates(cl, r)
	r.Passed = Verdict(r)
	if _, counted := Overall(r.Sections); !counted && len(r.Items) > 0 {
		r.Notices = append(r.Notices, "no item counted towards the score (every one was waived, not applicable or left out), so no threshold applies")
	}
	return r, nil
}

type evaluator struct {
	cl    *checklist.Checklist
	scale checklist.Scale
	// labels says the scale is a custom one, whose labels the Result
	// records beside its values (worked out once, not per item).
	labels bool
	in     Input
	given  map[string]*answers.Answer
}

// effective is the answer value an item has, from the assessor or the
// documents, or "" when it has none; conditions are judged on it.
func (e *evaluator) effective(it *checklist.Item) string {
	if a := e.given[it.FullID]; a != nil && a.Value != "" {
		return a.Value
	}
	if it.Automated() {
		if o, ok := e.in.Automated[it.FullID]; ok {
			return e.automatedValue(o)
		}
	}
	return ""
}

func (e *evaluator) automatedValue(o rule.Outcome) string {
	return OutcomeAnswer(e.scale, o)
}

// OutcomeAnswer is the scale value standing for an automated outcome: as
// AutomatedAnswer for a pass or a fail, and for a partial outcome the
// scale's partial choice (the one scoring between 0 and 1 nearest to a
// half; the lowest when the scale has none).
func OutcomeAnswer(scale checklist.Scale, o rule.Outcome) string {
	if !o.Partial || o.Passed {
		return AutomatedAnswer(scale, o.Passed)
	}
	best, dist := "", math.Inf(1)
	for _, c := range scale.Choices {
		if c.Level() != checklist.LevelPartial {
			continue
		}
		if d := math.Abs(c.Score - 0.5); d < dist {
			best, dist = c.Value, d
		}
	}
	if best == "" {
		return AutomatedAnswer(scale, false)
	}
	return best
}

// AutomatedAnswer is the scale value standing for the documents' outcome of
// an automated item: the highest-scoring choice ("yes" by default) for a
// pass, the lowest ("no") for a fail.
func AutomatedAnswer(scale checklist.Scale, passed bool) string {
	best, worst := "", ""
	bs, ws := math.Inf(-1), math.Inf(1)
	for _, c := range scale.Choices {
		if c.NA {
			continue
		}
		if c.Score > bs {
			best, bs = c.Value, c.Score
		}
		if c.Score < ws {
			worst, ws = c.Value, c.Score
		}
	}
	if passed {
		return best
	}
	return worst
}

// conditionHolds reports whether a follow-up item's condition holds.
func (e *evaluator) conditionHolds(c *checklist.Condition) bool {
	ref := e.cl.Item(c.Item)
	if ref == nil {
		return false
	}
	v := e.effective(ref)
	if v == "" {
		return false
	}
	for _, want := range c.Answers {
		if v == want {
			return true
		}
	}
	return false
}

// item scores one item and returns the weighted points it earned and could
// have earned (0, 0 when it does not count).
func (e *evaluator) item(s *checklist.Section, it *checklist.Item) (result.Item, float64, float64) {
	ri := result.Item{
		ID: it.FullID, Section: s.ID, Ref: it.Ref, Question: it.Question, Weight: it.Weight,
		Critical: it.Critical, Source: result.Manual, Findings: []result.Finding{},
	}
	auto, haveAuto := e.in.Automated[it.FullID]
	if it.Automated() {
		ri.Source = result.Automated
		if haveAuto && auto.Findings != nil {
			ri.Findings = auto.Findings
		}
		if haveAuto {
			ri.Tally = auto.Tally
		}
	}
	a := e.given[it.FullID]
	if a != nil {
		ri.Note, ri.Evidence = a.Note, a.Evidence
	}

	if w, ok := e.in.Waived[it.FullID]; ok {
		w := w
		ri.Outcome, ri.Waiver = result.Waived, &w
		return ri, 0, 0
	}
	if it.When != nil && !e.conditionHolds(it.When) {
		ri.Outcome = result.NA
		ri.Condition = answers.ConditionText(it.When)
		return ri, 0, 0
	}

	value := ""
	switch {
	case a != nil && a.Value != "":
		value = a.Value
		if it.Automated() {
			ri.Source = result.Overridden
			if haveAuto {
				o := result.Fail
				if auto.Passed {
					o = result.Pass
				} else if auto.Partial {
					o = result.Partial
				}
				ri.Automated = &o
			}
		}
	case it.Automated() && haveAuto:
		value = e.automatedValue(auto)
	}

	if value == "" {
		ri.Outcome = result.Unanswered
		if e.in.Options.Unanswered == UnansweredSkip {
			return ri, 0, 0
		}
		zero := 0.0
		ri.Score = &zero
		return ri, 0, it.Weight
	}
	ri.Answer = value
	c := e.scale.Choice(value)
	if c == nil {
		// Check rejects such answers; scored as unanswered if it slipped by.
		ri.Outcome = result.Unanswered
		ri.Answer = ""
		return ri, 0, 0
	}
	if c.NA {
		ri.Outcome = result.NA
		return ri, 0, 0
	}
	if e.labels && c.Label != "" && c.Label != c.Value {
		ri.AnswerLabel = c.Label
	}
	switch c.Level() {
	case checklist.LevelPass:
		ri.Outcome = result.Pass
	case checklist.LevelFail:
		ri.Outcome = result.Fail
	default:
		ri.Outcome = result.Partial
	}
	pct := Round(100 * c.Score)
	ri.Score = &pct
	return ri, c.Score * it.Weight, it.Weight
}
