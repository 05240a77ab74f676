package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/lint"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/internal/waiver"
	"github.com/svcaudit/svcaudit/internal/walk"
	"github.com/svcaudit/svcaudit/result"
)

func init() { register(newCheckCmd) }

// progressMin is the number of documents above which a terminal gets a
// progress bar.
const progressMin = 50

// CheckOptions are the settings of `svcaudit check`.
type CheckOptions struct {
	Paths      []string
	Checklists []string
	Together   bool
	Subject    string
	FailUnder  *float64
	Format     string
	Output     string
	Force      bool
	Include    []string
	Exclude    []string
	Limits     document.Limits
	ConfigFile string
	Waivers    string
	// inlineWaivers is the configuration whose waivers: key holds a list.
	inlineWaivers *config.Config
	// checks is the configuration whose checks: entries pick each
	// document's checklists (nil: none, or -c was given).
	checks *config.Config
	// failUnderFlag says --fail-under was given: it then applies to every
	// document, over the fail-under of checks: entries.
	failUnderFlag bool
	WarnExpiry    int
	// Jobs is how many documents are read at once (0: GOMAXPROCS).
	Jobs int

	// Now gives today's date, for waivers.
	Now func() time.Time
	// AsOf, as written (YYYY-MM-DD), replaces today for waivers.
	AsOf string
	// onDone, when set, is called after each document (tests use it to
	// interrupt a run half-way).
	onDone func(done, total int)
}

func newCheckCmd(ios *IOStreams, g *GlobalOptions) *cobra.Command {
	o := &CheckOptions{Now: time.Now, WarnExpiry: waiver.DefaultWarnDays}
	var failUnder float64
	var maxFile, maxUnzipped string
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
the run goes on.

Exit status: 0 every document passed; 1 a document failed (below
--fail-under, a critical item, or a gate); 2 bad usage, or nothing could be
checked.`,
		Example: `  svcaudit check docs/
  svcaudit check -c keeps-promises --fail-under 70 "policies/**/*.md"
  svcaudit check --format sarif -o svcaudit.sarif
  svcaudit check --together -c keeps-promises charter.pdf complaints.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
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
				o.failUnderFlag = true
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
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			go func() {
				// After the first interrupt a second one ends the process
				// at once, as usual.
				<-ctx.Done()
				stop()
			}()
			return runCheck(ctx, ios, g, o)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&o.Checklists, "checklist", "c", nil, "checklist id or file (repeatable; default: every built-in checklist)")
	f.BoolVar(&o.Together, "together", false, "judge all documents as one body of evidence")
	f.StringVar(&o.Subject, "subject", "", "the subject's name with --together (default \"together\")")
	f.Float64Var(&failUnder, "fail-under", 0, "fail a document scoring below this percentage")
	f.StringVarP(&o.Format, "format", "f", "text", "output format: "+strings.Join(lint.Formats, ", "))
	f.StringVarP(&o.Output, "output", "o", "", "write the report to FILE (atomically)")
	f.BoolVar(&o.Force, "force", false, "overwrite an existing --output file")
	f.StringArrayVar(&o.Include, "include", nil, "check only files matching this glob (repeatable)")
	f.StringArrayVar(&o.Exclude, "exclude", nil, "skip files and folders matching this glob (repeatable)")
	f.StringVar(&maxFile, "max-file-size", "32MiB", "largest document read")
	f.StringVar(&maxUnzipped, "max-unzipped", "64MiB", "most bytes unzipped from a DOCX or ODT")
	f.DurationVar(&o.Limits.PDFTimeout, "pdf-timeout", 10*time.Second, "time allowed to read one PDF")
	f.StringVar(&o.ConfigFile, "config", "", "configuration file (default: .svcaudit.yaml found upwards)")
	f.StringVar(&o.Waivers, "waivers", "", "waivers file")
	f.StringVar(&o.AsOf, "as-of", "", "judge waiver expiry as of this date (YYYY-MM-DD), not today")
	f.IntVar(&o.WarnExpiry, "warn-expiry", waiver.DefaultWarnDays, "flag waivers expiring within this many days")
	f.IntVarP(&o.Jobs, "jobs", "j", 0, "documents read at once (default: the number of CPUs)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(lint.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func errOr(err error, msg string) string {
	if err != nil {
		return err.Error()
	}
	return msg
}

