package cases

import (
	"fmt"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/result"
)

// maxProblems is how many problems a Result lists (all of them go to the
// problem callback).
const maxProblems = 1000

// Report is what a case log says about an audit.
type Report struct {
	Outcomes map[string]Outcome
	Measures []result.Measure
	Log      result.CaseLog
	// Notes say which rows were left out, for every measure.
	Notes []string
}

// Specs collects the cases rules of items.
func Specs(items []*checklist.Item) []Spec {
	var specs []Spec
	for _, it := range items {
		if it.Evidence != nil && it.Evidence.Cases != nil {
			specs = append(specs, Spec{Item: it.FullID, Rule: it.Evidence.Cases})
		}
	}
	return specs
}

// Measure reads the log at path once, streaming, and measures the items'
// cases rules and the tenant satisfaction measures. problem is called for
// every row left out.
func Measure(path string, items []*checklist.Item, read ReadOptions, opt Options, problem func(Problem)) (*Report, error) {
	if opt.Calendar == nil {
		c, err := NewCalendar(EnglandWales)
		if err != nil {
			return nil, err
		}
		opt.Calendar = c
	}
	opt.File = path
	e := NewEngine(Specs(items), opt)
	log := result.CaseLog{File: path, Holidays: string(opt.Calendar.Nation), Homes: opt.Homes}
	if opt.Period.From != NoDay {
		log.From = opt.Period.From.String()
	}
	if opt.Period.To != NoDay {
		log.To = opt.Period.To.String()
	}
	if opt.AsOf != NoDay {
		log.AsOf = opt.AsOf.String()
	}
	st, err := Read(path, read, e.Add, func(p Problem) {
		log.ProblemCount++
		if len(log.Problems) < maxProblems {
			col := ""
			if p.Column != "" {
				col = fmt.Sprintf("column %q: ", p.Column)
			}
			log.Problems = append(log.Problems, result.FileError{File: p.File, Line: p.Line, Message: col + p.Msg + " (" + p.Reason + ")"})
		}
		if problem != nil {
			problem(p)
		}
	})
	if err != nil {
		return nil, err
	}
	log.Rows, log.Used = st.Rows, st.Used
	if len(st.Excluded) > 0 {
		log.Excluded = st.Excluded
	}
	var notes []string
	if n := st.Rows - st.Used; n > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d %s of the case log left out: %s", n, st.Rows, plural(st.Rows, "row"), ExcludedText(st.Excluded)))
	}
	return &Report{Outcomes: e.Outcomes(notes), Measures: e.Measures(notes), Log: log, Notes: notes}, nil
}

// ParsePeriod reads FROM..TO (either end may be left out: 2024-04-01..).
func ParsePeriod(s string) (Period, error) {
	var p Period
	from, to, ok := cut(s, "..")
	if !ok {
		return p, &diag.Error{Msg: fmt.Sprintf("period %q: write FROM..TO, e.g. 2024-04-01..2025-03-31", s)}
	}
	var err error
	if p.From, err = ParseDate(from); err != nil {
		return p, &diag.Error{Msg: "period: " + err.Error()}
	}
	if p.To, err = ParseDate(to); err != nil {
		return p, &diag.Error{Msg: "period: " + err.Error()}
	}
	if p.From != NoDay && p.To != NoDay && p.To < p.From {
		return p, &diag.Error{Msg: fmt.Sprintf("period %q ends before it starts", s)}
	}
	return p, nil
}

func cut(s, sep string) (string, string, bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}
