package stream

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/internal/wrap"
	"github.com/svcaudit/svcaudit/result"
)

// renderText writes a linter's view: for each document, its score per
// checklist and one line per problem, `file:line:col  item  message`; then
// what could not be checked, and a summary line.
func renderText(w io.Writer, rep *Report, opt Options) error {
	t := newTextWriter(w, opt)
	for _, r := range rep.Results {
		t.result(r)
	}
	return t.finish(rep)
}

// textWriter writes text output one Result at a time.
type textWriter struct {
	w       *bufio.Writer
	opt     Options
	subject string
	any     bool
	// noThreshold says a Result was judged with no fail-under.
	noThreshold bool
}

func newTextWriter(w io.Writer, opt Options) *textWriter {
	// safe.Guard: no line may begin with "::" (a file named
	// "::add-mask::x.md" printed alone on a line would be a workflow
	// command in a CI log).
	return &textWriter{w: bufio.NewWriter(safe.Guard(w)), opt: opt}
}

func (t *textWriter) paint(code, s string) string {
	if !t.opt.Color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (t *textWriter) result(r *result.Result) {
	if t.opt.Quiet && r.Passed {
		return
	}
	bw := t.w
	if r.Subject != t.subject || !t.any {
		if t.any {
			fmt.Fprintln(bw)
		}
		t.subject, t.any = r.Subject, true
		fmt.Fprintln(bw, t.paint("1", clean(r.Subject)))
	}
	if r.Threshold == nil {
		t.noThreshold = true
	}
	status := t.paint("32", "passed")
	switch {
	case accepted(r):
		status = t.paint("33", "accepted") + " (" + clean(reason(r)) + "; every finding in the baseline)"
	case !r.Passed:
		status = t.paint("31", "FAILED") + " (" + clean(reason(r)) + ")"
	}
	grade := ""
	if r.Grade.Label != "" {
		grade = "  " + clean(r.Grade.Label)
	}
	fmt.Fprintf(bw, "  %s  %s%s  %s\n", clean(r.Checklist.ID), score(r.Score), grade, status)
	for i := range r.Items {
		it := &r.Items[i]
		switch {
		case failing(it):
			for _, f := range shown(problems(r, it)) {
				loc := where(f)
				if loc == "" {
					loc = clean(r.Subject)
				}
				t.say(loc+"  "+clean(named(it)), brief(message(f)))
			}
		case it.Waiver != nil && it.Waiver.Inline:
			t.say("waived  "+clean(named(it)), clean(it.Waiver.Describe()))
		case it.Waiver != nil:
			t.say("waived  "+clean(named(it)), fmt.Sprintf("%s, until %s: %s", clean(it.Waiver.Who()), clean(it.Waiver.Until()), clean(it.Waiver.Reason)))
		}
	}
	for _, n := range r.Notices {
		t.say("notice:", clean(n))
	}
}

// say writes one line of a Result's listing, indented four columns:
// head (a place and an item, never broken) then text, whole when the line
// fits the terminal (or there is none); else text is wrapped at spaces,
// its later lines indented two columns more.
func (t *textWriter) say(head, text string) {
	const lead = "    "
	sep := "  "
	if head == "notice:" {
		sep = " "
	}
	line := lead + head + sep + text
	if t.opt.Width <= 0 || runewidth.StringWidth(line) <= t.opt.Width {
		fmt.Fprintln(t.w, line)
		return
	}
	rest := t.opt.Width - len(lead) - 2
	first := t.opt.Width - runewidth.StringWidth(lead+head+sep)
	if first < 20 {
		// The head fills the line: the text starts on the next.
		fmt.Fprintln(t.w, lead+head)
		for _, l := range wrap.Lines(text, rest) {
			fmt.Fprintf(t.w, "%s  %s\n", lead, l)
		}
		return
	}
	for i, l := range wrap.Hanging(text, first, rest) {
		if i == 0 {
			fmt.Fprintf(t.w, "%s%s%s%s\n", lead, head, sep, l)
		} else {
			fmt.Fprintf(t.w, "%s  %s\n", lead, l)
		}
	}
}

// finish writes what could not be checked and the summary.
func (t *textWriter) finish(rep *Report) error {
	bw := t.w
	if len(rep.Errors) > 0 {
		if t.any {
			fmt.Fprintln(bw)
		}
		fmt.Fprintln(bw, t.paint("1", "could not be checked"))
		for _, e := range rep.Errors {
			fmt.Fprintf(bw, "  %s: %s\n", where(errFinding(e)), clean(e.Message))
		}
	}
	if len(rep.NotChecked) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, t.paint("1", "not checked (the run was interrupted)"))
		for _, f := range rep.NotChecked {
			fmt.Fprintf(bw, "  %s\n", clean(f))
		}
	}
	if len(rep.Expired) > 0 {
		fmt.Fprintln(bw)
		head := "expired waivers"
		if t.opt.FailOnExpiredSetting != "" {
			head += " (" + t.opt.FailOnExpiredSetting + ")"
		}
		fmt.Fprintln(bw, t.paint("1", head))
		for _, e := range rep.Expired {
			fmt.Fprintf(bw, "  %s\n", clean(e))
		}
	}
	if t.any || len(rep.Errors)+len(rep.NotChecked)+len(rep.Expired) > 0 {
		fmt.Fprintln(bw)
	}
	// The threshold that applied, so that "passed" is never read without
	// the bar it cleared.
	switch th, ok := rep.tally().Threshold(); {
	case ok && rep.Threshold == nil:
		line := fmt.Sprintf("fail-under %s: a score in the checklist's lowest grade band fails", pct(th))
		if t.opt.FailUnderSetting != "" {
			line += fmt.Sprintf(" (%s sets another)", t.opt.FailUnderSetting)
		}
		if t.opt.Width > 0 {
			line = strings.Join(wrap.Lines(line, t.opt.Width), "\n")
		}
		fmt.Fprintln(bw, line)
	case ok:
		fmt.Fprintf(bw, "fail-under %s\n", pct(th))
	case t.noThreshold && len(rep.tally().thresholds) == 1:
		// Else "0.0%  passed" would puzzle.
		fmt.Fprintln(bw, "no fail-under applies: only critical items and gating rules fail a document")
	case len(rep.tally().thresholds) > 1:
		fmt.Fprintln(bw, "each document was held to its own fail-under (shown where it fell short)")
	}
	fmt.Fprintln(bw, Summary(rep))
	return bw.Flush()
}
