package stream

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/result"
)

// informationURI is where the SARIF tool metadata points.
const informationURI = "https://github.com/svcaudit/svcaudit"

// renderSARIF writes SARIF 2.1.0 as GitHub code scanning reads it: a rule
// per automated checklist item with its question, guidance and source as
// help, a result per problem with its physical location (URIs relative to
// the working folder), and the documents that could not be checked as tool
// execution notifications.
func renderSARIF(w io.Writer, rep *Report, opt Options) error {
	// Items that failed but belong to none of the checklists still get a
	// rule (a stream knows only the checklists).
	var extra []*result.Item
	seen := map[string]bool{}
	for _, r := range rep.Results {
		for i := range r.Items {
			if it := &r.Items[i]; failing(it) && !seen[it.ID] {
				seen[it.ID] = true
				extra = append(extra, it)
			}
		}
	}
	s := newSARIFWriter(w, rep.Checklists, extra, opt)
	for _, r := range rep.Results {
		s.result(r)
	}
	return s.finish(rep)
}

// sarifWriter writes the SARIF log one Result at a time: the tool and its
// rules (known from the checklists before any document is read) first, then
// each result as it comes, then the invocation, which says whether the run
// succeeded and which documents could not be checked. JSON objects are
// unordered; the run's keys come in that order.
type sarifWriter struct {
	w     *bufio.Writer
	opt   Options
	idx   map[string]*checklist.Item
	index map[string]int
	n     int // results written
	nres  int // Results seen
	err   error
	uris  map[string]string // document → its URI (see uriOf)
}

