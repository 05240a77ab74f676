package waiver

import (
	"fmt"
	"github.com/svcaudit/svcaudit/internal/input"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// keys are the keys a waiver may set.
var keys = []string{"item", "subject", "documents", "owner", "reason", "expires"}

// Load reads a waivers file.
func Load(path string) ([]Waiver, error) {
	data, err := input.Read(path)
	if err != nil {
		return nil, fmt.Errorf("load waivers: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a waivers file's content: a mapping with one key, waivers,
// holding a list of waivers. Every problem is reported, each as a
// *diag.Error at file:line:col, in a diag.List.
func Parse(file string, data []byte) ([]Waiver, error) {
	doc, err := yamlnode.Decode(file, data)
	if err != nil {
		return nil, err
	}
	root := yamlnode.Root(doc)
	if root == nil {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, diag.List{diag.Errorf(yamlnode.Pos(file, root), "a waivers file is a mapping with a waivers: list")}
	}
	var errs diag.List
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "waivers" {
			list = v
			continue
		}
		yamlnode.UnknownKey(&errs, file, k, "waivers file", []string{"waivers"})
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
	if yamlnode.IsNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, diag.List{diag.Errorf(yamlnode.Pos(file, n), "waivers must be a list")}
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
	w := Waiver{Pos: yamlnode.Pos(file, n)}
	if n.Kind != yaml.MappingNode {
		errs.Addf(w.Pos, "a waiver must be a mapping of item, owner, reason, expires and optionally subject or documents")
		return w, false
	}
	fields, ok := yamlnode.Fields(file, n, errs)
	var expires *yaml.Node
	for _, f := range fields {
		k, v := f.Key, f.Value
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
			yamlnode.UnknownKey(errs, file, k, "waiver", keys)
			ok = false
			continue
		}
		if !yamlnode.IsText(v) {
			errs.Addf(yamlnode.Pos(file, v), "%s must be text", k.Value)
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
		if v := yamlnode.Value(n, req.key); v == nil {
			errs.Addf(w.Pos, "%s has no %s", name, req.key)
			ok = false
		} else if req.val == "" && yamlnode.IsText(v) {
			// null was reported above as not text
			errs.Addf(yamlnode.Pos(file, v), "%s has an empty %s", name, req.key)
			ok = false
		}
	}
	if expires == nil {
		errs.Addf(w.Pos, "%s has no expires date", name)
		ok = false
	} else {
		t, good := yamlnode.Date(errs, file, expires, "expires", expires.Value)
		ok = ok && good
		w.Expires = t
	}
	for _, g := range []struct{ key, val string }{{"subject", w.Subject}, {"documents", w.Documents}} {
		if g.val != "" && !doublestar.ValidatePattern(g.val) {
			errs.Addf(yamlnode.Pos(file, yamlnode.Value(n, g.key)), "%s %q is not a valid glob", g.key, g.val)
			ok = false
		}
	}
	return w, ok
}
