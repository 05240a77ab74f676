package svcaudit

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/internal/suppress"
	"github.com/svcaudit/svcaudit/result"
)

// CheckOptions are the settings of a check: documents judged against the
// automated items of checklists, each on its own or all together.
type CheckOptions struct {
	// Paths are files, folders and globs (see FindDocuments); none means
	// the working folder.
	Paths []string
	// Include and Exclude filter the files found in folders and globs.
	Include, Exclude []string
	// Checklists are built-in ids or checklist files. None means every
	// built-in checklist with automated items, less the profiles made of
	// the others.
	Checklists []string
	// FailUnder is the score, a percentage, below which a document fails
	// (nil: none). The checks: entries of a settings file may set their
	// own, unless FailUnderAll says FailUnder applies to every document.
	FailUnder    *float64
	FailUnderAll bool
	// Together judges all documents as one body of evidence, one Result
	// per checklist, named Subject ("together" when empty).
	Together bool
	Subject  string
	// Limits bound what one document may cost to read.
	Limits Limits
	// Waivers is a waivers file; WarnExpiry is how many days before its
	// expiry a waiver becomes a notice (see DefaultWarnExpiry).
	Waivers    string
	WarnExpiry int
	// FailOnExpired fails the run when a waiver that covers an item of a
	// document has expired (CheckRun.Expired lists them either way).
	FailOnExpired bool
	// Now gives today's date, for waivers (nil: time.Now).
	Now func() time.Time
	// Jobs is how many documents are read at once (0: GOMAXPROCS).
	Jobs int
	// Stdin, when set, is the document "-" among Paths stands for: one
	// read from standard input, judged under its own name.
	Stdin *InputDocument
	// Select, when set, keeps only the documents found (and the paths
	// that could not be searched) for which it returns true, such as those
	// changed since a git commit. A check whose selection leaves nothing
	// runs on no document and passes: nothing was there to fail.
	Select func(path string) bool
	// KeepPasses keeps, in each Result, the findings that support a pass
	// (severity "info"); without them the rules do less work.
	KeepPasses bool

	// OnResults, when set, receives each document's Results as soon as
	// they and those of every document before it are judged, in the order
	// of the documents; they are then not kept in CheckRun.Results. With
	// Together, the Results are always kept.
	OnResults func([]*result.Result)
	// OnProgress, when set, is called after each document is judged.
	OnProgress func(done, total int)

	// inlineWaivers is the settings file whose waivers: key holds a list.
	inlineWaivers *config.Config
	// checks is the settings file whose checks: entries pick each
	// document's checklists (nil: none, or Checklists were given).
	checks *config.Config
}

