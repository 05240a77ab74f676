package stream

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/result"
)

// renderGitHub writes GitHub Actions workflow commands, which the runner
// shows as annotations on the files: one ::error per problem, ::warning for
// notices and unchecked documents, then the summary as plain text.
func renderGitHub(w io.Writer, rep *Report) error {
	g := newGitHubWriter(w)
	for _, r := range rep.Results {
		g.result(r)
	}
	return g.finish(rep)
}

// githubWriter writes workflow commands one Result at a time.
type githubWriter struct{ w *bufio.Writer }

func newGitHubWriter(w io.Writer) *githubWriter { return &githubWriter{w: bufio.NewWriter(w)} }

func (g *githubWriter) result(r *result.Result) {
	bw := g.w
	for i := range r.Items {
		it := &r.Items[i]
		if !failing(it) {
			continue
		}
		for _, f := range shown(problems(r, it)) {
			props := []string{}
			if f.File != "" {
				props = append(props, "file="+ghProp(f.File))
			}
			msg := brief(message(f))
			if f.Page > 0 {
				// A line within a PDF page is no line of the file.
				msg = fmt.Sprintf("page %d, line %d: %s", f.Page, f.Line, msg)
			} else if f.Line > 0 {
				props = append(props, "line="+strconv.Itoa(f.Line))
				if f.Column > 0 {
					props = append(props, "col="+strconv.Itoa(f.Column))
				}
			}
			props = append(props, "title="+ghProp(named(it)))
			fmt.Fprintf(bw, "::error %s::%s\n", strings.Join(props, ","), ghData(msg))
		}
	}
	if !r.Passed && !accepted(r) {
		fmt.Fprintf(bw, "::error %stitle=%s::%s scored %s: %s\n", fileProp(r), ghProp(r.Checklist.ID), ghData(clean(r.Subject)), score(r.Score), ghData(clean(reason(r))))
	}
	for _, n := range r.Notices {
		fmt.Fprintf(bw, "::warning %stitle=%s::%s\n", fileProp(r), ghProp("waiver"), ghData(clean(n)))
	}
}

func (g *githubWriter) finish(rep *Report) error {
	bw := g.w
	for _, e := range rep.Errors {
		props := "file=" + ghProp(e.File)
		if e.Line > 0 && e.Page == 0 {
			props += ",line=" + strconv.Itoa(e.Line)
		}
		fmt.Fprintf(bw, "::error %s,title=%s::%s\n", props, ghProp("could not be checked"), ghData(clean(e.Message)))
	}
	for _, f := range rep.NotChecked {
		fmt.Fprintf(bw, "::warning file=%s,title=%s::%s\n", ghProp(f), ghProp("not checked"), ghData(NotCheckedMessage))
	}
	fmt.Fprintln(bw, Summary(rep))
	return bw.Flush()
}

func fileProp(r *result.Result) string {
	if len(r.Documents) > 1 {
		return ""
	}
	return "file=" + ghProp(r.Subject) + ","
}

// ghData escapes a workflow command's message as the runner expects.
func ghData(s string) string { return ghDataEscaper.Replace(s) }

// The escapers are built once: a Replacer compiles its table on first use.
var (
	ghDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// ghProp escapes a workflow command's property value, where ":" and ","
// are also special.
func ghProp(s string) string {
	return ghPropEscaper.Replace(clean(s))
}
