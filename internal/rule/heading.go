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
		return &headingRule{pattern: p, question: question(c.item)}
	}})
}

func (r *headingRule) run(ev *evidence) (bool, []result.Finding) {
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
			return true, []result.Finding{f}
		}
	}
	msg := explain(r.question, "no matching heading")
	if r.question == "" {
		msg = "no matching heading found"
	}
	if name, ok := shortPattern(ev.set, r.pattern); ok {
		msg = "no heading matches " + name
	}
	return false, []result.Finding{ev.whole("heading", severityError, msg)}
}
