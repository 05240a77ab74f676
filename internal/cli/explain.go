package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/explain"
	"github.com/svcaudit/svcaudit/internal/wrap"
	"github.com/svcaudit/svcaudit/result"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdExplain(ios, g, nil) })
}

// explainFormats are the values of --format.
var explainFormats = enum{what: "format", values: []string{"text", "md"}, aliases: formatAliases}

// ExplainOptions are the options of `svcaudit explain`.
type ExplainOptions struct {
	Result string
	Part   string
	Format string
	// Checklist, when set, is the checklist the Result was scored against,
	// read for its grade bands (a Result records only the grade reached).
	Checklist string
}

// NewCmdExplain builds `svcaudit explain`. Its flags become
// ExplainOptions; runF, when set, is called with them in place of the
// explanation.
func NewCmdExplain(ios *IOStreams, g *GlobalOptions, runF func(*ExplainOptions) error) *cobra.Command {
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
			if runF != nil {
				return runF(opts)
			}
			return runExplain(ios, opts)
		},
	}
	enumFlag(cmd, &opts.Format, explainFormats, "f", "text", "output format", "")
	cmd.Flags().StringVarP(&opts.Checklist, "checklist", "c", "", "the checklist the result was scored against (built-in id or path), to list its grade bands")
	completeChecklists(cmd, "checklist")
	return cmd
}

func runExplain(ios *IOStreams, opts *ExplainOptions) error {
	if err := explainFormats.check(opts.Format); err != nil {
		return err
	}
	rs, err := readResults([]string{opts.Result}) // report.go: a Result or a check's results
	if err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	if len(rs) == 0 {
		return fmt.Errorf("explain: %s holds no results", opts.Result)
	}
	r := rs[0]
	eo := explain.Options{Format: opts.Format}
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
	if opts.Format == "text" && ios.Width > 0 {
		// On a terminal the prose wraps to its width.
		var buf bytes.Buffer
		err := explainResults(&buf, rs, opts.Part, eo)
		if _, werr := ios.Out.Write(wrapProse(buf.Bytes(), ios.Width)); err == nil {
			err = werr
		}
		return err
	}
	return explainResults(ios.Out, rs, opts.Part, eo)
}

// explainResults writes the explanation of rs (or of part of them) to out.
func explainResults(out io.Writer, rs []*result.Result, part string, eo explain.Options) error {
	r := rs[0]
	if len(rs) == 1 {
		return explain.Write(out, r, part, eo)
	}
	// a check's JSON: explain each document's result in turn; a part need
	// only be found in one of them
	var firstErr error
	found := false
	for i, r := range rs {
		var buf bytes.Buffer
		if err := explain.Write(&buf, r, part, eo); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if found || i > 0 {
			fmt.Fprintln(out)
		}
		found = true
		if _, err := out.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	if !found {
		return firstErr
	}
	return nil
}

// wrapProse wraps each line of text to width for a terminal, a bulleted
// line's later lines indented under its text ("- " or "  - ").
func wrapProse(text []byte, width int) []byte {
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(text), "\n") {
		body := strings.TrimRight(line, "\n")
		if runewidth.StringWidth(body) <= width {
			b.WriteString(line)
			continue
		}
		trimmed := strings.TrimLeft(body, " ")
		indent := strings.Repeat(" ", len(body)-len(trimmed))
		if strings.HasPrefix(trimmed, "- ") {
			indent += "  "
		}
		lead := body[:len(body)-len(trimmed)]
		lines := wrap.Hanging(trimmed, width-len(lead), width-len(indent))
		b.WriteString(lead + strings.Join(lines, "\n"+indent))
		if strings.HasSuffix(line, "\n") {
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}
