package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/score"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/action"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/interview"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/result"
)

func init() {
	register(func(ios *IOStreams, g *GlobalOptions) *cobra.Command { return NewCmdRun(ios, g, nil) })
}

// runFormats are the values of --format.
var runFormats = enum{what: "format", values: []string{"table", "json", "md"}}

// unansweredValues are the values of --unanswered.
var unansweredValues = enum{what: "unanswered", values: []string{svcaudit.UnansweredZero, svcaudit.UnansweredSkip}}

// RunOptions are the flags of `svcaudit run`.
type RunOptions struct {
	IO     *IOStreams
	Global *GlobalOptions

	Checklist string
	Answers   string
	Docs      []string
	Output    string
	// OutputStdout says -o - was given: the Result JSON goes to standard
	// output, in place of the summary.
	OutputStdout bool
	Force        bool
	Format       string
	FailUnder    float64
	Unanswered   string
	Subject      string
	Auditor      string
	Date         string
	Interactive  bool
	// Waivers is a waivers file; WarnExpiry flags waivers expiring within
	// that many days.
	Waivers    string
	WarnExpiry int
	// FailOnExpired fails the audit (exit 1) when a waiver that covers
	// one of its items has expired.
	FailOnExpired bool
	// Actions is a corrective-action register brought up to date with the
	// audit's failures and passes.
	Actions string
	// base is the audit as .svcaudit.yaml sets it (its waivers).
	base svcaudit.AuditOptions
	// AsOf is the date the audit is judged on (waiver expiry, actions, the
	// default date), YYYY-MM-DD; today when empty.
	AsOf string
	// Cases is the complaints case log and how to read it.
	Cases CaseOptions

	failUnderSet bool
	// answersGiven is whether --answers named the file (not the interview's
	// default name).
	answersGiven bool
	// now is the clock, for the default date.
	now func() time.Time
	// prompter asks the interview's questions (a terminal one by default).
	prompter interview.Prompter
	// ctx is ended by SIGINT or SIGTERM: the interview stops (every answer
	// is saved already) and no Result is written.
	ctx context.Context
}

// NewCmdRun builds `svcaudit run`. Its flags become RunOptions; runF, when
// set, is called with them in place of the audit (tests use it to see what
// the flags say).
func NewCmdRun(ios *IOStreams, g *GlobalOptions, runF func(*RunOptions) error) *cobra.Command {
	o := &RunOptions{IO: ios, Global: g, now: time.Now}
	cmd := &cobra.Command{
		Use:   "run -c CHECKLIST [--answers FILE] [--docs PATH...]",
		Short: "Run a full audit: answers (file or interview) and documents, scored",
		Long: `Run a full audit of one subject against a checklist.

Manual items are answered from --answers FILE or, on a terminal, by an
interview that saves every answer to the answers file the moment it is given
and resumes where it stopped. Automated items are answered by the documents
given with --docs (all of them together, as one body of evidence); an answer
in the answers file overrides them.

Exit status: 0 passed; 1 a critical item failed, a gating rule broke or the
score is below --fail-under; 2 bad usage or bad input.`,
		Example: `  svcaudit run -c keeps-promises --subject "Housing repairs"
  svcaudit run -c keeps-promises --answers repairs.answers.yaml --docs policies/ -o result.json
  svcaudit run -c charter.yaml --answers a.yaml --format md --fail-under 70`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.failUnderSet = cmd.Flags().Changed("fail-under")
			o.ctx = cmd.Context()
			stopsGracefully(o.ctx)
			if err := o.applyConfig(cmd.Flags().Changed); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runRun(o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Checklist, "checklist", "c", "", "checklist: a built-in id or a path (required)")
	f.StringVarP(&o.Answers, "answers", "a", "", "answers file (the interview writes it; default CHECKLIST-SUBJECT.answers.yaml)")
	f.StringSliceVar(&o.Docs, "docs", nil, "documents or folders of evidence for the automated items (repeatable)")
	outputFlagTo(f, &o.Output, &o.OutputStdout, "", "write the Result JSON to this file")
	f.BoolVar(&o.Force, "force", false, "replace the --output file if it exists")
	enumFlag(cmd, &o.Format, runFormats, "", "table", "summary format", "")
	f.Float64Var(&o.FailUnder, "fail-under", 0, "fail (exit 1) when the score is below this percentage")
	enumFlag(cmd, &o.Unanswered, unansweredValues, "", "zero", "unanswered items", "(zero counts them as 0, skip leaves them out)")
	f.StringVar(&o.Subject, "subject", "", "what is audited, e.g. \"Housing repairs service\"")
	f.StringVar(&o.Auditor, "auditor", "", "who audited")
	f.StringVar(&o.Date, "date", "", "audit date, YYYY-MM-DD (default: the answers file's, else today)")
	f.BoolVarP(&o.Interactive, "interactive", "i", false, "interview even when an answers file is given")
	f.StringVar(&o.Waivers, "waivers", "", "waivers file: waived items count as neither pass nor fail")
	f.IntVar(&o.WarnExpiry, "warn-expiry", 30, "flag waivers expiring within this many days")
	f.BoolVar(&o.FailOnExpired, "fail-on-expired", false, "exit 1 when a waiver that covers an item has expired (for CI)")
	f.StringVar(&o.Actions, "actions", "", "corrective-action register to raise actions in and close them (created if missing)")
	f.StringVar(&o.AsOf, "as-of", "", "judge waivers, actions and open cases as of this date (YYYY-MM-DD), not today")
	o.Cases.flags(cmd)
	cmd.RegisterFlagCompletionFunc("checklist", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return checklist.BuiltinIDs(), cobra.ShellCompDirectiveDefault
	})
	return cmd
}

