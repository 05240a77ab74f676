package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/atomicfile"
)

func init() { register(NewCmdInit) }

// initSubcommands are the `init` subcommands, each added from its own file
// with addInitSubcommand.
var initSubcommands []func(*IOStreams, *GlobalOptions) *cobra.Command

// addInitSubcommand adds a subcommand to `svcaudit init` (init checklist,
// init answers, init config), so that each lives in its own file.
func addInitSubcommand(f func(*IOStreams, *GlobalOptions) *cobra.Command) {
	initSubcommands = append(initSubcommands, f)
}

// NewCmdInit builds `svcaudit init` with its subcommands (NewCmdInitChecklist,
// NewCmdInitAnswers, NewCmdInitConfig); alone, it only says which kinds
// of file it writes.
func NewCmdInit(ios *IOStreams, g *GlobalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init KIND",
		Short: "Write a starter file to begin from (checklist, answers, config)",
		Long: `Write a commented starter file that validates as it is, to edit from there.

An existing file is only replaced with --force (or, on a terminal, after
asking).`,
		Example: `  svcaudit init checklist -o repairs.yaml
  svcaudit init answers keeps-promises -o repairs.answers.yaml
  svcaudit init config`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var kinds []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					kinds = append(kinds, c.Name())
				}
			}
			hint := fmt.Sprintf("give one of: %s; see '%s --help'", strings.Join(kinds, ", "), cmd.CommandPath())
			if len(args) == 0 {
				return &UsageError{Msg: "init needs a kind of file", Hint: hint}
			}
			return &UsageError{Msg: fmt.Sprintf("unknown kind of file %q", args[0]), Hint: hint}
		},
	}
	for _, add := range initSubcommands {
		cmd.AddCommand(add(ios, g))
	}
	return cmd
}

// writeNewFile writes data to path atomically ("", from -o -, writes to
// standard output). An existing file is replaced only with force or, when both
// input and error output are terminals, once the user agrees.
func writeNewFile(ios *IOStreams, path string, data []byte, force bool) error {
	if toStdout(path) {
		_, err := ios.Out.Write(data)
		return err
	}
	if err := confirmOverwrite(ios, path, force); err != nil {
		return err
	}
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return usageErrorf("cannot write %s: folder %s does not exist", path, filepath.Dir(path))
		case errors.Is(err, fs.ErrPermission):
			return usageErrorf("cannot write %s: permission denied", path)
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
