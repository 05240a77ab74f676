package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/input"
	"github.com/svcaudit/svcaudit/internal/safe"
)

// Main runs the command line with args and returns the process exit code.
func Main(args []string, ios *IOStreams) int {
	root := NewRoot(ios)
	root.SetArgs(args)
	ctx, sigs, stop := withSignals(context.Background(), ios.ErrOut, os.Exit)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err != nil {
		err = unknownCommand(err)
		printError(ios.ErrOut, err)
	}
	if sig := sigs.Signal(); sig != nil {
		// A graceful command ended by itself and said what it did.
		return signalExit(sig)
	}
	return exitCode(err)
}

// unknownCommand turns Cobra's unknown-command error, whose suggestions
// follow on lines of their own, into a usage error with a one-line hint.
func unknownCommand(err error) error {
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return err
	}
	lines := strings.Split(msg, "\n")
	var suggest []string
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "\t") {
			suggest = append(suggest, "'svcaudit "+strings.TrimSpace(l)+"'")
		}
	}
	hint := "see 'svcaudit --help' for the commands"
	if len(suggest) > 0 {
		hint = "did you mean " + strings.Join(suggest, " or ") + "?"
	}
	return &UsageError{Msg: strings.TrimSpace(lines[0]), Hint: hint}
}

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	NoColor bool
	Quiet   bool
	// MaxInputSize bounds every input file that is not a document
	// (checklists, answers, config, waivers, actions, Results, baselines).
	MaxInputSize string
	// Verbose says which configuration file was read, and why none was.
	Verbose bool
}

// NewRoot builds the root command and its subcommands.
func NewRoot(ios *IOStreams) *cobra.Command {
	g := &GlobalOptions{}
	// No line that svcaudit prints may begin with "::" (a GitHub Actions
	// workflow command) because of text it did not write: every stream
	// goes through safe.Guard. The formats that write bytes for programs
	// (check's github annotations, CSV, XLSX) write to safe.Unwrap(Out).
	ios.Out, ios.ErrOut = safe.Guard(ios.Out), safe.Guard(ios.ErrOut)
	root := &cobra.Command{
		Use:   "svcaudit",
		Short: "Audit how a service treats the people it serves",
		Long: `svcaudit runs service-audit checklists: it loads YAML checklists of
customer-service criteria, takes an assessor's answers and evidence found in
the organisation's own documents, and produces scored reports.`,
		Example: `  svcaudit list                                   # the built-in checklists
  svcaudit show keeps-promises                    # one checklist, item by item
  svcaudit run -c keeps-promises --docs policies/ # interview, then score
  svcaudit explain result.json                    # how the score was reached`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// --version on the root, as on most commands people know.
		Version: svcaudit.Version, // the one version; every Result carries it too
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			ios.Color = colorWanted(ios.Color, g.NoColor, ios.Getenv)
			if g.MaxInputSize == "" {
				g.MaxInputSize = ios.Getenv("SVCAUDIT_MAX_INPUT_SIZE")
			}
			input.SetLimit(0)
			if g.MaxInputSize != "" {
				n, err := config.ParseSize(g.MaxInputSize)
				if err != nil || n <= 0 {
					return &UsageError{Msg: fmt.Sprintf("--max-input-size %q: want a size such as 64MiB", g.MaxInputSize)}
				}
				input.SetLimit(n)
			}
			return nil
		},
	}
	root.SetVersionTemplate("svcaudit {{.Version}}\n")
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.PersistentFlags().BoolVar(&g.NoColor, "no-color", false, "never colour output (also NO_COLOR; CLICOLOR_FORCE or FORCE_COLOR colour it when not a terminal)")
	root.PersistentFlags().BoolVarP(&g.Quiet, "quiet", "q", false, "print only errors")
	root.PersistentFlags().BoolVar(&g.Verbose, "verbose", false, "say which configuration was read and why (or why none was), and what check --changed compared with")
	root.PersistentFlags().StringVar(&g.MaxInputSize, "max-input-size", "", "largest checklist, answers, config, waivers, actions or Result file read (default 64MiB; also SVCAUDIT_MAX_INPUT_SIZE)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &UsageError{Msg: err.Error(), Hint: fmt.Sprintf("see '%s --help'", cmd.CommandPath())}
	})

	root.AddCommand(newVersionCmd(ios))
	for _, add := range commands {
		root.AddCommand(add(ios, g))
	}
	// Cobra's completion command, made now so that its help has examples
	// like every other command's.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = "  svcaudit completion bash > /etc/bash_completion.d/svcaudit\n  svcaudit completion zsh > \"${fpath[1]}/_svcaudit\""
		}
	}
	return root
}

// commands are the subcommands registered by each command's file, so that
// adding a command touches only its own file.
var commands []func(*IOStreams, *GlobalOptions) *cobra.Command

func register(f func(*IOStreams, *GlobalOptions) *cobra.Command) {
	commands = append(commands, f)
}

func newVersionCmd(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print svcaudit's version",
		Example: "  svcaudit version",
		Args:    wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(ios.Out, "svcaudit %s\n", svcaudit.Version)
			return err
		},
	}
}

// wrapArgs turns Cobra's argument errors into usage errors that name the
// arguments the command's usage line asks for.
func wrapArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return &UsageError{Msg: argsMessage(cmd, args), Hint: fmt.Sprintf("usage: %s; see '%s --help'", cmd.UseLine(), cmd.CommandPath())}
		}
		return nil
	}
}

// argsMessage says what is wrong with args, in the words of the usage line:
// "missing CHECKLIST", "too many arguments: show takes CHECKLIST".
func argsMessage(cmd *cobra.Command, args []string) string {
	var need, all []string
	for _, w := range strings.Fields(cmd.Use)[1:] {
		if strings.HasPrefix(w, "-") {
			break // the flags that follow are not arguments
		}
		all = append(all, w)
		if !strings.HasPrefix(w, "[") {
			need = append(need, strings.TrimSuffix(w, "..."))
		}
	}
	name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
	switch {
	case len(all) == 0:
		return fmt.Sprintf("%s takes no arguments, not %q", name, args[0])
	case len(args) < len(need):
		return "missing " + strings.Join(need[len(args):], " ")
	}
	return fmt.Sprintf("too many arguments: %s takes %s", name, strings.Join(all, " "))
}
