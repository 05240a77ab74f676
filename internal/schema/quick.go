package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"

	"github.com/valyala/fastjson"
)

// Quick is a fast, conservative check of JSON data against the published
// schemas: it returns the first of names whose schema accepts data and true
// only when Validate would accept data against that schema; false says
// nothing (Validate tells why, or accepts after all). It exists for the
// commands that read many files (report reads 10,000 Results), where the
// full validator, which keeps the trail of every value for its messages,
// costs ten times the decoding.
//
// It knows the keywords the published schemas use — type, required,
// properties, additionalProperties, items, oneOf, enum, minimum, maximum
// and $ref to a $defs entry — and a schema with any other keyword is never
// accepted quickly. Numbers with an exponent, integers written with a
// fraction (1.0) and enums of other than strings and numbers are left to
// Validate.
func Quick(data []byte, names ...string) (string, bool) {
	if !json.Valid(data) { // fastjson alone accepts NaN and loose numbers
		return "", false
	}
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(data)
	if err != nil {
		return "", false
	}
	for _, name := range names {
		n, err := quickSchema(name)
		var scratch []byte
		if err == nil && n.check(v, &scratch) == ok {
			return name, true
		}
	}
	return "", false
}

var parsers fastjson.ParserPool

// verdict is a quick check's answer for one value: ok (the validator
// accepts it), bad (the validator refuses it) or unsure. Only a sure
// answer may decide a oneOf.
type verdict uint8

const (
	ok verdict = iota
	unsure
	bad
)

const (
	tObject = 1 << iota
	tArray
	tString
	tNumber
	tInteger
	tBoolean
	tNull
)

var typeBits = map[string]uint8{"object": tObject, "array": tArray, "string": tString, "number": tNumber,
	"integer": tInteger, "boolean": tBoolean, "null": tNull}

// qnode is one compiled schema.
type qnode struct {
	never     bool // the schema false
	ref       *qnode
	types     uint8 // 0: any type
	required  []string
	props     map[string]*qnode
	addl      *qnode // nil: any additional property
	addlFalse bool
	items     *qnode
	oneOf     []*qnode
	hasEnum   bool
	enumStr   map[string]bool
	enumNum   []*bound
	min, max  *bound
}

// bound is a number of a schema, exactly and as a float64 when that is
// exact.
type bound struct {
	rat   *big.Rat
	f     float64
	exact bool // f is the number
}

func newBound(s string) (*bound, bool) {
	r, good := new(big.Rat).SetString(s)
	if !good {
		return nil, false
	}
	f, exact := r.Float64()
	return &bound{rat: r, f: f, exact: exact}, true
}

// compare compares a JSON number with b: -1, 0 or 1, and false when it
// cannot say cheaply (an exponent, which Validate reads: it may be huge).
func compare(raw []byte, b *bound) (int, bool) {
	if strings.ContainsAny(string(raw), "eE") {
		return 0, false
	}
	// A decimal of at most 15 significant digits is within float64's
	// precision: rounding it cannot reach or cross a float64 b.f that is
	// exact, so comparing floats compares the numbers.
	digits := 0
	for _, c := range raw {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	if b.exact && digits <= 15 {
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			return 0, false
		}
		switch {
		case f < b.f:
			return -1, true
		case f > b.f:
			return 1, true
		}
		return 0, true
	}
	x, good := new(big.Rat).SetString(string(raw))
	if !good {
		return 0, false
	}
	return x.Cmp(b.rat), true
}

