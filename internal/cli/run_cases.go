package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	svcaudit "github.com/svcaudit/svcaudit"
)

// CaseOptions are run's flags for a complaints case log.
type CaseOptions struct {
	// Log is the case log as the flags (and .svcaudit.yaml's cases:) set
	// it; Log.File is empty when none is given.
	Log svcaudit.CaseLog
}

func (c *CaseOptions) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&c.Log.File, "cases", "", "complaints case log (CSV or XLSX) for the items with cases: evidence and the measures CH01/CH02")
	f.IntVar(&c.Log.Homes, "homes", 0, "number of homes, for CH01 (complaints per 1,000 homes)")
	f.StringVar(&c.Log.Holidays, "holidays", svcaudit.Nations[0], "bank holidays of working days: "+strings.Join(svcaudit.Nations, ", "))
	f.StringVar(&c.Log.Period, "period", "", "keep the cases received in FROM..TO (YYYY-MM-DD or DD/MM/YYYY; either end may be left out)")
	cmd.RegisterFlagCompletionFunc("holidays", cobra.FixedCompletions(svcaudit.Nations, cobra.ShellCompDirectiveNoFileComp))
}

func (c *CaseOptions) validate() error {
	if err := svcaudit.CheckCaseLog(&c.Log); err != nil {
		return usageErrorf("--%s", err.Error())
	}
	if c.Log.File == "" && (c.Log.Homes > 0 || c.Log.Period != "") {
		flag := "--homes"
		if c.Log.Period != "" {
			flag = "--period"
		}
		return &UsageError{Msg: flag + " needs a case log", Hint: "give it with --cases FILE"}
	}
	return nil
}

// caseLog is the log an audit reads (nil without --cases), its rows left
// out reported on w as warnings; flush writes them out.
func (c *CaseOptions) caseLog(w io.Writer) (log *svcaudit.CaseLog, flush func()) {
	if c.Log.File == "" {
		return nil, func() {}
	}
	bw := bufio.NewWriter(w)
	l := c.Log
	l.OnProblem = func(p string) { fmt.Fprintf(bw, "svcaudit: warning: %s\n", Sanitize(p)) }
	return &l, func() { bw.Flush() }
}
