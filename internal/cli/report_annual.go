package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/svcaudit/svcaudit/internal/atomicfile"
	"github.com/svcaudit/svcaudit/report"
)

// maxResponse bounds the governing body's response file.
const maxResponse = 1 << 20

// runAnnual writes the annual complaints performance and service
// improvement report of one Result.
func runAnnual(ios *IOStreams, o *ReportOptions, format string) error {
	if format == "text" && o.Format == "" {
		format = "md"
	}
	if !contains(report.AnnualFormats, format) {
		return &UsageError{Msg: fmt.Sprintf("the annual report is written as %s, not %s", strings.Join(report.AnnualFormats, ", "), format)}
	}
	if len(o.Inputs) != 1 {
		return &UsageError{Msg: fmt.Sprintf("--annual reports on one Result (this year's), not %d", len(o.Inputs)),
			Hint: "give last year's Result with --baseline"}
	}
	if len(o.Baseline) > 1 {
		return &UsageError{Msg: "--annual compares with one Result: last year's"}
	}
	if o.Merge {
		return &UsageError{Msg: "--annual and --merge do not go together", Hint: "merge first with --merge --format result -o FILE"}
	}
	if format == "xlsx" && o.Output == "" && ios.OutTTY {
		return &UsageError{Msg: "xlsx is a binary format: write it to a file", Hint: "add -o report.xlsx"}
	}
	if o.Output != "" {
		if err := checkOutput(ios, o); err != nil {
			return err
		}
		if o.Response != "" && samePath(o.Response, o.Output) {
			return &UsageError{Msg: fmt.Sprintf("output %s is also an input: refusing to overwrite it", o.Output)}
		}
	}
	results, err := readResults(o.Inputs)
	if err != nil {
		return err
	}
	if len(results) != 1 {
		return &UsageError{Msg: fmt.Sprintf("%s holds %d Results: --annual reports on one", o.Inputs[0], len(results))}
	}
	opts := report.AnnualOptions{Format: format, Today: o.Now()}
	if len(o.Baseline) == 1 {
		base, err := readResults(o.Baseline)
		if err != nil {
			return err
		}
		if len(base) != 1 {
			return &UsageError{Msg: fmt.Sprintf("%s holds %d Results: the baseline is last year's one", o.Baseline[0], len(base))}
		}
		opts.Baseline = base[0]
	}
	if o.Response != "" {
		st, err := os.Stat(o.Response)
		if err != nil {
			return fmt.Errorf("response %s: %w", o.Response, unwrapPath(err))
		}
		if st.Size() > maxResponse {
			return usageErrorf("response %s is larger than 1 MiB", o.Response)
		}
		b, err := os.ReadFile(o.Response)
		if err != nil {
			return fmt.Errorf("response %s: %w", o.Response, unwrapPath(err))
		}
		opts.Response = string(b)
	}
	if o.Actions != "" {
		if opts.Actions, err = loadActions(o.Actions); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := report.RenderAnnual(&buf, results[0], opts); err != nil {
		return err
	}
	if o.Output == "" {
		_, err := ios.Out.Write(buf.Bytes())
		return err
	}
	return atomicfile.Write(o.Output, buf.Bytes(), 0o644)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
