package svcaudit

import (
	"fmt"
	"strings"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/cases"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/result"
)

// Nations are the sets of bank holidays working days can leave out
// (CaseLog.Holidays), the default first.
var Nations = cases.Nations

// CaseLog is a complaints case log (CSV or XLSX) that answers the items
// with cases: evidence and gives the tenant satisfaction measures CH01 and
// CH02 (see docs/cases.md).
type CaseLog struct {
	File string
	// Columns maps a field (reference, stage, received, acknowledged,
	// responded, extension days, category, handler) to the log's name for
	// its column; nil takes .svcaudit.yaml's cases: columns (ApplyConfig),
	// else the default names.
	Columns map[string]string
	// Holidays is one of Nations (empty: england-and-wales).
	Holidays string
	// Homes, when above 0, is what CH01 is relative to.
	Homes int
	// Period keeps the cases received in FROM..TO (empty: all).
	Period string
	// OnProblem, when set, receives each row left out of the measures,
	// as "file:line: column ...: what is wrong (row left out: reason)".
	OnProblem func(string)
}

// CheckCaseLog reports what is wrong with a case log's settings (the
// holidays and the period) before any file is read.
func CheckCaseLog(c *CaseLog) error {
	if _, err := cases.Holidays(cases.Nation(c.Holidays)); err != nil {
		return fmt.Errorf("holidays must be %s, not %q", strings.Join(Nations, ", "), c.Holidays)
	}
	if c.Homes < 0 {
		return fmt.Errorf("homes must be a positive number, not %d", c.Homes)
	}
	if c.Period != "" {
		if _, err := cases.ParsePeriod(c.Period); err != nil {
			return err
		}
	}
	return nil
}

// caseSettings takes .svcaudit.yaml's cases: section where the caller did
// not set its parts ("holidays", "homes").
func caseSettings(c *config.Config, given func(string) bool, cl *CaseLog) {
	if c.Cases == nil || cl == nil {
		return
	}
	if cl.Columns == nil {
		cl.Columns = c.Cases.Columns
	}
	if c.Cases.Holidays != "" && !given("holidays") {
		cl.Holidays = c.Cases.Holidays
	}
	if c.Cases.Homes > 0 && !given("homes") {
		cl.Homes = c.Cases.Homes
	}
}

// caseReport is what a log said about an audit.
type caseReport struct {
	rep     *cases.Report
	notices []string
}

// measureCases reads the log (when there is one) and folds its verdicts
// into the documents' outcomes: an item with both kinds of evidence passes
// only when its documents and its cases both hold.
func measureCases(cl *checklist.Checklist, log *CaseLog, docs map[string]rule.Outcome, asOf time.Time) (map[string]rule.Outcome, *caseReport, error) {
	specs := cases.Specs(cl.Items())
	out := &caseReport{}
	if log == nil || log.File == "" {
		switch n := len(specs); {
		case n == 1:
			out.notices = append(out.notices, "1 item is measured from a complaints case log, and no log was given: it is judged on its documents alone")
		case n > 1:
			out.notices = append(out.notices, fmt.Sprintf("%d items are measured from a complaints case log, and no log was given: they are judged on their documents alone", n))
		}
		return docs, out, nil
	}
	if err := CheckCaseLog(log); err != nil {
		return nil, nil, err
	}
	calendar, err := cases.NewCalendar(cases.Nation(log.Holidays))
	if err != nil {
		return nil, nil, err
	}
	var period cases.Period
	if log.Period != "" {
		if period, err = cases.ParsePeriod(log.Period); err != nil {
			return nil, nil, err
		}
	}
	opt := cases.Options{Calendar: calendar, Period: period, Homes: log.Homes,
		AsOf: cases.DayOf(asOf.Year(), int(asOf.Month()), asOf.Day())}
	if !cases.InRange(opt.AsOf) {
		opt.AsOf = cases.NoDay
	}
	rep, err := cases.Measure(log.File, cl.Items(), cases.ReadOptions{Columns: log.Columns}, opt, func(p cases.Problem) {
		if log.OnProblem != nil {
			log.OnProblem(p.String())
		}
	})
	if err != nil {
		return nil, nil, err
	}
	out.rep = rep
	merged := make(map[string]rule.Outcome, len(docs)+len(rep.Outcomes))
	for id, o := range docs {
		merged[id] = o
	}
	waiting := 0
	for _, it := range cl.Items() {
		oc, ok := rep.Outcomes[it.FullID]
		if !ok {
			continue
		}
		if !it.Evidence.Documentary() {
			merged[it.FullID] = rule.Outcome{Passed: oc.Passed, Findings: oc.Findings}
			continue
		}
		doc, ok := docs[it.FullID]
		if !ok {
			waiting++ // no documents: the item stays unanswered, its measure shown
			continue
		}
		// A partial documentary outcome stays partial when the log holds,
		// and fails when it does not.
		merged[it.FullID] = rule.Outcome{Passed: doc.Passed && oc.Passed, Partial: doc.Partial && oc.Passed,
			Findings: append(append([]result.Finding{}, doc.Findings...), oc.Findings...)}
	}
	if waiting > 0 {
		verb := "need"
		if waiting == 1 {
			verb = "needs"
		}
		out.notices = append(out.notices, fmt.Sprintf("%d %s measured from the case log also %s the policy's promise checked: give the policy documents too",
			waiting, plural(waiting, "item"), verb))
	}
	out.notices = append(out.notices, rep.Notes...)
	return merged, out, nil
}

// add puts the log's measures into the Result.
func (c *caseReport) add(r *result.Result) {
	if c == nil {
		return
	}
	r.Notices = append(r.Notices, c.notices...)
	if c.rep == nil {
		return
	}
	for i := range r.Items {
		oc, ok := c.rep.Outcomes[r.Items[i].ID]
		if !ok {
			continue
		}
		m := oc.Measure
		r.Items[i].Measure = &m
		if r.Items[i].Outcome == result.Unanswered {
			r.Items[i].Findings = append(r.Items[i].Findings, oc.Findings...)
		}
	}
	r.Measures = c.rep.Measures
	log := c.rep.Log
	r.CaseLog = &log
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
