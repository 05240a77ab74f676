package report

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/svcaudit/svcaudit/internal/wrap"
)

// renderTable writes the report for a terminal: tables drawn with
// tablewriter, fitted to opts.Width, RAG in words and, with opts.Color, in
// colour too.
func renderTable(out io.Writer, v *view, opts Options) error {
	w := bufio.NewWriter(out)
	t := &termWriter{w: w, color: opts.Color, width: opts.Width}
	t.heading(v.Title)
	if v.Single() {
		c := v.Subjects[0]
		t.headline(v, c, c.r.Gates)
	} else {
		if v.Period != "" {
			fmt.Fprintf(w, "Period:    %s\n", v.Period)
		}
		if v.Produced != "" {
			fmt.Fprintf(w, "Produced:  %s\n", v.Produced)
		}
		t.league(v)
	}
	t.grid(v)
	for a := range v.EachAudit() {
		t.audit(v, a)
	}
	if len(v.Trends) > 0 {
		t.heading("Trend")
		for _, tr := range v.Trends {
			var ps []string
			for _, p := range tr.Points {
				ps = append(ps, fmt.Sprintf("%s %s", p.Date, num(p.Score)))
			}
			fmt.Fprintf(w, "%s: %s\n", tr.Subject, strings.Join(ps, " → "))
		}
	}
	return w.Flush()
}

type termWriter struct {
	w     *bufio.Writer
	color bool
	width int
}

func (t *termWriter) heading(s string) {
	fmt.Fprintf(t.w, "\n%s\n%s\n", t.bold(s), strings.Repeat("=", min(max(len([]rune(s)), 3), 78)))
}

func (t *termWriter) bold(s string) string {
	if !t.color {
		return s
	}
	return "\x1b[1m" + s + "\x1b[0m"
}

// rag shows text with its RAG rating: the word always (colour alone tells
// nothing to a colour-blind reader or a pipe), in colour on a terminal.
func (t *termWriter) rag(text, rag string) string {
	word := ragWord(rag)
	if word == "" {
		return text
	}
	s := text + " (" + strings.ToLower(word) + ")"
	if !t.color {
		return s
	}
	code := map[string]string{"green": "32", "amber": "33", "red": "31"}[rag]
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (t *termWriter) table(header []string, rows [][]string, footer []string) {
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithFooterAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft}),
	}
	// Only a table wider than the terminal is wrapped: tablewriter would
	// otherwise squeeze one that fits.
	if t.width > 0 && naturalWidth(header, rows, footer) > t.width {
		opts = append(opts, tablewriter.WithMaxWidth(t.width))
	}
	tb := tablewriter.NewTable(t.w, opts...)
	tb.Header(header)
	for _, r := range rows {
		_ = tb.Append(r)
	}
	if footer != nil {
		tb.Footer(footer)
	}
	_ = tb.Render()
}

// naturalWidth is the width of a table drawn without wrapping: each
// column as wide as its widest cell, plus borders and padding.
func naturalWidth(header []string, rows [][]string, footer []string) int {
	var widths []int
	measure := func(r []string) {
		for i, c := range r {
			for len(widths) <= i {
				widths = append(widths, 0)
			}
			for _, l := range strings.Split(c, "\n") {
				widths[i] = max(widths[i], runewidth.StringWidth(ansiRE.ReplaceAllString(l, "")))
			}
		}
	}
	measure(header)
	for _, r := range rows {
		measure(r)
	}
	measure(footer)
	n := 1
	for _, w := range widths {
		n += w + 3
	}
	return n
}

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

func (t *termWriter) headline(v *view, c column, gates []gateView) {
	w := t.w
	fmt.Fprintf(w, "Checklist: %s\n", c.r.Checklist.Title+" ("+c.Checklist+")")
	fmt.Fprintf(w, "Subject:   %s\n", c.Subject)
	if v.Period != "" {
		fmt.Fprintf(w, "Period:    %s\n", v.Period)
	}
	if c.Date != "" {
		fmt.Fprintf(w, "Date:      %s\n", c.Date)
	}
	if c.Auditor != "" {
		fmt.Fprintf(w, "Auditor:   %s\n", c.Auditor)
	}
	if v.Produced != "" {
		fmt.Fprintf(w, "Produced:  %s\n", v.Produced)
	}
	score := num(c.Score) + "%"
	if c.Delta != nil {
		score += "  " + deltaText(c.Delta) + " since " + c.Baseline
	}
	fmt.Fprintf(w, "Score:     %s\n", score)
	fmt.Fprintf(w, "Grade:     %s\n", t.rag(c.Grade, c.RAG))
	fmt.Fprintf(w, "Passed:    %s\n", passedText(c.Passed, len(c.r.CriticalFailures), gates))
}