func (o *RunOptions) validate() error {
	if o.Checklist == "" {
		return &UsageError{Msg: "no checklist: give -c CHECKLIST (a built-in id or a path)", Hint: "'svcaudit list' shows the built-in checklists"}
	}
	if err := runFormats.check(o.Format); err != nil {
		return err
	}
	if err := unansweredValues.check(o.Unanswered); err != nil {
		return err
	}
	if o.failUnderSet && (o.FailUnder < 0 || o.FailUnder > 100) {
		return usageErrorf("--fail-under must be a percentage from 0 to 100, not %v", o.FailUnder)
	}
	if o.Date != "" {
		if _, err := time.Parse("2006-01-02", o.Date); err != nil {
			return usageErrorf("--date %q is not a date: write YYYY-MM-DD", o.Date)
		}
	}
	if o.AsOf != "" {
		d, err := time.Parse("2006-01-02", o.AsOf)
		if err != nil {
			return usageErrorf("--as-of %q is not a date: write YYYY-MM-DD", o.AsOf)
		}
		o.now = func() time.Time { return d }
	}
	if o.WarnExpiry < 0 {
		return usageErrorf("--warn-expiry must be 0 or more days, not %d", o.WarnExpiry)
	}
	return o.Cases.validate()
}

// applyConfig takes the waivers and their warning period from the
// .svcaudit.yaml of the working tree, when the flags do not set them: the
// waivers an organisation agreed apply to its audits as to its checks.
func (o *RunOptions) applyConfig(changed func(string) bool) error {
	var verbose io.Writer
	if o.Global != nil && o.Global.Verbose {
		verbose = o.IO.ErrOut
	}
	path, err := findConfig(verbose)
	if err != nil || path == "" {
		return err
	}
	o.base.Waivers, o.base.WarnExpiry, o.base.FailOnExpired = o.Waivers, o.WarnExpiry, o.FailOnExpired
	o.base.Cases = &o.Cases.Log // .svcaudit.yaml's cases: fills in what the flags leave
	if err := o.base.ApplyConfig(path, changed); err != nil {
		return err
	}
	o.Waivers, o.WarnExpiry, o.FailOnExpired = o.base.Waivers, o.base.WarnExpiry, o.base.FailOnExpired
	return nil
}

// stopped returns, once a signal has ended the run's context, the error
// that says what was and was not done; nil otherwise.
func (o *RunOptions) stopped() error {
	if o.ctx == nil || o.ctx.Err() == nil {
		return nil
	}
	what := "no Result written"
	if o.Answers != "" {
		what = "every answer given is saved in " + safe.Line(o.Answers) + "; no Result written"
	}
	return &FailedError{Reason: "stopped by a signal: " + what}
}

// terminal reports whether an interview can be held.
func (o *RunOptions) terminal() bool { return o.IO.InTTY && o.IO.OutTTY }