func newSARIFWriter(w io.Writer, cls []*checklist.Checklist, extra []*result.Item, opt Options) *sarifWriter {
	s := &sarifWriter{w: bufio.NewWriter(w), opt: opt, idx: items(cls), index: map[string]int{}}
	run := sarif.NewRunWithInformationURI("svcaudit", informationURI)
	if opt.Version != "" {
		run.Tool.Driver.WithVersion(opt.Version)
	}
	// Rules sorted by id, so that ruleIndex is stable: every automated item
	// of the checklists, and any other item that failed.
	questions := map[string]string{}
	for id, it := range s.idx {
		if it.Automated() {
			questions[id] = it.Question
		}
	}
	for _, it := range extra {
		if _, ok := questions[it.ID]; !ok {
			questions[it.ID] = it.Question
		}
	}
	ids := make([]string, 0, len(questions))
	for id := range questions {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for i, id := range ids {
		s.index[id] = i
		addRule(run, id, questions[id], s.idx[id])
	}
	rpt := sarif.NewReport()
	rpt.Schema = "https://json.schemastore.org/sarif-2.1.0.json"
	rpt.AddRun(run)
	var buf bytes.Buffer
	if s.err = rpt.Write(&buf); s.err != nil {
		return s
	}
	v, err := decodeTidy(buf.Bytes())
	if s.err = err; err != nil {
		return s
	}
	top, _ := v.(map[string]any)
	runs, _ := top["runs"].([]any)
	if len(runs) != 1 {
		s.err = fmt.Errorf("sarif: %d runs, want 1", len(runs))
		return s
	}
	runV, _ := runs[0].(map[string]any)
	s.w.WriteString("{\n  \"$schema\": ")
	s.value(top["$schema"], "  ")
	s.w.WriteString(",\n  \"runs\": [\n    {")
	keys := make([]string, 0, len(runV))
	for k := range runV {
		if k != "results" && k != "invocations" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		s.w.WriteString("\n      ")
		s.value(k, "      ")
		s.w.WriteString(": ")
		s.value(runV[k], "      ")
		s.w.WriteString(",")
	}
	s.w.WriteString("\n      \"results\": [")
	return s
}

// value writes v as indented JSON whose lines after the first start with
// prefix.
func (s *sarifWriter) value(v any, prefix string) {
	if s.err != nil {
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if s.err = enc.Encode(v); s.err == nil {
		s.w.Write(safe.EscapeJSON(bytes.TrimRight(buf.Bytes(), "\n")))
	}
}

func (s *sarifWriter) result(r *result.Result) {
	s.nres++
	for i := range r.Items {
		it := &r.Items[i]
		if !failing(it) {
			continue
		}
		seen := map[string]int{}
		for _, f := range problems(r, it) {
			if s.err != nil {
				return
			}
			msg := message(f)
			if f.Page > 0 {
				msg = fmt.Sprintf("page %d, line %d: %s", f.Page, f.Line, msg)
			}
			// The result as go-sarif would write it once tidied (see
			// decodeTidy), built directly: no marshalling, decoding and
			// encoding again for each of what may be millions.
			props := map[string]any{"checklist": r.Checklist.ID, "document": safe.Escaped(r.Subject), "outcome": string(it.Outcome)}
			if it.Ref != "" {
				props["ref"] = clean(it.Ref)
			}
			if r.Threshold != nil {
				props["threshold"] = *r.Threshold
			}
			v := map[string]any{
				"kind":       "fail",
				"level":      level(s.idx[it.ID]),
				"message":    map[string]any{"text": msg},
				"properties": props,
				"ruleId":     it.ID,
			}
			if k, ok := s.index[it.ID]; ok {
				v["ruleIndex"] = k
			}
			if f.BaselineState != "" {
				v["baselineState"] = f.BaselineState
			}
			key := keyOf(r, it, f)
			v["partialFingerprints"] = map[string]any{"svcauditFinding/v1": Fingerprint(key, seen[key])}
			seen[key]++
			if f.File != "" {
				v["locations"] = []any{locationValue(f, s.uriOf(f.File))}
			}
			if s.n > 0 {
				s.w.WriteString(",")
			}
			s.n++
			s.w.WriteString("\n        ")
			s.value(v, "        ")
		}
	}
}

func (s *sarifWriter) finish(rep *Report) error {
	inv := sarif.NewInvocation().WithExecutionSuccessful(!rep.Interrupted && s.nres+rep.Checked() > 0)
	for _, e := range rep.Errors {
		n := sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(clean(e.Message)))
		n.WithLocations([]*sarif.Location{location(errFinding(e), s.opt.WorkDir)})
		inv.AddToolExecutionNotification(n)
	}
	for _, f := range rep.NotChecked {
		n := sarif.NewNotification().WithLevel("warning").WithMessage(sarif.NewTextMessage(NotCheckedMessage))
		n.WithLocations([]*sarif.Location{location(result.Finding{File: f}, s.opt.WorkDir)})
		inv.AddToolExecutionNotification(n)
	}
	raw, err := json.Marshal([]*sarif.Invocation{inv})
	if err != nil {
		return err
	}
	v, err := decodeTidy(raw)
	if err != nil {
		return err
	}
	if s.n > 0 {
		s.w.WriteString("\n      ")
	}
	s.w.WriteString("],\n      \"invocations\": ")
	s.value(v, "      ")
	s.w.WriteString("\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// unset are the properties go-sarif writes as -1 for "not given", which the
// schema allows but which only add noise.
var unset = map[string]bool{"id": true, "index": true, "byteOffset": true, "charOffset": true, "rank": true}

// decodeTidy decodes go-sarif's JSON without the empty arrays and objects
// and the -1 placeholders it fills in (every run keeps its results array,
// which GitHub requires).
func decodeTidy(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return tidy(v), nil
}

func tidy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			e = tidy(e)
			v[k] = e
			switch e := e.(type) {
			case []any:
				if len(e) == 0 && k != "results" {
					delete(v, k)
				}
			case map[string]any:
				if len(e) == 0 {
					delete(v, k)
				}
			case json.Number:
				if unset[k] && e.String() == "-1" {
					delete(v, k)
				}
			}
		}
	case []any:
		for i := range v {
			v[i] = tidy(v[i])
		}
	}
	return v
}

