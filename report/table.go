package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
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
		t.headline(c, v.Audits[0].Gates)
	} else {
		t.league(v)
	}
	t.grid(v)
	for _, a := range v.Audits {
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
	if t.width > 0 {
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

func (t *termWriter) headline(c column, gates []gateView) {
	w := t.w
	fmt.Fprintf(w, "Checklist: %s\n", c.r.Checklist.Title+" ("+c.Checklist+")")
	fmt.Fprintf(w, "Subject:   %s\n", c.Subject)
	if c.Date != "" {
		fmt.Fprintf(w, "Date:      %s\n", c.Date)
	}
	if c.Auditor != "" {
		fmt.Fprintf(w, "Auditor:   %s\n", c.Auditor)
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
		fmt.Fprintf(w, "%s %s%s\n", t.mark(g.Passed), g.Rule, dashed(g.Detail))
	}
	if len(a.Notices) > 0 {
		t.heading(prefix + "Notices")
		for _, n := range a.Notices {
			fmt.Fprintf(w, "! %s\n", n)
		}
	}
	t.heading(prefix + "Failed and partial items")
	if len(a.Failures) == 0 {
		fmt.Fprintln(w, "None.")
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
		fmt.Fprintf(w, "%s %s\n    %s\n", label, f.Name(), f.Question)
		src := f.Source
		if f.Automated != "" {
			src += ", documents said " + f.Automated
		}
		if f.Answer != "" {
			fmt.Fprintf(w, "    answer: %s (%s)\n", f.Answer, src)
		} else {
			fmt.Fprintf(w, "    source: %s\n", src)
		}
		if f.Note != "" {
			fmt.Fprintf(w, "    note: %s\n", indent(f.Note, "          "))
		}
		for _, e := range f.Evidence {
			fmt.Fprintf(w, "    evidence: %s\n", e)
		}
		for _, act := range f.Actions {
			fmt.Fprintf(w, "    action %s: %s (%s, due %s)\n", act.ID, act.Description, act.Owner, t.due(act))
		}
	}
	if len(a.Actions) > 0 {
		t.heading(prefix + "Other open actions")
		for _, act := range a.Actions {
			fmt.Fprintf(w, "%s %s: %s (%s, due %s)\n", act.ID, act.Item, act.Description, act.Owner, t.due(act))
		}
	}
	if len(a.Waived) > 0 {
		t.heading(prefix + "Waived items")
		for _, x := range a.Waived {
			fmt.Fprintf(w, "%s: waived by %s until %s: %s\n", x.Name(), x.Owner, x.Expires, x.Reason)
		}
	}
	if len(a.Unanswered) > 0 {
		t.heading(prefix + "Unanswered items")
		for _, x := range a.Unanswered {
			fmt.Fprintf(w, "%s: %s\n", x.Name(), x.Question)
		}
	}
	if len(a.NotAsked) > 0 {
		t.heading(prefix + "Follow-up questions not asked")
		for _, x := range a.NotAsked {
			fmt.Fprintf(w, "%s: %s\n", x.Name(), x.Why)
		}
	}
	if len(a.Changes) > 0 {
		t.heading(prefix + "Changes since the baseline")
		for _, ch := range a.Changes {
			fmt.Fprintf(w, "%s: %s (%s → %s)\n", ch.Kind, ch.Name(), ch.From, ch.To)
		}
	}
}

func (t *termWriter) due(a openAction) string {
	s := a.DueText()
	if a.IsOverdue() && t.color {
		return "\x1b[31m" + s + "\x1b[0m"
	}
	return s
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
