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

// cleanAll is ss with each string cleaned: ss itself when none changes,
// else a new list (ss is never written to).
func cleanAll(ss []string) []string {
	var out []string
	for i, s := range ss {
		c := cleanText(s)
		if out == nil && c != s {
			out = append(make([]string, 0, len(ss)), ss[:i]...)
		}
		if out != nil {
			out = append(out, c)
		}
	}
	if out == nil {
		return ss
	}
	return out
}

// copyResults returns copies of rs that cleanResult may clean, and
// Prepare take, leaving the Results given unchanged.
func copyResults(rs []*result.Result) []*result.Result {
	out := make([]*result.Result, len(rs))
	for i, r := range rs {
		if r == nil {
			continue
		}
		c := *r
		c.Gates = append([]result.GateResult(nil), c.Gates...)
		c.Sections = append([]result.Section(nil), c.Sections...)
		c.Items = append([]result.Item(nil), c.Items...)
		for j := range c.Items {
			c.Items[j].Findings = append([]result.Finding(nil), c.Items[j].Findings...)
		}
		// the lists of strings, grades and waivers are replaced, not
		// written to, by cleanResult
		out[i] = &c
	}
	return out
}

// cleanResults returns copies of rs with every text field cleaned by
// cleanText; the Results given are not changed.
func cleanResults(rs []*result.Result) []*result.Result {
	out := copyResults(rs)
	for _, c := range out {
		if c != nil {
			cleanResult(c)
		}
	}
	return out
}

// cleanResult cleans every text field of r in place. The string lists,
// section grades and waivers it changes are replaced by new ones, so a Result that shares them
// with another (a shallow copy) leaves the other's alone; its gates,
// sections, items and findings are written to.
func cleanResult(c *result.Result) {
	c.Checklist.ID, c.Checklist.Title, c.Checklist.Version = cleanText(c.Checklist.ID), cleanText(c.Checklist.Title), cleanText(c.Checklist.Version)
	c.Subject, c.Auditor, c.Date = cleanText(c.Subject), cleanText(c.Auditor), cleanText(c.Date)
	c.Grade.Label = cleanText(c.Grade.Label)
	c.CriticalFailures, c.Unanswered = cleanAll(c.CriticalFailures), cleanAll(c.Unanswered)
	c.Notices, c.Documents = cleanAll(c.Notices), cleanAll(c.Documents)
	for j := range c.Gates {
		c.Gates[j].Rule, c.Gates[j].Detail = cleanText(c.Gates[j].Rule), cleanText(c.Gates[j].Detail)
	}
	for j := range c.Sections {
		s := &c.Sections[j]
		s.ID, s.Title = cleanText(s.ID), cleanText(s.Title)
		if s.Grade != nil && cleanText(s.Grade.Label) != s.Grade.Label {
			g := *s.Grade
			g.Label = cleanText(g.Label)
			s.Grade = &g
		}
	}
	for j := range c.Items {
		it := &c.Items[j]
		it.ID, it.Ref, it.Section, it.Question, it.Answer, it.AnswerLabel = cleanText(it.ID), cleanText(it.Ref), cleanText(it.Section), cleanText(it.Question), cleanText(it.Answer), cleanText(it.AnswerLabel)
		it.Note, it.Condition, it.Evidence = cleanLines(it.Note), cleanText(it.Condition), cleanAll(it.Evidence)
		if w := it.Waiver; w != nil && (cleanText(w.Owner) != w.Owner || cleanLines(w.Reason) != w.Reason || cleanText(w.File) != w.File) {
			c := *w
			c.Owner, c.Reason, c.File = cleanText(c.Owner), cleanLines(c.Reason), cleanText(c.File)
			it.Waiver = &c
		}
		for k := range it.Findings {
			f := &it.Findings[k]
			f.File, f.Snippet, f.Message, f.Rule = cleanText(f.File), cleanText(f.Snippet), cleanText(f.Message), cleanText(f.Rule)
		}
	}
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
