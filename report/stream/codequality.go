package stream

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/safe"
	"io"

	"github.com/svcaudit/svcaudit/result"
)

// renderCodeQuality writes a GitLab Code Quality report (the subset of the
// Code Climate issue format GitLab reads): a JSON array with one issue per
// problem, and one per document that could not be checked.
func renderCodeQuality(w io.Writer, rep *Report, opt Options) error {
	c := newCodeQualityWriter(w, opt)
	for _, r := range rep.Results {
		c.result(r)
	}
	return c.finish(rep)
}

// cqIssue is one Code Quality issue.
type cqIssue struct {
	Description string     `json:"description"`
	CheckName   string     `json:"check_name"`
	Fingerprint string     `json:"fingerprint"`
	Severity    string     `json:"severity"`
	Location    cqLocation `json:"location"`
}

type cqLocation struct {
	Path  string  `json:"path"`
	Lines cqLines `json:"lines"`
}

type cqLines struct {
	Begin int `json:"begin"`
}

// codeQualityWriter writes the array one issue at a time.
type codeQualityWriter struct {
	w   *bufio.Writer
	opt Options
	n   int
	err error
}

func newCodeQualityWriter(w io.Writer, opt Options) *codeQualityWriter {
	c := &codeQualityWriter{w: bufio.NewWriter(w), opt: opt}
	c.w.WriteString("[")
	return c
}

func (c *codeQualityWriter) issue(is cqIssue) {
	if c.err != nil {
		return
	}
	b, err := json.Marshal(is)
	if c.err = err; err != nil {
		return
	}
	if c.n > 0 {
		c.w.WriteString(",")
	}
	c.n++
	c.w.WriteString("\n  ")
	c.w.Write(safe.EscapeJSON(b))
}

// cqPath is a document's path as GitLab wants it: relative to the
// repository's root (the working folder), with forward slashes.
func (c *codeQualityWriter) cqPath(path string) string {
	return uriPath(path, c.opt.WorkDir)
}

func (c *codeQualityWriter) result(r *result.Result) {
	for i := range r.Items {
		it := &r.Items[i]
		if !failing(it) {
			continue
		}
		severity := "major"
		if it.Critical {
			severity = "critical"
		}
		seen := map[string]int{}
		for _, f := range problems(r, it) {
			msg := message(f)
			line := max(f.Line, 1)
			if f.Page > 0 {
				msg = fmt.Sprintf("page %d, line %d: %s", f.Page, f.Line, msg)
				line = 1
			}
			key := keyOf(r, it, f)
			doc := f.File
			if doc == "" {
				doc = r.Subject
			}
			if f.BaselineState == BaselineUnchanged {
				seen[key]++ // in the baseline: not reported, its place kept
				continue
			}
			c.issue(cqIssue{
				Description: clean(it.ID) + ": " + msg,
				CheckName:   clean(it.ID),
				Fingerprint: Fingerprint(key, seen[key]),
				Severity:    severity,
				Location:    cqLocation{Path: c.cqPath(clean(doc)), Lines: cqLines{Begin: line}},
			})
			seen[key]++
		}
	}
}

func (c *codeQualityWriter) finish(rep *Report) error {
	for _, e := range checkErrors(rep) {
		c.issue(cqIssue{
			Description: "could not be checked: " + clean(e.Message),
			CheckName:   "svcaudit/could-not-be-checked",
			Fingerprint: Fingerprint("\x00error\x00"+e.File+"\x00"+normalise(e.Message), 0),
			Severity:    "major",
			Location:    cqLocation{Path: c.cqPath(clean(e.File)), Lines: cqLines{Begin: max(e.Line, 1)}},
		})
	}
	if c.err != nil {
		return c.err
	}
	if c.n > 0 {
		c.w.WriteString("\n")
	}
	c.w.WriteString("]\n")
	return c.w.Flush()
}