// ApplyConfig reads the settings file at path (a .svcaudit.yaml, see
// FindConfig) and takes from it every setting that given does not report
// as set by the caller. Settings are named by their keys in the file:
// "checklists", "include", "exclude", "fail-under", "format", "together",
// "subject", "max-file-size", "max-unzipped", "pdf-timeout", "pdf-memory", "waivers",
// "warn-expiry", "fail-on-expired". The file's paths are added to o.Paths, and its checks:
// entries pick the checklists of the documents they match. The format it
// names, if any, is returned for the caller's report.
func (o *CheckOptions) ApplyConfig(path string, given func(setting string) bool) (format string, err error) {
	c, err := loadConfig(path)
	if err != nil {
		return "", err
	}
	if !given("checklists") {
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
	if !given("include") {
		o.Include = c.Include
	}
	if !given("exclude") {
		o.Exclude = c.Exclude
	}
	if !given("fail-under") && c.FailUnder != nil {
		o.FailUnder = c.FailUnder
	}
	if !given("together") && c.Together {
		o.Together = true
	}
	if !given("subject") && c.Subject != "" {
		o.Subject = c.Subject
	}
	if !given("max-file-size") && c.MaxFileSize > 0 {
		o.Limits.MaxFileSize = c.MaxFileSize
	}
	if !given("max-unzipped") && c.MaxUnzipped > 0 {
		o.Limits.MaxUnzipped = c.MaxUnzipped
	}
	if !given("pdf-timeout") && c.PDFTimeout > 0 {
		o.Limits.PDFTimeout = c.PDFTimeout
	}
	if !given("pdf-memory") && c.PDFMemory > 0 {
		o.Limits.PDFMemory = c.PDFMemory
	}
	waiverSettings(c, given, &o.Waivers, &o.inlineWaivers, &o.WarnExpiry, &o.FailOnExpired)
	if !given("format") {
		format = c.Format
	}
	return format, nil
}

// StdinPath is how Paths name the document of CheckOptions.Stdin.
const StdinPath = "-"

// InputDocument is a document already in memory, such as one read from
// standard input. Name is the path it is reported and configured under
// (checks: entries, waivers); its extension gives its format.
type InputDocument struct {
	Name string
	Data []byte
}

// CheckRun is what a check found. It is the run's own record, filled as
// documents are judged; package stream renders it.
type CheckRun struct {
	// Results holds one Result per document and checklist (per checklist
	// with Together), unless OnResults took them.
	Results []*result.Result
	// Errors are documents and paths that could not be checked.
	Errors []result.FileError
	// NotChecked are documents left unchecked because the context was
	// cancelled; Interrupted says it was.
	NotChecked  []string
	Interrupted bool
	// Checklists are the checklists the run judged against, once each.
	Checklists []*checklist.Checklist
	// Documents is how many documents were found.
	Documents int
	// MixedThresholds says documents were held to different fail-under
	// percentages (checks: entries of the settings file).
	MixedThresholds bool
	// Judged and Failed count the Results made, and those that failed,
	// whether kept or handed to OnResults.
	Judged, Failed int
	// Expired are the expired waivers that covered an item of a document,
	// once each, in the order they were met.
	Expired []ExpiredWaiver
	// failOnExpired is CheckOptions.FailOnExpired.
	failOnExpired bool
}

// Passed reports whether every Result passed and the run was complete
// (and, with FailOnExpired, no waiver had expired).
func (r *CheckRun) Passed() bool {
	return !r.Interrupted && r.Failed == 0 && !(r.failOnExpired && len(r.Expired) > 0)
}

// ExpiredFails reports whether the run fails because of its expired
// waivers (FailOnExpired, and one expired).
func (r *CheckRun) ExpiredFails() bool { return r.failOnExpired && len(r.Expired) > 0 }

// PreparedCheck is a check whose checklists are compiled and whose
// documents are found, ready to run.
type PreparedCheck struct {
	// OnResults and OnProgress start as those of the options; a caller
	// may set them before Run, when what it does with the Results depends
	// on the documents or checklists found.
	OnResults  func([]*result.Result)
	OnProgress func(done, total int)

	o     CheckOptions
	plan  *plan
	ws    waivers
	found *Found
	paths []string
	// unselected is how many documents found Select left out.
	unselected int
}

// Unselected is how many of the documents found CheckOptions.Select left
// out.
func (p *PreparedCheck) Unselected() int { return p.unselected }

// Documents are the documents the check will judge.
func (p *PreparedCheck) Documents() []string { return p.found.Files }

// Checklists are the checklists the check judges against, once each.
func (p *PreparedCheck) Checklists() []*checklist.Checklist { return p.plan.all() }

// UnknownWaivers are the waivers that name, by full id, an item that a
// checklist of the check does not have, each at its place with the nearest
// id: commands print them as warnings.
func (p *PreparedCheck) UnknownWaivers() []error {
	var out []error
	for _, e := range p.ws.unknown(p.plan.all()) {
		out = append(out, e)
	}
	return out
}

// PrepareCheck loads and compiles the checklists, reads the waivers and
// finds the documents of a check, without reading any document.
func PrepareCheck(o CheckOptions) (*PreparedCheck, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	pl, err := makePlan(&o)
	if err != nil {
		return nil, err
	}
	ws, err := loadWaivers(o.Waivers, o.inlineWaivers)
	if err != nil {
		return nil, err
	}
	found, paths, err := findInputs(o)
	if err != nil {
		return nil, err
	}
	p := &PreparedCheck{OnResults: o.OnResults, OnProgress: o.OnProgress, o: o, plan: pl, ws: ws, found: found, paths: paths}
	if o.Select != nil {
		n := len(found.Files) + len(found.Errors)
		found.Files = slices.DeleteFunc(found.Files, func(f string) bool { return !o.Select(f) })
		found.Errors = slices.DeleteFunc(found.Errors, func(e result.FileError) bool { return !o.Select(e.File) })
		p.unselected = n - len(found.Files) - len(found.Errors)
	}
	return p, nil
}

// findInputs finds the documents of o.Paths, "-" standing for o.Stdin.
func findInputs(o CheckOptions) (*Found, []string, error) {
	var paths []string
	stdin := false
	for _, p := range o.Paths {
		if p == StdinPath {
			if o.Stdin == nil {
				return nil, nil, &MissingPathsError{Paths: []string{p}}
			}
			stdin = true
			continue
		}
		paths = append(paths, p)
	}
	if !stdin && len(paths) == 0 {
		paths = []string{"."}
	}
	found := &Found{}
	if len(paths) > 0 {
		var err error
		if found, err = FindDocuments(paths, o.Include, o.Exclude); err != nil {
			return nil, nil, err
		}
	}
	if stdin {
		// Standard input's text replaces a file of the same name (an
		// editor checking the buffer of a file not yet saved).
		name := o.Stdin.Name
		i, ok := slices.BinarySearch(found.Files, name)
		if !ok {
			found.Files = slices.Insert(found.Files, i, name)
		}
		paths = append(paths, StdinPath)
	}
	return found, paths, nil
}

// Check judges documents against the automated items of checklists: it
// is PrepareCheck followed by Run.
func Check(ctx context.Context, o CheckOptions) (*CheckRun, error) {
	p, err := PrepareCheck(o)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx)
}

