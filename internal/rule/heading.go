package rule

import (
	"fmt"

	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/result"
)

// headingRule holds when the text of a heading (Markdown, HTML h1–h6, a
// DOCX or ODT heading style) matches its pattern.
//
//	heading: 'complaints?'
type headingRule struct {
	pattern int
}

func init() {
	register(kind{name: "heading", compile: func(c *compiler, e *checklist.Evidence) check {
		if e.Heading == nil {
			return nil
		}
		p := c.pattern(*e.Heading)
		if p < 0 {
			return nil
		}
		return &headingRule{pattern: p}
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
			f := ev.at("heading", severityInfo, m, fmt.Sprintf("heading %s matches %q", quote(h.Text), pat.expr))
			if m.end == m.start {
				f.Snippet = snippet(h.Text, loc[0], loc[1])
			}
			return true, []result.Finding{f}
		}
	}
	return false, []result.Finding{ev.whole("heading", severityError, fmt.Sprintf("no heading matches %q", pat.expr))}
}
