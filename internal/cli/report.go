package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/action"
	"github.com/svcaudit/svcaudit/internal/atomicfile"
	"github.com/svcaudit/svcaudit/internal/input"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/internal/schema"
	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/result"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdReport(ios, g, nil) })
}

// reportFormats are the values of --format: report's (its "table" named
// "text", as in every command), and a merged Result.
var reportFormats = enum{what: "format", values: append(textNamed(report.Formats), "result"), aliases: formatAliases}

// textNamed is formats with "table" named "text".
func textNamed(formats []string) []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		if f == "table" {
			f = "text"
		}
		out[i] = f
	}
	return out
}

// ReportOptions are the flags and arguments of `svcaudit report`.
type ReportOptions struct {
	Inputs   []string
	Format   string
	Output   string
	Force    bool
	Baseline []string
	By       string
	Sort     string
	Merge    bool
	BOM      bool
	Actions  string
	// Title, Period and Summary shape a board paper: its heading, the
	// period it covers, and a short form without item details or the
	// scoring appendix. Period heads a self-assessment form too.
	Title   string
	Summary bool
	// Checklist gives the grade bands drawn and used when merging; by
	// default the built-in checklist the Results name, if there is one.
	Checklist string
	// Annual writes the annual complaints performance and service
	// improvement report; Response is the governing body's response to it.
	Annual   bool
	Response string
	// SelfAssessment writes the self-assessment form of one Result (md,
	// html, xlsx, docx, csv or json), with Requirements (a file of the
	// organisation's own wording) and the header's Organisation, Period
	// and CompletedBy.
	SelfAssessment bool
	Requirements   string
	Organisation   string
	Period         string
	CompletedBy    string
	// Now is today's date, for overdue actions (time.Now by default).
	Now func() time.Time
}

// NewCmdReport builds `svcaudit report`. Its flags become ReportOptions;
// runF, when set, is called with them in place of the report (tests use it
// to see what the flags say).
func NewCmdReport(ios *IOStreams, g *GlobalOptions, runF func(*ReportOptions) error) *cobra.Command {
	o := &ReportOptions{Now: time.Now}
	cmd := &cobra.Command{
		Use:   "report RESULT.json...",
		Short: "Render, compare and merge saved results for board papers",
		Long: `Render saved Results (written by run or check) as a report: one Result as an
audit report, several as a comparison of services, with --baseline the
change since earlier audits. Formats: text (terminal tables), md, html (one
self-contained file with charts), docx (a Word board paper with the same
charts), csv, xlsx, json. --title, --period and --summary shape a board
paper. With --merge, Results of
the same subject and checklist (several assessors, sharded CI runs) are
combined into one first; Results of different documents (shards of one
check --together) merge as evidence, judged again by the checklist (-c, or
the built-in one they name); --format result writes the merged Result.
With --self-assessment, one Result (of a code such as housing-ombudsman-code)
becomes the code's self-assessment form for the governing body: md, html,
xlsx or docx, one row per provision with Comply, Evidence and Commentary
(csv and json give its rows to a spreadsheet or a program).`,
		Example: `  svcaudit report housing.json
  svcaudit report housing.json --baseline housing-q1.json --format html -o board.html
  svcaudit report housing.json --period "Q1 2026-27" --summary -o board.docx
  svcaudit report *.json --sort score --format md
  svcaudit report a.json b.json --merge --format result -o merged.json
  svcaudit report 2026.json --self-assessment --period "2025-26" --actions actions.yaml -o self-assessment.xlsx
  svcaudit report 2025.json --annual --baseline 2024.json --response board.md --format html -o annual.html`,
		Args: wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Inputs = args
			if runF != nil {
				return runF(o)
			}
			return reportError(runReport(ios, o))
		},
	}
	f := cmd.Flags()
	enumFlag(cmd, &o.Format, reportFormats, "f", "", "output format", "(result with --merge; default: from -o's extension, else text)")
	outputFlag(f, &o.Output, "", "write to this file (atomically) instead of standard output")
	f.BoolVar(&o.Force, "force", false, "overwrite an existing -o file")
	f.StringSliceVar(&o.Baseline, "baseline", nil, "earlier Results to compare against (repeatable)")
	f.StringVar(&o.By, "by", "section", "rows of a comparison: section or item")
	f.StringVar(&o.Sort, "sort", "", "order subjects: score (a league table) or name")
	f.BoolVar(&o.Merge, "merge", false, "merge Results of the same subject and checklist first")
	f.BoolVar(&o.BOM, "bom", false, "start CSV with a UTF-8 byte-order mark, for Excel")
	f.StringVar(&o.Actions, "actions", "", "actions register (YAML): show open actions beside failures")
	f.StringVar(&o.Title, "title", "", "the report's title (default: from the subject and checklist)")
	f.BoolVar(&o.Summary, "summary", false, "leave out item details and the scoring appendix (a short board paper)")
	f.BoolVar(&o.Annual, "annual", false, "the annual complaints performance and service improvement report of one Result (md, html or xlsx)")
	f.StringVar(&o.Response, "response", "", "with --annual: a file with the governing body's response")
	f.StringVarP(&o.Checklist, "checklist", "c", "", "checklist whose grade bands (and, merging shards, rules) to use (default: the built-in the Results name)")
	completeChecklists(cmd, "checklist")
	f.BoolVar(&o.SelfAssessment, "self-assessment", false, "write the self-assessment form of one Result (md, html, xlsx, docx, csv or json)")
	f.StringVar(&o.Requirements, "requirements", "", "with --self-assessment: YAML of the organisation's own wording of each requirement, by provision")
	f.StringVar(&o.Organisation, "organisation", "", "with --self-assessment: the organisation (default: the Result's subject)")
	f.StringVar(&o.Period, "period", "", `the period the paper (or --self-assessment form) covers, such as "Q4 2026-27"`)
	f.StringVar(&o.CompletedBy, "completed-by", "", "with --self-assessment: who completed it (default: the Result's auditor)")
	return cmd
}

