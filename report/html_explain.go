package report

import (
	"html/template"
	"io"
	"strings"
)

// explanationsHTML is the "How the scores were reached" tables of one
// audit, as the template wrote them (explainTemplateText, kept in the
// tests, which compare the two); renderHTML writes them straight to the
// output (writeExplanations). They are written here because the template's
// reflection took 4 s of CPU over the 50,000 tables of 10,000 audits.
// Every value is escaped as html/template escapes text and quoted
// attribute values (htmlEscape).
func explanationsHTML(es []explanation) template.HTML {
	var b strings.Builder
	writeExplanations(&b, es)
	return template.HTML(b.String())
}

// writeExplanations writes explanationsHTML(es) to b.
func writeExplanations(b io.StringWriter, es []explanation) {
	for _, e := range es {
		b.WriteString(`<div class="explain" id="`)
		htmlEscape(b, e.Anchor)
		b.WriteString("\">\n<h3>")
		htmlEscape(b, e.Title)
		b.WriteString(": ")
		htmlEscape(b, e.Score)
		b.WriteString("</h3>\n<table>\n" + `<thead><tr><th scope="col">Item</th><th scope="col">Answer</th><th scope="col" class="n">Answer counts for</th><th scope="col" class="n">Weight (points it is worth)</th><th scope="col" class="n">Points earned</th><th scope="col">Source</th></tr></thead>` + "\n<tbody>")
		for _, l := range e.Lines {
			b.WriteString(`<tr><td><span class="id">`)
			htmlEscape(b, l.Name())
			b.WriteString("</span><br>")
			htmlEscape(b, l.Question)
			if l.Why != "" {
				b.WriteString(`<br><span class="muted">`)
				htmlEscape(b, l.Why)
				b.WriteString("</span>")
			}
			b.WriteString("</td><td>")
			if l.Answer != "" {
				htmlEscape(b, l.Answer)
			} else {
				htmlEscape(b, l.Outcome)
			}
			b.WriteString(`</td><td class="n">`)
			htmlEscape(b, l.Fraction)
			b.WriteString(`</td><td class="n">`)
			htmlEscape(b, l.Weight)
			b.WriteString(`</td><td class="n">`)
			htmlEscape(b, l.Earned)
			b.WriteString(" of ")
			htmlEscape(b, l.Possible)
			b.WriteString("</td><td>")
			htmlEscape(b, l.Source)
			b.WriteString("</td></tr>\n")
		}
		b.WriteString("</tbody>\n</table>\n" + `<p class="formula">`)
		htmlEscape(b, e.Formula)
		b.WriteString("</p>\n</div>\n")
	}
}

// htmlEscape writes s escaped as html/template escapes a string in text
// and in a quoted attribute value: NUL becomes U+FFFD, and " & ' + < >
// character references; every other byte, invalid UTF-8 too, is kept.
func htmlEscape(b io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}
