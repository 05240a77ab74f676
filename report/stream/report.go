package stream

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/result"
)

// Formats are the formats Render writes.
var Formats = []string{"text", "json", "junit", "sarif", "github", "codequality"}

// Report is everything a check found.
type Report struct {
	// Results holds one Result per document and checklist (or per
	// checklist with Together).
	Results []*result.Result
	// Errors are documents and paths that could not be checked.
	Errors []result.FileError
	// NotChecked are documents left unchecked because the run was
	// interrupted; Interrupted says it was.
	NotChecked  []string
	Interrupted bool
	// Checklists are the checklists of the Results, for the help text of
	// their items (SARIF rules).
	Checklists []*checklist.Checklist
	// Threshold is the --fail-under percentage, if set.
	Threshold *float64
	// MixedThresholds says documents were held to different fail-under
	// percentages (checks: entries of .svcaudit.yaml).
	MixedThresholds bool
	// Together says the documents were judged as one body of evidence.
	Together bool
	// Tally, when set, counts Results that were streamed out and are no
	// longer in Results (see Writer).
	Tally *Tally
	// Expired are the expired waivers that fail the run (--fail-on-expired),
	// each as "waiver for ITEM expired on DATE (owner), FILE:LINE".
	Expired []string
	// Baseline, when set, marked the problems of the Results (see
	// Baseline.Mark): the run fails only on new ones. AcceptAll says the
	// findings were all accepted, as a baseline is written.
	Baseline  *Baseline
	AcceptAll bool
}

// Options tune the output, not its content.
type Options struct {
	// Color allows ANSI colour in text output.
	Color bool
	// WorkDir is the folder SARIF URIs are relative to ("" = as written).
	WorkDir string
	// Version is svcaudit's version, for tool metadata.
	Version string
	// Quiet leaves documents that passed out of the text listing (the
	// summary still counts them).
	Quiet bool
	// Width is the terminal's width for the text format: a line wider is
	// wrapped at spaces, its later lines indented under its text, so that
	// ids and paths are never broken. 0 leaves every line whole (a pipe or
	// a file, for grep and editors).
	Width int
	// FailUnderSetting and FailOnExpiredSetting name, in the text format,
	// where the threshold and the failing of expired waivers are set (a
	// command line's flags: "--fail-under"); "" leaves them unnamed.
	FailUnderSetting, FailOnExpiredSetting string
	// Checklists are, for a SARIF Writer, the checklists whose automated
	// items are the rules, written before any result (Render takes them
	// from the Report).
	Checklists []*checklist.Checklist
}

