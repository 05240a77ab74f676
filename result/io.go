package result

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/input"

	"github.com/svcaudit/svcaudit/internal/atomicfile"
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
	return buf.Bytes(), nil
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
func Decode(name string, data []byte) (*Result, error) {
	var head struct {
		SchemaVersion *int `json:"schemaVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: not a result: %w", name, err)
	}
	if head.SchemaVersion == nil {
		return nil, fmt.Errorf("%s: not a result: no schemaVersion", name)
	}
	if *head.SchemaVersion > SchemaVersion {
		return nil, fmt.Errorf("%s: result has schemaVersion %d, newer than this svcaudit reads (%d): upgrade svcaudit", name, *head.SchemaVersion, SchemaVersion)
	}
	var r Result
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: not a result: %w", name, err)
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
