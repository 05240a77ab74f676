package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
)

func init() { register(newValidateCmd) }

type validateOptions struct {
	Files []string
}

func newValidateCmd(ios *IOStreams, g *GlobalOptions) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check checklist files and report every problem at file:line:col",
		Long: `Check checklist files, with their includes: every problem of every file is
reported at once, as file:line:col, with a hint where one helps, and the
exit status is 2. A file without problems gets one line:

  ok  FILE  (ID, N items, M automated)

A built-in id may be given in place of a file.`,
		Example: "  svcaudit validate checklists/*.yaml",
		Args:    wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runValidate(ios, g, opts)
		},
	}
	return cmd
}

func runValidate(ios *IOStreams, g *GlobalOptions, opts *validateOptions) error {
	var errs diag.List
	bad := 0
	for _, f := range opts.Files {
		cl, err := checklist.Resolve(f)
		if err != nil {
			bad++
			for _, e := range diag.Flatten(err) {
				if e.File == "" {
					e.File = f
				}
				errs = append(errs, e)
			}
			continue
		}
		if !g.Quiet {
			items, automated := 0, 0
			for _, it := range cl.Items() {
				items++
				if it.Automated() {
					automated++
				}
			}
			fmt.Fprintf(ios.Out, "ok  %s  (%s, %s, %d automated)\n", Sanitize(f), Sanitize(cl.ID), plural(items, "item"), automated)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	errs = append(errs, &diag.Error{Msg: fmt.Sprintf("%s in %d of %s", plural(len(errs), "problem"), bad, plural(len(opts.Files), "file"))})
	return errs
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
	if _, err := io.WriteString(s.w, Sanitize(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