// Render writes rep in format to w.
func Render(w io.Writer, format string, rep *Report, opt Options) error {
	rep = sorted(rep)
	switch format {
	case "text", "":
		return renderText(w, rep, opt)
	case "json":
		return renderJSON(w, rep)
	case "junit":
		return renderJUnit(w, rep)
	case "sarif":
		return renderSARIF(w, rep, opt)
	case "github":
		return renderGitHub(w, rep)
	case "codequality":
		return renderCodeQuality(w, rep, opt)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// Passed reports whether every Result passed, the run was complete and no
// expired waiver fails it.
func (rep *Report) Passed() bool {
	if rep.Interrupted || len(rep.Expired) > 0 {
		return false
	}
	switch {
	case rep.AcceptAll:
		return true
	case rep.Baseline != nil:
		return rep.Baseline.New == 0
	}
	return rep.tally().failed == 0
}

// Checked is the number of Results, streamed or held.
func (rep *Report) Checked() int { return rep.tally().results }

// Tally counts Results as they are made, for the summary line and the exit
// status, without keeping them.
type Tally struct {
	results, failed int
	documents       map[string]bool
	// worst is each subject's worst state: 0 passed, 1 below the
	// threshold, 2 failed otherwise.
	worst map[string]int
	// thresholds are the distinct thresholds the Results were held to
	// (-1 for none).
	thresholds map[float64]bool
}

// Threshold is the one threshold every Result counted was held to, if
// they share one.
func (t *Tally) Threshold() (float64, bool) {
	if len(t.thresholds) != 1 {
		return 0, false
	}
	for th := range t.thresholds {
		return th, th >= 0
	}
	return 0, false
}

// Add counts r.
func (t *Tally) Add(r *result.Result) {
	if t.documents == nil {
		t.documents, t.worst = map[string]bool{}, map[string]int{}
	}
	t.results++
	if t.thresholds == nil {
		t.thresholds = map[float64]bool{}
	}
	if r.Threshold != nil {
		t.thresholds[*r.Threshold] = true
	} else {
		t.thresholds[-1] = true
	}
	if len(r.Documents) == 0 {
		t.documents[r.Subject] = true
	}
	for _, d := range r.Documents {
		t.documents[d] = true
	}
	if r.Passed {
		if _, ok := t.worst[r.Subject]; !ok {
			t.worst[r.Subject] = 0
		}
		return
	}
	t.failed++
	k := 2
	if r.Threshold != nil && r.Score < *r.Threshold {
		k = 1
	}
	if cur := t.worst[r.Subject]; cur == 0 || k < cur {
		t.worst[r.Subject] = k
	}
}

// tally counts the held Results on top of the streamed ones.
func (rep *Report) tally() *Tally {
	t := &Tally{}
	if rep.Tally != nil {
		t.results, t.failed = rep.Tally.results, rep.Tally.failed
		t.documents, t.worst = map[string]bool{}, map[string]int{}
		for k, v := range rep.Tally.documents {
			t.documents[k] = v
		}
		for k, v := range rep.Tally.worst {
			t.worst[k] = v
		}
		t.thresholds = map[float64]bool{}
		for k, v := range rep.Tally.thresholds {
			t.thresholds[k] = v
		}
	}
	for _, r := range rep.Results {
		t.Add(r)
	}
	return t
}

// sorted returns a copy of rep in a stable order: results by subject then
// checklist, errors by file and place.
func sorted(rep *Report) *Report {
	c := *rep
	c.Results = append([]*result.Result(nil), rep.Results...)
	sort.SliceStable(c.Results, func(i, j int) bool {
		a, b := c.Results[i], c.Results[j]
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Checklist.ID < b.Checklist.ID
	})
	c.Errors = append([]result.FileError(nil), rep.Errors...)
	sort.SliceStable(c.Errors, func(i, j int) bool {
		a, b := c.Errors[i], c.Errors[j]
		return placeLess(place{a.File, a.Page, a.Line, a.Column}, place{b.File, b.Page, b.Line, b.Column})
	})
	c.NotChecked = append([]string(nil), rep.NotChecked...)
	sort.Strings(c.NotChecked)
	return &c
}

// shown are the problems a person is shown: with a baseline, the new ones.
func shown(fs []result.Finding) []result.Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if f.BaselineState != BaselineUnchanged {
			out = append(out, f)
		}
	}
	return out
}

// accepted reports whether r failed but every problem of it is in the
// baseline.
func accepted(r *result.Result) bool {
	if r.Passed {
		return false
	}
	any := false
	for i := range r.Items {
		it := &r.Items[i]
		if !failing(it) {
			continue
		}
		for _, f := range it.Findings {
			if isProblem(&f) {
				if f.BaselineState != BaselineUnchanged {
					return false
				}
				any = true
			}
		}
	}
	return any
}

// failing reports whether an item's outcome counts against the document.
func failing(it *result.Item) bool {
	return it.Outcome == result.Fail || it.Outcome == result.Partial
}

// problems are an item's findings that say what is wrong; an item that
// failed with none gets one naming its question.
func problems(r *result.Result, it *result.Item) []result.Finding {
	var out []result.Finding
	for _, f := range it.Findings {
		if f.Severity == "error" || f.Severity == "" {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		out = append(out, result.Finding{Message: "not met: " + it.Question})
	}
	for i := range out {
		if out[i].File == "" && len(r.Documents) <= 1 {
			out[i].File = r.Subject
		}
	}
	// In the order of the document, not of the patterns that found them.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return placeLess(place{a.File, a.Page, a.Line, a.Column}, place{b.File, b.Page, b.Line, b.Column})
	})
	return out
}

// place is where a finding or an error is: file, then page, line, column.
type place struct {
	file               string
	page, line, column int
}

// placeLess orders places as a reader meets them: by file, then page,
// line and column.
func placeLess(a, b place) bool {
	if a.file != b.file {
		return a.file < b.file
	}
	if a.page != b.page {
		return a.page < b.page
	}
	if a.line != b.line {
		return a.line < b.line
	}
	return a.column < b.column
}

