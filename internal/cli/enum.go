package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/diag"
)

// enum is a flag that takes one of a fixed list of values, such as every
// command's --format. enumFlag defines it, so that each has the same help
// (what it is, then the values), shell completion and, through check, the
// same message for a value not in the list.
type enum struct {
	// what is the flag's name, and names the value in messages: "format".
	what   string
	values []string
}

// enumFlag defines e's flag (short: its one-letter form, or "") on cmd,
// writing into p, with the default def. usage says what the flag is; the
// help adds the values, and then more, if given.
func enumFlag(cmd *cobra.Command, p *string, e enum, short, def, usage, more string) {
	help := usage + ": " + orList(e.values)
	if more != "" {
		help += " " + more
	}
	cmd.Flags().StringVarP(p, e.what, short, def, help)
	_ = cmd.RegisterFlagCompletionFunc(e.what, cobra.FixedCompletions(e.values, cobra.ShellCompDirectiveNoFileComp))
}

// check reports whether v is one of the values, as a usage error that
// names them (and the nearest, for a slip of the keyboard) when it is not.
func (e enum) check(v string) error {
	if slices.Contains(e.values, v) {
		return nil
	}
	hint := "use " + orList(e.values)
	if s := diag.Suggest(v, e.values); s != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
	}
	return &UsageError{Msg: fmt.Sprintf("unknown %s %q", e.what, v), Hint: hint}
}

// orList is "a, b or c".
func orList(vs []string) string {
	if len(vs) < 2 {
		return strings.Join(vs, "")
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
}