func runRun(o *RunOptions) error {
	if err := o.validate(); err != nil {
		return err
	}
	cl, err := checklist.Resolve(o.Checklist)
	if err != nil {
		return err
	}
	o.answersGiven = o.Answers != ""
	manual := false
	for _, it := range cl.Items() {
		if !it.Automated() {
			manual = true
		}
	}
	interactive := o.Interactive || (o.Answers == "" && manual && o.terminal())
	if o.Answers != "" && !interactive {
		if _, err := os.Stat(o.Answers); errors.Is(err, fs.ErrNotExist) {
			// A new answers file: on a terminal the interview writes it
			// (as --interactive would); elsewhere say how to make one.
			if !manual || !o.terminal() {
				return &UsageError{
					Msg: fmt.Sprintf("answers file %s does not exist", o.Answers),
					Hint: fmt.Sprintf("add --interactive to be interviewed on a terminal, which writes it, or start it with 'svcaudit init answers %s -o %s'",
						o.Checklist, o.Answers),
				}
			}
			interactive = true
		}
	}
	if interactive && !o.terminal() && o.prompter == nil {
		return &UsageError{Msg: "--interactive needs a terminal", Hint: "give the answers with --answers FILE"}
	}
	if !interactive && o.Answers == "" && manual {
		return &UsageError{
			Msg:  fmt.Sprintf("no answers for the %s manual items of %s, and no terminal to ask them on", countManual(cl), cl.ID),
			Hint: fmt.Sprintf("write an answers file with 'svcaudit init answers %s -o FILE' and give it with --answers FILE", o.Checklist),
		}
	}

	// Documents first: follow-up questions may hang on automated items.
	ev, err := svcaudit.ReadEvidence(context.Background(), cl, o.Docs, svcaudit.Limits{})
	if err != nil {
		return documentsError(err)
	}

	if interactive {
		_, done, err := o.interview(cl, ev.Outcomes())
		if err != nil || !done {
			return err
		}
	}
	if err := o.stopped(); err != nil {
		return err
	}

	a := o.base
	a.Checklist, a.Answers, a.Evidence = cl, o.Answers, ev
	a.Subject, a.Auditor, a.Date = o.Subject, o.Auditor, o.Date
	a.Unanswered, a.Waivers, a.WarnExpiry, a.Now = o.Unanswered, o.Waivers, o.WarnExpiry, o.now
	if o.failUnderSet {
		t := o.FailUnder
		a.FailUnder = &t
	}
	a.OnNotice = func(n string) { fmt.Fprintf(o.IO.ErrOut, "svcaudit: %s\n", safe.Line(n)) }
	var expired []svcaudit.ExpiredWaiver
	a.OnExpired = func(e svcaudit.ExpiredWaiver) { expired = append(expired, e) }
	var flush func()
	a.Cases, flush = o.Cases.caseLog(o.IO.ErrOut)
	r, err := svcaudit.Audit(context.Background(), a)
	flush()
	if err != nil {
		return err
	}

	if o.OutputStdout {
		if err := printSummary(o.IO, r, "json"); err != nil {
			return err
		}
	} else if o.Output != "" {
		if err := o.writeResult(r, cl); err != nil {
			return err
		}
	}
	if !o.OutputStdout && (!o.Global.Quiet || o.Format == "json") {
		if err := printSummary(o.IO, r, o.Format); err != nil {
			return err
		}
		if o.Output != "" && !o.Global.Quiet {
			fmt.Fprintf(o.IO.ErrOut, "wrote %s: see it with 'svcaudit explain %s'\n", safe.Line(o.Output), safe.Line(o.Output))
		}
	}
	if n := unansweredAutomated(cl, r); n > 0 && len(o.Docs) == 0 && o.Cases.Log.File == "" && !o.Global.Quiet {
		fmt.Fprintf(o.IO.ErrOut, "svcaudit: hint: %d automated %s left unanswered: give --docs with the documents that answer %s\n",
			n, nounFor(n, "item"), map[bool]string{true: "it", false: "them"}[n == 1])
	}
	if !o.Global.Quiet {
		// The notices say what is missing; these say which flag gives it.
		logged, both := caseItems(cl)
		switch {
		case logged > 0 && o.Cases.Log.File == "":
			fmt.Fprintf(o.IO.ErrOut, "svcaudit: hint: give the complaints case log with --cases FILE\n")
		case both > 0 && len(o.Docs) == 0:
			fmt.Fprintf(o.IO.ErrOut, "svcaudit: hint: give the policy documents with --docs\n")
		}
	}
	if o.Actions != "" {
		// Actions are raised and closed on the audit's own date (an audit
		// written up later is dated when it was done), unless --as-of says.
		today := o.now()
		if o.AsOf == "" {
			today = action.AuditDate(r, today)
		}
		ch, err := action.UpdateFile(o.Actions, r, today)
		if err != nil {
			return err
		}
		if !o.Global.Quiet {
			for _, l := range ch.Lines() {
				fmt.Fprintf(o.IO.ErrOut, "svcaudit: %s\n", safe.Line(l))
			}
		}
	}
	if !r.Passed {
		return &FailedError{Reason: failReason(r)}
	}
	if o.FailOnExpired && len(expired) > 0 {
		return &FailedError{Reason: expiredReason(expired)}
	}
	return nil
}