// reportError words the report package's typed errors in the command's
// flags.
func reportError(err error) error {
	var mixed *report.MixedChecklistsError
	var opt *report.OptionError
	switch {
	case errors.As(err, &mixed):
		return fmt.Errorf("results use different checklists (%s): items cannot be lined up; compare them --by section or report them separately", strings.Join(mixed.Checklists, ", "))
	case errors.As(err, &opt):
		return &UsageError{Msg: fmt.Sprintf("unknown --%s %q", strings.ToLower(opt.Option), opt.Value), Hint: "use " + strings.Join(opt.Want, " or ")}
	}
	return err
}

// reportBands returns the grade bands of the checklist named with -c, or of
// the built-in checklist every Result was scored against, so that charts and
// merged grades use the checklist's own bands; nil (the default bands) when
// the Results name no built-in or different checklists.
func reportBands(ref string, checklists []string) ([]checklist.Band, error) {
	if ref != "" {
		cl, err := checklist.Resolve(ref)
		if err != nil {
			return nil, err
		}
		return cl.Grades, nil
	}
	id := ""
	for _, c := range checklists {
		if id != "" && c != id {
			return nil, nil
		}
		id = c
	}
	for _, b := range checklist.BuiltinIDs() {
		if b == id {
			cl, err := checklist.Resolve(id)
			if err != nil {
				return nil, nil
			}
			return cl.Grades, nil
		}
	}
	return nil, nil
}

