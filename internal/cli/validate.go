package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/safe"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdValidate(ios, g, nil) })
}

// validateFormats are the values of --format.
var validateFormats = enum{what: "format", values: []string{"text", "json"}, aliases: formatAliases}

// ValidateOptions are the flags and arguments of `svcaudit validate`.
type ValidateOptions struct {
	Files  []string
	Format string
}

// validateReport is the JSON form of `validate --format json`.
type validateReport struct {
	OK       bool           `json:"ok"`
	Files    []validateFile `json:"files"`
	Problems diag.List      `json:"problems"`
}

type validateFile struct {
	File      string `json:"file"`
	OK        bool   `json:"ok"`
	ID        string `json:"id,omitempty"`
	Items     int    `json:"items"`
	Automated int    `json:"automated"`
}

// NewCmdValidate builds `svcaudit validate`. Its flags become
// ValidateOptions; runF, when set, is called with them in place of the
// validation.
func NewCmdValidate(ios *IOStreams, g *GlobalOptions, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check checklist files and report every problem at file:line:col",
		Long: `Check checklist files, with their includes: every problem of every file is
reported at once, as file:line:col, with a hint where one helps, and the
exit status is 2. A file without problems gets one line:

  ok  FILE  (ID, N items, M automated)

A built-in id may be given in place of a file. With --format json, the
files and problems (file, line, column, message, hint) go to standard
output as one JSON document, for editors and CI.`,
		Example: "  svcaudit validate checklists/*.yaml",
		Args:    wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runValidate(ios, g, opts)
		},
	}
	enumFlag(cmd, &opts.Format, validateFormats, "", "text", "output format", "")
	return cmd
}

func runValidate(ios *IOStreams, g *GlobalOptions, opts *ValidateOptions) error {
	if err := validateFormats.check(opts.Format); err != nil {
		return err
	}
	report := validateReport{Files: []validateFile{}, Problems: diag.List{}}
	bad := 0
	for _, f := range opts.Files {
		vf := validateFile{File: f}
		cl, err := checklist.Resolve(f)
		if err != nil {
			bad++
			for _, e := range diag.Flatten(err) {
				if e.File == "" {
					e.File = f
				}
				report.Problems = append(report.Problems, e)
			}
			report.Files = append(report.Files, vf)
			continue
		}
		vf.OK, vf.ID = true, cl.ID
		for _, it := range cl.Items() {
			vf.Items++
			if it.Automated() {
				vf.Automated++
			}
		}
		report.Files = append(report.Files, vf)
		if !g.Quiet && opts.Format == "text" {
			fmt.Fprintf(ios.Out, "ok  %s  (%s, %s, %d automated)\n", safe.Line(f), safe.Line(cl.ID), plural(vf.Items, "item"), vf.Automated)
		}
	}
	report.Problems.Sort()
	for _, e := range report.Problems {
		e.Hint = hintFor(e)
	}
	report.OK = len(report.Problems) == 0
	summary := fmt.Sprintf("%s in %d of %s", plural(len(report.Problems), "problem"), bad, plural(len(opts.Files), "file"))
	if opts.Format == "json" {
		b, err := json.MarshalIndent(report, "", "  ")
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(ios.Out, "%s\n", safe.EscapeJSON(b)); err != nil {
			return err
		}
		if report.OK {
			return nil
		}
		return errors.New(summary)
	}
	if report.OK {
		return nil
	}
	return append(report.Problems, &diag.Error{Msg: summary})
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// sanitizingWriter strips control characters from what checklists say
// before it reaches a terminal.
type sanitizingWriter struct{ w io.Writer }

func (s *sanitizingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, safe.Text(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
