package cli

import (
	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
)

// completeChecklists makes the shell complete the flag named flag with
// the built-in checklist ids, and with file names (a checklist may be a
// file), for every command that takes -c.
func completeChecklists(cmd *cobra.Command, flag string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return checklist.BuiltinIDs(), cobra.ShellCompDirectiveDefault
	})
}
