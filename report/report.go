package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/result"
)

// Formats lists the output formats Render writes.
var Formats = []string{"table", "md", "html", "docx", "csv", "xlsx", "json"}

// Options say what to render and how.
type Options struct {
	// Format is one of Formats ("text" is another name for "table",
	// "markdown" for "md"); empty means "table".
	Format string
	// By is "section" (default) or "item": the rows of a comparison, and
	// of CSV and JSON output.
	By string
	// Sort orders the subjects of a comparison: "" keeps the order given,
	// "score" makes a league table (highest first), "name" sorts by subject.
	Sort string
	// Baseline are earlier Results to compare against: each Result is
	// compared with the latest baseline of the same subject and checklist,
	// and all of them make the subject's trend.
	Baseline []*result.Result
	// Actions is the corrective-action register; open actions are shown
	// beside the failures they answer, overdue first.
	Actions []Action
	// Today decides which actions are overdue (zero: none are).
	Today time.Time
	// Bands are the grade bands drawn behind charts (default
	// checklist.DefaultGrades).
	Bands []checklist.Band
	// Color allows ANSI colour in the table format.
	Color bool
	// Width is the terminal width tables must fit (0: no limit).
	Width int
	// BOM starts CSV output with a UTF-8 byte-order mark, for Excel.
	BOM bool
	// Title heads the report (default from the subjects and checklist).
	Title string
	// Period is the reporting period a board paper covers ("Q4 2026-27").
	Period string
	// Produced is the date the report was produced (zero: not shown).
	Produced time.Time
	// Summary leaves out the item details and the scoring appendix: the
	// headline, sections, charts, gating rules and changes remain.
	Summary bool
}

// Render writes a report of results to w. One Result gives an audit report,
// several a comparison; Options.Baseline adds the change since. The
// Results given are not changed.
func Render(w io.Writer, results []*result.Result, opts Options) error {
	// Text from Results and registers is data: no control character or
	// escape sequence reaches a terminal, a page or a spreadsheet.
	return render(w, prepareAll(copyResults(results)), prepareAll(copyResults(opts.Baseline)), opts)
}

// RenderPrepared is Render of Results given to Prepare, and baselines
// (for Options.Baseline, which it ignores) given to Prepare too.
func RenderPrepared(w io.Writer, results, baseline []*Prepared, opts Options) error {
	return render(w, results, baseline, opts)
}

func render(w io.Writer, results, baseline []*Prepared, opts Options) error {
	if len(results) == 0 {
		return fmt.Errorf("no results to report")
	}
	if opts.Format == "" {
		opts.Format = "table"
	}
	if opts.By == "" {
		opts.By = "section"
	}
	if opts.By != "section" && opts.By != "item" {
		return &OptionError{Option: "By", Value: opts.By, Want: []string{"section", "item"}}
	}
	switch opts.Sort {
	case "", "score", "name":
	default:
		return &OptionError{Option: "Sort", Value: opts.Sort, Want: []string{"score", "name"}}
	}
	if len(opts.Bands) == 0 {
		opts.Bands = checklist.DefaultGrades()
	}
	opts.Actions = cleanActions(opts.Actions)
	v, err := build(results, baseline, opts)
	if err != nil {
		return err
	}
	switch opts.Format {
	// The terminal and text formats go through safe.Guard, HTML and CSV
	// through its lossless forms: no line of them may begin with "::", a
	// CI runner's workflow command, because of text svcaudit did not write.
	case "table", "text":
		return renderTable(safe.Guard(w), v, opts)
	case "md", "markdown":
		return renderMarkdown(safe.Guard(w), v)
	case "html":
		return renderHTML(safe.GuardHTML(w), v)
	case "csv":
		return renderCSV(safe.GuardCSV(w), v, opts)
	case "docx":
		return renderDOCX(w, v, opts)
	case "xlsx":
		return renderXLSX(w, v)
	case "json":
		return renderJSON(w, v)
	}
	return fmt.Errorf("unknown format %q (want %s)", opts.Format, strings.Join(Formats, ", "))
}

func itoa(n int) string { return strconv.Itoa(n) }

// num formats a score to one decimal (as fmt's %.1f, without its cost).
func num(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// numPtr formats a score, or "—" when there is none.
func numPtr(v *float64) string {
	if v == nil {
		return "—"
	}
	return num(*v)
}

// deltaText is a change as a report shows it: ▲ 4.5, ▼ 2.0 or =.
func deltaText(d *float64) string {
	switch {
	case d == nil:
		return ""
	case *d >= 0.05:
		return "▲ " + num(*d)
	case *d <= -0.05:
		return "▼ " + num(-*d)
	}
	return "="
}

func sortStrings(s []string) { sort.Strings(s) }

// OptionError is an Options field set to a value Render does not know.
type OptionError struct {
	Option string // the field: "By", "Sort"
	Value  string
	Want   []string
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("report: unknown %s %q (want %s)", e.Option, e.Value, strings.Join(e.Want, " or "))
}

// MixedChecklistsError is a comparison by item of Results of different
// checklists, whose items cannot be lined up: compare them by section, or
// report them separately.
type MixedChecklistsError struct {
	Checklists []string // the checklists' ids, sorted
}

func (e *MixedChecklistsError) Error() string {
	return fmt.Sprintf("results use different checklists (%s): items cannot be lined up; compare them by section or report them separately", strings.Join(e.Checklists, ", "))
}
