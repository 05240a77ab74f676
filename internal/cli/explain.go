package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/explain"
)

func init() { register(newExplainCmd) }

// ExplainOptions are the options of `svcaudit explain`.
type ExplainOptions struct {
	Result string
	Part   string
	Format string
	// Checklist, when set, is the checklist the Result was scored against,
	// read for its grade bands (a Result records only the grade reached).
	Checklist string
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
  svcaudit explain result.json keeps-promises/timescales --format md
  svcaudit explain result.json -c keeps-promises     # list every grade band too`,
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
	cmd.Flags().StringVarP(&opts.Checklist, "checklist", "c", "", "the checklist the result was scored against (built-in id or path), to list its grade bands")
	return cmd
}

func runExplain(ios *IOStreams, opts *ExplainOptions) error {
	if opts.Format != "text" && opts.Format != "md" {
		return &UsageError{Msg: fmt.Sprintf("unknown format %q", opts.Format), Hint: "use text or md"}
	}
	rs, err := readResults([]string{opts.Result}) // report.go: a Result or a check's results
	if err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	if len(rs) == 0 {
		return fmt.Errorf("explain: %s holds no results", opts.Result)
	}
	r := rs[0]
	eo := explain.Options{Format: opts.Format, Sanitize: Sanitize}
	if opts.Checklist != "" {
		cl, err := checklist.Resolve(opts.Checklist)
		if err != nil {
			return err
		}
		if r.Checklist.ID != "" && cl.ID != r.Checklist.ID {
			return &UsageError{
				Msg:  fmt.Sprintf("%s was scored against checklist %q, not %q", opts.Result, r.Checklist.ID, cl.ID),
				Hint: fmt.Sprintf("give -c %s, or leave -c out", r.Checklist.ID),
			}
		}
		eo.Bands = cl.Grades
	}
	if len(rs) == 1 {
		return explain.Write(ios.Out, r, opts.Part, eo)
	}
	// a check's JSON: explain each document's result in turn; a part need
	// only be found in one of them
	var firstErr error
	found := false
	for i, r := range rs {
		var buf bytes.Buffer
		if err := explain.Write(&buf, r, opts.Part, eo); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if found || i > 0 {
			fmt.Fprintln(ios.Out)
		}
		found = true
		if _, err := ios.Out.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	if !found {
		return firstErr
	}
	return nil
}
