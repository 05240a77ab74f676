package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/explain"
	"github.com/svcaudit/svcaudit/internal/result"
)

func init() { register(newExplainCmd) }

// ExplainOptions are the options of `svcaudit explain`.
type ExplainOptions struct {
	Result string
	Part   string
	Format string
}

func newExplainCmd(ios *IOStreams, g *GlobalOptions) *cobra.Command {
	opts := &ExplainOptions{}
	cmd := &cobra.Command{
		Use:   "explain RESULT.json [ITEM|SECTION]",
		Short: "Explain how a saved result's score was reached",
		Long: `Explain, in plain words, how a saved Result's score was reached: each
item's answer, the points it earned and where the answer came from (the
assessor, the documents, an override, a waiver), each section's
arithmetic, how the sections make the overall score, the grade and the
gating rules. Give an item (full or short id) or a section id to explain
only that part.`,
		Example: `  svcaudit explain result.json
  svcaudit explain result.json real-humans
  svcaudit explain result.json keeps-promises/timescales --format md`,
		Args: wrapArgs(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Result = args[0]
			if len(args) == 2 {
				opts.Part = args[1]
			}
			return runExplain(ios, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text or md")
	return cmd
}

func runExplain(ios *IOStreams, opts *ExplainOptions) error {
	if opts.Format != "text" && opts.Format != "md" {
		return &UsageError{Msg: fmt.Sprintf("unknown format %q", opts.Format), Hint: "use text or md"}
	}
	r, err := result.Read(opts.Result)
	if err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	return explain.Write(ios.Out, r, opts.Part, explain.Options{Format: opts.Format, Sanitize: Sanitize})
}
