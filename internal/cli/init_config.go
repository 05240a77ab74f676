package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/config"
)

func init() {
	addInitSubcommand(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdInitConfig(ios, g, nil) })
}

// InitConfigOptions are the settings of `svcaudit init config`.
type InitConfigOptions struct {
	Output string
	Force  bool
}

// NewCmdInitConfig builds `svcaudit init config`. Its flags become
// InitConfigOptions; runF, when set, is called with them in place of
// writing the file.
func NewCmdInitConfig(ios *IOStreams, g *GlobalOptions, runF func(*InitConfigOptions) error) *cobra.Command {
	o := &InitConfigOptions{}
	cmd := &cobra.Command{
		Use:     "config",
		Short:   "Write a commented .svcaudit.yaml, the defaults of `svcaudit check`",
		Example: "  svcaudit init config\n  svcaudit init config -o - | less",
		Args:    wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runInitConfig(ios, g, o)
		},
	}
	outputFlag(cmd.Flags(), &o.Output, config.Name, "file to write")
	cmd.Flags().BoolVar(&o.Force, "force", false, "replace the --output file if it exists")
	return cmd
}

func runInitConfig(ios *IOStreams, g *GlobalOptions, o *InitConfigOptions) error {
	// A .svcaudit.yaml beside a .svcaudit.yml would stop every check.
	if o.Output == config.Name {
		if _, err := os.Stat(config.AltName); err == nil {
			return &UsageError{Msg: fmt.Sprintf("%s already exists here: a folder holds one of %s and %s", config.AltName, config.Name, config.AltName),
				Hint: fmt.Sprintf("replace it with -o %s --force, or write elsewhere with -o", config.AltName)}
		}
	}
	if err := writeNewFile(ios, o.Output, config.Template(), o.Force); err != nil {
		return err
	}
	if !toStdout(o.Output) && !g.Quiet {
		fmt.Fprintf(ios.ErrOut, "wrote %s: edit it, then run 'svcaudit check'\n", o.Output)
	}
	return nil
}
