package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/result"
)

// informationURI is where the SARIF tool metadata points.
const informationURI = "https://github.com/svcaudit/svcaudit"

// renderSARIF writes SARIF 2.1.0 as GitHub code scanning reads it: a rule
// per checklist item with its question, guidance and source as help, a
// result per problem with its physical location (URIs relative to the
// working folder), and the documents that could not be checked as tool
// execution notifications.
func renderSARIF(w io.Writer, rep *Report, opt Options) error {
	idx := items(rep.Checklists)
	run := sarif.NewRunWithInformationURI("svcaudit", informationURI)
	if opt.Version != "" {
		run.Tool.Driver.WithVersion(opt.Version)
	}

	// Rules first, sorted, so that ruleIndex is stable.
	ruleIDs := map[string]*result.Item{}
	for _, r := range rep.Results {
		for i := range r.Items {
			if it := &r.Items[i]; failing(it) {
				if _, ok := ruleIDs[it.ID]; !ok {
					ruleIDs[it.ID] = it
				}
			}
		}
	}
	ids := make([]string, 0, len(ruleIDs))
	for id := range ruleIDs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	index := map[string]int{}
	for i, id := range ids {
		index[id] = i
		addRule(run, id, ruleIDs[id], idx[id])
	}

	// Each result is encoded as soon as it is made, so that a run over
	// thousands of documents never holds thousands of go-sarif values.
	results := []json.RawMessage{}
	for _, r := range rep.Results {
		for i := range r.Items {
			it := &r.Items[i]
			if !failing(it) {
				continue
			}
			for _, f := range problems(r, it) {
				msg := message(f)
				if f.Page > 0 {
					msg = fmt.Sprintf("page %d, line %d: %s", f.Page, f.Line, msg)
				}
				res := sarif.NewRuleResult(it.ID).
					WithRuleIndex(index[it.ID]).
					WithLevel(level(idx[it.ID])).
					WithMessage(sarif.NewTextMessage(msg))
				if f.File != "" {
					res.AddLocation(location(f, opt.WorkDir))
				}
				props := sarif.NewPropertyBag()
				props.Add("checklist", r.Checklist.ID)
				props.Add("document", clean(r.Subject))
				props.Add("outcome", string(it.Outcome))
				res.WithProperties(props)
				raw, err := json.Marshal(res)
				if err != nil {
					return err
				}
				if raw, err = tidyJSON(raw); err != nil {
					return err
				}
				results = append(results, raw)
			}
		}
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(!rep.Interrupted && len(rep.Results) > 0)
	for _, e := range rep.Errors {
		n := sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(clean(e.Message)))
		n.WithLocations([]*sarif.Location{location(errFinding(e), opt.WorkDir)})
		inv.AddToolExecutionNotification(n)
	}
	for _, f := range rep.NotChecked {
		n := sarif.NewNotification().WithLevel("warning").WithMessage(sarif.NewTextMessage(NotCheckedMessage))
		n.WithLocations([]*sarif.Location{location(result.Finding{File: f}, opt.WorkDir)})
		inv.AddToolExecutionNotification(n)
	}
	run.AddInvocation(inv)

	rpt := sarif.NewReport()
	rpt.Schema = "https://json.schemastore.org/sarif-2.1.0.json"
	rpt.AddRun(run)
	var buf bytes.Buffer
	if err := rpt.Write(&buf); err != nil {
		return err
	}
	v, err := decodeTidy(buf.Bytes())
	if err != nil {
		return err
	}
	buf = bytes.Buffer{}
	if runs, ok := v.(map[string]any)["runs"].([]any); ok && len(runs) == 1 {
		if run, ok := runs[0].(map[string]any); ok {
			run["results"] = results
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
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

// tidyJSON is decodeTidy for one value, encoded again.
func tidyJSON(data []byte) (json.RawMessage, error) {
	v, err := decodeTidy(data)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
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

func addRule(run *sarif.Run, id string, ri *result.Item, ci *checklist.Item) {
	question := clean(ri.Question)
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
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(uri(f.File, workDir)))
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
func uri(path, workDir string) string {
	path = clean(path)
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

// mdEscape stops checklist text from being read as Markdown markup in
// GitHub's rule help.
func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`).Replace(s)
}
