package result

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/safe"

	gojson "github.com/goccy/go-json"

	"github.com/svcaudit/svcaudit/internal/atomicfile"
	"github.com/svcaudit/svcaudit/internal/input"
)

// Marshal encodes r as indented JSON with a trailing newline.
func Marshal(r *Result) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return safe.EscapeJSON(buf.Bytes()), nil
}

// Write saves r to path atomically.
func Write(path string, r *Result) error {
	b, err := Marshal(r)
	if err != nil {
		return fmt.Errorf("write result %s: %w", path, err)
	}
	return atomicfile.Write(path, b, 0o644)
}

// Decode reads a Result from JSON. It refuses a Result written by a newer
// version of the format, which it could misread.
func Decode(name string, data []byte) (*Result, error) { return decode(name, data, true) }

// DecodeBrief is Decode for a caller that keeps only a summary of the
// Result (as a report of thousands does, report.Prepare) and lets the
// Result go: it is not compacted (its lists cut to length, its shared
// strings kept once), which would be work thrown away.
func DecodeBrief(name string, data []byte) (*Result, error) { return decode(name, data, false) }

func decode(name string, data []byte, compact bool) (*Result, error) {
	var r Result
	if gojson.Unmarshal(data, &r) == nil && r.SchemaVersion > 0 && r.SchemaVersion <= SchemaVersion {
		if compact {
			r.compact()
		}
		return &r, nil // the common case, decoded once
	}
	// A Result that does not decode, or whose version needs a word, is
	// decoded again by the standard library, whose messages people see:
	// its version alone says which error to give.
	r = Result{}
	err := json.Unmarshal(data, &r)
	var head struct {
		SchemaVersion *int `json:"schemaVersion"`
	}
	if herr := json.Unmarshal(data, &head); herr != nil {
		return nil, fmt.Errorf("%s: not a result: %w", name, herr)
	}
	if head.SchemaVersion == nil {
		return nil, fmt.Errorf("%s: not a result: no schemaVersion", name)
	}
	if *head.SchemaVersion > SchemaVersion {
		return nil, fmt.Errorf("%s: result has schemaVersion %d, newer than this svcaudit reads (%d): upgrade svcaudit", name, *head.SchemaVersion, SchemaVersion)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a result: %w", name, err)
	}
	if compact {
		r.compact()
	}
	return &r, nil
}

// Read loads a Result from a file.
func Read(path string) (*Result, error) {
	b, err := input.Read(path)
	if err != nil {
		return nil, err
	}
	return Decode(path, b)
}

// NewCheck makes the check document of rs and the documents that could not
// be checked: it passed when every Result did.
func NewCheck(rs []*Result, errs []FileError) *Check {
	c := &Check{SchemaVersion: SchemaVersion, Passed: true, Results: make([]Result, 0, len(rs)), Errors: errs}
	for _, r := range rs {
		c.Results = append(c.Results, *r)
		c.Passed = c.Passed && r.Passed
	}
	return c
}

// MarshalCheck encodes c as indented JSON with a trailing newline.
func MarshalCheck(c *Check) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return safe.EscapeJSON(buf.Bytes()), nil
}

// WriteCheck saves c to path atomically.
func WriteCheck(path string, c *Check) error {
	b, err := MarshalCheck(c)
	if err != nil {
		return fmt.Errorf("write check %s: %w", path, err)
	}
	return atomicfile.Write(path, b, 0o644)
}

// Part is one Result of a file as written, before it is decoded: Name
// says where it is ("file" for a single Result, "file: results[2]" in a
// check document).
type Part struct {
	Name string
	JSON json.RawMessage
}

// Split finds the Results in data, which holds either one Result (as an
// audit writes) or a check document (several); name names the file.
func Split(name string, data []byte) []Part {
	var head struct {
		Results []json.RawMessage `json:"results"`
	}
	if json.Unmarshal(data, &head) != nil || head.Results == nil {
		return []Part{{Name: name, JSON: data}}
	}
	parts := make([]Part, len(head.Results))
	for i, raw := range head.Results {
		parts[i] = Part{Name: fmt.Sprintf("%s: results[%d]", name, i), JSON: raw}
	}
	return parts
}

// DecodeAll reads the Results of data, in either shape (see Split).
func DecodeAll(name string, data []byte) ([]*Result, error) {
	var out []*Result
	for _, p := range Split(name, data) {
		r, err := Decode(p.Name, p.JSON)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// ReadAll loads the Results of a file in either shape (see Split).
func ReadAll(path string) ([]*Result, error) {
	b, err := input.Read(path)
	if err != nil {
		return nil, err
	}
	return DecodeAll(path, b)
}
