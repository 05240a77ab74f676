package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/schema"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdSchema(ios, g, nil) })
}

// SchemaOptions are the argument of `svcaudit schema`.
type SchemaOptions struct {
	Name string
}

// NewCmdSchema builds `svcaudit schema`. Its argument becomes
// SchemaOptions; runF, when set, is called with them in place of printing
// the schema.
func NewCmdSchema(ios *IOStreams, g *GlobalOptions, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{}
	return &cobra.Command{
		Use:       "schema NAME",
		Short:     "Print the JSON Schema of a svcaudit file (" + strings.Join(schema.Names(), ", ") + ")",
		Long:      "Print the JSON Schema (draft 2020-12) of a svcaudit file, for editors and other tools.",
		Example:   "  svcaudit schema checklist > checklist.schema.json\n  svcaudit schema result",
		Args:      wrapArgs(cobra.ExactArgs(1)),
		ValidArgs: schema.Names(),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runSchema(ios, opts)
		},
	}
}

func runSchema(ios *IOStreams, opts *SchemaOptions) error {
	b, err := schema.Get(opts.Name)
	if err != nil {
		return &UsageError{Msg: err.Error()}
	}
	_, err = fmt.Fprintf(ios.Out, "%s", b)
	return err
}
