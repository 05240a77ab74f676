package cli

import (
	"bufio"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/cases"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/result"
)

// CaseOptions are run's flags for a complaints case log.
type CaseOptions struct {
	// File is the case log (CSV or XLSX); empty when none.
	File     string
	Homes    int
	Holidays string
	Period   string
	// columns come from .svcaudit.yaml (cases: columns:).
	columns map[string]string
}

func (c *CaseOptions) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.File, "cases", "", "complaints case log (CSV or XLSX) for the items with cases: evidence and the measures CH01/CH02")
	f.IntVar(&c.Homes, "homes", 0, "number of homes, for CH01 (complaints per 1,000 homes)")
	f.StringVar(&c.Holidays, "holidays", string(cases.EnglandWales), "bank holidays of working days: "+strings.Join(cases.Nations, ", "))
	f.StringVar(&c.Period, "period", "", "keep the cases received in FROM..TO (YYYY-MM-DD or DD/MM/YYYY; either end may be left out)")
	cmd.RegisterFlagCompletionFunc("holidays", cobra.FixedCompletions(cases.Nations, cobra.ShellCompDirectiveNoFileComp))
}

// fromConfig takes the columns, holidays and homes of .svcaudit.yaml's
// cases: section where the flags leave them unset.
func (c *CaseOptions) fromConfig(conf *config.Config, changed func(string) bool) {
	if conf == nil || conf.Cases == nil {
		return
	}
	c.columns = conf.Cases.Columns
	if conf.Cases.Holidays != "" && !changed("holidays") {
		c.Holidays = conf.Cases.Holidays
	}
	if conf.Cases.Homes > 0 && !changed("homes") {
		c.Homes = conf.Cases.Homes
	}
}

func (c *CaseOptions) validate() error {
	if _, err := cases.Holidays(cases.Nation(c.Holidays)); err != nil {
		return usageErrorf("--holidays must be %s, not %q", strings.Join(cases.Nations, ", "), c.Holidays)
	}
	if c.Homes < 0 {
		return usageErrorf("--homes must be a positive number of homes, not %d", c.Homes)
	}
	if c.File == "" && (c.Homes > 0 || c.Period != "") {
		flag := "--homes"
		if c.Period != "" {
			flag = "--period"
		}
		return &UsageError{Msg: flag + " needs a case log", Hint: "give it with --cases FILE"}
	}
	if c.Period != "" {
		if _, err := cases.ParsePeriod(c.Period); err != nil {
			return usageErrorf("%s", err.Error())
		}
	}
	return nil
}

// measureCases reads the case log and folds its verdicts into the
// documents' outcomes: an item with both kinds of evidence passes only
// when its documents and its cases both hold. It returns the report (nil
// without a log) and notices for the Result.
func (o *RunOptions) measureCases(cl *checklist.Checklist, automated map[string]rule.Outcome, asOf time.Time) (map[string]rule.Outcome, *cases.Report, []string, error) {
	c := &o.Cases
	specs := cases.Specs(cl.Items())
	if c.File == "" {
		var notices []string
		if len(specs) > 0 {
			if len(specs) == 1 {
				notices = append(notices, "1 item is measured from a complaints case log, and no log was given (--cases FILE): it is judged on its documents alone")
			} else {
				notices = append(notices, fmt.Sprintf("%d items are measured from a complaints case log, and no log was given (--cases FILE): they are judged on their documents alone", len(specs)))
			}
		}
		return automated, nil, notices, nil
	}
	cal, err := cases.NewCalendar(cases.Nation(c.Holidays))
	if err != nil {
		return nil, nil, nil, err
	}
	period, _ := cases.ParsePeriod(c.Period)
	if c.Period == "" {
		period = cases.Period{}
	}
	opt := cases.Options{Calendar: cal, Period: period, Homes: c.Homes,
		AsOf: cases.DayOf(asOf.Year(), int(asOf.Month()), asOf.Day())}
	if !cases.InRange(opt.AsOf) {
		opt.AsOf = cases.NoDay
	}
	w := bufio.NewWriter(o.IO.ErrOut)
	rep, err := cases.Measure(c.File, cl.Items(), cases.ReadOptions{Columns: c.columns}, opt, func(p cases.Problem) {
		fmt.Fprintf(w, "svcaudit: warning: %s\n", Sanitize(p.String()))
	})
	w.Flush()
	if err != nil {
		return nil, nil, nil, err
	}
	if automated == nil {
		automated = map[string]rule.Outcome{}
	}
	var notices []string
	waiting := 0
	for _, it := range cl.Items() {
		oc, ok := rep.Outcomes[it.FullID]
		if !ok {
			continue
		}
		if !it.Evidence.Documentary() {
			automated[it.FullID] = rule.Outcome{Passed: oc.Passed, Findings: oc.Findings}
			continue
		}
		doc, ok := automated[it.FullID]
		if !ok {
			waiting++ // no documents: the item stays unanswered, its measure shown
			continue
		}
		// A partial documentary outcome stays partial when the log holds,
		// and fails when it does not.
		automated[it.FullID] = rule.Outcome{Passed: doc.Passed && oc.Passed, Partial: doc.Partial && oc.Passed,
			Findings: append(append([]result.Finding{}, doc.Findings...), oc.Findings...)}
	}
	if waiting > 0 {
		notices = append(notices, fmt.Sprintf("%d %s measured from the case log also %s the policy's promise checked: give the documents with --docs",
			waiting, nounFor(waiting, "item"), map[bool]string{true: "needs", false: "need"}[waiting == 1]))
	}
	if n := rep.Log.Rows - rep.Log.Used; n > 0 {
		notices = append(notices, rep.Notes...)
	}
	return automated, rep, notices, nil
}

// addCases puts the case log's measures into the Result.
func addCases(r *result.Result, rep *cases.Report) {
	if rep == nil {
		return
	}
	for i := range r.Items {
		oc, ok := rep.Outcomes[r.Items[i].ID]
		if !ok {
			continue
		}
		m := oc.Measure
		r.Items[i].Measure = &m
		if r.Items[i].Outcome == result.Unanswered {
			r.Items[i].Findings = append(r.Items[i].Findings, oc.Findings...)
		}
	}
	r.Measures = rep.Measures
	log := rep.Log
	r.CaseLog = &log
}