func addRule(run *sarif.Run, id, question string, ci *checklist.Item) {
	question = clean(question)
	text, md := question, question
	if ci != nil {
		if ci.Guidance != "" {
			text += "\n\n" + clean(ci.Guidance)
			md += "\n\n" + mdEscape(clean(ci.Guidance))
		}
		if ci.Source != "" {
			text += "\n\nSource: " + clean(ci.Source)
			md += "\n\n*Source:* " + mdEscape(clean(ci.Source))
		}
	}
	rule := run.AddRule(id).
		WithName(ruleName(id)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(question)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(question)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(text).WithMarkdown(md)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(ci)))
	props := sarif.NewPropertyBag()
	tags := []string{"service-audit"}
	if cl, _, ok := strings.Cut(id, "/"); ok {
		tags = append(tags, cl)
	}
	props.Add("tags", tags)
	if ci != nil && ci.Critical {
		props.Add("critical", true)
	}
	if ci != nil && ci.Ref != "" {
		props.Add("ref", ci.Ref)
	}
	rule.WithProperties(props)
}

// level is "error" for critical items, which cap the grade, and "warning"
// for the rest.
func level(ci *checklist.Item) string {
	if ci != nil && ci.Critical {
		return "error"
	}
	return "warning"
}

// ruleName turns "keeps-promises/timescales" into "KeepsPromisesTimescales",
// the form SARIF suggests for rule names.
func ruleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		switch {
		case r == '/' || r == '-' || r == '_' || r == '.' || r == ' ':
			up = true
		case up:
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func location(f result.Finding, workDir string) *sarif.Location {
	return locationAt(f, uri(f.File, workDir))
}

// uriOf is uri(path, s.opt.WorkDir), worked out once per document: every
// finding of a document has the same (and uri asks the system for the
// working directory).
func (s *sarifWriter) uriOf(path string) string {
	if u, ok := s.uris[path]; ok {
		return u
	}
	if s.uris == nil || len(s.uris) >= 1024 {
		s.uris = map[string]string{} // the documents come in order
	}
	u := uri(path, s.opt.WorkDir)
	s.uris[path] = u
	return u
}

// locationValue is locationAt as tidied JSON.
func locationValue(f result.Finding, uri string) map[string]any {
	phys := map[string]any{"artifactLocation": map[string]any{"uri": uri}}
	switch {
	case f.Page > 0:
	case f.Line > 0:
		region := map[string]any{"startLine": f.Line}
		if f.Column > 0 {
			region["startColumn"] = f.Column
		}
		phys["region"] = region
	default:
		phys["region"] = map[string]any{"startLine": 1}
	}
	return map[string]any{"physicalLocation": phys}
}

func locationAt(f result.Finding, uri string) *sarif.Location {
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri))
	region := sarif.NewRegion()
	switch {
	case f.Page > 0:
		// A PDF page's line is not a line of the file; the message says
		// where it is.
		region = nil
	case f.Line > 0:
		region.WithStartLine(f.Line)
		if f.Column > 0 {
			region.WithStartColumn(f.Column)
		}
	default:
		region.WithStartLine(1)
	}
	if region != nil {
		phys.WithRegion(region)
	}
	return sarif.NewLocationWithPhysicalLocation(phys)
}

// uri makes path a URI reference relative to workDir where it lies under it,
// or an absolute file URI otherwise.
//
// The path is not cleaned: a URI percent-encodes its control characters
// (%1B, %0A) and its non-ASCII ones, so a hostile name is carried as
// escapes and never collides with another file's.
func uri(path, workDir string) string {
	if workDir != "" {
		abs, err := filepath.Abs(path)
		if err == nil {
			if rel, err := filepath.Rel(workDir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return (&url.URL{Path: filepath.ToSlash(rel)}).String()
			}
			return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		}
	}
	return (&url.URL{Path: filepath.ToSlash(path)}).String()
}

// uriPath is path relative to workDir where it lies under it, with
// forward slashes, or else path as it is (slashed).
func uriPath(path, workDir string) string {
	if workDir != "" {
		if abs, err := filepath.Abs(path); err == nil {
			if rel, err := filepath.Rel(workDir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.ToSlash(path)
}

// mdEscape stops checklist text from being read as Markdown markup in
// GitHub's rule help.
func mdEscape(s string) string { return safe.Markdown(s) }
