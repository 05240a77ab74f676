package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/internal/wrap"
	"github.com/svcaudit/svcaudit/result"
)

// printSummary prints a scored Result: the overall score and grade, each
// section's score and grade, critical failures, unanswered items and broken
// gating rules. RAG ratings are coloured only when ios.Color is set.
func printSummary(ios *IOStreams, r *result.Result, format string) error {
	switch format {
	case "json":
		b, err := result.Marshal(r)
		if err != nil {
			return err
		}
		_, err = ios.Out.Write(b)
		return err
	case "md":
		return summaryMarkdown(ios.Out, r)
	}
	return summaryTable(ios, r)
}

func status(r *result.Result) string {
	if r.Passed {
		return "PASSED"
	}
	return "FAILED"
}

func scoreText(p *float64) string {
	if p == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", *p)
}

// rag shows a RAG rating: a coloured block on a terminal, the word otherwise.
func rag(ios *IOStreams, r string) string {
	if !ios.Color {
		return r
	}
	code := map[string]string{"red": "41;97", "amber": "43;30", "green": "42;30"}[r]
	if code == "" {
		return r
	}
	return "\x1b[" + code + "m " + r + " \x1b[0m"
}

func summaryTable(ios *IOStreams, r *result.Result) error {
	w := ios.Out
	s := safe.Line
	fmt.Fprintf(w, "%s", s(r.Checklist.Title))
	if r.Checklist.Version != "" {
		fmt.Fprintf(w, " (version %s)", s(r.Checklist.Version))
	}
	subject := r.Subject
	if subject == "" {
		subject = "(not given)"
	}
	fmt.Fprintf(w, "\nSubject: %s", s(subject))
	if r.Auditor != "" {
		fmt.Fprintf(w, " · auditor %s", s(r.Auditor))
	}
	if r.Date != "" {
		fmt.Fprintf(w, " · %s", r.Date)
	}
	fmt.Fprintf(w, "\nScore: %.1f%% · %s · %s · %s\n", r.Score, s(r.Grade.Label), rag(ios, r.Grade.RAG), status(r))
	answered := 0
	for _, it := range r.Items {
		if it.Outcome != result.Unanswered {
			answered++
		}
	}
	fmt.Fprintf(w, "Answered: %d of %d items\n", answered, len(r.Items))
	if r.Threshold != nil {
		fmt.Fprintf(w, "Fail-under: %s%%\n", strconv.FormatFloat(*r.Threshold, 'f', -1, 64))
	}
	fmt.Fprintln(w)

	// The same plain header as list's and show's tables.
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
	)
	t.Header([]string{"Section", "Score", "Grade", "RAG"})
	for _, sec := range r.Sections {
		label, rg := "not applicable", "-"
		if sec.Grade != nil {
			label, rg = sec.Grade.Label, rag(ios, sec.Grade.RAG)
		}
		t.Append([]string{s(sec.Title), scoreText(sec.Score), s(label), rg})
	}
	if err := t.Render(); err != nil {
		return err
	}
	writeLists(w, r, "", ios.Width)
	return nil
}

// writeLists prints critical failures, the other items not met (failed or
// partly met), unanswered items, gating rules and
// notices, each line prefixed by bullet. A width above 0 (a terminal's)
// wraps each entry to it, its later lines indented.
func writeLists(w io.Writer, r *result.Result, bullet string, width int) {
	entry := func(label, text string) {
		prefix := bullet + "  "
		if label != "" {
			prefix += safe.Line(label) + "  "
		}
		indent := bullet + "    "
		lines := []string{safe.Line(oneLine(text))}
		if width > 0 {
			lines = wrap.Hanging(lines[0], width-runewidth.StringWidth(prefix), width-len(indent))
		}
		fmt.Fprintf(w, "%s%s\n", prefix, strings.Join(lines, "\n"+indent))
	}
	q := map[string]string{}
	name := map[string]string{}
	for _, it := range r.Items {
		q[it.ID] = it.Question
		name[it.ID] = it.ID
		if it.Ref != "" {
			name[it.ID] = it.ID + " (" + it.Ref + ")"
		}
	}
	if len(r.CriticalFailures) > 0 {
		fmt.Fprintf(w, "\nCritical failures (%d):\n", len(r.CriticalFailures))
		for _, id := range r.CriticalFailures {
			entry(name[id], q[id])
		}
	}
	critical := map[string]bool{}
	for _, id := range r.CriticalFailures {
		critical[id] = true
	}
	var notMet []result.Item
	for _, it := range r.Items {
		if (it.Outcome == result.Fail || it.Outcome == result.Partial) && !critical[it.ID] {
			notMet = append(notMet, it)
		}
	}
	if len(notMet) > 0 {
		fmt.Fprintf(w, "\nNot met (%d):\n", len(notMet))
		for _, it := range notMet {
			entry(name[it.ID]+"  "+string(it.Outcome), it.Question)
		}
	}
	if len(r.Unanswered) > 0 {
		fmt.Fprintf(w, "\nUnanswered (%d):\n", len(r.Unanswered))
		for _, id := range r.Unanswered {
			entry(id, q[id])
		}
	}
	var broken []result.GateResult
	for _, g := range r.Gates {
		if !g.Passed {
			broken = append(broken, g)
		}
	}
	if len(broken) > 0 {
		fmt.Fprintf(w, "\nGating rules broken (%d of %d):\n", len(broken), len(r.Gates))
		for _, g := range broken {
			entry("", g.Rule+": "+g.Detail)
		}
	}
	if len(r.Measures) > 0 {
		fmt.Fprintf(w, "\nMeasures (%d):\n", len(r.Measures))
		for _, m := range r.Measures {
			entry(m.ID, measureText(m))
		}
	}
	if len(r.Notices) > 0 {
		fmt.Fprintln(w, "\nNotices:")
		for _, n := range r.Notices {
			entry("", n)
		}
	}
	if r.Threshold != nil && r.Score < *r.Threshold {
		fmt.Fprintf(w, "\nScore %.1f%% is below the threshold of %v%%.\n", r.Score, *r.Threshold)
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func summaryMarkdown(w io.Writer, r *result.Result) error {
	fmt.Fprintf(w, "## %s: %s\n\n", mdCell(r.Checklist.Title), mdCell(r.Subject))
	fmt.Fprintf(w, "**Score %.1f%%**, %s (%s), %s", r.Score, mdCell(r.Grade.Label), r.Grade.RAG, strings.ToLower(status(r)))
	if r.Date != "" {
		fmt.Fprintf(w, " · %s", r.Date)
	}
	fmt.Fprint(w, "\n\n| Section | Score | Grade | RAG |\n| --- | ---: | --- | --- |\n")
	for _, sec := range r.Sections {
		label, rg := "not applicable", "-"
		if sec.Grade != nil {
			label, rg = sec.Grade.Label, sec.Grade.RAG
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdCell(sec.Title), scoreText(sec.Score), mdCell(label), rg)
	}
	writeLists(w, r, "-", 0)
	return nil
}

// measureText is a measure's value with what it counts, e.g.
// "87.5% (35 of 40): Stage 1 complaints responded to ...".
func measureText(m result.Measure) string {
	if m.Unit == "%" {
		if m.Denominator == 0 {
			return "n/a (none counted): " + m.Title
		}
		return fmt.Sprintf("%.1f%% (%d of %d): %s", m.Value, m.Numerator, m.Denominator, m.Title)
	}
	return fmt.Sprintf("%.1f (%d complaints, %d homes): %s", m.Value, m.Numerator, m.Denominator, m.Title)
}
