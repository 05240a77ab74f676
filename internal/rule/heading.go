package rule

import (
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// headingRule holds when the text of a heading (Markdown, HTML h1–h6, a
// DOCX or ODT heading style) matches its pattern.
//
//	heading: 'complaints?'
type headingRule struct {
	pattern  int
	question string
	name     string // the pattern as a message names it, if shown
	shown    bool
}

func init() {
	register(kind{name: "heading", compile: func(c *compiler, e *checklist.Evidence) check {
		if e.Heading == nil {
			return nil
		}
		p := c.headingPattern(*e.Heading)
		if p < 0 {
			return nil
		}
		r := &headingRule{pattern: p, question: question(c.item)}
		r.name, r.shown = shortPattern(c.set, p)
		return r
	}})
}

// collect keeps the first matching heading (Lists[0]).
func (r *headingRule) collect(ev *evidence) result.Tally {
	t := result.Tally{Kind: "heading", Lists: make([][]result.Finding, 1)}
	pat := ev.set.patterns[r.pattern]
	for di, d := range ev.docs {
		for _, h := range d.Headings {
			loc := pat.re.FindStringIndex(h.Text)
			if loc == nil {
				continue
			}
			m := match{doc: di, start: h.Off, end: h.Off + len(h.Text)}
			if m.end > len(d.Text) || d.Text[m.start:m.end] != h.Text {
				m.end = m.start
			}
			f := ev.at("heading", severityInfo, m, "found heading "+quote(h.Text))
			if m.end == m.start {
				f.Snippet = snippet(h.Text, loc[0], loc[1])
			}
			t.Lists[0] = []result.Finding{f}
			return t
		}
	}
	return t
}

func (r *headingRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	if len(t.Lists[0]) > 0 {
		return verdictPass, t.Lists[0][:1]
	}
	msg := explain(r.question, "no matching heading")
	if r.question == "" {
		msg = "no matching heading found"
	}
	if r.shown {
		msg = "no heading matches " + r.name
	}
	return verdictFail, []result.Finding{w.whole("heading", severityError, msg)}
}