// reason says why a Result failed, or "" when it passed.
func reason(r *result.Result) string {
	if r.Passed {
		return ""
	}
	var parts []string
	if r.Threshold != nil && r.Score < *r.Threshold {
		parts = append(parts, "below "+pct(*r.Threshold))
	}
	if len(r.CriticalFailures) > 0 {
		parts = append(parts, "critical item failed: "+strings.Join(r.CriticalFailures, ", "))
	}
	for _, g := range r.Gates {
		if !g.Passed {
			if strings.HasPrefix(g.Rule, "no-critical-failures") && len(r.CriticalFailures) > 0 {
				continue // said above
			}
			s := "gate " + g.Rule + " failed"
			if g.Detail != "" {
				s += ": " + g.Detail
			}
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return "failed"
	}
	return strings.Join(parts, "; ")
}

// message is a finding's message with its snippet.
func message(f result.Finding) string {
	m := clean(f.Message)
	if f.Snippet != "" {
		m += ": \"" + clean(f.Snippet) + "\""
	}
	if m == "" {
		m = "rule " + f.Rule + " failed"
	}
	return m
}

// maxMessage is the longest message, in runes, that text and annotations
// show; JSON and SARIF keep the whole.
const maxMessage = 160

// brief shortens a cleaned message to maxMessage runes.
func brief(s string) string {
	if utf8.RuneCountInString(s) <= maxMessage {
		return s
	}
	r := []rune(s)
	return string(r[:maxMessage-1]) + "…"
}

// where formats a finding's place as file:line:col (file:page N:line:col
// for PDF).
func where(f result.Finding) string {
	return clean(diag.Pos{File: f.File, Line: f.Line, Column: f.Column, Page: f.Page}.String())
}

func pct(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "%" }

func score(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }

// clean makes text from documents and checklists safe on one line of any
// output (safe.Line): escape sequences and control characters go, line
// breaks and tabs become spaces, as do the Unicode line separators, and
// bidi controls go.
func clean(s string) string { return safe.Line(s) }

// items indexes the checklists' items by full id.
func items(cls []*checklist.Checklist) map[string]*checklist.Item {
	m := map[string]*checklist.Item{}
	for _, cl := range cls {
		for _, it := range cl.Items() {
			m[it.FullID] = it
		}
	}
	return m
}

// Summary is the one-line account of a run, e.g. "12 documents checked, 3
// below 60%, 2 could not be read".
func Summary(rep *Report) string {
	t := rep.tally()
	n := len(t.documents)
	var b strings.Builder
	if rep.Interrupted {
		b.WriteString("interrupted: ")
	}
	fmt.Fprintf(&b, "%d %s checked", n, plural(n, "document", "documents"))
	if rep.Together {
		b.WriteString(" together")
	}
	below, failed := 0, 0
	for _, k := range t.worst {
		switch k {
		case 1:
			below++
		case 2:
			failed++
		}
	}
	unit := func(k int) string {
		if rep.Together {
			return ""
		}
		return strconv.Itoa(k) + " "
	}
	switch {
	case below+failed == 0 && t.results > 0 && !rep.Interrupted && len(rep.Expired) > 0:
		// Not "all passed": the run fails on its expired waivers.
		if rep.Together {
			b.WriteString(": scores passed")
		} else {
			b.WriteString(", scores passed")
		}
	case below+failed == 0 && t.results > 0 && !rep.Interrupted:
		if rep.Together {
			b.WriteString(": passed")
		} else {
			b.WriteString(", all passed")
		}
	case below+failed > 0:
		sep := ", "
		if rep.Together {
			sep = ": "
		}
		if below > 0 && rep.MixedThresholds {
			fmt.Fprintf(&b, "%s%sbelow their fail-under", sep, unit(below))
			sep = ", "
		} else if below > 0 && rep.Threshold != nil {
			fmt.Fprintf(&b, "%s%sbelow %s", sep, unit(below), pct(*rep.Threshold))
			sep = ", "
		} else if th, ok := t.Threshold(); below > 0 && ok {
			fmt.Fprintf(&b, "%s%sbelow %s", sep, unit(below), pct(th))
			sep = ", "
		} else if below > 0 {
			fmt.Fprintf(&b, "%s%sbelow their fail-under", sep, unit(below))
			sep = ", "
		} else {
			failed += below
		}
		if failed > 0 {
			fmt.Fprintf(&b, "%s%sfailed", sep, unit(failed))
		}
	}
	unread := map[string]bool{}
	for _, e := range rep.Errors {
		unread[e.File] = true
	}
	if k := len(unread); k > 0 {
		fmt.Fprintf(&b, ", %d could not be read", k)
	}
	if k := len(rep.NotChecked); k > 0 {
		fmt.Fprintf(&b, ", %d not checked", k)
	}
	if k := len(rep.Expired); k > 0 {
		fmt.Fprintf(&b, ", %d %s expired", k, plural(k, "waiver", "waivers"))
	}
	if bl := rep.Baseline; bl != nil {
		fmt.Fprintf(&b, "; %d new %s, %d in the baseline", bl.New, plural(bl.New, "finding", "findings"), bl.Unchanged)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// named is how check's output names an item: its full id, with its ref
// beside it when it has one ("housing-ombudsman-code/stage1-respond (6.3)").
func named(it *result.Item) string {
	if it.Ref == "" {
		return it.ID
	}
	return it.ID + " (" + it.Ref + ")"
}
