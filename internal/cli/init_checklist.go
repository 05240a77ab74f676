package cli

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
)

func init() {
	addInitSubcommand(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdInitChecklist(ios, g, nil) })
}

// starterChecklist is the commented starter `init checklist` writes; ID
// and TITLE are replaced from the output file's name.
//
//go:embed starter_checklist.yaml
var starterChecklist string

// InitChecklistOptions are the flags of `svcaudit init checklist`.
type InitChecklistOptions struct {
	Output string
	Force  bool
}

// NewCmdInitChecklist builds `svcaudit init checklist`. Its flags become
// InitChecklistOptions; runF, when set, is called with them in place of
// writing the file.
func NewCmdInitChecklist(ios *IOStreams, g *GlobalOptions, runF func(*InitChecklistOptions) error) *cobra.Command {
	opts := &InitChecklistOptions{}
	cmd := &cobra.Command{
		Use:   "checklist",
		Short: "Write a commented starter checklist",
		Long: `Write a commented starter checklist that validates as it is: one section with
an item an assessor answers and one that documents answer. Its id comes
from the file name. Check your edits with 'svcaudit validate FILE'.`,
		Example: "  svcaudit init checklist -o housing-repairs.yaml",
		Args:    wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runInitChecklist(ios, g, opts)
		},
	}
	outputFlag(cmd.Flags(), &opts.Output, "checklist.yaml", "file to write")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace the --output file if it exists")
	return cmd
}

func runInitChecklist(ios *IOStreams, g *GlobalOptions, opts *InitChecklistOptions) error {
	id := "my-checklist"
	if !toStdout(opts.Output) {
		if s := slug(strings.TrimSuffix(filepath.Base(opts.Output), filepath.Ext(opts.Output))); s != "" && s != "checklist" {
			id = s
		}
	}
	data := starterFor(id)
	// The starter must always validate; a failure here is a bug.
	if _, err := checklist.Parse(opts.Output, data); err != nil {
		return fmt.Errorf("starter checklist does not validate: %w", err)
	}
	if err := writeNewFile(ios, opts.Output, data, opts.Force); err != nil {
		return err
	}
	if !toStdout(opts.Output) && !g.Quiet {
		fmt.Fprintf(ios.ErrOut, "wrote %s: edit it, then run 'svcaudit validate %s'\n", opts.Output, opts.Output)
	}
	return nil
}

// starterFor returns the commented starter checklist with the given id.
func starterFor(id string) []byte {
	title := strings.ToUpper(id[:1]) + strings.ReplaceAll(id[1:], "-", " ")
	return []byte(strings.NewReplacer("ID", id, "TITLE", title).Replace(starterChecklist))
}

// slug turns a file name into a checklist id: lowercase letters, digits
// and hyphens.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
