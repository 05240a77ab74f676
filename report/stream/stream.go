package stream

import (
	"io"
	"sort"

	"github.com/svcaudit/svcaudit/result"
)

// Writer writes a report as its Results come, for the formats that can
// (every format: text, github, json, junit, sarif and codequality), so that a run over a large corpus keeps none of them.
// Results must come in order of subject; Add sorts one subject's Results
// by checklist itself.
type Writer struct {
	text   *textWriter
	github *githubWriter
	json   *jsonWriter
	junit  *junitWriter
	sarif  *sarifWriter
	cq     *codeQualityWriter
	tally  Tally
}

// NewWriter returns a Writer writing format to w, or nil for an unknown
// format. For sarif, opt.Checklists gives the rules.
func NewWriter(w io.Writer, format string, opt Options) *Writer {
	switch format {
	case "text", "":
		return &Writer{text: newTextWriter(w, opt)}
	case "github":
		return &Writer{github: newGitHubWriter(w)}
	case "json":
		return &Writer{json: newJSONWriter(w)}
	case "junit":
		return &Writer{junit: newJUnitWriter(w)}
	case "sarif":
		return &Writer{sarif: newSARIFWriter(w, opt.Checklists, nil, opt)}
	case "codequality":
		return &Writer{cq: newCodeQualityWriter(w, opt)}
	}
	return nil
}

// Add writes one subject's Results.
func (s *Writer) Add(rs []*result.Result) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Checklist.ID < rs[j].Checklist.ID })
	for _, r := range rs {
		s.tally.Add(r)
		switch {
		case s.text != nil:
			s.text.result(r)
		case s.github != nil:
			s.github.result(r)
		case s.junit != nil:
			s.junit.result(r)
		case s.sarif != nil:
			s.sarif.result(r)
		case s.cq != nil:
			s.cq.result(r)
		default:
			s.json.result(r)
		}
	}
}

// Tally counts the Results written so far.
func (s *Writer) Tally() *Tally { return &s.tally }

// Close writes the end of the report — what could not be checked and the
// summary — from rep, whose Tally must be s.Tally().
func (s *Writer) Close(rep *Report) error {
	rep = sorted(rep)
	switch {
	case s.text != nil:
		return s.text.finish(rep)
	case s.github != nil:
		return s.github.finish(rep)
	case s.junit != nil:
		return s.junit.finish(rep)
	case s.sarif != nil:
		return s.sarif.finish(rep)
	case s.cq != nil:
		return s.cq.finish(rep)
	}
	return s.json.finish(rep)
}
