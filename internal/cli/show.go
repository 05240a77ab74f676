package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/checklist/view"
)

func init() { register(newShowCmd) }

type showOptions struct {
	Checklist string
	Format    string
}

func newShowCmd(ios *IOStreams, g *GlobalOptions) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show CHECKLIST",
		Short: "Show a checklist as a table, a Markdown paper audit form, or JSON",
		Long: `Show a checklist, named by built-in id or by path, with its includes
resolved: as a terminal table (the default), as Markdown (a paper audit
form to print, with a box to tick for each answer), or as JSON.`,
		Example: "  svcaudit show keeps-promises\n  svcaudit show keeps-promises --format md > form.md\n  svcaudit show my-checklist.yaml --format json",
		Args:    wrapArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return checklist.BuiltinIDs(), cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Checklist = args[0]
			return runShow(ios, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table, md or json")
	return cmd
}

func runShow(ios *IOStreams, opts *showOptions) error {
	switch opts.Format {
	case "table", "md", "markdown", "json":
	default:
		return &UsageError{Msg: fmt.Sprintf("unknown format %q", opts.Format), Hint: "use --format table, md or json"}
	}
	cl, err := checklist.Resolve(opts.Checklist)
	if err != nil {
		return err
	}
	switch opts.Format {
	case "md", "markdown":
		return view.Markdown(ios.Out, cl)
	case "json":
		return view.JSON(ios.Out, cl)
	}
	return view.Table(&sanitizingWriter{w: ios.Out}, cl, view.TableOptions{Width: ios.Width})
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