// unansweredAutomated counts the automated items among r's unanswered ones.
// caseItems counts the items measured from a case log, and those of them
// whose documents are judged too.
func caseItems(cl *checklist.Checklist) (logged, both int) {
	for _, it := range cl.Items() {
		if it.Evidence != nil && it.Evidence.Cases != nil {
			logged++
			if it.Evidence.Documentary() {
				both++
			}
		}
	}
	return logged, both
}

func unansweredAutomated(cl *checklist.Checklist, r *result.Result) int {
	n := 0
	for _, id := range r.Unanswered {
		if it := cl.Item(id); it != nil && it.Automated() {
			n++
		}
	}
	return n
}

func countManual(cl *checklist.Checklist) string {
	n := 0
	for _, it := range cl.Items() {
		if !it.Automated() {
			n++
		}
	}
	return fmt.Sprint(n)
}

// documentsError gives the errors of finding the documents of --docs the
// command line's advice.
func documentsError(err error) error {
	var missing *svcaudit.MissingPathsError
	var noDocs *svcaudit.NoDocumentsError
	switch {
	case errors.As(err, &missing):
		return &UsageError{Msg: missing.Error()}
	case errors.As(err, &noDocs):
		return &UsageError{Msg: noDocs.Error(), Hint: readsHint()}
	}
	return err
}

// defaultAnswersPath is CHECKLIST-SUBJECT.answers.yaml in the working folder.
func defaultAnswersPath(cl *checklist.Checklist, subject string) string {
	name := slug(cl.ID)
	if s := slug(subject); s != "" {
		name += "-" + s
	}
	return name + ".answers.yaml"
}

// pickAnswers finds the answers file to resume when neither --answers nor
// --subject is given: the one earlier interview of this checklist in the
// working folder, or the assessor's pick of several, or a new subject.
// t asks, on the terminal; a signal ends its questions (ErrInterrupted).
func pickAnswers(t *interview.Terminal, cl *checklist.Checklist, subject *string) (string, error) {
	found, _ := filepath.Glob(slug(cl.ID) + "-*.answers.yaml")
	const fresh = ":new"
	pick := fresh
	switch len(found) {
	case 0:
	case 1:
		pick = found[0]
	default:
		var opts [][2]string
		for _, f := range found {
			opts = append(opts, [2]string{"resume " + f, f})
		}
		opts = append(opts, [2]string{"start a new subject", fresh})
		var err error
		if pick, err = t.Choose("Which audit?", opts); err != nil {
			return "", err
		}
	}
	if pick != fresh {
		return pick, nil
	}
	s, err := t.Text("Subject: which service are you auditing?", "")
	*subject = s
	return "", err
}

// interview asks the manual items on the terminal, saving every answer.
func (o *RunOptions) interview(cl *checklist.Checklist, automated map[string]rule.Outcome) (*answers.File, bool, error) {
	p := o.prompter
	var term *interview.Terminal
	if p == nil {
		term = interview.NewTerminal(o.IO.In, o.IO.Out, o.IO.Color)
		term.Context = o.ctx
		p = term
	}
	path := o.Answers
	if path == "" && o.Subject == "" && o.prompter == nil {
		var err error
		if path, err = pickAnswers(term, cl, &o.Subject); err != nil {
			// interrupted before the first question: nothing to keep
			if serr := o.stopped(); serr != nil {
				return nil, false, serr
			}
			return nil, false, &InterruptedError{Reason: "no answers file written, no Result written"}
		}
	}
	if path == "" {
		o.Subject = strings.TrimSpace(o.Subject)
		path = defaultAnswersPath(cl, o.Subject)
	}
	lock, err := interview.Acquire(path)
	if err != nil {
		return nil, false, err
	}
	defer lock.Release()

	var af *answers.File
	if _, err := os.Stat(path); err == nil {
		af, err = answers.Load(path)
		if err != nil {
			return nil, false, err
		}
		if err := af.Check(cl); err != nil {
			return nil, false, err
		}
		if o.Subject != "" {
			af.Subject = o.Subject
		}
		fmt.Fprintf(o.IO.Out, "Answers file: %s\n", safe.Line(path))
	} else {
		af = &answers.File{Checklist: o.Checklist, Subject: o.Subject, Auditor: o.Auditor, Date: o.Date}
		if af.Date == "" {
			af.Date = o.now().Format("2006-01-02")
		}
		if err := answers.Save(path, af); err != nil {
			return nil, false, err
		}
		fmt.Fprintf(o.IO.Out, "Answers are saved to %s after every answer.\n", safe.Line(path))
	}
	if o.Auditor != "" {
		af.Auditor = o.Auditor
	}
	iv := &interview.Interview{Checklist: cl, File: af, Path: path, Automated: automated, Out: o.IO.Out,
		AskAutomated: len(o.Docs) == 0}
	done, err := iv.Run(p)
	if errors.Is(err, interview.ErrInterrupted) {
		o.stoppedAt(iv, path)
		if serr := o.stopped(); serr != nil {
			return af, false, serr
		}
		return af, false, &InterruptedError{Reason: "every answer given is saved in " + safe.Line(path) + "; no Result written"}
	}
	if err != nil {
		return nil, false, err
	}
	if !done {
		o.stoppedAt(iv, path)
		return af, false, o.stopped()
	}
	if err := o.stopped(); err != nil {
		o.stoppedAt(iv, path)
		return af, false, err
	}
	if n := iv.Remaining(); n > 0 {
		fmt.Fprintf(o.IO.Out, "%d left unanswered (run again to answer them).\n", n)
	}
	fmt.Fprintln(o.IO.Out)
	o.Answers = path
	return af, true, nil
}

