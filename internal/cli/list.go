package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/internal/wrap"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdList(ios, g, nil) })
}

// listFormats are the values of --format.
var listFormats = enum{what: "format", values: []string{"text", "json"}, aliases: formatAliases}

// ListOptions are the flags of `svcaudit list`.
type ListOptions struct {
	Dirs   []string
	Format string
}

// listEntry is one row of `list`, and its JSON form.
type listEntry struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Version   string `json:"version,omitempty"`
	Items     int    `json:"items"`
	Automated int    `json:"automated"`
	// Source is "builtin" or the file's path.
	Source string `json:"source"`
}

// NewCmdList builds `svcaudit list`. Its flags become ListOptions; runF,
// when set, is called with them in place of the listing (tests use it to
// see what the flags say).
func NewCmdList(ios *IOStreams, g *GlobalOptions, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the built-in checklists and those in --dir folders",
		Long: `List the built-in checklists, and the checklists (*.yaml, *.yml) in each
--dir folder: id, title, how many items, and how many of them documents
answer (automated). A broken local checklist is reported and the others
listed; the exit status is then 2.`,
		Example: "  svcaudit list\n  svcaudit list --dir checklists --format json",
		Args:    wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runList(ios, opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.Dirs, "dir", nil, "also list the checklists in this folder (repeatable)")
	enumFlag(cmd, &opts.Format, listFormats, "", "text", "output format", "")
	return cmd
}

func runList(ios *IOStreams, opts *ListOptions) error {
	if err := listFormats.check(opts.Format); err != nil {
		return err
	}
	var entries []listEntry
	var errs diag.List
	builtins, err := checklist.Builtins()
	errs = append(errs, diag.Flatten(err)...)
	for _, cl := range builtins {
		entries = append(entries, entryOf(cl, "builtin"))
	}
	for _, dir := range opts.Dirs {
		files, err := localChecklists(dir)
		if err != nil {
			return err
		}
		for _, f := range files {
			cl, err := checklist.Load(f)
			if err != nil {
				errs = append(errs, diag.Flatten(err)...)
				continue
			}
			entries = append(entries, entryOf(cl, f))
		}
	}
	if opts.Format == "json" {
		if entries == nil {
			entries = []listEntry{}
		}
		b, err := json.MarshalIndent(entries, "", "  ")
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(ios.Out, "%s\n", safe.EscapeJSON(b)); err != nil {
			return err
		}
	} else if len(entries) > 0 {
		t := tablewriter.NewTable(ios.Out,
			tablewriter.WithRowAutoWrap(tw.WrapNone),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignLeft),
		)
		t.Header("ID", "Title", "Items", "Automated", "Source")
		titleW, sourceW := listWidths(entries, ios.Width)
		for _, e := range entries {
			title := strings.Join(wrap.Lines(safe.Line(e.Title), titleW), "\n")
			source := strings.Join(wrap.Lines(safe.Line(e.Source), sourceW), "\n")
			if err := t.Append(safe.Line(e.ID), title, strconv.Itoa(e.Items), strconv.Itoa(e.Automated), source); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// listWidths gives the title and source columns the widths that fit the
// table to a terminal width columns wide (0: no limit).
func listWidths(entries []listEntry, width int) (title, source int) {
	idW, titleW, sourceW := len("ID"), len("Title"), len("Source")
	for _, e := range entries {
		idW = max(idW, runewidth.StringWidth(e.ID))
		titleW = max(titleW, runewidth.StringWidth(e.Title))
		sourceW = max(sourceW, runewidth.StringWidth(e.Source))
	}
	if width <= 0 {
		return 0, 0
	}
	const chrome = 1 + 5*3
	avail := width - chrome - idW - len("Items") - len("Automated")
	if titleW+sourceW <= avail {
		return titleW, sourceW
	}
	// Each gives way in proportion to its length, the title to no less
	// than 12 columns and the source to no less than 8.
	t := max(12, avail*titleW/(titleW+sourceW))
	return min(t, titleW), max(8, avail-t)
}

func entryOf(cl *checklist.Checklist, source string) listEntry {
	e := listEntry{ID: cl.ID, Title: cl.Title, Version: cl.Version, Source: source}
	for _, it := range cl.Items() {
		e.Items++
		if it.Automated() {
			e.Automated++
		}
	}
	return e
}

// localChecklists lists the *.yaml and *.yml files of dir, sorted.
func localChecklists(dir string) ([]string, error) {
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, usageErrorf("bad folder %q: %v", dir, err)
		}
		files = append(files, m...)
	}
	if files == nil {
		if _, err := filepath.Glob(dir); err != nil {
			return nil, usageErrorf("bad folder %q", dir)
		}
		if !isDir(dir) {
			return nil, &UsageError{Msg: fmt.Sprintf("no folder %s", dir), Hint: "--dir names a folder of checklist files"}
		}
	}
	sort.Strings(files)
	return files, nil
}
