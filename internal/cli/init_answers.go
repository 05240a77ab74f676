package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
)

func init() {
	addInitSubcommand(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdInitAnswers(ios, g, nil) })
}

// InitAnswersOptions are the flags of `svcaudit init answers`.
type InitAnswersOptions struct {
	IO        *IOStreams
	Checklist string
	Output    string
	Force     bool
	Quiet     bool
}

// NewCmdInitAnswers builds `svcaudit init answers`. Its flags become
// InitAnswersOptions; runF, when set, is called with them in place of
// writing the file.
func NewCmdInitAnswers(ios *IOStreams, g *GlobalOptions, runF func(*InitAnswersOptions) error) *cobra.Command {
	o := &InitAnswersOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "answers CHECKLIST",
		Short: "Write an answers file to fill in an editor",
		Long: `Write an answers file for CHECKLIST (a built-in id or a path) with every
manual item listed unanswered, its question and the answer scale as comments
above it. Automated items are listed commented out: uncomment one to
override what the documents say. Fill it in and score it with
'svcaudit run -c CHECKLIST --answers FILE'.`,
		Example: `  svcaudit init answers keeps-promises -o repairs.answers.yaml`,
		Args:    wrapArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return checklist.BuiltinIDs(), cobra.ShellCompDirectiveDefault
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Checklist = args[0]
			o.Quiet = g.Quiet
			if runF != nil {
				return runF(o)
			}
			return runInitAnswers(o)
		},
	}
	outputFlag(cmd.Flags(), &o.Output, "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&o.Force, "force", false, "replace the --output file if it exists")
	return cmd
}

func runInitAnswers(o *InitAnswersOptions) error {
	cl, err := checklist.Resolve(o.Checklist)
	if err != nil {
		return err
	}
	b := answers.Template(cl)
	if toStdout(o.Output) {
		_, err := o.IO.Out.Write(b)
		return err
	}
	if !strings.HasPrefix(cl.File, "builtin:") && samePath(cl.File, o.Output) {
		return usageErrorf("-o %s would overwrite the checklist", o.Output)
	}
	if err := writeNewFile(o.IO, o.Output, b, o.Force); err != nil {
		return err
	}
	if !o.Quiet {
		fmt.Fprintf(o.IO.ErrOut, "wrote %s: fill it in, then run 'svcaudit run -c %s --answers %s'\n", o.Output, o.Checklist, o.Output)
	}
	return nil
}