func (n *qnode) check(v *fastjson.Value, scratch *[]byte) verdict {
	if n.never {
		return bad
	}
	r := ok
	if n.ref != nil {
		if r = n.ref.check(v, scratch); r == bad {
			return bad
		}
	}
	t := v.Type()
	var raw []byte
	if t == fastjson.TypeNumber {
		*scratch = v.MarshalTo((*scratch)[:0])
		raw = *scratch
	}
	if n.types != 0 {
		var bit uint8
		switch t {
		case fastjson.TypeObject:
			bit = tObject
		case fastjson.TypeArray:
			bit = tArray
		case fastjson.TypeString:
			bit = tString
		case fastjson.TypeNumber:
			bit = tNumber
		case fastjson.TypeTrue, fastjson.TypeFalse:
			bit = tBoolean
		case fastjson.TypeNull:
			bit = tNull
		}
		if n.types&bit == 0 {
			switch {
			case bit != tNumber || n.types&tInteger == 0:
				return bad
			case isPlainInt(raw):
			case strings.ContainsAny(string(raw), "eE"):
				r = max(r, unsure)
			default: // 1.5 is no integer; 1.0 is one
				if strings.TrimRight(string(raw[strings.IndexByte(string(raw), '.')+1:]), "0") != "" {
					return bad
				}
				r = max(r, unsure)
			}
		}
	}
	if n.hasEnum {
		switch t {
		case fastjson.TypeString:
			s, _ := v.StringBytes()
			if !n.enumStr[string(s)] {
				return bad
			}
		case fastjson.TypeNumber:
			found := false
			for _, e := range n.enumNum {
				c, sure := compare(raw, e)
				if !sure {
					r = max(r, unsure)
				}
				found = found || c == 0 && sure
			}
			if !found && r != unsure {
				return bad
			}
		default:
			return bad // the enum holds strings and numbers only
		}
	}
	if t == fastjson.TypeNumber && (n.min != nil || n.max != nil) {
		for _, b := range [2]struct {
			bound *bound
			below bool
		}{{n.min, true}, {n.max, false}} {
			if b.bound == nil {
				continue
			}
			c, sure := compare(raw, b.bound)
			if !sure {
				r = max(r, unsure)
			} else if b.below && c < 0 || !b.below && c > 0 {
				return bad
			}
		}
	}
	switch t {
	case fastjson.TypeObject:
		o, _ := v.Object()
		for _, k := range n.required {
			if o.Get(k) == nil {
				return bad
			}
		}
		if n.props != nil || n.addl != nil || n.addlFalse {
			o.Visit(func(key []byte, e *fastjson.Value) {
				if r == bad {
					return
				}
				if p, found := n.props[string(key)]; found {
					r = max(r, p.check(e, scratch))
				} else if n.addlFalse {
					r = bad
				} else if n.addl != nil {
					r = max(r, n.addl.check(e, scratch))
				}
			})
		}
	case fastjson.TypeArray:
		if n.items != nil {
			a, _ := v.Array()
			for _, e := range a {
				if r = max(r, n.items.check(e, scratch)); r == bad {
					return bad
				}
			}
		}
	}
	if r == bad || len(n.oneOf) == 0 {
		return r
	}
	valid := 0
	for _, b := range n.oneOf {
		switch b.check(v, scratch) {
		case ok:
			valid++
		case unsure:
			return unsure
		}
	}
	if valid != 1 {
		return bad
	}
	return r
}

