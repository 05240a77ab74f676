package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/internal/action"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/internal/wrap"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdActions(ios, g, nil) })
}

// actionFormats are the values of --format.
var actionFormats = enum{what: "format", values: []string{"text", "md", "csv", "json"}, aliases: formatAliases}

// ActionsOptions are the options of `svcaudit actions`.
type ActionsOptions struct {
	File    string
	Overdue bool
	Subject string
	Status  string
	Format  string
	// FailOverdue makes the command exit 1 when any open action listed is
	// overdue, for CI.
	FailOverdue bool
	// AsOf is the date, as written, actions are judged overdue on ("" for
	// today).
	AsOf string
	// Today is the date actions are judged overdue on (the clock by default).
	Today time.Time
}

// NewCmdActions builds `svcaudit actions`. Its flags become
// ActionsOptions (--as-of read into Today); runF, when set, is called with
// them in place of the listing.
func NewCmdActions(ios *IOStreams, g *GlobalOptions, runF func(*ActionsOptions) error) *cobra.Command {
	opts := &ActionsOptions{}
	cmd := &cobra.Command{
		Use:   "actions FILE",
		Short: "List the corrective actions in an actions register",
		Long: `List the corrective actions in an actions register (the YAML file that
'svcaudit run --actions FILE' keeps): open actions by default, overdue
ones first, then by due date.`,
		Example: `  svcaudit actions actions.yaml
  svcaudit actions actions.yaml --overdue --format md
  svcaudit actions actions.yaml --status all --subject "Housing*" --format csv`,
		Args: wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if opts.AsOf != "" {
				t, err := time.Parse(action.DateLayout, opts.AsOf)
				if err != nil {
					return &UsageError{Msg: fmt.Sprintf("--as-of %q is not a date", opts.AsOf), Hint: "write it as YYYY-MM-DD"}
				}
				opts.Today = t
			}
			if opts.Today.IsZero() {
				opts.Today = time.Now()
			}
			if runF != nil {
				return runF(opts)
			}
			return runActions(ios, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.Overdue, "overdue", false, "only open actions past their due date")
	f.StringVar(&opts.Subject, "subject", "", "only actions on this subject (a glob: \"Housing*\")")
	f.StringVar(&opts.Status, "status", "open", "only actions with this status: open, done, dropped or all")
	f.BoolVar(&opts.FailOverdue, "fail-overdue", false, "exit 1 when any action listed is overdue (for CI)")
	f.StringVar(&opts.AsOf, "as-of", "", "judge overdue actions as of this date (YYYY-MM-DD), not today")
	enumFlag(cmd, &opts.Format, actionFormats, "f", "text", "output format", "")
	return cmd
}

func runActions(ios *IOStreams, opts *ActionsOptions) error {
	if err := actionFormats.check(opts.Format); err != nil {
		return err
	}
	switch opts.Status {
	case "open", "done", "dropped", "all":
	default:
		return &UsageError{Msg: fmt.Sprintf("unknown status %q", opts.Status), Hint: "use open, done, dropped or all"}
	}
	if opts.Overdue && opts.Status != "open" && opts.Status != "all" {
		return &UsageError{Msg: "--overdue lists open actions: it cannot be used with --status " + opts.Status}
	}
	reg, err := action.Load(opts.File)
	if err != nil {
		return err
	}
	var list []*action.Action
	for _, a := range reg.Actions {
		if opts.Status != "all" && string(a.Status) != opts.Status {
			continue
		}
		if opts.Overdue && !a.Overdue(opts.Today) {
			continue
		}
		if opts.Subject != "" && !globMatch(opts.Subject, a.Subject) {
			continue
		}
		list = append(list, a)
	}
	action.SortByUrgency(list, opts.Today)
	if err := writeActions(ios, opts, list); err != nil {
		return err
	}
	if opts.FailOverdue {
		n := 0
		for _, a := range list {
			if a.Overdue(opts.Today) {
				n++
			}
		}
		switch {
		case n == 1:
			return &FailedError{Reason: "1 action is overdue"}
		case n > 1:
			return &FailedError{Reason: fmt.Sprintf("%d actions are overdue", n)}
		}
	}
	return nil
}

func writeActions(ios *IOStreams, opts *ActionsOptions, list []*action.Action) error {
	switch opts.Format {
	case "json":
		return writeActionsJSON(ios.Out, list, opts.Today)
	case "csv":
		return writeActionsCSV(safe.GuardCSV(safe.Unwrap(ios.Out)), list, opts.Today)
	case "md":
		return writeActionsMarkdown(ios.Out, list, opts.Today)
	}
	if len(list) == 0 {
		_, err := fmt.Fprintln(ios.Out, "no actions match")
		return err
	}
	return writeActionsTable(ios.Out, list, opts.Today, ios.Width)
}

// globMatch matches a subject against a glob where * and ? match any
// characters (subjects are names, not paths) and matching ignores case.
func globMatch(pattern, s string) bool {
	p, str := []rune(strings.ToLower(pattern)), []rune(strings.ToLower(s))
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(p) {
			switch p[i] {
			case '*':
				for k := j; k <= len(str); k++ {
					if match(i+1, k) {
						return true
					}
				}
				return false
			case '?':
				if j >= len(str) {
					return false
				}
			default:
				if j >= len(str) || str[j] != p[i] {
					return false
				}
			}
			i++
			j++
		}
		return j == len(str)
	}
	return match(0, 0)
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(action.DateLayout)
}

