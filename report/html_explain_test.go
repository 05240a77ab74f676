package report

import (
	"html/template"
	"strings"
	"testing"
)

// explainTemplateText is the template of the score explanations that
// explanationsHTML replaced, as html.tmpl had it.
const explainTemplateText = `{{range .}}<div class="explain" id="{{.Anchor}}">
<h3>{{.Title}}: {{.Score}}</h3>
<table>
<thead><tr><th scope="col">Item</th><th scope="col">Answer</th><th scope="col" class="n">Answer counts for</th><th scope="col" class="n">Weight (points it is worth)</th><th scope="col" class="n">Points earned</th><th scope="col">Source</th></tr></thead>
<tbody>{{range .Lines}}<tr><td><span class="id">{{.Name}}</span><br>{{.Question}}{{if .Why}}<br><span class="muted">{{.Why}}</span>{{end}}</td><td>{{if .Answer}}{{.Answer}}{{else}}{{.Outcome}}{{end}}</td><td class="n">{{.Fraction}}</td><td class="n">{{.Weight}}</td><td class="n">{{.Earned}} of {{.Possible}}</td><td>{{.Source}}</td></tr>
{{end}}</tbody>
</table>
<p class="formula">{{.Formula}}</p>
</div>
{{end}}`

// TestExplanationsHTMLAsTemplate: explanationsHTML writes what the
// template wrote, for text with every character html/template escapes,
// invalid UTF-8, NUL, markup, entities, non-ASCII and empty fields.
func TestExplanationsHTMLAsTemplate(t *testing.T) {
	tmpl := template.Must(template.New("x").Parse(`<section>` + explainTemplateText + `</section>`))
	wrap := template.Must(template.New("y").Funcs(template.FuncMap{"explanations": explanationsHTML}).Parse(`<section>{{explanations .}}</section>`))
	hostile := []string{"", "plain", `<script>alert("x")</script>`, "a & b &amp; c", "it's +1 > 0 < 2", "nul\x00byte", "bad \xff\xfe utf-8",
		"ünïcödé — “quotes” ‘single’", "line\nbreak\ttab", "&#34;", "\u2028\u2029", "\ufdd0\uffff", "javascript:x", "{{.}}"}
	var es []explanation
	for i, s := range hostile {
		e := explanation{Anchor: s, Title: s + " title", Score: s, Formula: "= " + s}
		for j, u := range hostile {
			l := explainLine{ID: s, Ref: u, Question: u, Fraction: s, Weight: u, Earned: s, Possible: u, Source: s}
			switch (i + j) % 3 {
			case 0:
				l.Answer, l.Why = u, s
			case 1:
				l.Outcome = u
			}
			e.Lines = append(e.Lines, l)
		}
		es = append(es, e)
	}
	for _, in := range [][]explanation{nil, {}, es[:1], es} {
		var want, got strings.Builder
		if err := tmpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		if err := wrap.Execute(&got, in); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			g, w := got.String(), want.String()
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Fatalf("differs at byte %d:\n got %q\nwant %q", i, g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
		}
	}
}