// stoppedAt says how far a stopped interview got and how to resume it: the
// same command again, or with --interactive when --answers named the file
// (without it, the file given is scored, not asked).
func (o *RunOptions) stoppedAt(iv *interview.Interview, path string) {
	again := "Run the same command again to resume."
	if o.answersGiven && !o.Interactive {
		again = "Run the same command with --interactive to resume."
	}
	fmt.Fprintf(o.IO.Out, "Stopped with %d unanswered; answers saved to %s.\n%s\n", iv.Remaining(), safe.Line(path), again)
}

// writeResult writes the Result JSON to -o, never over one of the run's own
// inputs, and over an existing file only with --force (or a yes on a
// terminal).
func (o *RunOptions) writeResult(r *result.Result, cl *checklist.Checklist) error {
	inputs := append([]string{o.Answers, o.Waivers, o.Actions, o.Cases.Log.File}, o.Docs...)
	if !strings.HasPrefix(cl.File, "builtin:") {
		inputs = append(inputs, cl.File)
	}
	for _, in := range inputs {
		if in != "" && samePath(in, o.Output) {
			return usageErrorf("-o %s would overwrite an input of the run", o.Output)
		}
	}
	if err := confirmOverwrite(o.IO, o.Output, o.Force); err != nil {
		return err
	}
	return result.Write(o.Output, r)
}

// samePath reports whether a and b name the same file (or would).
func samePath(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(sa, sb)
	}
	aa, _ := filepath.Abs(a)
	bb, _ := filepath.Abs(b)
	return aa == bb
}

// maxReasonDetail is the longest gate detail failReason repeats.
const maxReasonDetail = 72

// failReason says in one line why an audit failed.
func failReason(r *result.Result) string {
	var why []string
	if n := len(r.CriticalFailures); n > 0 {
		why = append(why, fmt.Sprintf("critical %s failed: %s", nounFor(n, "item"), strings.Join(r.CriticalFailures, ", ")))
	}
	for _, g := range r.Gates {
		if g.Passed || (len(r.CriticalFailures) > 0 && strings.HasPrefix(g.Rule, "no-critical-failures")) {
			continue
		}
		// A long detail (every section below the bar) is in the summary
		// already; the reason stays one readable line.
		if len(g.Detail) > maxReasonDetail {
			why = append(why, fmt.Sprintf("gating rule %q broke", g.Rule))
		} else {
			why = append(why, fmt.Sprintf("gating rule %q broke: %s", g.Rule, g.Detail))
		}
	}
	for _, it := range r.Items {
		if it.Critical && it.Outcome == result.Unanswered && it.Score != nil {
			why = append(why, "critical item "+it.ID+" unanswered (answer it, or --unanswered skip)")
		}
	}
	if _, counted := score.Overall(r.Sections); !counted && len(r.Unanswered) > 0 {
		why = append(why, "no item was answered")
	}
	if r.Threshold != nil && r.Score < *r.Threshold {
		why = append(why, fmt.Sprintf("score %.1f%% is below the fail-under of %v%%", r.Score, *r.Threshold))
	}
	return "audit failed: " + strings.Join(why, "; ")
}

// nounFor is noun, in the plural unless n is 1.
func nounFor(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
