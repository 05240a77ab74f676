package yamlnode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// DateLayout is how dates are written: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Decode reads the first YAML document of data and returns its document
// node, or nil when data holds no document. A syntax error is returned as a
// diag.List of one *diag.Error at its line.
func Decode(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, diag.List{SyntaxError(file, err)}
	}
	return &doc, nil
}

// Root is a document's top node, or nil when there is no document or it
// is empty (null).
func Root(doc *yaml.Node) *yaml.Node {
	if doc == nil {
		return nil
	}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if IsNull(root) {
		return nil
	}
	return root
}

// SyntaxError places a YAML syntax error, whose message carries its line
// ("yaml: line 3: did not find expected key").
func SyntaxError(file string, err error) *diag.Error {
	line, msg := SyntaxLine(err)
	return diag.Errorf(diag.Pos{File: file, Line: line}, "%s", msg)
}

// SyntaxLine splits a yaml.v3 syntax error into its 1-based line (0 when
// it names none) and its message. yaml.v3 counts its parser errors' lines
// from 0 (its scanner's are right) and often names the line where the
// enclosing block or [ ] { } starts, so such a message says so.
func SyntaxLine(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n != 1 {
		return 0, msg
	}
	msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	// yaml.v3 gives its parser's lines from 0 and its scanner's from 1.
	for _, p := range []string{"did not find expected", "found duplicate", "found incompatible", "found undefined tag"} {
		if strings.HasPrefix(msg, p) {
			line++
			msg += " (in the block that starts here)"
			break
		}
	}
	return line, msg
}

// Pos is where n stands in file.
func Pos(file string, n *yaml.Node) diag.Pos {
	return diag.Pos{File: file, Line: n.Line, Column: n.Column}
}

// IsNull reports whether n is an empty value (null, ~ or nothing).
func IsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// IsText reports whether n is a scalar that is not null.
func IsText(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && !IsNull(n)
}

// UnknownKey reports key k, not one of known, in what ("waiver"), with the
// closest known key as a hint.
func UnknownKey(errs *diag.List, file string, k *yaml.Node, what string, known []string) *diag.Error {
	e := errs.Addf(Pos(file, k), "unknown key %q in %s", k.Value, what)
	if s := diag.Suggest(k.Value, known); s != "" {
		e.WithHint("did you mean %q?", s)
	}
	return e
}

// Field is one key of a mapping and its value.
type Field struct {
	Key, Value *yaml.Node
}

// Fields returns the keys of mapping m in order, each once: a key set again
// is reported ("owner is set twice") and left out, and ok is then false.
func Fields(file string, m *yaml.Node, errs *diag.List) (fields []Field, ok bool) {
	ok = true
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if seen[k.Value] {
			errs.Addf(Pos(file, k), "%s is set twice", k.Value)
			ok = false
			continue
		}
		seen[k.Value] = true
		fields = append(fields, Field{Key: k, Value: v})
	}
	return fields, ok
}

// Value is the value of key in mapping m, or nil.
func Value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// Date reads the date s, written YYYY-MM-DD, the value of key at node n. A
// bad one is reported at n as `KEY "S" is not a date: write it as
// YYYY-MM-DD`, and ok is then false.
func Date(errs *diag.List, file string, n *yaml.Node, key, s string) (t time.Time, ok bool) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || n.Kind != yaml.ScalarNode {
		errs.Addf(Pos(file, n), "%s %q is not a date: write it as YYYY-MM-DD", key, s)
		return t, false
	}
	return t, true
}

// Plain turns a value decoded from YAML into what its JSON schema describes:
// dates, which yaml.v3 decodes as time.Time, back into YYYY-MM-DD text. It
// changes maps and lists in place.
func Plain(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.Format(DateLayout)
	case map[string]any:
		for k, e := range x {
			x[k] = Plain(e)
		}
	case []any:
		for i, e := range x {
			x[i] = Plain(e)
		}
	}
	return v
}
