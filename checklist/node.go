package checklist

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// maxDepth bounds how deeply a checklist file may nest. Real checklists
// nest five or six levels; anything far deeper is a mistake or an attack.
const maxDepth = 64

// decoder walks the yaml.v3 node tree of one file, collecting every problem
// it finds with the position it was found at.
type decoder struct {
	file string
	errs diag.List
	// budget is how many more nodes may be visited. It stops aliases
	// expanding a small file into a huge one (the "billion laughs").
	budget   int
	exhaustd bool
	// typos records, per mapping, the known keys that unknown keys were
	// probably meant to be, so a "has no question" is not reported beside
	// "unknown key qustion: did you mean question?".
	typos map[*yaml.Node][]string
	// patterns caches CheckPattern's answers by expression.
	patterns map[string]error
}

// missing reports that mapping n lacks key, unless a typo of key was
// already reported there.
func (d *decoder) missing(n *yaml.Node, key, format string, args ...any) *diag.Error {
	if contains(d.typos[n], key) {
		return &diag.Error{}
	}
	return d.errorf(n, format, args...)
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line, Column: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) *diag.Error {
	return d.errs.Addf(d.pos(n), format, args...)
}

// value follows aliases and charges the visit to the budget. It returns nil
// once the budget is spent (reported once).
func (d *decoder) value(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i > 100 {
			return nil
		}
		n = n.Alias
	}
	if n == nil {
		return nil
	}
	d.budget--
	if d.budget < 0 {
		if !d.exhaustd {
			d.exhaustd = true
			d.errorf(n, "too many aliases: the file expands to far more than it holds").
				WithHint("use fewer YAML anchors and aliases (&name, *name)")
		}
		return nil
	}
	return n
}

// kindName describes a node's type for an error message.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "empty"
		case "!!bool":
			return "true/false"
		case "!!int", "!!float":
			return "a number"
		}
		return "text"
	}
	return "something else"
}

// field is one key of a mapping and its value.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// mapping checks that n is a mapping whose keys are all known, reporting
// unknown keys (with the closest known one) and duplicate keys, and returns
// the values by key. what names the mapping in messages ("item").
func (d *decoder) mapping(n *yaml.Node, what string, known []string) map[string]field {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, not %s", what, kindName(n))
		return nil
	}
	out := make(map[string]field, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := d.value(n.Content[i])
		v := d.value(n.Content[i+1])
		if k == nil || v == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s keys must be text, not %s", what, kindName(k))
			continue
		}
		if !contains(known, k.Value) {
			e := d.errorf(k, "unknown key %q in %s", k.Value, what)
			if s := diag.Suggest(k.Value, known); s != "" {
				e.WithHint("did you mean %q?", s)
				if d.typos == nil {
					d.typos = map[*yaml.Node][]string{}
				}
				d.typos[n] = append(d.typos[n], s)
			} else {
				e.WithHint("%s keys are: %s", what, strings.Join(known, ", "))
			}
			continue
		}
		if prev, dup := out[k.Value]; dup {
			d.errorf(k, "duplicate key %q in %s (first at line %d)", k.Value, what, prev.key.Line)
			continue
		}
		out[k.Value] = field{key: k, value: v}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str reads a text value. Numbers are taken as written ("version: 1.2").
func (d *decoder) str(f field) (string, bool) {
	n := f.value
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.errorf(n, "%s must be text, not %s", f.key.Value, kindName(n))
		return "", false
	}
	return n.Value, true
}

// text reads a text value that must not be blank.
func (d *decoder) text(f field) (string, bool) {
	s, ok := d.str(f)
	if ok && strings.TrimSpace(s) == "" {
		d.errorf(f.value, "%s must not be empty", f.key.Value)
		return "", false
	}
	return s, ok
}

func (d *decoder) number(f field) (float64, bool) {
	n := f.value
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		d.errorf(n, "%s must be a number, not %s", f.key.Value, describe(n))
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil {
		if iv, ierr := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); ierr == nil {
			return float64(iv), true
		}
		d.errorf(n, "%s must be a number, not %q", f.key.Value, n.Value)
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		d.errorf(n, "%s must be a finite number", f.key.Value)
		return 0, false
	}
	return v, true
}

func (d *decoder) integer(f field) (int, bool) {
	n := f.value
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.errorf(n, "%s must be a whole number, not %s", f.key.Value, describe(n))
		return 0, false
	}
	v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 32)
	if err != nil {
		d.errorf(n, "%s must be a whole number, not %q", f.key.Value, n.Value)
		return 0, false
	}
	return int(v), true
}

// describe is kindName, but quotes a scalar's value so that the reader sees
// what was written.
func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return fmt.Sprintf("%q", v)
	}
	return kindName(n)
}

func (d *decoder) boolean(f field) (bool, bool) {
	n := f.value
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errorf(n, "%s must be true or false, not %s", f.key.Value, describe(n))
		return false, false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
}

// list returns the (alias-resolved) elements of a list. A single scalar is
// accepted as a list of one when one is true.
func (d *decoder) list(f field, one bool) []*yaml.Node {
	n := f.value
	if one && n.Kind == yaml.ScalarNode && !isNull(n) {
		return []*yaml.Node{n}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not %s", f.key.Value, kindName(n))
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c = d.value(c); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// strings reads a list of text values, with their positions.
func (d *decoder) strings(f field, one bool) ([]string, []diag.Pos) {
	var vals []string
	var poss []diag.Pos
	for _, n := range d.list(f, one) {
		if n.Kind != yaml.ScalarNode || isNull(n) {
			d.errorf(n, "each entry of %s must be text, not %s", f.key.Value, kindName(n))
			continue
		}
		vals = append(vals, n.Value)
		poss = append(poss, d.pos(n))
	}
	return vals, poss
}

// checkID reports an id that is not lowercase letters, digits, '-', '_'
// and '.', starting with a letter or digit.
func (d *decoder) checkID(n *yaml.Node, what, id string) bool {
	if !validID(id) {
		d.errorf(n, "%s id %q must be lowercase letters, digits and hyphens, starting with a letter or digit", what, id).
			WithHint("for example %q", suggestID(id))
		return false
	}
	return true
}

func validID(id string) bool {
	if id == "" || len(id) > 100 {
		return false
	}
	for i, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case (r == '-' || r == '_' || r == '.') && i > 0:
		default:
			return false
		}
	}
	return true
}

func suggestID(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "my-id"
	}
	if len(s) > 100 {
		s = s[:100]
	}
	return s
}

// countNodes counts the nodes of a tree without following aliases and
// returns the first node nested deeper than maxDepth, iteratively so that
// depth cannot exhaust the stack.
func countNodes(root *yaml.Node) (count int, deep *yaml.Node) {
	type frame struct {
		n *yaml.Node
		d int
	}
	stack := []frame{{root, 1}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		count++
		if f.d > maxDepth && deep == nil {
			deep = f.n
		}
		for _, c := range f.n.Content {
			stack = append(stack, frame{c, f.d + 1})
		}
	}
	return count, deep
}