// applyConfig reads .svcaudit.yaml (or --config) and takes from it every
// setting whose flag was not given.
func (o *CheckOptions) applyConfig(changed func(string) bool) error {
	path := o.ConfigFile
	if path == "" {
		found, err := config.Find(".")
		if err != nil {
			return err
		}
		path = found
	}
	if path == "" {
		return nil
	}
	c, err := config.Load(path)
	if err != nil {
		return err
	}
	// Show the file's paths relative to here, as a user would type them.
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(c.Dir); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				c.Dir = rel
			}
		}
	}
	if !changed("checklist") {
		for _, ref := range c.Checklists {
			if config.IsPath(ref) {
				ref = c.Path(ref)
			}
			o.Checklists = append(o.Checklists, ref)
		}
		if len(c.Checks) > 0 {
			for i := range c.Checks {
				ck := &c.Checks[i]
				for j, ref := range ck.Checklists {
					if config.IsPath(ref) {
						ck.Checklists[j] = c.Path(ref)
					}
				}
			}
			o.checks = c
		}
	}
	for _, p := range c.Paths {
		o.Paths = append(o.Paths, c.Path(p))
	}
	if !changed("include") {
		o.Include = c.Include
	}
	if !changed("exclude") {
		o.Exclude = c.Exclude
	}
	if !changed("fail-under") && c.FailUnder != nil {
		o.FailUnder = c.FailUnder
	}
	if !changed("format") && c.Format != "" {
		o.Format = c.Format
	}
	if !changed("together") && c.Together {
		o.Together = true
	}
	if !changed("subject") && c.Subject != "" {
		o.Subject = c.Subject
	}
	if !changed("max-file-size") && c.MaxFileSize > 0 {
		o.Limits.MaxFileSize = c.MaxFileSize
	}
	if !changed("max-unzipped") && c.MaxUnzipped > 0 {
		o.Limits.MaxUnzipped = c.MaxUnzipped
	}
	if !changed("pdf-timeout") && c.PDFTimeout > 0 {
		o.Limits.PDFTimeout = c.PDFTimeout
	}
	waiverSettings(c, changed, &o.Waivers, &o.inlineWaivers, &o.WarnExpiry)
	return nil
}

// waiverSettings takes the waivers (a file, or a list written in the
// config itself) and the expiry warning from .svcaudit.yaml, where no flag
// set them; check and run share it.
func waiverSettings(c *config.Config, changed func(string) bool, file *string, inline **config.Config, warnDays *int) {
	if !changed("waivers") && c.Waivers != nil {
		if c.WaiversFile != "" {
			*file = c.Path(c.WaiversFile)
		} else {
			*inline = c
		}
	}
	if !changed("warn-expiry") && c.WarnExpiry != nil {
		*warnDays = *c.WarnExpiry
	}
}

// target is one checklist and its compiled rules.
type target struct {
	cl  *checklist.Checklist
	set *rule.Set
}

// use is a target as it applies to one document: with its threshold.
type use struct {
	target
	threshold *float64
}

// plan says which checklists judge each document: those of the checks:
// entries of .svcaudit.yaml that match it, or else the default ones.
type plan struct {
	defaults []target
	byRef    map[string]target
	o        *CheckOptions
}

