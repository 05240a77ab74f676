package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3".
var Version = "dev"

// Main runs the command line with args and returns the process exit code.
func Main(args []string, ios *IOStreams) int {
	root := NewRoot(ios)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		printError(ios.ErrOut, err)
	}
	return exitCode(err)
}

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	NoColor bool
	Quiet   bool
}

// NewRoot builds the root command and its subcommands.
func NewRoot(ios *IOStreams) *cobra.Command {
	g := &GlobalOptions{}
	root := &cobra.Command{
		Use:   "svcaudit",
		Short: "Audit how a service treats the people it serves",
		Long: `svcaudit runs service-audit checklists: it loads YAML checklists of
customer-service criteria, takes an assessor's answers and evidence found in
the organisation's own documents, and produces scored reports.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if g.NoColor || ios.Getenv("NO_COLOR") != "" {
				ios.Color = false
			}
			return nil
		},
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.PersistentFlags().BoolVar(&g.NoColor, "no-color", false, "never colour output (also NO_COLOR)")
	root.PersistentFlags().BoolVarP(&g.Quiet, "quiet", "q", false, "print only errors")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &UsageError{Msg: err.Error(), Hint: fmt.Sprintf("see '%s --help'", cmd.CommandPath())}
	})

	root.AddCommand(newVersionCmd(ios))
	for _, add := range commands {
		root.AddCommand(add(ios, g))
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
		Use:   "version",
		Short: "Print svcaudit's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(ios.Out, "svcaudit %s\n", Version)
			return err
		},
	}
}

// wrapArgs turns Cobra's argument errors into usage errors.
func wrapArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return &UsageError{Msg: err.Error(), Hint: fmt.Sprintf("see '%s --help'", cmd.CommandPath())}
		}
		return nil
	}
}
