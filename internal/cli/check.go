package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/internal/atomicfile"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/gitchange"
	"github.com/svcaudit/svcaudit/internal/input"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/report/stream"
	"github.com/svcaudit/svcaudit/result"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdCheck(ios, g, nil) })
}

// checkFormats are the values of --format.
var checkFormats = enum{what: "format", values: stream.Formats, aliases: formatAliases}

// CheckOptions are the settings of `svcaudit check`: the check itself,
// and how its report is written.
type CheckOptions struct {
	svcaudit.CheckOptions
	Format     string
	Output     string
	Force      bool
	ConfigFile string
	// configUsed is the configuration file read (--config or the
	// .svcaudit.yaml found), an input -o must never overwrite.
	configUsed string
	// verbose, when set, is told which configuration was read.
	verbose io.Writer
	// AsOf, as written (YYYY-MM-DD), replaces today for waivers.
	AsOf string
	// BaselineFindings is a baseline of accepted findings: the run fails
	// only on new ones. WriteBaseline is where to write this run's.
	BaselineFindings, WriteBaseline string
	// StdinName is the path and format of the document "-" reads from
	// standard input.
	StdinName string
	// changed, with --changed, is what git says changed.
	changed *gitchange.Changes
	// getenv reads the environment (SVCAUDIT_CONFIG).
	getenv func(string) string
}

// defaultStdinName is the name of standard input's document without
// --stdin-name: plain text.
const defaultStdinName = "stdin.txt"