// makePlan loads and compiles every checklist the run may use.
func makePlan(o *CheckOptions) (*plan, error) {
	p := &plan{o: o, byRef: map[string]target{}}
	var err error
	if p.defaults, err = loadTargets(o.Checklists); err != nil {
		return nil, err
	}
	if o.checks == nil {
		return p, nil
	}
	var refs []string
	for _, ck := range o.checks.Checks {
		for _, ref := range ck.Checklists {
			if !slices.Contains(refs, ref) {
				refs = append(refs, ref)
			}
		}
	}
	ts, err := loadTargets(refs)
	if err != nil {
		return nil, fmt.Errorf("%s: checks: %w", o.checks.File, err)
	}
	for i, t := range ts {
		p.byRef[refs[i]] = t
	}
	return p, nil
}

// all lists every checklist the plan may use, once each.
func (p *plan) all() []*checklist.Checklist {
	var out []*checklist.Checklist
	seen := map[*checklist.Checklist]bool{}
	add := func(t target) {
		if !seen[t.cl] {
			seen[t.cl] = true
			out = append(out, t.cl)
		}
	}
	for _, t := range p.defaults {
		add(t)
	}
	for _, ck := range p.checksOrNil() {
		for _, ref := range ck.Checklists {
			add(p.byRef[ref])
		}
	}
	return out
}

func (p *plan) checksOrNil() []config.Check {
	if p.o.checks == nil {
		return nil
	}
	return p.o.checks.Checks
}

// mixed reports whether documents may be held to different thresholds.
func (p *plan) mixed() bool {
	if p.o.failUnderFlag {
		return false
	}
	for _, ck := range p.checksOrNil() {
		if ck.FailUnder != nil && (p.o.FailUnder == nil || *ck.FailUnder != *p.o.FailUnder) {
			return true
		}
	}
	return false
}

// forDocument returns the checklists that judge the document at path, each
// with its threshold: --fail-under if given, else the highest fail-under of
// the matching entries that name the checklist, else the top-level one.
func (p *plan) forDocument(path string) []use {
	cks := p.o.checks.ChecksFor(path)
	if len(cks) == 0 {
		out := make([]use, len(p.defaults))
		for i, t := range p.defaults {
			out[i] = use{t, p.o.FailUnder}
		}
		return out
	}
	var out []use
	idx := map[string]int{}
	for _, ck := range cks {
		for _, ref := range ck.Checklists {
			th := ck.FailUnder
			if th == nil || p.o.failUnderFlag {
				th = p.o.FailUnder
			}
			if i, ok := idx[ref]; ok {
				if th != nil && (out[i].threshold == nil || *th > *out[i].threshold) {
					out[i].threshold = th
				}
				continue
			}
			idx[ref] = len(out)
			out = append(out, use{p.byRef[ref], th})
		}
	}
	return out
}

