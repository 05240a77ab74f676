package stream

import (
	"bufio"
	"bytes"
	"encoding/json"
	"github.com/svcaudit/svcaudit/internal/safe"
	"io"

	"github.com/svcaudit/svcaudit/result"
)

// NotCheckedMessage is the FileError message of a document left unchecked by
// an interrupted run.
const NotCheckedMessage = "not checked: the run was interrupted"

// Check builds the JSON document of DESIGN.md: every Result, and the
// documents that could not be checked (including those an interruption left
// unchecked).
func Check(rep *Report) *result.Check {
	rep = sorted(rep)
	c := &result.Check{SchemaVersion: result.SchemaVersion, Passed: rep.Passed(), Results: make([]result.Result, 0, len(rep.Results))}
	for _, r := range rep.Results {
		c.Results = append(c.Results, *r)
	}
	c.Errors = checkErrors(rep)
	return c
}

func checkErrors(rep *Report) []result.FileError {
	errs := append([]result.FileError(nil), rep.Errors...)
	for _, f := range rep.NotChecked {
		errs = append(errs, result.FileError{File: f, Message: NotCheckedMessage})
	}
	return errs
}

func renderJSON(w io.Writer, rep *Report) error {
	j := newJSONWriter(w)
	for _, r := range rep.Results {
		j.result(r)
	}
	return j.finish(rep)
}

// jsonWriter writes the check document one Result at a time: its results
// come first and "passed", which depends on them all, last (JSON objects
// are unordered; the document is the same as Check's).
type jsonWriter struct {
	w   *bufio.Writer
	n   int
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter { return &jsonWriter{w: bufio.NewWriter(w)} }

func (j *jsonWriter) result(r *result.Result) {
	if j.err != nil {
		return
	}
	if j.n == 0 {
		j.w.WriteString("{\n  \"schemaVersion\": 1,\n  \"results\": [\n    ")
	} else {
		j.w.WriteString(",\n    ")
	}
	j.n++
	j.err = encode(j.w, r, "    ")
}

func (j *jsonWriter) finish(rep *Report) error {
	if j.err != nil {
		return j.err
	}
	if j.n == 0 {
		j.w.WriteString("{\n  \"schemaVersion\": 1,\n  \"results\": [")
	} else {
		j.w.WriteString("\n  ")
	}
	j.w.WriteString("]")
	if errs := checkErrors(rep); len(errs) > 0 {
		j.w.WriteString(",\n  \"errors\": ")
		if err := encode(j.w, errs, "  "); err != nil {
			return err
		}
	}
	j.w.WriteString(",\n  \"passed\": ")
	if rep.Passed() {
		j.w.WriteString("true")
	} else {
		j.w.WriteString("false")
	}
	j.w.WriteString("\n}\n")
	return j.w.Flush()
}

// encode writes v as indented JSON whose lines after the first start with
// prefix, without a trailing newline, and without encoding/json's HTML
// escapes, which JSON does not need.
func encode(w *bufio.Writer, v any, prefix string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(safe.EscapeJSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
	return err
}

// errFinding places a FileError as a finding, for the shared formatting.
func errFinding(e result.FileError) result.Finding {
	return result.Finding{File: e.File, Line: e.Line, Column: e.Column, Page: e.Page, Message: e.Message}
}