// NewCmdCheck builds `svcaudit check`. Its flags and .svcaudit.yaml become
// CheckOptions; runF, when set, is called with them in place of the check
// (tests use it to see what the flags say).
func NewCmdCheck(ios *IOStreams, g *GlobalOptions, runF func(*CheckOptions) error) *cobra.Command {
	o := &CheckOptions{}
	o.Now = time.Now
	o.WarnExpiry = svcaudit.DefaultWarnExpiry
	var failUnder float64
	var maxFile, maxUnzipped, pdfMemory string
	var changed changedFlag
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check documents against the automated items of checklists, for CI",
		Long: `Check documents — Markdown, text, HTML, DOCX, ODT and PDF — against the
automated (evidence) items of checklists, and report each document's score
and every problem at file:line:col. Folders are searched recursively; globs
such as "docs/**/*.md" are expanded.

Without -c, every built-in checklist's automated items are used. Defaults come
from .svcaudit.yaml in the working folder or a parent (up to the repository
root); flags override them. A document that cannot be read is reported and
the run goes on. In Markdown and HTML, <!-- svcaudit-disable ITEM -- REASON -->
… <!-- svcaudit-enable ITEM --> silences an item's problems on those lines
(see docs/ci.md).

Exit status: 0 every document passed; 1 a document failed (below
--fail-under, a critical item, or a gate), or a waiver had expired (with
--fail-on-expired); 2 bad usage, or nothing could be checked; 130
interrupted (Ctrl-C), 143 stopped by SIGTERM.`,
		Example: `  svcaudit check docs/
  svcaudit check -c keeps-promises --fail-under 70 "policies/**/*.md"
  svcaudit check --format sarif -o svcaudit.sarif
  svcaudit check --together -c keeps-promises charter.pdf complaints.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if g.Verbose {
				o.verbose = ios.ErrOut
			}
			o.getenv = ios.Getenv
			if err := o.applyConfig(f.Changed); err != nil {
				return err
			}
			if len(args) > 0 {
				o.Paths = args
			}
			if f.Changed("fail-under") {
				if failUnder < 0 || failUnder > 100 {
					return usageErrorf("--fail-under must be from 0 to 100, not %g", failUnder)
				}
				o.FailUnder = &failUnder
				o.FailUnderAll = true
			}
			if f.Changed("max-file-size") {
				n, err := config.ParseSize(maxFile)
				if err != nil || n <= 0 {
					return usageErrorf("--max-file-size: %v", errOr(err, "must be positive"))
				}
				o.Limits.MaxFileSize = n
			}
			if f.Changed("max-unzipped") {
				n, err := config.ParseSize(maxUnzipped)
				if err != nil || n <= 0 {
					return usageErrorf("--max-unzipped: %v", errOr(err, "must be positive"))
				}
				o.Limits.MaxUnzipped = n
			}
			if f.Changed("pdf-memory") {
				n, err := config.ParseSize(pdfMemory)
				if err != nil || n < 16<<20 {
					return usageErrorf("--pdf-memory: %v", errOr(err, "must be at least 16MiB"))
				}
				o.Limits.PDFMemory = n
			}
			if o.AsOf != "" {
				d, err := time.Parse("2006-01-02", o.AsOf)
				if err != nil {
					return &UsageError{Msg: fmt.Sprintf("--as-of %q is not a date", o.AsOf), Hint: "write it as YYYY-MM-DD"}
				}
				o.Now = func() time.Time { return d }
			}
			if f.Changed("pdf-timeout") && o.Limits.PDFTimeout <= 0 {
				return usageErrorf("--pdf-timeout must be positive")
			}
			if err := o.readStdin(ios, f.Changed("stdin-name")); err != nil {
				return err
			}
			if err := o.selectChanged(cmd.Context(), &changed); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			// SIGINT and SIGTERM end cmd.Context() (Main); check stops
			// handing out documents, reports those it checked and lists the
			// others. A second signal ends the process at once.
			ctx := cmd.Context()
			stopsGracefully(ctx)
			return runCheck(ctx, ios, g, o)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&o.Checklists, "checklist", "c", nil, "checklist id or file (repeatable; default: every built-in checklist)")
	completeChecklists(cmd, "checklist")
	f.BoolVar(&o.Together, "together", false, "judge all documents as one body of evidence")
	f.StringVar(&o.Subject, "subject", "", "the subject's name with --together (default \"together\")")
	f.Float64Var(&failUnder, "fail-under", 0, "fail a document scoring below this percentage")
	enumFlag(cmd, &o.Format, checkFormats, "f", "text", "output format", "")
	outputFlag(f, &o.Output, "", "write the report to this file (atomically)")
	f.BoolVar(&o.Force, "force", false, "overwrite an existing --output file")
	f.StringArrayVar(&o.Include, "include", nil, "check only files matching this glob (repeatable)")
	f.StringArrayVar(&o.Exclude, "exclude", nil, "skip files and folders matching this glob (repeatable)")
	f.StringVar(&maxFile, "max-file-size", "32MiB", "largest document read")
	f.StringVar(&maxUnzipped, "max-unzipped", "64MiB", "most bytes unzipped from a DOCX or ODT")
	f.DurationVar(&o.Limits.PDFTimeout, "pdf-timeout", 10*time.Second, "time allowed to read one PDF")
	f.StringVar(&pdfMemory, "pdf-memory", "256MiB", "memory allowed to read one PDF")
	f.StringVar(&o.ConfigFile, "config", "", "configuration file (default: $SVCAUDIT_CONFIG, else .svcaudit.yaml or .svcaudit.yml found upwards)")
	f.StringVar(&o.Waivers, "waivers", "", "waivers file")
	f.StringVar(&o.AsOf, "as-of", "", "judge waiver expiry as of this date (YYYY-MM-DD), not today")
	f.IntVar(&o.WarnExpiry, "warn-expiry", svcaudit.DefaultWarnExpiry, "flag waivers expiring within this many days")
	f.BoolVar(&o.FailOnExpired, "fail-on-expired", false, "exit 1 when a waiver that covers an item has expired (for CI)")
	f.StringVar(&o.BaselineFindings, "baseline-findings", "", "fail only on findings not in this baseline file (see --write-baseline-findings)")
	f.StringVar(&o.WriteBaseline, "write-baseline-findings", "", "write this run's findings to FILE, a baseline for --baseline-findings")
	f.StringVar(&o.StdinName, "stdin-name", defaultStdinName, "with the path -, the path (and so the format and checks: entry) of the document on standard input")
	addChangedFlag(f, &changed)
	f.IntVarP(&o.Jobs, "jobs", "j", 0, "documents read at once (default: the number of CPUs)")
	return cmd
}

// readStdin reads the document "-" names from standard input, up to
// --max-file-size, as the document at --stdin-name.
func (o *CheckOptions) readStdin(ios *IOStreams, nameGiven bool) error {
	n := 0
	for _, p := range o.Paths {
		if p == svcaudit.StdinPath {
			n++
		}
	}
	switch {
	case n == 0 && nameGiven:
		return &UsageError{Msg: "--stdin-name names the document read from standard input", Hint: "give the path - to read it: svcaudit check - --stdin-name " + o.StdinName}
	case n == 0:
		return nil
	case n > 1:
		return usageErrorf("standard input (-) can be read only once")
	}
	if !document.Supported(o.StdinName) {
		return &UsageError{Msg: fmt.Sprintf("--stdin-name %q: not a document svcaudit reads", o.StdinName), Hint: readsHint()}
	}
	limit := document.DefaultLimits().MaxFileSize
	if o.Limits.MaxFileSize > 0 {
		limit = o.Limits.MaxFileSize
	}
	data, err := io.ReadAll(io.LimitReader(ios.In, limit+1))
	if err != nil {
		return fmt.Errorf("read standard input: %w", err)
	}
	if int64(len(data)) > limit {
		return usageErrorf("standard input is larger than %s (--max-file-size)", document.HumanSize(limit))
	}
	o.Stdin = &svcaudit.InputDocument{Name: filepath.Clean(o.StdinName), Data: data}
	return nil
}

func errOr(err error, msg string) string {
	if err != nil {
		return err.Error()
	}
	return msg
}

// findConfig finds the configuration: the file SVCAUDIT_CONFIG names,
// else .svcaudit.yaml (or .svcaudit.yml) from the working folder up
// (config.Lookup). When verbose is set it says which file it took and
// why, or where and why it stopped looking.
func findConfig(verbose io.Writer, getenv func(string) string) (string, error) {
	if getenv != nil {
		if env := getenv(configEnv); env != "" {
			if _, err := os.Stat(env); err != nil {
				why := "cannot read it"
				if errors.Is(err, fs.ErrNotExist) {
					why = "no such file"
				}
				return "", &UsageError{Msg: fmt.Sprintf("%s=%s: %s", configEnv, safe.Line(env), why),
					Hint: "name an existing configuration file, or unset " + configEnv}
			}
			if verbose != nil {
				fmt.Fprintf(verbose, "svcaudit: configuration: %s (%s)\n", safe.Line(env), configEnv)
			}
			return env, nil
		}
	}
	path, stop, err := config.Lookup(".")
	if err != nil {
		var both *config.BothNamesError
		if errors.As(err, &both) {
			return "", &UsageError{Msg: safe.Line(err.Error()), Hint: "or name the one to read with --config FILE"}
		}
		return "", err
	}
	if verbose == nil {
		return path, nil
	}
	if path != "" {
		fmt.Fprintf(verbose, "svcaudit: configuration: %s\n", safe.Line(path))
	} else {
		fmt.Fprintf(verbose, "svcaudit: configuration: none found (%s)\n", safe.Line(stop))
	}
	return path, nil
}

// configEnv names the configuration file when --config does not.
const configEnv = "SVCAUDIT_CONFIG"

// applyConfig reads the configuration (--config, SVCAUDIT_CONFIG or the
// .svcaudit.yaml found) and takes from it every setting whose flag was
// not given.
func (o *CheckOptions) applyConfig(changed func(string) bool) error {
	path := o.ConfigFile
	if path == "" {
		found, err := findConfig(o.verbose, o.getenv)
		if err != nil {
			return err
		}
		path = found
	} else if o.verbose != nil {
		fmt.Fprintf(o.verbose, "svcaudit: configuration: %s (--config)\n", safe.Line(path))
	}
	if path == "" {
		return nil
	}
	o.configUsed = path
	format, err := o.ApplyConfig(path, settingGiven(changed))
	if err != nil {
		return err
	}
	if format != "" {
		o.Format = format
	}
	return nil
}

// settingGiven says whether the flag of a setting of .svcaudit.yaml was
// given: every setting has the flag of its name, but for checklists.
func settingGiven(changed func(string) bool) func(string) bool {
	return func(setting string) bool {
		if setting == "checklists" {
			setting = "checklist"
		}
		return changed(setting)
	}
}

// progressMin is the number of documents above which a terminal gets a
// progress bar.
const progressMin = 50

func runCheck(ctx context.Context, ios *IOStreams, g *GlobalOptions, o *CheckOptions) error {
	if err := checkFormats.check(o.Format); err != nil {
		return err
	}
	o.KeepPasses = o.Format == "json"
	prep, err := svcaudit.PrepareCheck(o.CheckOptions)
	if err != nil {
		return o.changedHint(err)
	}
	files := prep.Documents()
	if !g.Quiet {
		o.sayUnchanged(ios.ErrOut, len(files), prep.Unselected())
	}
	for _, e := range prep.UnknownWaivers() {
		printWarning(ios.ErrOut, e)
	}
	if o.Output != "" {
		if err := checkOutputPath(ios, o, "--output", o.Output, checkInputs(o, prep), files); err != nil {
			return err
		}
	}
	var base *stream.Baseline
	if o.BaselineFindings != "" {
		data, err := input.Read(o.BaselineFindings)
		if err != nil {
			return &UsageError{Msg: fmt.Sprintf("--baseline-findings: %v", err)}
		}
		if base, err = stream.ParseBaseline(o.BaselineFindings, data); err != nil {
			return &UsageError{Msg: err.Error(), Hint: "write one with 'svcaudit check --write-baseline-findings FILE'"}
		}
	}
	var record *stream.BaselineWriter
	if o.WriteBaseline != "" {
		if err := checkOutputPath(ios, o, "--write-baseline-findings", o.WriteBaseline, checkInputs(o, prep), files); err != nil {
			return err
		}
		record = stream.NewBaselineWriter()
	}
	// Each Result's problems are marked against the baseline, and
	// recorded for the new one, before any format writes them.
	see := func(rs []*result.Result) {
		for _, r := range rs {
			if base != nil {
				base.Mark(r)
			}
			if record != nil {
				record.Add(r)
			}
		}
	}

	// Every format is written as documents are judged, in order, so that no
	// Result is kept (with --together, the few Results are rendered at the
	// end).
	// -o is written to a temporary file beside it and renamed over it only
	// when complete (see atomicfile), so that a report streams to disk
	// without being held in memory and a failed run leaves no half a file.
	var file *atomicfile.File
	var out *bufio.Writer
	if o.Output == "" {
		out = bufio.NewWriter(safe.Unwrap(ios.Out)) // the text format guards itself
	} else {
		if file, err = atomicfile.Create(o.Output, 0o644); err != nil {
			return usageErrorf("cannot write %s: %v", o.Output, err)
		}
		defer file.Abort()
		out = bufio.NewWriter(file)
	}
	wd, _ := os.Getwd()
	checklists := prep.Checklists()
	width := 0
	if o.Output == "" {
		width = ios.Width // a terminal's (0 in a pipe)
	}
	lopt := stream.Options{Color: ios.Color && o.Output == "", Width: width, WorkDir: wd, Version: svcaudit.Version, Quiet: g.Quiet, Checklists: checklists,
		FailUnderSetting: "--fail-under", FailOnExpiredSetting: "--fail-on-expired"}
	var w *stream.Writer
	if !o.Together {
		w = stream.NewWriter(out, o.Format, lopt)
		prep.OnResults = func(rs []*result.Result) { see(rs); w.Add(rs) }
	}

	var bar *progressbar.ProgressBar
	// A bar would tangle with results streamed to the same terminal.
	if ios.ErrTTY && !g.Quiet && len(files) > progressMin && (w == nil || o.Output != "" || !ios.OutTTY) {
		bar = progressbar.NewOptions(len(files),
			progressbar.OptionSetWriter(ios.ErrOut),
			progressbar.OptionSetDescription("checking"),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish())
	}
	onDone := prep.OnProgress
	prep.OnProgress = func(done, total int) {
		if bar != nil {
			_ = bar.Set(done)
		}
		if onDone != nil {
			onDone(done, total)
		}
	}
	if !o.Together {
		defer boundMemory()()
	}
	run, err := prep.Run(ctx)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil && !errors.Is(err, svcaudit.ErrNothingChecked) {
		return checkError(err)
	}
	nothing := err != nil
	adviseLimits(run.Errors)

	if w == nil {
		see(run.Results)
	}
	rep := &stream.Report{Results: run.Results, Errors: run.Errors, NotChecked: run.NotChecked, Interrupted: run.Interrupted,
		Checklists: checklists, Threshold: o.FailUnder, MixedThresholds: run.MixedThresholds, Together: o.Together,
		Baseline: base, AcceptAll: record != nil && base == nil}
	if run.ExpiredFails() {
		for _, e := range run.Expired {
			rep.Expired = append(rep.Expired, e.String())
		}
	}
	if w != nil {
		rep.Tally = w.Tally()
		err = w.Close(rep)
	} else {
		err = stream.Render(out, o.Format, rep, lopt)
	}
	if err != nil {
		return err
	}
	err = out.Flush()
	if file == nil && err != nil {
		return err
	}
	if file != nil {
		if err == nil {
			err = file.Commit()
		}
		if err != nil {
			// Say what was checked, since the report is lost.
			return fmt.Errorf("write %s: %w (the check itself ran: %s)", o.Output, err, stream.Summary(rep))
		}
		if !g.Quiet {
			fmt.Fprintf(ios.ErrOut, "%s\nwrote %s\n", stream.Summary(rep), o.Output)
		}
	}

	if record != nil && !run.Interrupted {
		var buf bytes.Buffer
		if _, err := record.WriteTo(&buf); err != nil {
			return err
		}
		if err := atomicfile.Write(o.WriteBaseline, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("%w (the check itself ran: %s)", err, stream.Summary(rep))
		}
		if !g.Quiet {
			fmt.Fprintf(ios.ErrOut, "wrote %s: the findings of this run, a baseline for --baseline-findings\n", safe.Line(o.WriteBaseline))
		}
	}

	switch {
	case run.Interrupted:
		return &FailedError{Reason: fmt.Sprintf("interrupted: %d of %d documents not checked", len(run.NotChecked), run.Documents)}
	case nothing:
		return checkError(svcaudit.ErrNothingChecked)
	case run.Failed == 0 && run.ExpiredFails():
		return &FailedError{Reason: expiredReason(run.Expired)}
	case !rep.Passed():
		return &FailedError{}
	}
	return nil
}

// expiredReason is the one-line reason a run failed on its expired
// waivers, as `actions --fail-overdue` gives for overdue actions.
func expiredReason(es []svcaudit.ExpiredWaiver) string {
	if len(es) == 1 {
		return "1 waiver has expired: " + es[0].String()
	}
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	return fmt.Sprintf("%d waivers have expired: %s", len(es), strings.Join(parts, "; "))
}

// checkError gives the errors of the check pipeline the command line's
// advice.
func checkError(err error) error {
	var noAuto *svcaudit.NoAutomatedItemsError
	var missing *svcaudit.MissingPathsError
	var noDocs *svcaudit.NoDocumentsError
	var glob *svcaudit.GlobError
	switch {
	case errors.As(err, &noAuto):
		return &UsageError{Msg: noAuto.Error(), Hint: "run a full audit with 'svcaudit run -c " + noAuto.Ref + "'"}
	case errors.Is(err, svcaudit.ErrNoChecklists), errors.Is(err, svcaudit.ErrNothingChecked):
		return &UsageError{Msg: err.Error()}
	case errors.As(err, &missing):
		return &UsageError{Msg: missing.Error()}
	case errors.As(err, &noDocs):
		return &UsageError{Msg: noDocs.Error(), Hint: readsHint()}
	case errors.As(err, &glob):
		return &UsageError{Msg: glob.Error()}
	}
	return err
}

// readsHint names the documents svcaudit reads.
func readsHint() string {
	return "svcaudit reads .md, .txt, .html, .docx, .odt and .pdf files"
}

// checkOutput refuses to write the report over a document being checked,
// and over an existing file unless --force (or a yes on a terminal).
func checkOutputPath(ios *IOStreams, o *CheckOptions, flag, output string, inputs, files []string) error {
	abs, err := filepath.Abs(output)
	if err != nil {
		return err
	}
	// By identity, not by path: a document reached through a symbolic
	// link is the same document; the checklists, .svcaudit.yaml and the
	// waivers file are inputs too. --force does not override it.
	same := func(f string) bool {
		fa, err := filepath.Abs(f)
		return err == nil && fa == abs || atomicfile.SameFile(f, output)
	}
	for _, f := range files {
		if same(f) {
			return usageErrorf("%s %s is one of the documents being checked", flag, output)
		}
	}
	update := flag == "--write-baseline-findings" && o.BaselineFindings != "" && same(o.BaselineFindings)
	for _, f := range inputs {
		if same(f) && !(update && f == o.BaselineFindings) {
			return usageErrorf("%s %s is also an input of the check (%s): refusing to overwrite it", flag, output, f)
		}
	}
	if update {
		return nil // the baseline brought up to date
	}
	return confirmOverwrite(ios, output, o.Force)
}

// checkInputs are the files a check reads besides its documents: its
// checklists' files, the configuration and the waivers file.
func checkInputs(o *CheckOptions, prep *svcaudit.PreparedCheck) []string {
	var in []string
	for _, cl := range prep.Checklists() {
		if cl.File != "" && !strings.HasPrefix(cl.File, "builtin:") {
			in = append(in, cl.File)
		}
	}
	if o.configUsed != "" {
		in = append(in, o.configUsed)
	}
	if o.Waivers != "" {
		in = append(in, o.Waivers)
	}
	if o.BaselineFindings != "" {
		in = append(in, o.BaselineFindings)
	}
	return in
}

// Collector settings while documents are judged one at a time. Each
// worker holds one document's text and findings, and every format streams
// its Results out as they come, so the live heap is small: the heap may
// grow to three times it (GOGC=200) for fewer collections, under a soft
// limit that keeps the process small on any corpus (peak resident memory
// includes the binary's pages, ~15 MiB, beside the heap).
const (
	streamGCPercent = 200
	streamMemLimit  = 40 << 20
)

// boundMemory sets the collector for judging documents one at a time
// (see streamGCPercent) and returns a function that restores the previous
// settings. A user who sets GOGC or GOMEMLIMIT keeps their settings: then
// it changes nothing.
func boundMemory() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(streamGCPercent)
	prevLimit := debug.SetMemoryLimit(streamMemLimit)
	return func() {
		debug.SetMemoryLimit(prevLimit)
		debug.SetGCPercent(prev)
	}
}