// Run reads and judges the documents. Each is read and judged on its own
// by a pool of workers, and only its Results are kept (or handed to
// OnResults); with Together, all are read and judged as one. A document
// that cannot be read is listed in the run's Errors and the run goes on;
// cancelling ctx stops it, and what was not checked is listed. It fails
// with *NoDocumentsError when there is nothing to check; when every
// document had an error it returns the run, whose Errors say why, with
// ErrNothingChecked.
func (p *PreparedCheck) Run(ctx context.Context) (*CheckRun, error) {
	files := p.found.Files
	if len(files) == 0 && len(p.found.Errors) == 0 {
		if p.unselected > 0 {
			return &CheckRun{Checklists: p.plan.all(), failOnExpired: p.o.FailOnExpired}, nil
		}
		return nil, &NoDocumentsError{Paths: p.paths}
	}
	run := &CheckRun{
		Errors:          append([]result.FileError(nil), p.found.Errors...),
		Checklists:      p.plan.all(),
		Documents:       len(files),
		MixedThresholds: p.plan.mixed(),
		failOnExpired:   p.o.FailOnExpired,
	}
	o := p.o
	o.OnResults, o.OnProgress = p.OnResults, p.OnProgress
	c := &checker{o: &o, plan: p.plan, ws: p.ws, run: run}
	if p.o.Together {
		if err := c.together(ctx, files); err != nil {
			return nil, err
		}
	} else {
		c.each(ctx, files)
	}
	if !run.Interrupted && run.Judged == 0 {
		return run, ErrNothingChecked
	}
	return run, nil
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
// entries of the settings file that match it, or else the default ones.
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
	if p.o.FailUnderAll {
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
// with its threshold: FailUnder if it applies to all, else the highest
// fail-under of the matching entries that name the checklist, else
// FailUnder.
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
			if th == nil || p.o.FailUnderAll {
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
			return nil, &NoAutomatedItemsError{Checklist: cl.ID, Ref: ref}
		}
		cls = append(cls, cl)
	}
	if len(cls) == 0 {
		return nil, ErrNoChecklists
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

// checker is one run of a check.
type checker struct {
	o    *CheckOptions
	plan *plan
	ws   waivers
	run  *CheckRun
}

// outcome is what the workers hand back for one document.
type outcome struct {
	idx     int
	results []*result.Result
	errs    []result.FileError
	expired []ExpiredWaiver
}

func (c *checker) progress(done int) {
	if c.o.OnProgress != nil {
		c.o.OnProgress(done, c.run.Documents)
	}
}

func (c *checker) add(rs []*result.Result) {
	for _, r := range rs {
		c.run.Judged++
		if !r.Passed {
			c.run.Failed++
		}
	}
}

// each reads and judges each document on its own, in a bounded pool of
// workers; only the (small) Results are kept, never the documents. A
// cancelled context stops the pool; what was not checked is listed.
func (c *checker) each(ctx context.Context, files []string) {
	jobs := c.o.Jobs
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
				outs <- c.judge(c.plan.forDocument(files[i]), files[i], i)
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
	hold := c.o.OnResults == nil
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
		c.add(out.results)
		if len(out.results) > 0 {
			if hold {
				c.run.Results = append(c.run.Results, out.results...)
			} else {
				c.o.OnResults(out.results)
			}
		}
		c.run.Errors = append(c.run.Errors, out.errs...)
		c.run.Expired = addExpired(c.run.Expired, out.expired)
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
		c.progress(n)
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
		c.run.Interrupted = true
		for i, ok := range checked {
			if !ok {
				c.run.NotChecked = append(c.run.NotChecked, files[i])
			}
		}
	}
}

// readDocument reads a document; tests replace it to simulate failures.
var readDocument = document.Read

// read reads the document at path, or parses standard input's.
func (c *checker) read(path string) (*document.Document, error) {
	if in := c.o.Stdin; in != nil && path == in.Name {
		return document.Parse(in.Name, in.Data, c.o.Limits.document())
	}
	return readDocument(path, c.o.Limits.document())
}

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
func (c *checker) judge(targets []use, path string, idx int) (out outcome) {
	out = outcome{idx: idx}
	defer func() {
		if p := recover(); p != nil {
			out = outcome{idx: idx, errs: []result.FileError{{File: path, Message: fmt.Sprintf("internal error, please report it: %v", p)}}}
		}
	}()
	doc, err := c.read(path)
	if err != nil {
		out.errs = fileErrors(path, err)
		return out
	}
	sup, err := c.suppressions(doc, targets)
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
		// Only the findings that support a pass need the rules to look
		// further; without them a held Result keeps less.
		auto := t.set.EvaluateEvidence(ev, c.o.KeepPasses)
		r, err := c.evaluate(t, path, []string{path}, auto, []suppress.Doc{sup})
		out.expired = append(out.expired, c.ws.expired(t.cl, path, []string{path}, c.o.Now())...)
		if err != nil {
			out.errs = append(out.errs, result.FileError{File: path, Message: err.Error()})
			continue
		}
		out.results = append(out.results, r)
	}
	return out
}