func (t *termWriter) league(v *view) {
	header := []string{"Subject", "Date", "Score", "Grade", "Passed"}
	if v.Sort == "score" {
		header = append([]string{"Rank"}, header...)
	}
	if v.HasBaseline {
		header = append(header, "Change")
	}
	var rows [][]string
	for i, c := range v.Subjects {
		r := []string{c.Label, c.Date, num(c.Score), t.rag(c.Grade, c.RAG), yesNo(c.Passed)}
		if v.Sort == "score" {
			r = append([]string{itoa(c.Rank)}, r...)
		}
		if v.HasBaseline {
			r = append(r, c.DeltaText())
		}
		rows = append(rows, r)
		_ = i
	}
	t.heading("Summary")
	t.table(header, rows, nil)
}

func (t *termWriter) grid(v *view) {
	first := "Section"
	if v.By == "item" {
		first = "Item"
	}
	if v.Single() {
		t.heading(first + "s")
		header := []string{first, "Score", "Grade"}
		if v.HasBaseline {
			header = append(header, "Change")
		}
		var rows [][]string
		for _, r := range v.Rows {
			c := r.Cells[0]
			row := []string{r.Title, c.Text(), t.rag(c.Grade, c.RAG)}
			if v.By == "item" {
				row[0] = r.Name()
			}
			if v.HasBaseline {
				row = append(row, c.DeltaText())
			}
			rows = append(rows, row)
		}
		o := v.Overall.Cells[0]
		footer := []string{"Overall", o.Text(), t.rag(o.Grade, o.RAG)}
		if v.HasBaseline {
			footer = append(footer, o.DeltaText())
		}
		t.table(header, rows, footer)
		return
	}
	t.heading("Comparison by " + strings.ToLower(first))
	header := []string{first}
	for _, c := range v.Subjects {
		header = append(header, c.Label)
	}
	cellText := func(c cell) string {
		s := t.rag(c.Text(), c.RAG)
		if d := c.DeltaText(); d != "" {
			s += " " + d
		}
		return s
	}
	var rows [][]string
	for _, r := range v.Rows {
		label := r.Title
		if v.By == "item" {
			label = r.Name()
		}
		row := []string{label}
		for _, c := range r.Cells {
			row = append(row, cellText(c))
		}
		rows = append(rows, row)
	}
	footer := []string{"Overall"}
	for _, c := range v.Overall.Cells {
		footer = append(footer, cellText(c))
	}
	t.table(header, rows, footer)
}

