package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// files holds one NAME.schema.json per published schema.
//
//go:embed *.schema.json
var files embed.FS

// Names lists the published schemas, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".schema.json"); ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Get returns the JSON text of the named schema.
func Get(name string) ([]byte, error) {
	b, err := files.ReadFile(name + ".schema.json")
	if err != nil {
		return nil, fmt.Errorf("no schema %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return b, nil
}

var (
	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

func compile(name string) (*jsonschema.Schema, error) {
	mu.Lock()
	defer mu.Unlock()
	if s, ok := compiled[name]; ok {
		return s, nil
	}
	b, err := Get(name)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	url := "https://svcaudit.dev/schema/" + name + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	// The other schemas too, so that one may $ref another
	// (check.schema.json refers to result.schema.json).
	for _, other := range Names() {
		if other == name {
			continue
		}
		ob, _ := Get(other)
		od, err := jsonschema.UnmarshalJSON(bytes.NewReader(ob))
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", other, err)
		}
		if err := c.AddResource("https://svcaudit.dev/schema/"+other+".schema.json", od); err != nil {
			return nil, fmt.Errorf("schema %s: %w", other, err)
		}
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	compiled[name] = s
	return s, nil
}

// Validate checks JSON data against the named schema.
func Validate(name string, data []byte) error {
	s, err := compile(name)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(v)
}

// Parse reads JSON as the validator reads it (numbers kept exact), for
// ValidateParsed: a caller that validates parts of one document parses it
// once.
func Parse(data []byte) (any, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	return v, nil
}

// ValidateParsed checks a value returned by Parse (or a part of one)
// against the named schema.
func ValidateParsed(name string, v any) error {
	s, err := compile(name)
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// ValidateValue checks a Go value (as it marshals to JSON) against the named
// schema; YAML decoded into any can be checked this way too.
func ValidateValue(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return Validate(name, b)
}
