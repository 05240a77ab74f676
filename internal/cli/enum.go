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
	// aliases are other names a value is given by, as alias: value
	// (formatAliases: "table" for "text"). They are accepted, and read
	// as the value, but not listed.
	aliases map[string]string
}

// formatAliases are the other names of formats, the same for every
// command: "text" is what every command calls its format for people at a
// terminal, and "table", its name in some commands before, still works.
var formatAliases = map[string]string{"table": "text", "markdown": "md"}

// canon is the value v names: v itself, or the value it is an alias of.
func (e enum) canon(v string) string {
	if c, ok := e.aliases[v]; ok && slices.Contains(e.values, c) {
		return c
	}
	return v
}

// enumValue is an enum flag's value: what is given, read through the
// aliases. It is checked later (enum.check), with the command's other
// settings.
type enumValue struct {
	p *string
	e enum
}

func (v enumValue) String() string { return *v.p }
func (v enumValue) Set(s string) error {
	*v.p = v.e.canon(s)
	return nil
}
func (v enumValue) Type() string { return "string" }

// enumFlag defines e's flag (short: its one-letter form, or "") on cmd,
// writing into p, with the default def. usage says what the flag is; the
// help adds the values, and then more, if given.
func enumFlag(cmd *cobra.Command, p *string, e enum, short, def, usage, more string) {
	help := usage + ": " + orList(e.values)
	if more != "" {
		help += " " + more
	}
	*p = def
	cmd.Flags().VarP(enumValue{p: p, e: e}, e.what, short, help)
	cmd.Flags().Lookup(e.what).DefValue = def
	_ = cmd.RegisterFlagCompletionFunc(e.what, cobra.FixedCompletions(e.values, cobra.ShellCompDirectiveNoFileComp))
}

// check reports whether v is one of the values, as a usage error that
// names them (and the nearest, for a slip of the keyboard) when it is not.
func (e enum) check(v string) error {
	if slices.Contains(e.values, e.canon(v)) {
		return nil
	}
	hint := "use " + orList(e.values)
	names := append([]string(nil), e.values...)
	for a, to := range e.aliases {
		if slices.Contains(e.values, to) {
			names = append(names, a)
		}
	}
	slices.Sort(names[len(e.values):])
	if s := diag.Suggest(v, names); s != "" {
		s = e.canon(s)
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
