package stream

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/safe"
	"io"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/result"
)

// Baseline states of a finding, as SARIF names them.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// BaselineFile is the file `check --write-baseline-findings` writes: the
// findings accepted, each by its key's parts (see FindingKey) and how many
// times it was found, so that a reader can review it in a diff.
type BaselineFile struct {
	SchemaVersion int             `json:"schemaVersion"`
	Findings      []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding: its item, its document, its
// message and the sentence it was found in (normalised), and how many
// times it was found.
type BaselineEntry struct {
	Item     string `json:"item"`
	Document string `json:"document"`
	Message  string `json:"message"`
	Context  string `json:"context,omitempty"`
	Count    int    `json:"count"`
}

func (e BaselineEntry) key() string {
	return FindingKey(e.Item, e.Document, result.Finding{Message: e.Message, Sentence: e.Context})
}

// Baseline marks the problems of Results new or unchanged against the
// findings of a baseline file, and counts them. The first Count findings
// of an entry's key are unchanged, any more are new.
type Baseline struct {
	left map[string]int
	// New and Unchanged count the problems marked so far.
	New, Unchanged int
}

// ParseBaseline reads a baseline file; file names it in errors.
func ParseBaseline(file string, data []byte) (*Baseline, error) {
	var bf BaselineFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&bf); err != nil {
		return nil, jsonError(file, data, err)
	}
	if bf.SchemaVersion != 1 {
		return nil, diag.Errorf(diag.Pos{File: file}, "schemaVersion %d: this svcaudit reads baseline files of version 1", bf.SchemaVersion)
	}
	b := &Baseline{left: map[string]int{}}
	for i, e := range bf.Findings {
		if e.Item == "" || e.Document == "" || e.Count < 1 {
			return nil, diag.Errorf(diag.Pos{File: file}, "findings[%d]: want an item, a document and a count of at least 1", i)
		}
		b.left[e.key()] += e.Count
	}
	return b, nil
}

// jsonError places a decoding error at its line and column.
func jsonError(file string, data []byte, err error) error {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		// the offset is past the value: back to its start
		off = min(e.Offset, int64(len(data)))
		if off > 0 && data[off-1] == '"' { // a string: to its opening quote
			off--
			for off > 0 && (data[off-1] != '"' || (off > 1 && data[off-2] == '\\')) {
				off--
			}
			off--
		} else {
			for off > 0 && !strings.ContainsRune(",:[{ \t\r\n", rune(data[off-1])) {
				off--
			}
		}
		off = max(off, 0)
	}
	pos := diag.Pos{File: file}
	if off >= 0 {
		before := data[:min(int(off), len(data))]
		pos.Line = bytes.Count(before, []byte("\n")) + 1
		pos.Column = len(before) - bytes.LastIndexByte(before, '\n')
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if e, ok := err.(*json.UnmarshalTypeError); ok && e.Field != "" {
		msg = fmt.Sprintf("%s: want a %s, not a %s", e.Field, jsonKind(e.Type.Kind().String()), e.Value)
	}
	if err == io.EOF {
		msg = "empty file: not a baseline of findings"
	}
	return diag.Errorf(pos, "%s", msg)
}

// Mark sets the BaselineState of every problem of r. A failing item with
// no finding of its own gets the one that says it is not met, so that it
// too has a state.
func (b *Baseline) Mark(r *result.Result) {
	for i := range r.Items {
		it := &r.Items[i]
		if !failing(it) {
			continue
		}
		materialise(r, it)
		for j := range it.Findings {
			f := &it.Findings[j]
			if !isProblem(f) {
				continue
			}
			k := keyOf(r, it, *f)
			if b.left[k] > 0 {
				b.left[k]--
				f.BaselineState = BaselineUnchanged
				b.Unchanged++
			} else {
				f.BaselineState = BaselineNew
				b.New++
			}
		}
	}
}

// materialise gives a failing item without a problem among its findings
// the finding problems would make for it.
func materialise(r *result.Result, it *result.Item) {
	for j := range it.Findings {
		if isProblem(&it.Findings[j]) {
			return
		}
	}
	f := result.Finding{Message: "not met: " + it.Question, Severity: "error"}
	if len(r.Documents) <= 1 {
		f.File = r.Subject
	}
	it.Findings = append(it.Findings, f)
}

func isProblem(f *result.Finding) bool { return f.Severity == "error" || f.Severity == "" }

// BaselineWriter collects the problems of Results into a baseline file.
type BaselineWriter struct {
	entries map[string]*BaselineEntry
}

// NewBaselineWriter returns an empty BaselineWriter.
func NewBaselineWriter() *BaselineWriter {
	return &BaselineWriter{entries: map[string]*BaselineEntry{}}
}

// Add records every problem of r.
func (w *BaselineWriter) Add(r *result.Result) {
	for i := range r.Items {
		it := &r.Items[i]
		if !failing(it) {
			continue
		}
		for _, f := range problems(r, it) {
			doc := f.File
			if doc == "" {
				doc = r.Subject
			}
			e := BaselineEntry{Item: it.ID, Document: slashClean(doc), Message: normalise(f.Message), Context: normalise(contextOf(f))}
			k := e.key()
			if cur, ok := w.entries[k]; ok {
				cur.Count++
				continue
			}
			e.Count = 1
			w.entries[k] = &e
		}
	}
}

// WriteTo writes the baseline file, its findings sorted by document, item
// and text, so that it changes only where the findings do.
func (w *BaselineWriter) WriteTo(out io.Writer) (int64, error) {
	bf := BaselineFile{SchemaVersion: 1, Findings: make([]BaselineEntry, 0, len(w.entries))}
	for _, e := range w.entries {
		bf.Findings = append(bf.Findings, *e)
	}
	sort.Slice(bf.Findings, func(i, j int) bool {
		a, b := bf.Findings[i], bf.Findings[j]
		if a.Document != b.Document {
			return a.Document < b.Document
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Context < b.Context
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(bf); err != nil {
		return 0, fmt.Errorf("baseline: %w", err)
	}
	n, err := out.Write(safe.EscapeJSON(buf.Bytes()))
	return int64(n), err
}

// jsonKind names a Go kind as JSON does.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "slice", "array":
		return "list"
	case "struct", "map":
		return "object"
	case "bool":
		return "true or false"
	}
	return "number"
}