func runCheck(ctx context.Context, ios *IOStreams, g *GlobalOptions, o *CheckOptions) error {
	if !slices.Contains(lint.Formats, o.Format) {
		e := usageErrorf("unknown format %q (want one of %s)", o.Format, strings.Join(lint.Formats, ", "))
		if s := diag.Suggest(o.Format, lint.Formats); s != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		return e
	}
	pl, err := makePlan(o)
	if err != nil {
		return err
	}
	ws, err := loadWaivers(o)
	if err != nil {
		return err
	}
	paths := o.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	found, err := walk.Expand(paths, walk.Options{Include: o.Include, Exclude: o.Exclude, Supported: document.Supported})
	if err != nil {
		return &UsageError{Msg: err.Error()}
	}
	if len(found.Missing) > 0 {
		msgs := make([]string, len(found.Missing))
		for i, m := range found.Missing {
			msgs[i] = fmt.Sprintf("%q", m)
		}
		return &UsageError{Msg: "no such file, folder or match: " + strings.Join(msgs, ", ")}
	}
	if o.Output != "" {
		if err := checkOutputPath(ios, o, found.Files); err != nil {
			return err
		}
	}
	if len(found.Files) == 0 && len(found.Errors) == 0 {
		return &UsageError{Msg: "no documents to check in " + strings.Join(paths, ", "),
			Hint: "svcaudit reads .md, .txt, .html, .docx, .odt and .pdf files"}
	}

	rep := &lint.Report{Errors: found.Errors, Threshold: o.FailUnder, Together: o.Together, MixedThresholds: pl.mixed()}
	rep.Checklists = pl.all()
	keepInfo := o.Format == "json"

	// Every format is written as documents are judged, in order, so that no
	// Result is kept (with --together, the few Results are rendered at the
	// end).
	var file *pendingFile
	var out *bufio.Writer
	if o.Output == "" {
		out = bufio.NewWriter(ios.Out)
	} else {
		if file, err = createPending(o.Output); err != nil {
			return usageErrorf("cannot write %s: %v", o.Output, err)
		}
		defer file.abort()
		out = bufio.NewWriter(file.f)
	}
	wd, _ := os.Getwd()
	lopt := lint.Options{Color: ios.Color && o.Output == "", WorkDir: wd, Version: Version, Quiet: g.Quiet, Checklists: rep.Checklists}
	var stream *lint.Stream
	emit := func(rs []*result.Result) { rep.Results = append(rep.Results, rs...) }
	if !o.Together {
		if stream = lint.NewStream(out, o.Format, lopt); stream != nil {
			emit = stream.Add
		}
	}

	var bar *progressbar.ProgressBar
	// A bar would tangle with results streamed to the same terminal.
	if ios.ErrTTY && !g.Quiet && len(found.Files) > progressMin && (stream == nil || o.Output != "" || !ios.OutTTY) {
		bar = progressbar.NewOptions(len(found.Files),
			progressbar.OptionSetWriter(ios.ErrOut),
			progressbar.OptionSetDescription("checking"),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish())
	}
	done := func(n int) {
		if bar != nil {
			_ = bar.Set(n)
		}
		if o.onDone != nil {
			o.onDone(n, len(found.Files))
		}
	}
	if o.Together {
		err = checkTogether(ctx, o, pl, ws, found.Files, rep, done)
	} else {
		defer boundMemory()()
		err = checkEach(ctx, o, pl, ws, found.Files, rep, keepInfo, stream == nil, emit, done)
	}
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}

	if stream != nil {
		rep.Tally = stream.Tally()
		err = stream.Close(rep)
	} else {
		err = lint.Render(out, o.Format, rep, lopt)
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
			err = file.commit()
		}
		if err != nil {
			// Say what was checked, since the report is lost.
			return fmt.Errorf("write %s: %w (the check itself ran: %s)", o.Output, err, lint.Summary(rep))
		}
		if !g.Quiet {
			fmt.Fprintf(ios.ErrOut, "%s\nwrote %s\n", lint.Summary(rep), o.Output)
		}
	}

	switch {
	case rep.Interrupted:
		return &FailedError{Reason: fmt.Sprintf("interrupted: %d of %d documents not checked", len(rep.NotChecked), len(found.Files))}
	case rep.Checked() == 0:
		return &UsageError{Msg: "nothing could be checked: every document had an error"}
	case !rep.Passed():
		return &FailedError{}
	}
	return nil
}