func (t *termWriter) audit(v *view, a audit) {
	w := t.w
	prefix := ""
	if !v.Single() {
		prefix = a.Subject + ": "
	}
	if !v.Single() && len(a.Gates) > 0 {
		t.heading(prefix + "gating rules")
	} else if len(a.Gates) > 0 {
		t.heading("Gating rules")
	}
	for _, g := range a.Gates {
		t.para(t.mark(g.Passed)+" "+g.Rule+dashed(g.Detail), 10)
	}
	if len(a.Notices) > 0 {
		t.heading(prefix + "Notices")
		for _, n := range a.Notices {
			t.para("! "+n, 2)
		}
	}
	t.heading(prefix + "Failed and partial items")
	if len(a.Failures) == 0 {
		fmt.Fprintln(w, "None.")
	}
	if v.Summary {
		if len(a.Failures) > 0 {
			fmt.Fprintln(w, failureCounts(a.Failures))
		}
		t.changes(prefix, a)
		return
	}
	// Later lines of an entry are indented under its first; on a terminal
	// each wraps at word boundaries to fit.
	line := func(label, text string) {
		pad := strings.Repeat(" ", 4+len([]rune(label)))
		if t.width <= 0 {
			fmt.Fprintf(w, "    %s%s\n", label, indent(text, pad))
			return
		}
		var out []string
		for _, para := range strings.Split(text, "\n") {
			out = append(out, wrap.Hanging(para, t.width-len(pad), t.width-len(pad))...)
		}
		fmt.Fprintf(w, "    %s%s\n", label, strings.Join(out, "\n"+pad))
	}
	for _, f := range a.Failures {
		label := strings.ToUpper(f.Outcome)
		if f.Critical {
			label = "CRITICAL " + label
		}
		if t.color {
			code := "33"
			if f.Outcome == "fail" {
				code = "31"
			}
			label = "\x1b[" + code + "m" + label + "\x1b[0m"
		}
		fmt.Fprintf(w, "%s %s\n", label, f.Name())
		line("", f.Question)
		src := f.Source
		if f.Automated != "" {
			src += ", documents said " + f.Automated
		}
		if f.Answer != "" {
			line("answer: ", f.Answer+" ("+src+")")
		} else {
			line("source: ", src)
		}
		if f.Note != "" {
			line("note: ", f.Note)
		}
		for _, e := range f.Evidence {
			line("evidence: ", e)
		}
		for _, act := range f.Actions {
			// The due date keeps its colour: it is not wrapped.
			line("action "+act.ID+": ", act.Description+" ("+act.Owner+", due "+act.dueClause()+")")
		}
	}
	if len(a.Actions) > 0 {
		t.heading(prefix + "Other open actions")
		for _, act := range a.Actions {
			t.para(act.ID+" "+act.Item+": "+act.Description+" ("+act.Owner+", due "+act.dueClause()+")", 4)
		}
	}
	if len(a.Waived) > 0 {
		t.heading(prefix + "Waived items")
		for _, x := range a.Waived {
			t.para(x.Name()+": "+x.why, 4)
		}
	}
	if len(a.Unanswered) > 0 {
		t.heading(prefix + "Unanswered items")
		for _, x := range a.Unanswered {
			t.para(x.Name()+": "+x.Question, 4)
		}
	}
	if len(a.NotAsked) > 0 {
		t.heading(prefix + "Follow-up questions not asked")
		for _, x := range a.NotAsked {
			t.para(x.Name()+": "+x.Why, 4)
		}
	}
	t.changes(prefix, a)
}

func (t *termWriter) changes(prefix string, a audit) {
	if len(a.Changes) > 0 {
		t.heading(prefix + "Changes since the baseline")
		for _, ch := range a.Changes {
			t.para(ch.Kind+": "+ch.Name()+" ("+ch.From+" → "+ch.To+")", 4)
		}
	}
}

// failureCounts is the one line a summary gives in place of the failed
// and partial items.
func failureCounts(fs []failure) string {
	fails, partial := 0, 0
	for _, f := range fs {
		if f.Outcome == "fail" {
			fails++
		} else {
			partial++
		}
	}
	return plural(fails, "item failed", "items failed") + ", " + plural(partial, "item was", "items were") +
		" partly met; the full report lists each with its evidence."
}

// para writes one entry of a list: whole in a pipe; on a terminal wrapped
// at word boundaries, its later lines indented by hang columns.
func (t *termWriter) para(s string, hang int) {
	if t.width <= 0 {
		fmt.Fprintln(t.w, s)
		return
	}
	pad := strings.Repeat(" ", hang)
	fmt.Fprintln(t.w, strings.Join(wrap.Hanging(s, t.width, t.width-hang), "\n"+pad))
}

func (t *termWriter) mark(ok bool) string {
	if ok {
		return "✓ held:  "
	}
	return "✗ FAILED:"
}

func dashed(s string) string {
	if s == "" {
		return ""
	}
	return " — " + s
}

func indent(s, pad string) string { return strings.ReplaceAll(s, "\n", "\n"+pad) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// passedText says whether the audit passed and, if not, why in brief.
func passedText(passed bool, critical int, gates []gateView) string {
	if passed {
		return "yes"
	}
	var why []string
	if critical > 0 {
		why = append(why, plural(critical, "critical failure", "critical failures"))
	}
	failed := 0
	for _, g := range gates {
		if !g.Passed {
			failed++
		}
	}
	if failed > 0 {
		why = append(why, plural(failed, "gating rule", "gating rules")+" failed")
	}
	if len(why) == 0 {
		return "no"
	}
	return "no (" + strings.Join(why, ", ") + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
