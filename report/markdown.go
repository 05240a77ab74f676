package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/svcaudit/svcaudit/internal/safe"
)

// md keeps a value inside its table cell and out of the Markdown
// (safe.MarkdownCell): pipes would end the cell, newlines the row, and raw
// HTML would render.
func md(s string) string { return safe.MarkdownCell(s) }

// renderMarkdown writes GitHub-flavoured Markdown that pastes into a board
// paper.
func renderMarkdown(out io.Writer, v *view) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "# %s\n", md(v.Title))
	if v.Single() {
		c := v.Subjects[0]
		a := v.Audit(0)
		// The subject heads the table: GitHub's tables need a header row,
		// and an empty one prints as a blank band.
		fmt.Fprintf(w, "\n| Subject | %s |\n|---|---|\n", md(c.Subject))
		fmt.Fprintf(w, "| Checklist | %s (%s) |\n", md(c.r.Checklist.Title), md(c.Checklist))
		if v.Period != "" {
			fmt.Fprintf(w, "| Period | %s |\n", md(v.Period))
		}
		if c.Date != "" {
			fmt.Fprintf(w, "| Date | %s |\n", md(c.Date))
		}
		if c.Auditor != "" {
			fmt.Fprintf(w, "| Auditor | %s |\n", md(c.Auditor))
		}
		if v.Produced != "" {
			fmt.Fprintf(w, "| Produced | %s |\n", md(v.Produced))
		}
		score := num(c.Score) + "%"
		if c.Delta != nil {
			score += " (" + deltaText(c.Delta) + " since " + md(c.Baseline) + ")"
		}
		fmt.Fprintf(w, "| Score | **%s** |\n", score)
		fmt.Fprintf(w, "| Grade | **%s** (%s) |\n", md(c.Grade), ragWord(c.RAG))
		fmt.Fprintf(w, "| Passed | %s |\n", passedText(c.Passed, len(c.r.CriticalFailures), a.Gates))
	} else {
		var facts []string
		if v.Period != "" {
			facts = append(facts, "Period: "+md(v.Period))
		}
		if v.Produced != "" {
			facts = append(facts, "Produced: "+md(v.Produced))
		}
		if len(facts) > 0 {
			fmt.Fprintf(w, "\n%s\n", strings.Join(facts, " · "))
		}
		fmt.Fprintf(w, "\n## Summary\n\n")
		head := "| Subject | Date | Score | Grade | Passed |"
		rule := "|---|---|--:|---|---|"
		if v.Sort == "score" {
			head, rule = "| Rank "+head, "|--:"+rule
		}
		if v.HasBaseline {
			head, rule = head+" Change |", rule+"--:|"
		}
		fmt.Fprintln(w, head)
		fmt.Fprintln(w, rule)
		for _, c := range v.Subjects {
			if v.Sort == "score" {
				fmt.Fprintf(w, "| %d ", c.Rank)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s (%s) | %s |", md(c.Label), md(c.Date), num(c.Score), md(c.Grade), ragWord(c.RAG), yesNo(c.Passed))
			if v.HasBaseline {
				fmt.Fprintf(w, " %s |", c.DeltaText())
			}
			fmt.Fprintln(w)
		}
	}
	mdGrid(w, v)
	for a := range v.EachAudit() {
		mdAudit(w, v, a)
	}
	if len(v.Trends) > 0 {
		fmt.Fprintf(w, "\n## Trend\n\n| Subject | Date | Score | Grade |\n|---|---|--:|---|\n")
		for _, tr := range v.Trends {
			for _, p := range tr.Points {
				fmt.Fprintf(w, "| %s | %s | %s | %s (%s) |\n", md(tr.Subject), md(p.Date), num(p.Score), md(p.Grade), ragWord(p.RAG))
			}
		}
	}
	return w.Flush()
}

func mdCell(c cell) string {
	s := c.Text()
	if word := c.RAGWord(); word != "" {
		s += " " + word
	}
	if d := c.DeltaText(); d != "" {
		s += " " + d
	}
	return s
}

