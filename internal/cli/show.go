package cli

import (
	"bytes"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/view"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdShow(ios, g, nil) })
}

// showFormats are the values of --format.
var showFormats = enum{what: "format", values: []string{"text", "md", "json"}, aliases: formatAliases}

// ShowOptions are the flags and argument of `svcaudit show`.
type ShowOptions struct {
	Checklist string
	Format    string
	Output    string
	Force     bool
}

// NewCmdShow builds `svcaudit show`. Its flags become ShowOptions; runF,
// when set, is called with them in place of showing the checklist.
func NewCmdShow(ios *IOStreams, g *GlobalOptions, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{}
	cmd := &cobra.Command{
		Use:   "show CHECKLIST",
		Short: "Show a checklist as a table, a Markdown paper audit form, or JSON",
		Long: `Show a checklist, named by built-in id or by path, with its includes
resolved: as a terminal table (the default), as Markdown (a paper audit
form to print, with a box to tick for each answer), or as JSON.`,
		Example: "  svcaudit show keeps-promises\n  svcaudit show keeps-promises --format md -o form.md\n  svcaudit show my-checklist.yaml --format json",
		Args:    wrapArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return checklist.BuiltinIDs(), cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Checklist = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runShow(ios, opts)
		},
	}
	enumFlag(cmd, &opts.Format, showFormats, "", "text", "output format", "")
	outputFlag(cmd.Flags(), &opts.Output, "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the --output file if it exists")
	return cmd
}

func runShow(ios *IOStreams, opts *ShowOptions) error {
	if opts.Format == "markdown" {
		opts.Format = "md"
	}
	if err := showFormats.check(opts.Format); err != nil {
		return err
	}
	cl, err := checklist.Resolve(opts.Checklist)
	if err != nil {
		return err
	}
	if !toStdout(opts.Output) {
		if sameFile(opts.Output, opts.Checklist) {
			return usageErrorf("--output %s is the checklist itself: write somewhere else", opts.Output)
		}
		var b bytes.Buffer
		if err := renderChecklist(&b, cl, opts.Format, 0); err != nil {
			return err
		}
		return writeNewFile(ios, opts.Output, b.Bytes(), opts.Force)
	}
	return renderChecklist(&sanitizingWriter{w: ios.Out}, cl, opts.Format, ios.Width)
}

func renderChecklist(w io.Writer, cl *checklist.Checklist, format string, width int) error {
	switch format {
	case "md", "markdown":
		return view.Markdown(w, cl)
	case "json":
		return view.JSON(w, cl)
	}
	return view.Table(w, cl, view.TableOptions{Width: width})
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