var formatByExt = map[string]string{".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".xlsx": "xlsx", ".docx": "docx", ".json": "json", ".txt": "text"}

func runReport(ios *IOStreams, o *ReportOptions) error {
	format := o.Format
	if format == "" {
		format = formatByExt[strings.ToLower(filepath.Ext(o.Output))]
		if format == "" {
			format = "text"
		}
	}
	format = reportFormats.canon(format)
	if o.Annual {
		return runAnnual(ios, o, format)
	}
	if o.Response != "" {
		return &UsageError{Msg: "--response goes with --annual"}
	}
	if o.SelfAssessment {
		return runSelfAssessment(ios, o, format)
	}
	for _, flag := range []struct{ name, value string }{{"--requirements", o.Requirements}, {"--organisation", o.Organisation}, {"--completed-by", o.CompletedBy}} {
		if flag.value != "" {
			return &UsageError{Msg: flag.name + " needs --self-assessment"}
		}
	}
	if err := reportFormats.check(format); err != nil {
		return err
	}
	if format == "result" && !o.Merge {
		return &UsageError{Msg: "--format result writes a merged Result and needs --merge"}
	}
	if o.By != "section" && o.By != "item" {
		return &UsageError{Msg: fmt.Sprintf("unknown --by %q", o.By), Hint: "use section or item"}
	}
	if o.Sort != "" && o.Sort != "score" && o.Sort != "name" {
		return &UsageError{Msg: fmt.Sprintf("unknown --sort %q", o.Sort), Hint: "use score or name"}
	}
	if (format == "xlsx" || format == "docx") && o.Output == "" && ios.OutTTY {
		return &UsageError{Msg: format + " is a binary format: write it to a file", Hint: "add -o report." + format}
	}
	if o.Output != "" {
		if err := checkOutput(ios, o); err != nil {
			return err
		}
	}
	// Without --merge, each Result is made ready for the report (its text
	// cleaned, its items made compact) by the worker that decodes it, and
	// the report takes it as it is: the decoded Results are never all
	// held, nor copied.
	var results []*result.Result
	var prepared, base []*report.Prepared
	var ids []string
	var err error
	defer reportMemory()()
	if o.Merge {
		if results, err = readResults(o.Inputs); err != nil {
			return err
		}
		for _, r := range results {
			ids = append(ids, r.Checklist.ID)
		}
	} else {
		if prepared, err = readEach(o.Inputs, report.Prepare, true); err != nil {
			return err
		}
		for _, p := range prepared {
			ids = append(ids, p.Checklist.ID)
		}
	}
	if base, err = readEach(o.Baseline, report.Prepare, true); err != nil {
		return err
	}
	bands, err := reportBands(o.Checklist, ids)
	if err != nil {
		return err
	}
	if o.Merge {
		if results, err = mergeResults(results, bands, o.Checklist); err != nil {
			return err
		}
		if format != "result" {
			prepared = make([]*report.Prepared, len(results))
			for i, r := range results {
				// the merged Results are the command's own: no copy
				prepared[i] = report.Prepare(r)
			}
		}
	}
	// A report to a file is written as it is made, into the temporary
	// file that replaces the output at the end (an error leaves the old
	// file); to the terminal it is written whole, or not at all.
	var buf bytes.Buffer
	var w io.Writer = &buf
	var file *atomicfile.File
	var bw *bufio.Writer
	if o.Output != "" {
		if file, err = atomicfile.Create(o.Output, 0o644); err != nil {
			return err
		}
		defer file.Abort()
		bw = bufio.NewWriterSize(file, 256<<10)
		w = bw
	}
	if format == "result" {
		if err := writeMerged(w, results); err != nil {
			return err
		}
	} else {
		opts := report.Options{Format: format, By: o.By, Sort: o.Sort, BOM: o.BOM, Today: o.Now(), Bands: bands,
			Title: o.Title, Period: o.Period, Summary: o.Summary, Produced: o.Now()}
		if o.Output == "" {
			opts.Color, opts.Width = ios.Color, ios.Width
		}
		if o.Actions != "" {
			if opts.Actions, err = loadActions(o.Actions); err != nil {
				return err
			}
		}
		if err := report.RenderPrepared(w, prepared, base, opts); err != nil {
			return err
		}
	}
	if o.Output == "" {
		_, err := safe.Unwrap(ios.Out).Write(buf.Bytes()) // table and md guard themselves
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return file.Commit()
}

// runSelfAssessment writes the self-assessment form of one Result.
func runSelfAssessment(ios *IOStreams, o *ReportOptions, format string) error {
	if format == "text" && o.Format == "" {
		format = "md"
	}
	if !contains(report.SelfAssessmentFormats, format) {
		return &UsageError{Msg: fmt.Sprintf("a self-assessment is written as %s, not %q", strings.Join(report.SelfAssessmentFormats, ", "), format)}
	}
	if o.Merge || len(o.Baseline) > 0 {
		return &UsageError{Msg: "--self-assessment takes one Result: no --merge or --baseline"}
	}
	if (format == "xlsx" || format == "docx") && o.Output == "" && ios.OutTTY {
		return &UsageError{Msg: format + " is a binary format: write it to a file", Hint: "add -o self-assessment." + format}
	}
	if o.Output != "" {
		if err := checkOutput(ios, o); err != nil {
			return err
		}
	}
	results, err := readResults(o.Inputs)
	if err != nil {
		return err
	}
	if len(results) != 1 {
		return &UsageError{Msg: fmt.Sprintf("--self-assessment takes one Result, and %s holds %d", strings.Join(o.Inputs, ", "), len(results)),
			Hint: "run the audit with svcaudit run -c CHECKLIST --answers FILE --docs POLICY -o RESULT.json"}
	}
	opts := report.SelfAssessmentOptions{Format: format, Organisation: o.Organisation, Period: o.Period, CompletedBy: o.CompletedBy, Today: o.Now(), BOM: o.BOM}
	if o.Requirements != "" {
		if opts.Requirements, err = report.LoadRequirements(o.Requirements); err != nil {
			return err
		}
	}
	if o.Actions != "" {
		if opts.Actions, err = loadActions(o.Actions); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := report.SelfAssessment(&buf, results[0], opts); err != nil {
		return err
	}
	if o.Output == "" {
		_, err := ios.Out.Write(buf.Bytes())
		return err
	}
	return atomicfile.Write(o.Output, buf.Bytes(), 0o644)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkOutput refuses to write over one of the command's inputs, and over
// an existing file without --force (on a terminal it asks).
func checkOutput(ios *IOStreams, o *ReportOptions) error {
	out, err := os.Stat(o.Output)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output %s: %w", o.Output, err)
	}
	inputs := append(append([]string{o.Actions, o.Requirements}, o.Inputs...), o.Baseline...)
	for _, in := range inputs {
		if in == "" {
			continue
		}
		if st, err := os.Stat(in); err == nil && os.SameFile(st, out) {
			return &UsageError{Msg: fmt.Sprintf("output %s is also an input: refusing to overwrite it", o.Output)}
		}
	}
	return confirmOverwrite(ios, o.Output, o.Force)
}

// readResults reads Results from files written by run (one Result) or by
// check --format json (several), validating each against the result schema
// when this build publishes one. Files are read, decoded and validated in
// parallel, one worker a CPU; the Results keep the order of paths, and of
// each file, and the first error in that order is the one returned.
func readResults(paths []string) ([]*result.Result, error) {
	return readEach(paths, func(r *result.Result) *result.Result { return r }, false)
}

// readEach is readResults, each Result given to prepare by the worker
// that decoded it, and what prepare makes of it kept in its place; brief
// when prepare keeps a summary only (result.DecodeBrief).
func readEach[T any](paths []string, prepare func(*result.Result) T, brief bool) ([]T, error) {
	_, schemaErr := schema.Get("result")
	validate := schemaErr == nil
	type read struct {
		rs  []T
		err error
	}
	done := make([]read, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				rs, err := readResultFile(paths[i], validate, brief)
				var out []T
				if err == nil {
					out = make([]T, len(rs))
					for j, r := range rs {
						out[j] = prepare(r)
					}
				}
				done[i] = read{out, err}
			}
		}()
	}
	wg.Wait()
	var out []T
	for _, d := range done {
		if d.err != nil {
			return nil, d.err
		}
		out = append(out, d.rs...)
	}
	return out, nil
}

// readResultFile reads the Results of one file. The JSON is parsed once
// for the schema (when validate) and decoded once into each Result.
func readResultFile(path string, validate, brief bool) ([]*result.Result, error) {
	decode := result.Decode
	if brief {
		decode = result.DecodeBrief
	}
	data, err := input.Read(path)
	if err != nil {
		return nil, fmt.Errorf("read result: %w", err)
	}
	if validate {
		// Most files pass the quick check; the full validator, which
		// gives the messages, reads the rest.
		switch name, _ := schema.Quick(data, "result", "check"); name {
		case "result":
			r, err := decode(path, data)
			if err != nil {
				return nil, err
			}
			return []*result.Result{r}, nil
		case "check":
			validate = false // each of its results is a valid Result
		}
	}
	var tree any
	var treeErr error
	if validate {
		tree, treeErr = schema.Parse(data)
	}
	// One Result, unless the file is a check document with its results
	// (the parsed tree says so without a second pass over the text).
	parts := []result.Part{{Name: path, JSON: data}}
	trees := []any{tree}
	if m, ok := tree.(map[string]any); ok {
		if list, ok := m["results"].([]any); ok {
			parts, trees = result.Split(path, data), list
		}
	} else if !validate {
		parts = result.Split(path, data)
	}
	out := make([]*result.Result, 0, len(parts))
	for i, part := range parts {
		r, err := decode(part.Name, part.JSON)
		if err != nil {
			return nil, err
		}
		if validate {
			err := treeErr
			if err == nil && i < len(trees) {
				err = schema.ValidateParsed("result", trees[i])
			}
			if err != nil {
				return nil, fmt.Errorf("%s: not a valid result: %s", part.Name, schemaProblems(err))
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// mergeResults merges the Results of each subject and checklist into one,
// keeping the order in which subjects first appear. The checklist of -c
// (ref), or the built-in one the Results name, judges again the evidence
// of Results of different documents.
func mergeResults(rs []*result.Result, bands []checklist.Band, ref string) ([]*result.Result, error) {
	type key struct{ subject, checklist string }
	groups := map[key][]*result.Result{}
	var order []key
	for _, r := range rs {
		k := key{r.Subject, r.Checklist.ID}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	var out []*result.Result
	for _, k := range order {
		g := groups[k]
		if len(g) == 1 {
			out = append(out, g[0])
			continue
		}
		cl, err := mergeChecklist(ref, k.checklist)
		if err != nil {
			return nil, err
		}
		m, err := report.MergeWith(g, report.MergeOptions{Bands: bands, Checklist: cl})
		var need *report.NeedChecklistError
		if errors.As(err, &need) {
			return nil, &UsageError{
				Msg:  fmt.Sprintf("the results for %q judged different documents: merging their evidence needs checklist %q, which is not built in", k.subject, need.Checklist),
				Hint: "give its file with -c",
			}
		}
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// mergeChecklist is the checklist of -c (ref) when it is the one with
// id, else the built-in id, else nil.
func mergeChecklist(ref, id string) (*checklist.Checklist, error) {
	if ref != "" {
		cl, err := checklist.Resolve(ref)
		if err != nil {
			return nil, err
		}
		if cl.ID == id {
			return cl, nil
		}
	}
	for _, b := range checklist.BuiltinIDs() {
		if b == id {
			return checklist.Resolve(id)
		}
	}
	return nil, nil
}

// writeMerged writes one merged Result, or a check document holding several.
func writeMerged(w io.Writer, rs []*result.Result) error {
	if len(rs) == 1 {
		b, err := result.Marshal(rs[0])
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	b, err := result.MarshalCheck(result.NewCheck(rs, nil))
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// loadActions reads the corrective-action register (action.Load) and hands
// the report its actions.
func loadActions(path string) ([]report.Action, error) {
	reg, err := action.Load(path)
	if err != nil {
		return nil, err
	}
	out := make([]report.Action, 0, len(reg.Actions))
	for _, a := range reg.Actions {
		out = append(out, report.Action{ID: a.ID, Item: a.Item, Subject: a.Subject, Description: a.Description,
			Owner: a.Owner, Due: a.Due, Status: string(a.Status), Raised: a.Raised})
	}
	return out, nil
}

// schemaProblems shortens a schema validation error to its findings, one
// "at /path: problem" each, on one line.
func schemaProblems(err error) string {
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "- at ") {
			continue
		}
		l = strings.TrimPrefix(l, "- ")
		if strings.HasSuffix(l, "validation failed") {
			continue
		}
		l = strings.Replace(strings.Replace(l, "'", "", 2), "at : ", "at top level: ", 1)
		// the validator lists missing properties, and its causes, in no
		// fixed order: sort both, so a message is the same at every run
		if head, names, ok := strings.Cut(l, "missing properties "); ok {
			list := strings.Split(names, ", ")
			sort.Strings(list)
			l = head + "missing properties " + strings.Join(list, ", ")
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return err.Error()
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}