// isPlainInt reports whether a JSON number is written as an integer.
func isPlainInt(raw []byte) bool {
	if len(raw) > 0 && raw[0] == '-' {
		raw = raw[1:]
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(raw) > 0
}

var (
	quickMu       sync.Mutex
	quickCompiled = map[string]*qnode{}
	quickErr      = map[string]error{}
)

// quickSchema compiles the named schema for Quick, once.
func quickSchema(name string) (*qnode, error) {
	quickMu.Lock()
	defer quickMu.Unlock()
	if n, found := quickCompiled[name]; found {
		return n, quickErr[name]
	}
	c := &qcompiler{roots: map[string]map[string]any{}, defs: map[string]*qnode{}}
	file := name + ".schema.json"
	root, err := c.root(file)
	var n *qnode
	if err == nil {
		n, err = c.node(file, root, true)
	}
	quickCompiled[name], quickErr[name] = n, err
	return n, err
}

type qcompiler struct {
	roots map[string]map[string]any // schema file → its JSON
	defs  map[string]*qnode         // "file#name" → compiled $defs entry
}

func (c *qcompiler) root(file string) (map[string]any, error) {
	if r, found := c.roots[file]; found {
		return r, nil
	}
	name, found := strings.CutSuffix(file, ".schema.json")
	if !found || strings.ContainsAny(name, "/:") {
		return nil, fmt.Errorf("quick: $ref to %s", file)
	}
	b, err := Get(name)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	var r map[string]any
	if err := d.Decode(&r); err != nil {
		return nil, err
	}
	if id, found := r["$id"]; found && id != "https://svcaudit.dev/schema/"+file {
		return nil, fmt.Errorf("quick: %s has $id %v", file, id)
	}
	c.roots[file] = r
	return r, nil
}

// ref compiles a $ref of the form [FILE]#/$defs/NAME.
func (c *qcompiler) ref(file string, ref any) (*qnode, error) {
	s, _ := ref.(string)
	f, frag, _ := strings.Cut(s, "#")
	if f == "" {
		f = file
	}
	name, found := strings.CutPrefix(frag, "/$defs/")
	if !found || name == "" || strings.ContainsAny(name, "/~%") {
		return nil, fmt.Errorf("quick: $ref %q", s)
	}
	key := f + "#" + name
	if n, found := c.defs[key]; found {
		return n, nil
	}
	root, err := c.root(f)
	if err != nil {
		return nil, err
	}
	defs, _ := root["$defs"].(map[string]any)
	def, found := defs[name]
	if !found {
		return nil, fmt.Errorf("quick: $ref %q: no such definition", s)
	}
	n := &qnode{}
	c.defs[key] = n // before compiling: a definition may refer to itself
	m, err := c.node(f, def, false)
	if err != nil {
		return nil, err
	}
	*n = *m
	return n, nil
}

// node compiles one schema (a JSON object or boolean) of file.
func (c *qcompiler) node(file string, s any, isRoot bool) (*qnode, error) {
	switch s := s.(type) {
	case bool:
		return &qnode{never: !s}, nil
	case map[string]any:
		n := &qnode{}
		for k, v := range s {
			var err error
			switch k {
			case "title", "description", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly":
			case "$schema", "$id", "$defs":
				if !isRoot {
					err = fmt.Errorf("quick: %s below the root", k)
				}
			case "$ref":
				n.ref, err = c.ref(file, v)
			case "type":
				n.types, err = types(v)
			case "required":
				list, good := v.([]any)
				for _, x := range list {
					s, isStr := x.(string)
					good = good && isStr
					n.required = append(n.required, s)
				}
				if !good {
					err = fmt.Errorf("quick: required %v", v)
				}
			case "properties":
				m, good := v.(map[string]any)
				if !good {
					err = fmt.Errorf("quick: properties %v", v)
					break
				}
				n.props = make(map[string]*qnode, len(m))
				for name, ps := range m {
					if n.props[name], err = c.node(file, ps, false); err != nil {
						break
					}
				}
			case "additionalProperties":
				if b, isBool := v.(bool); isBool {
					n.addlFalse = !b
				} else {
					n.addl, err = c.node(file, v, false)
				}
			case "items":
				n.items, err = c.node(file, v, false)
			case "oneOf":
				list, good := v.([]any)
				if !good || len(list) == 0 {
					err = fmt.Errorf("quick: oneOf %v", v)
				}
				for _, b := range list {
					var bn *qnode
					if bn, err = c.node(file, b, false); err != nil {
						break
					}
					n.oneOf = append(n.oneOf, bn)
				}
			case "enum":
				n.hasEnum, n.enumStr = true, map[string]bool{}
				list, _ := v.([]any)
				for _, x := range list {
					switch x := x.(type) {
					case string:
						n.enumStr[x] = true
					case json.Number:
						b, good := newBound(x.String())
						if !good {
							err = fmt.Errorf("quick: enum %v", x)
						}
						n.enumNum = append(n.enumNum, b)
					default:
						err = fmt.Errorf("quick: enum of %T", x)
					}
				}
			case "minimum", "maximum":
				num, good := v.(json.Number)
				r, good2 := newBound(num.String())
				if !good || !good2 {
					err = fmt.Errorf("quick: %s %v", k, v)
				} else if k == "minimum" {
					n.min = r
				} else {
					n.max = r
				}
			default:
				err = fmt.Errorf("quick: keyword %s", k)
			}
			if err != nil {
				return nil, err
			}
		}
		return n, nil
	}
	return nil, fmt.Errorf("quick: schema %v", s)
}

func types(v any) (uint8, error) {
	var list []any
	switch v := v.(type) {
	case string:
		list = []any{v}
	case []any:
		list = v
	}
	var bits uint8
	for _, x := range list {
		s, _ := x.(string)
		b, found := typeBits[s]
		if !found {
			return 0, fmt.Errorf("quick: type %v", v)
		}
		bits |= b
	}
	if bits == 0 {
		return 0, fmt.Errorf("quick: type %v", v)
	}
	return bits, nil
}
