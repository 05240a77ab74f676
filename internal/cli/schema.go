package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/schema"
)

func init() { register(newSchemaCmd) }

func newSchemaCmd(ios *IOStreams, g *GlobalOptions) *cobra.Command {
	return &cobra.Command{
		Use:       "schema NAME",
		Short:     "Print the JSON Schema of a svcaudit file (" + strings.Join(schema.Names(), ", ") + ")",
		Long:      "Print the JSON Schema (draft 2020-12) of a svcaudit file, for editors and other tools.",
		Example:   "  svcaudit schema checklist > checklist.schema.json\n  svcaudit schema result",
		Args:      wrapArgs(cobra.ExactArgs(1)),
		ValidArgs: schema.Names(),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := schema.Get(args[0])
			if err != nil {
				return &UsageError{Msg: err.Error()}
			}
			_, err = fmt.Fprintf(ios.Out, "%s", b)
			return err
		},
	}
}