func mdGrid(w *bufio.Writer, v *view) {
	first := "Section"
	if v.By == "item" {
		first = "Item"
	}
	if v.Single() {
		fmt.Fprintf(w, "\n## %ss\n\n| %s | Score | Grade |", first, first)
		rule := "|---|--:|---|"
		if v.HasBaseline {
			fmt.Fprint(w, " Change |")
			rule += "--:|"
		}
		fmt.Fprintf(w, "\n%s\n", rule)
		line := func(label string, c cell) {
			fmt.Fprintf(w, "| %s | %s | %s |", label, c.Text(), mdGrade(c))
			if v.HasBaseline {
				fmt.Fprintf(w, " %s |", c.DeltaText())
			}
			fmt.Fprintln(w)
		}
		for _, r := range v.Rows {
			line(md(rowLabel(v, r)), r.Cells[0])
		}
		line("**Overall**", v.Overall.Cells[0])
		return
	}
	fmt.Fprintf(w, "\n## Comparison by %s\n\n| %s |", strings.ToLower(first), first)
	rule := "|---|"
	for _, c := range v.Subjects {
		fmt.Fprintf(w, " %s |", md(c.Label))
		rule += "---|"
	}
	fmt.Fprintf(w, "\n%s\n", rule)
	for _, r := range v.Rows {
		fmt.Fprintf(w, "| %s |", md(rowLabel(v, r)))
		for _, c := range r.Cells {
			fmt.Fprintf(w, " %s |", mdCell(c))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, "| **Overall** |")
	for _, c := range v.Overall.Cells {
		fmt.Fprintf(w, " **%s** |", mdCell(c))
	}
	fmt.Fprintln(w)
}

func mdGrade(c cell) string {
	if c.Grade == "" {
		return ragWord(c.RAG)
	}
	if c.RAG == "" {
		return md(c.Grade)
	}
	return md(c.Grade) + " (" + ragWord(c.RAG) + ")"
}

func rowLabel(v *view, r row) string {
	if v.By == "item" {
		return r.Name()
	}
	return r.Title
}

func mdAudit(w *bufio.Writer, v *view, a audit) {
	h := "##"
	if !v.Single() {
		fmt.Fprintf(w, "\n## %s\n", md(a.Subject))
		h = "###"
	}
	if len(a.Gates) > 0 {
		fmt.Fprintf(w, "\n%s Gating rules\n\n| Rule | Held | Detail |\n|---|---|---|\n", h)
		for _, g := range a.Gates {
			fmt.Fprintf(w, "| %s | %s | %s |\n", md(g.Rule), yesNo(g.Passed), md(g.Detail))
		}
	}
	if len(a.Notices) > 0 {
		fmt.Fprintf(w, "\n%s Notices\n\n", h)
		for _, n := range a.Notices {
			fmt.Fprintf(w, "- %s\n", md(n))
		}
	}
	fmt.Fprintf(w, "\n%s Failed and partial items\n\n", h)
	if len(a.Failures) == 0 {
		fmt.Fprintln(w, "None.")
	} else if v.Summary {
		fmt.Fprintln(w, failureCounts(a.Failures))
	} else {
		if v.HasActions {
			fmt.Fprintln(w, "| Item | Outcome | Answer | Note | Evidence | Open actions |")
			fmt.Fprintln(w, "|---|---|---|---|---|---|")
		} else {
			fmt.Fprintln(w, "| Item | Outcome | Answer | Note | Evidence |")
			fmt.Fprintln(w, "|---|---|---|---|---|")
		}
		for _, f := range a.Failures {
			outcome := f.Outcome
			if f.Critical {
				outcome = "**critical " + outcome + "**"
			}
			ans := f.Answer
			if ans == "" {
				ans = f.Source
			} else {
				ans += " (" + f.Source + ")"
			}
			if f.Automated != "" {
				ans += ", documents said " + f.Automated
			}
			var acts []string
			for _, act := range f.Actions {
				acts = append(acts, mdAction(act))
			}
			var ev []string
			for _, e := range f.Evidence {
				ev = append(ev, md(e))
			}
			fmt.Fprintf(w, "| %s<br>%s | %s | %s | %s | %s |", md(f.Name()), md(f.Question), outcome, md(ans), md(f.Note), strings.Join(ev, "<br>"))
			if v.HasActions {
				fmt.Fprintf(w, " %s |", strings.Join(acts, "<br>"))
			}
			fmt.Fprintln(w)
		}
	}
	if v.Summary {
		mdChanges(w, h, a)
		return
	}
	if len(a.Actions) > 0 {
		fmt.Fprintf(w, "\n%s Other open actions\n\n| Action | Item | Description | Owner | Due |\n|---|---|---|---|---|\n", h)
		for _, act := range a.Actions {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", md(act.ID), md(act.Item), md(act.Description), md(act.Owner), mdDue(act))
		}
	}
	if len(a.Waived) > 0 {
		fmt.Fprintf(w, "\n%s Waived items\n\n| Item | Owner | Reason | Expires |\n|---|---|---|---|\n", h)
		for _, x := range a.Waived {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", md(x.Name()), md(x.Owner), md(x.Reason), md(x.Expires))
		}
	}
	if len(a.Unanswered) > 0 {
		fmt.Fprintf(w, "\n%s Unanswered items\n\n", h)
		for _, x := range a.Unanswered {
			fmt.Fprintf(w, "- %s: %s\n", md(x.Name()), md(x.Question))
		}
	}
	if len(a.NotAsked) > 0 {
		fmt.Fprintf(w, "\n%s Follow-up questions not asked\n\n", h)
		for _, x := range a.NotAsked {
			fmt.Fprintf(w, "- %s: %s\n", md(x.Name()), md(x.Why))
		}
	}
	mdChanges(w, h, a)
}

func mdChanges(w *bufio.Writer, h string, a audit) {
	if len(a.Changes) > 0 {
		fmt.Fprintf(w, "\n%s Changes since the baseline\n\n| Change | Item | Was | Now |\n|---|---|---|---|\n", h)
		for _, ch := range a.Changes {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", ch.Kind, md(ch.Name()), ch.From, ch.To)
		}
	}
}

func mdAction(a openAction) string {
	due := a.dueClause()
	if a.IsOverdue() {
		due = "**" + due + "**"
	}
	return fmt.Sprintf("%s: %s (%s, due %s)", md(a.ID), md(a.Description), md(a.Owner), due)
}

func mdDue(a openAction) string {
	if a.IsOverdue() {
		return "**" + a.DueText() + "**"
	}
	return a.DueText()
}
