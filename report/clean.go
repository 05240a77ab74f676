package report

import (
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/result"
)

// cleanText makes a field of a Result safe on one line of any format
// (safe.Line): escape sequences, controls, bidi controls go, and a line
// break becomes a space, so that a newline in a subject, a grade label or
// a file name never starts a line of a table or a text report. Notes and
// evidence, which may run over several lines, are cleaned by cleanLines.
func cleanText(s string) string { return safe.Line(s) }

// cleanLines is safe.Text: like cleanText, but line breaks are kept (each
// renderer indents or joins them).
func cleanLines(s string) string { return safe.Text(s) }

func cleanAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = cleanText(s)
	}
	return out
}

// cleanResults returns copies of rs with every text field cleaned by
// cleanText; the Results given are not changed.
func cleanResults(rs []*result.Result) []*result.Result {
	out := make([]*result.Result, len(rs))
	for i, r := range rs {
		if r == nil {
			continue
		}
		c := *r
		c.Checklist.ID, c.Checklist.Title, c.Checklist.Version = cleanText(c.Checklist.ID), cleanText(c.Checklist.Title), cleanText(c.Checklist.Version)
		c.Subject, c.Auditor, c.Date = cleanText(c.Subject), cleanText(c.Auditor), cleanText(c.Date)
		c.Grade.Label = cleanText(c.Grade.Label)
		c.CriticalFailures, c.Unanswered = cleanAll(c.CriticalFailures), cleanAll(c.Unanswered)
		c.Notices, c.Documents = cleanAll(c.Notices), cleanAll(c.Documents)
		c.Gates = append([]result.GateResult(nil), c.Gates...)
		for j := range c.Gates {
			c.Gates[j].Rule, c.Gates[j].Detail = cleanText(c.Gates[j].Rule), cleanText(c.Gates[j].Detail)
		}
		c.Sections = append([]result.Section(nil), c.Sections...)
		for j := range c.Sections {
			s := &c.Sections[j]
			s.ID, s.Title = cleanText(s.ID), cleanText(s.Title)
			if s.Grade != nil {
				g := *s.Grade
				g.Label = cleanText(g.Label)
				s.Grade = &g
			}
		}
		c.Items = append([]result.Item(nil), c.Items...)
		for j := range c.Items {
			it := &c.Items[j]
			it.ID, it.Ref, it.Section, it.Question, it.Answer, it.AnswerLabel = cleanText(it.ID), cleanText(it.Ref), cleanText(it.Section), cleanText(it.Question), cleanText(it.Answer), cleanText(it.AnswerLabel)
			it.Note, it.Condition, it.Evidence = cleanLines(it.Note), cleanText(it.Condition), cleanAll(it.Evidence)
			if it.Waiver != nil {
				w := *it.Waiver
				w.Owner, w.Reason, w.File = cleanText(w.Owner), cleanLines(w.Reason), cleanText(w.File)
				it.Waiver = &w
			}
			it.Findings = append([]result.Finding(nil), it.Findings...)
			for k := range it.Findings {
				f := &it.Findings[k]
				f.File, f.Snippet, f.Message, f.Rule = cleanText(f.File), cleanText(f.Snippet), cleanText(f.Message), cleanText(f.Rule)
			}
		}
		out[i] = &c
	}
	return out
}

// cleanActions returns copies of as with their text cleaned.
func cleanActions(as []Action) []Action {
	out := append([]Action(nil), as...)
	for i := range out {
		a := &out[i]
		a.ID, a.Item, a.Subject = cleanText(a.ID), cleanText(a.Item), cleanText(a.Subject)
		a.Description, a.Owner, a.Status = cleanText(a.Description), cleanText(a.Owner), cleanText(a.Status)
	}
	return out
}