// statusText is the status as a reader should see it: "open, 12 days
// overdue".
func statusText(a *action.Action, today time.Time) string {
	if a.Overdue(today) {
		n := a.DaysOverdue(today)
		if n == 1 {
			return "open, 1 day overdue"
		}
		return fmt.Sprintf("open, %d days overdue", n)
	}
	if a.Status != action.Open && !a.Closed.IsZero() {
		return fmt.Sprintf("%s %s", a.Status, dateOf(a.Closed))
	}
	return string(a.Status)
}

func ownerText(a *action.Action) string {
	if a.Owner == "" {
		return "(unassigned)"
	}
	return a.Owner
}

// pipedWidth is the width a table is drawn for in a pipe or a file
// (docs/terminal.md).
const pipedWidth = 120

// writeActionsTable draws the table so that it fits the terminal (width),
// or 120 columns in a pipe (width 0): the description, subject and owner
// wrap at spaces; ids, which board papers cite, are never broken.
func writeActionsTable(w io.Writer, list []*action.Action, today time.Time, width int) error {
	if width <= 0 {
		width = pipedWidth
	}
	header := []string{"ID", "Subject", "Description", "Owner", "Due", "Status"}
	rows := make([][]string, len(list))
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = len(h)
	}
	for i, a := range list {
		rows[i] = []string{safe.Line(a.ID), safe.Line(a.Subject), safe.Line(a.Description), safe.Line(ownerText(a)), dateOf(a.Due), statusText(a, today)}
		for j, c := range rows[i] {
			widths[j] = max(widths[j], utf8.RuneCountInString(c))
		}
	}
	{
		// Each column takes its text plus "│ " and " ", and the table a
		// final "│". The description gives way first, down to 24 columns,
		// then the subject (to 12) and the owner (to 10, never inside a
		// word); on a narrow terminal the description and subject give way
		// further, then the status. The id and the due date never do.
		const chrome = 1 + 6*3
		over := chrome - width
		for _, w := range widths {
			over += w
		}
		need2 := widths[2]
		// A name is not cut: the owner keeps its longest word.
		ownerWord := 0
		for _, r := range rows {
			for _, f := range strings.Fields(r[3]) {
				ownerWord = max(ownerWord, utf8.RuneCountInString(f))
			}
		}
		for _, c := range []struct{ col, least int }{{2, 24}, {1, 12}, {3, max(10, ownerWord)}, {2, 12}, {1, 7}, {3, ownerWord}, {5, 10}, {5, 7}, {2, 11}} {
			if over <= 0 {
				break
			}
			cut := min(over, max(widths[c.col]-c.least, 0))
			widths[c.col] -= cut
			over -= cut
		}
		if over > 0 {
			// Even squeezed, the table would be wider than the terminal
			// (long ids): a list instead, each id whole on its own line.
			return writeActionsList(w, list, today, width)
		}
		for _, r := range rows {
			for _, j := range []int{1, 3, 5} {
				r[j] = strings.Join(wrap.Lines(r[j], widths[j]), "\n")
			}
		}
		// Wrapped at spaces, the subject, owner and status may take less
		// than they were given: the description has what is left.
		used := chrome
		for j := range widths {
			if j == 2 {
				continue
			}
			w := utf8.RuneCountInString(header[j])
			for _, r := range rows {
				for _, l := range strings.Split(r[j], "\n") {
					w = max(w, utf8.RuneCountInString(l))
				}
			}
			used += w
		}
		widths[2] = max(widths[2], min(width-used, need2))
		for _, r := range rows {
			r[2] = strings.Join(wrap.Lines(r[2], widths[2]), "\n")
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
	)
	t.Header(header)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

// writeActionsList is the table's layout for a terminal too narrow for
// it: the id on a line of its own, never broken, then the subject, owner,
// due date and status, then the description, wrapped at spaces.
func writeActionsList(w io.Writer, list []*action.Action, today time.Time, width int) error {
	var b strings.Builder
	for i, a := range list {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(safe.Line(a.ID) + "\n")
		facts := safe.Line(a.Subject) + " · " + safe.Line(ownerText(a)) + " · due " + dateOf(a.Due) + " · " + statusText(a, today)
		for _, text := range []string{facts, safe.Line(a.Description)} {
			for _, l := range wrap.Lines(text, width-4) {
				b.WriteString("    " + l + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeActionsMarkdown(w io.Writer, list []*action.Action, today time.Time) error {
	var b strings.Builder
	b.WriteString("| ID | Subject | Item | Description | Owner | Due | Status |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, a := range list {
		cells := []string{a.ID, a.Subject, a.Item, a.Description, ownerText(a), dateOf(a.Due), statusText(a, today)}
		for i, c := range cells {
			cells[i] = mdCell(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell makes text safe inside a Markdown table cell: pipes escaped, line
// breaks as <br>, and HTML-significant characters escaped.
func mdCell(s string) string { return safe.MarkdownCell(s) }

func writeActionsCSV(w io.Writer, list []*action.Action, today time.Time) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "subject", "item", "description", "owner", "due", "status", "overdue", "raised", "closed", "reopens", "note"})
	for _, a := range list {
		overdue := ""
		if a.Overdue(today) {
			overdue = fmt.Sprint(a.DaysOverdue(today))
		}
		row := []string{a.ID, a.Subject, a.Item, a.Description, a.Owner, dateOf(a.Due), string(a.Status), overdue, dateOf(a.Raised), dateOf(a.Closed), a.Reopens, a.Note}
		for i, c := range row {
			row[i] = csvCell(c)
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// csvCell stops a spreadsheet from reading a cell as a formula (CSV
// injection): text starting with = + - @ or a control character is prefixed
// with an apostrophe.
func csvCell(s string) string { return safe.CSVCell(s) }

// actionJSON is an action in `actions --format json`: the register's fields
// plus whether it is overdue.
type actionJSON struct {
	ID          string `json:"id"`
	Item        string `json:"item"`
	Subject     string `json:"subject"`
	Description string `json:"description,omitempty"`
	Owner       string `json:"owner"`
	Due         string `json:"due,omitempty"`
	Status      string `json:"status"`
	Raised      string `json:"raised"`
	Closed      string `json:"closed,omitempty"`
	Reopens     string `json:"reopens,omitempty"`
	Note        string `json:"note,omitempty"`
	Overdue     bool   `json:"overdue"`
	DaysOverdue int    `json:"daysOverdue,omitempty"`
}

func writeActionsJSON(w io.Writer, list []*action.Action, today time.Time) error {
	out := struct {
		Actions []actionJSON `json:"actions"`
	}{Actions: []actionJSON{}}
	for _, a := range list {
		j := actionJSON{ID: a.ID, Item: a.Item, Subject: a.Subject, Description: a.Description, Owner: a.Owner,
			Due: dateOf(a.Due), Status: string(a.Status), Raised: dateOf(a.Raised), Closed: dateOf(a.Closed),
			Reopens: a.Reopens, Note: a.Note, Overdue: a.Overdue(today)}
		if j.Overdue {
			j.DaysOverdue = a.DaysOverdue(today)
		}
		out.Actions = append(out.Actions, j)
	}
	enc := json.NewEncoder(safe.JSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