// loadTargets resolves and compiles the checklists; with none named, every
// built-in checklist that has automated items, less the profiles made of
// the others.
func loadTargets(refs []string) ([]target, error) {
	var cls []*checklist.Checklist
	if len(refs) == 0 {
		all, err := checklist.Builtins()
		if err != nil {
			return nil, err
		}
		for _, cl := range all {
			// A profile (one that includes others) would repeat the
			// findings of the checklists it is made of.
			if cl.Automated() && len(cl.Includes) == 0 {
				cls = append(cls, cl)
			}
		}
	}
	seen := map[string]bool{}
	for _, ref := range refs {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		cl, err := checklist.Resolve(ref)
		if err != nil {
			return nil, err
		}
		if !cl.Automated() {
			return nil, &UsageError{Msg: fmt.Sprintf("checklist %s has no automated items: check has nothing to do", cl.ID),
				Hint: "run a full audit with 'svcaudit run -c " + ref + "'"}
		}
		cls = append(cls, cl)
	}
	if len(cls) == 0 {
		return nil, &UsageError{Msg: "no checklist with automated items to check against"}
	}
	// One plan for them all: one scan of each document for every
	// checklist's patterns, each pattern compiled and run once.
	groups := make([][]*checklist.Item, len(cls))
	for i, cl := range cls {
		for _, it := range cl.Items() {
			if it.Automated() {
				groups[i] = append(groups[i], it)
			}
		}
	}
	sets, err := rule.CompileGroups(groups)
	if err != nil {
		// Each checklist's errors on their own, as each names its file.
		var errs []error
		for _, g := range groups {
			if _, err := rule.Compile(g); err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) == 0 {
			return nil, err
		}
		return nil, errors.Join(errs...)
	}
	targets := make([]target, len(cls))
	for i, cl := range cls {
		targets[i] = target{cl: cl, set: sets[i]}
	}
	return targets, nil
}

// outcome is what the workers hand back for one document.
type outcome struct {
	idx     int
	results []*result.Result
	errs    []result.FileError
}

// checkEach reads and judges each document on its own, in a bounded pool of
// workers; only the (small) Results are kept, never the documents. An
// interruption stops the pool; what was not checked is listed.
func checkEach(ctx context.Context, o *CheckOptions, pl *plan, ws waivers, files []string, rep *lint.Report, keepInfo, hold bool, emit func([]*result.Result), done func(int)) error {
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, len(files))
	next := make(chan int)
	outs := make(chan outcome, jobs)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs <- judge(o, pl.forDocument(files[i]), ws, files[i], i, keepInfo)
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range files {
			if ctx.Err() != nil {
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(outs) }()

	// Results go out in the order of files (sorted), whatever order the
	// workers finish in; only those that finish early wait.
	checked := make([]bool, len(files))
	n, want := 0, 0
	in := interner{}
	pending := map[int]outcome{}
	deliver := func(out outcome) {
		// Sharing texts pays only when the Results are held; a stream
		// drops them at once, and the table would only grow.
		if hold {
			for _, r := range out.results {
				in.result(r)
			}
		}
		if len(out.results) > 0 {
			emit(out.results)
		}
		rep.Errors = append(rep.Errors, out.errs...)
	}
	for out := range outs {
		checked[out.idx] = true
		n++
		pending[out.idx] = out
		for {
			o, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			deliver(o)
			want++
		}
		done(n)
	}
	// After an interruption, what was checked beyond the first gap.
	rest := make([]int, 0, len(pending))
	for i := range pending {
		rest = append(rest, i)
	}
	sort.Ints(rest)
	for _, i := range rest {
		deliver(pending[i])
	}
	if ctx.Err() != nil && n < len(files) {
		rep.Interrupted = true
		for i, ok := range checked {
			if !ok {
				rep.NotChecked = append(rep.NotChecked, files[i])
			}
		}
	}
	return nil
}

// readDocument reads a document; tests replace it to simulate failures.
var readDocument = document.Read

// interner shares one copy of each finding text among all the Results of
// a run: the same item fails in the same words in thousands of documents,
// and those words are what a run over a large corpus keeps in memory.
type interner map[string]string

func (in interner) str(s string) string {
	if s == "" {
		return s
	}
	if t, ok := in[s]; ok {
		return t
	}
	in[s] = s
	return s
}

