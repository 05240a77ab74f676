package lint

import (
	"encoding/json"
	"io"

	"github.com/svcaudit/svcaudit/internal/result"
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
	c.Errors = append(c.Errors, rep.Errors...)
	for _, f := range rep.NotChecked {
		c.Errors = append(c.Errors, result.FileError{File: f, Message: NotCheckedMessage})
	}
	return c
}

func renderJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Check(rep))
}

// errFinding places a FileError as a finding, for the shared formatting.
func errFinding(e result.FileError) result.Finding {
	return result.Finding{File: e.File, Line: e.Line, Column: e.Column, Page: e.Page, Message: e.Message}
}
