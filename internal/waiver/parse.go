package waiver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/svcaudit/svcaudit/internal/diag"
	"gopkg.in/yaml.v3"
)

// keys are the keys a waiver may set.
var keys = []string{"item", "subject", "documents", "owner", "reason", "expires"}

// Load reads a waivers file.
func Load(path string) ([]Waiver, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load waivers: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a waivers file's content: a mapping with one key, waivers,
// holding a list of waivers. Every problem is reported, each as a
// *diag.Error at file:line:col, in a diag.List.
func Parse(file string, data []byte) ([]Waiver, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, diag.List{yamlError(file, err)}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, diag.List{diag.Errorf(pos(file, root), "a waivers file is a mapping with a waivers: list")}
	}
	var errs diag.List
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "waivers" {
			list = v
			continue
		}
		e := errs.Addf(pos(file, k), "unknown key %q in waivers file", k.Value)
		if s := diag.Suggest(k.Value, []string{"waivers"}); s != "" {
			e.WithHint("did you mean %q?", s)
		}
	}
	var ws []Waiver
	if list != nil {
		var err error
		ws, err = ParseNode(file, list)
		errs = append(errs, diag.Flatten(err)...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ws, nil
}

// ParseNode reads the list of waivers in n, the value of a waivers: key in
// file (a waivers file or .svcaudit.yaml). Every problem is reported, each
// as a *diag.Error, in a diag.List.
func ParseNode(file string, n *yaml.Node) ([]Waiver, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, diag.List{diag.Errorf(pos(file, n), "waivers must be a list")}
	}
	var errs diag.List
	var ws []Waiver
	first := map[[3]string]diag.Pos{}
	for _, wn := range n.Content {
		w, ok := parseOne(file, wn, &errs)
		if !ok {
			continue
		}
		key := [3]string{w.Item, w.Subject, w.Documents}
		if p, dup := first[key]; dup {
			errs.Addf(w.Pos, "duplicate waiver for %s (first at line %d)", w.Item, p.Line)
			continue
		}
		first[key] = w.Pos
		ws = append(ws, w)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ws, nil
}

func parseOne(file string, n *yaml.Node, errs *diag.List) (Waiver, bool) {
	w := Waiver{Pos: pos(file, n)}
	if n.Kind != yaml.MappingNode {
		errs.Addf(w.Pos, "a waiver must be a mapping of item, owner, reason, expires and optionally subject or documents")
		return w, false
	}
	ok := true
	seen := map[string]bool{}
	var expires *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			errs.Addf(pos(file, k), "%s is set twice", k.Value)
			ok = false
			continue
		}
		seen[k.Value] = true
		var dst *string
		switch k.Value {
		case "item":
			dst = &w.Item
		case "subject":
			dst = &w.Subject
		case "documents":
			dst = &w.Documents
		case "owner":
			dst = &w.Owner
		case "reason":
			dst = &w.Reason
		case "expires":
			expires = v
			continue
		default:
			e := errs.Addf(pos(file, k), "unknown key %q in waiver", k.Value)
			if s := diag.Suggest(k.Value, keys); s != "" {
				e.WithHint("did you mean %q?", s)
			}
			ok = false
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			errs.Addf(pos(file, v), "%s must be text", k.Value)
			ok = false
			continue
		}
		*dst = v.Value
	}
	name := "waiver"
	if w.Item != "" {
		name = "waiver for " + w.Item
	}
	for _, req := range []struct {
		key string
		val string
	}{{"item", w.Item}, {"owner", w.Owner}, {"reason", w.Reason}} {
		if !seen[req.key] {
			errs.Addf(w.Pos, "%s has no %s", name, req.key)
			ok = false
		} else if v := valueOf(n, req.key); req.val == "" && v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			// null was reported above as not text
			errs.Addf(pos(file, v), "%s has an empty %s", name, req.key)
			ok = false
		}
	}
	if expires == nil {
		errs.Addf(w.Pos, "%s has no expires date", name)
		ok = false
	} else {
		t, err := time.Parse(DateLayout, expires.Value)
		if expires.Kind != yaml.ScalarNode || err != nil {
			errs.Addf(pos(file, expires), "expires %q is not a date: write it as YYYY-MM-DD", expires.Value)
			ok = false
		}
		w.Expires = t
	}
	for _, g := range []struct{ key, val string }{{"subject", w.Subject}, {"documents", w.Documents}} {
		if g.val != "" && !doublestar.ValidatePattern(g.val) {
			errs.Addf(pos(file, valueOf(n, g.key)), "%s %q is not a valid glob", g.key, g.val)
			ok = false
		}
	}
	return w, ok
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func pos(file string, n *yaml.Node) diag.Pos {
	return diag.Pos{File: file, Line: n.Line, Column: n.Column}
}

// yamlError places a YAML syntax error, whose message carries its line.
func yamlError(file string, err error) *diag.Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		msg = strings.TrimSpace(strings.TrimPrefix(msg, fmt.Sprintf("line %d:", line)))
	}
	return diag.Errorf(diag.Pos{File: file, Line: line}, "%s", msg)
}