func (in interner) result(r *result.Result) {
	for i := range r.Items {
		it := &r.Items[i]
		for j := range it.Findings {
			f := &it.Findings[j]
			f.Rule, f.Message, f.Snippet, f.Severity = in.str(f.Rule), in.str(f.Message), in.str(f.Snippet), in.str(f.Severity)
		}
		if it.Condition != "" {
			it.Condition = in.str(it.Condition)
		}
	}
	for i, n := range r.Notices {
		r.Notices[i] = in.str(n)
	}
}

// judge reads one document and scores it against every checklist. A panic
// (a bug, never expected) costs only this document: it is reported as the
// document's error and the run goes on.
func judge(o *CheckOptions, targets []use, ws waivers, path string, idx int, keepInfo bool) (out outcome) {
	out = outcome{idx: idx}
	defer func() {
		if p := recover(); p != nil {
			out = outcome{idx: idx, errs: []result.FileError{{File: path, Message: fmt.Sprintf("internal error, please report it: %v", p)}}}
		}
	}()
	doc, err := readDocument(path, o.Limits)
	if err != nil {
		out.errs = fileErrors(path, err)
		return out
	}
	// One reading of the document serves every checklist of the plan.
	var ev *rule.Evidence
	defer func() { ev.Release() }()
	for _, t := range targets {
		if ev == nil {
			ev = t.set.Read(doc)
		}
		// Only JSON shows the findings that support a pass; without them
		// the rules do less work and a held Result keeps less.
		auto := t.set.EvaluateEvidence(ev, keepInfo)
		r, err := evaluate(o, t, ws, path, []string{path}, auto)
		if err != nil {
			out.errs = append(out.errs, result.FileError{File: path, Message: err.Error()})
			continue
		}
		out.results = append(out.results, r)
	}
	return out
}

// checkTogether reads every document and judges them as one body of
// evidence, as `run --docs` does. It must hold them all at once.
func checkTogether(ctx context.Context, o *CheckOptions, pl *plan, ws waivers, files []string, rep *lint.Report, done func(int)) error {
	var docs []*document.Document
	var paths []string
	for i, path := range files {
		if ctx.Err() != nil {
			rep.Interrupted = true
			rep.NotChecked = append(rep.NotChecked, files[i:]...)
			return nil
		}
		doc, err := readDocument(path, o.Limits)
		if err != nil {
			rep.Errors = append(rep.Errors, fileErrors(path, err)...)
		} else {
			docs = append(docs, doc)
			paths = append(paths, path)
		}
		done(i + 1)
	}
	if len(docs) == 0 {
		return nil
	}
	subject := o.Subject
	if subject == "" {
		subject = "together"
	}
	// Each checklist judges, together, the documents it applies to.
	var order []*checklist.Checklist
	uses := map[*checklist.Checklist]use{}
	docsOf := map[*checklist.Checklist][]int{}
	for i, path := range paths {
		for _, u := range pl.forDocument(path) {
			prev, ok := uses[u.cl]
			if !ok {
				order = append(order, u.cl)
				prev = u
			} else if u.threshold != nil && (prev.threshold == nil || *u.threshold > *prev.threshold) {
				prev.threshold = u.threshold
			}
			uses[u.cl] = prev
			docsOf[u.cl] = append(docsOf[u.cl], i)
		}
	}
	for _, cl := range order {
		u := uses[cl]
		var ds []*document.Document
		var ps []string
		for _, i := range docsOf[cl] {
			ds = append(ds, docs[i])
			ps = append(ps, paths[i])
		}
		r, err := evaluate(o, u, ws, subject, ps, u.set.Evaluate(ds...))
		if err != nil {
			return err
		}
		rep.Results = append(rep.Results, r)
	}
	return nil
}

func evaluate(o *CheckOptions, t use, ws waivers, subject string, docs []string, auto map[string]rule.Outcome) (*result.Result, error) {
	waived, notices := applyWaivers(ws, t.cl, subject, docs, o.Now(), o.WarnExpiry)
	r, err := score.Evaluate(t.cl, score.Input{
		Subject:   subject,
		Automated: auto,
		Documents: docs,
		Waived:    waived,
		Options:   score.Options{AutomatedOnly: true, Threshold: t.threshold},
	})
	if err != nil {
		return nil, err
	}
	r.Tool = &result.Tool{Name: "svcaudit", Version: Version}
	r.Notices = append(r.Notices, notices...)
	return r, nil
}