// together reads every document and judges them as one body of evidence,
// as an audit does. It must hold them all at once.
func (c *checker) together(ctx context.Context, files []string) error {
	var docs []*document.Document
	var paths []string
	var sups []suppress.Doc
	for i, path := range files {
		if ctx.Err() != nil {
			c.run.Interrupted = true
			c.run.NotChecked = append(c.run.NotChecked, files[i:]...)
			return nil
		}
		doc, err := c.read(path)
		var sup suppress.Doc
		if err == nil {
			sup, err = c.suppressions(doc, c.plan.forDocument(path))
		}
		if err != nil {
			c.run.Errors = append(c.run.Errors, fileErrors(path, err)...)
		} else {
			docs = append(docs, doc)
			paths = append(paths, path)
			sups = append(sups, sup)
		}
		c.progress(i + 1)
	}
	if len(docs) == 0 {
		return nil
	}
	subject := c.o.Subject
	if subject == "" {
		subject = "together"
	}
	// Each checklist judges, together, the documents it applies to.
	var order []*checklist.Checklist
	uses := map[*checklist.Checklist]use{}
	docsOf := map[*checklist.Checklist][]int{}
	for i, path := range paths {
		for _, u := range c.plan.forDocument(path) {
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
		var ss []suppress.Doc
		for _, i := range docsOf[cl] {
			ds = append(ds, docs[i])
			ps = append(ps, paths[i])
			ss = append(ss, sups[i])
		}
		// Tallied, so that Results of shards of the documents merge
		// (report.MergeWith) into this one.
		r, err := c.evaluate(u, subject, ps, u.set.EvaluateTallied(ds...), ss)
		if err != nil {
			return err
		}
		c.run.Expired = addExpired(c.run.Expired, c.ws.expired(u.cl, subject, ps, c.o.Now()))
		c.add([]*result.Result{r})
		c.run.Results = append(c.run.Results, r)
	}
	return nil
}

// suppressions reads the inline suppressions of a document and checks that
// each names an item of the checklists that judge it.
func (c *checker) suppressions(doc *document.Document, targets []use) (suppress.Doc, error) {
	sup, errs := suppress.Parse(doc)
	if len(sup.Regions) > 0 {
		cls := make([]*checklist.Checklist, len(targets))
		for i, t := range targets {
			cls[i] = t.cl
		}
		errs = append(errs, sup.Check(cls)...)
	}
	return sup, errs.Err()
}

// evaluate scores the automated outcomes of one checklist, with the
// waivers of the run and the documents' inline suppressions.
func (c *checker) evaluate(t use, subject string, docs []string, auto map[string]rule.Outcome, sups []suppress.Doc) (*result.Result, error) {
	waived, notices := c.ws.apply(t.cl, subject, docs, c.o.Now(), c.o.WarnExpiry)
	inline, said := suppress.Apply(sups, t.cl, auto)
	for id, w := range inline {
		if _, ok := waived[id]; ok {
			continue // the waivers file's waiver comes first
		}
		if waived == nil {
			waived = map[string]result.Waiver{}
		}
		waived[id] = w
	}
	notices = append(notices, said...)
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
	stamp(r)
	r.Notices = append(r.Notices, notices...)
	return r, nil
}

// fileErrors turns a document's read error into FileErrors at its places.
func fileErrors(path string, err error) []result.FileError {
	var out []result.FileError
	for _, e := range diag.Flatten(err) {
		fe := result.FileError{File: e.File, Line: e.Line, Column: e.Column, Page: e.Page, Message: e.Msg, Err: e.Err}
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