// fileErrors turns a document's read error into FileErrors at its places.
func fileErrors(path string, err error) []result.FileError {
	var out []result.FileError
	for _, e := range diag.Flatten(err) {
		fe := result.FileError{File: e.File, Line: e.Line, Column: e.Column, Page: e.Page, Message: e.Msg}
		if fe.File == "" {
			fe.File = path
		}
		if e.Hint != "" {
			fe.Message += " (" + e.Hint + ")"
		}
		out = append(out, fe)
	}
	return out
}

// waivers are the waivers in force for a run.
type waivers []waiver.Waiver

// loadWaivers reads --waivers, or the waivers of .svcaudit.yaml.
func loadWaivers(o *CheckOptions) (waivers, error) {
	switch {
	case o.Waivers != "":
		return waiver.Load(o.Waivers)
	case o.inlineWaivers != nil:
		return waiver.ParseNode(o.inlineWaivers.File, o.inlineWaivers.Waivers)
	}
	return nil, nil
}

// applyWaivers finds the waivers that excuse items of cl for this subject
// and these documents; expired ones do not apply and, with those about to
// expire, become notices.
func applyWaivers(ws waivers, cl *checklist.Checklist, subject string, docs []string, now time.Time, warnDays int) (map[string]result.Waiver, []string) {
	if len(ws) == 0 {
		return nil, nil
	}
	return waiver.Apply(ws, cl, subject, docs, now, warnDays)
}

// checkOutput refuses to write the report over a document being checked,
// and over an existing file unless --force (or a yes on a terminal).
func checkOutputPath(ios *IOStreams, o *CheckOptions, files []string) error {
	abs, err := filepath.Abs(o.Output)
	if err != nil {
		return err
	}
	for _, f := range files {
		if fa, err := filepath.Abs(f); err == nil && fa == abs {
			return usageErrorf("--output %s is one of the documents being checked", o.Output)
		}
	}
	fi, err := os.Stat(o.Output)
	if err != nil || o.Force {
		return nil
	}
	if fi.IsDir() {
		return usageErrorf("--output %s is a folder", o.Output)
	}
	if ios.InTTY && ios.ErrTTY {
		fmt.Fprintf(ios.ErrOut, "%s already exists. Replace it? [y/N] ", o.Output)
		line, _ := bufio.NewReader(ios.In).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(line)); a == "y" || a == "yes" {
			return nil
		}
		return usageErrorf("%s left as it was", o.Output)
	}
	return &UsageError{Msg: fmt.Sprintf("%s already exists", o.Output), Hint: "use --force to replace it, or -o to write elsewhere"}
}

// pendingFile is an output file written in a temporary file beside it and
// renamed over it only when complete, so that a report streams to disk
// without being held in memory and a failed run leaves no half a file.
type pendingFile struct {
	f    *os.File
	path string
	done bool
}

func createPending(path string) (*pendingFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &pendingFile{f: f, path: path}, nil
}

// commit syncs the file and renames it into place.
func (p *pendingFile) commit() error {
	if err := p.f.Chmod(0o644); err != nil {
		return err
	}
	if err := p.f.Sync(); err != nil {
		return err
	}
	if err := p.f.Close(); err != nil {
		return err
	}
	if err := os.Rename(p.f.Name(), p.path); err != nil {
		return err
	}
	p.done = true
	return nil
}

// abort removes the temporary file unless it was committed.
func (p *pendingFile) abort() {
	if p != nil && !p.done {
		p.f.Close()
		os.Remove(p.f.Name())
	}
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
