package checklist

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// The keys each mapping of a checklist file may have.
var (
	checklistKeys = []string{"id", "title", "version", "description", "source", "scale", "grades", "gates", "sections", "items", "include"}
	sectionKeys   = []string{"id", "title", "weight", "items"}
	itemKeys      = []string{"id", "ref", "question", "guidance", "weight", "critical", "source", "evidence", "when"}
	whenKeys      = []string{"item", "answer"}
	choiceKeys    = []string{"value", "label", "score", "na", "outcome"}
	bandKeys      = []string{"label", "min", "rag"}
	includeKeys   = []string{"checklist", "title", "weight", "select", "deselect", "reweight"}
)

// parsed is one file's checklist before its includes are resolved, with the
// positions that resolving them needs for its messages.
type parsed struct {
	cl       *Checklist
	includes []rawInclude
	// gateSections holds the position of each section named by each gate.
	gateSections [][]diag.Pos
	errs         diag.List
}

// rawInclude is an include as written, with the positions of its parts.
type rawInclude struct {
	Include
	refPos      diag.Pos
	selectPos   []diag.Pos
	deselectPos []diag.Pos
	reweightPos map[string]diag.Pos
}

// Parse reads one checklist file without resolving its includes. References
// that an include could satisfy (follow-up conditions, gate sections) are
// checked only when the file includes nothing; Load checks them all.
func Parse(file string, data []byte) (*Checklist, error) {
	p := parse(file, data)
	if p.cl != nil {
		finish(p.cl, p.gateSections, len(p.includes) > 0, &p.errs)
	}
	if len(p.errs) > 0 {
		p.errs.Sort()
		return nil, p.errs
	}
	return p.cl, nil
}

// parse decodes and checks one file. It never panics: a panic inside the
// YAML library is turned into an error. When it returns no checklist, it
// returns at least one error.
func parse(file string, data []byte) (p *parsed) {
	p = &parsed{}
	defer func() {
		if p.cl == nil && len(p.errs) == 0 {
			p.errs.Addf(diag.Pos{File: file}, "not a checklist")
		}
	}()
	fail := func(format string, args ...any) *parsed {
		p.errs.Addf(diag.Pos{File: file}, format, args...)
		return p
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail("empty file: a checklist needs at least an id, a title and items")
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		p.errs.Addf(diag.Pos{File: file}, "the file is in UTF-16: a checklist is YAML text in UTF-8").
			WithHint("save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)")
		return p
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return fail("not a text file: a checklist is YAML text in UTF-8")
	}

	var doc yaml.Node
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("unreadable YAML (%v)", r)
			}
		}()
		dec := yaml.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(&doc); err != nil {
			return err
		}
		var extra yaml.Node
		if err := dec.Decode(&extra); err != io.EOF {
			if err == nil {
				return fmt.Errorf("line %d: more than one YAML document: a checklist file holds one", extra.Line)
			}
			return err
		}
		return nil
	}()
	if err != nil {
		p.errs.Add(yamlError(file, err))
		return p
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return fail("empty file: a checklist needs at least an id, a title and items")
	}
	count, deep := countNodes(&doc)
	d := &decoder{file: file, budget: 4*count + 1000}
	if deep != nil {
		d.errorf(deep, "nested too deeply (more than %d levels)", maxDepth)
		p.errs = d.errs
		return p
	}
	p.cl = d.checklist(doc.Content[0], p)
	if d.exhaustd {
		// Whatever else was found is noise from the expansion.
		p.cl, p.includes = nil, nil
		for _, e := range d.errs {
			if strings.HasPrefix(e.Msg, "too many aliases") {
				p.errs = diag.List{e}
			}
		}
		return p
	}
	p.errs = append(p.errs, d.errs...)
	return p
}

// yamlError turns a YAML syntax error ("yaml: line 3: did not find ...")
// into a positioned error.
func yamlError(file string, err error) *diag.Error {
	line, msg := yamlnode.SyntaxLine(err)
	pos := diag.Pos{File: file, Line: line}
	e := &diag.Error{Pos: pos, Msg: "invalid YAML: " + msg}
	if strings.Contains(msg, "did not find expected ',' or '}'") || strings.Contains(msg, "did not find expected ',' or ']'") {
		e.Hint = "inside { } or [ ], quote text that holds ? : , # [ ] { } (for example question: 'Is it late?')"
	} else if strings.Contains(msg, "found character that cannot start any token") {
		e.Hint = "YAML indents with spaces, not tabs; quote text that starts with @ or `"
	}
	return e
}

func (d *decoder) checklist(n *yaml.Node, p *parsed) *Checklist {
	n = d.value(n)
	if n == nil {
		return nil
	}
	if isNull(n) {
		d.errorf(n, "empty file: a checklist needs at least an id, a title and items")
		return nil
	}
	fs := d.mapping(n, "checklist", checklistKeys)
	if fs == nil {
		return nil
	}
	cl := &Checklist{File: d.file, Pos: d.pos(n), Scale: DefaultScale(), Grades: DefaultGrades()}
	if f, ok := fs["id"]; ok {
		if id, ok := d.text(f); ok && d.checkID(f.value, "checklist", id) {
			cl.ID = id
		}
	} else {
		d.missing(n, "id", "checklist has no id").WithHint("add a line such as: id: my-checklist")
	}
	if f, ok := fs["title"]; ok {
		cl.Title, _ = d.text(f)
	} else {
		d.missing(n, "title", "checklist has no title").WithHint("add a line such as: title: My checklist")
	}
	if f, ok := fs["version"]; ok {
		cl.Version, _ = d.str(f)
	}
	if f, ok := fs["description"]; ok {
		cl.Description, _ = d.str(f)
	}
	if f, ok := fs["source"]; ok {
		cl.Source, _ = d.str(f)
	}
	if f, ok := fs["scale"]; ok {
		cl.Scale = d.scale(f)
	}
	if f, ok := fs["grades"]; ok {
		cl.Grades = d.grades(f)
	}
	if f, ok := fs["gates"]; ok {
		cl.Gates, p.gateSections = d.gates(f)
	}
	if f, ok := fs["items"]; ok {
		s := &Section{ID: cl.ID, Title: cl.Title, Pos: d.pos(f.key)}
		s.Items = d.items(f, cl, "")
		cl.Sections = append(cl.Sections, s)
	}
	if f, ok := fs["sections"]; ok {
		for i, sn := range d.list(f, false) {
			if s := d.section(sn, cl, i+1); s != nil {
				cl.Sections = append(cl.Sections, s)
			}
		}
	}
	if f, ok := fs["include"]; ok {
		p.includes = d.includes(f)
		for _, in := range p.includes {
			cl.Includes = append(cl.Includes, in.Include)
		}
	}
	_, hasItems := fs["items"]
	_, hasSections := fs["sections"]
	_, hasInclude := fs["include"]
	if !hasItems && !hasSections && !hasInclude {
		d.missing(n, "items", "checklist has no items").WithHint("add items:, sections: or include:")
	}
	return cl
}

func (d *decoder) section(n *yaml.Node, cl *Checklist, nth int) *Section {
	fs := d.mapping(n, "section", sectionKeys)
	if fs == nil {
		return nil
	}
	s := &Section{Pos: d.pos(n)}
	if f, ok := fs["id"]; ok {
		if id, ok := d.text(f); ok && d.checkID(f.value, "section", id) {
			s.ID = id
		}
	} else {
		d.missing(n, "id", "section %d has no id", nth)
	}
	s.Title = s.ID
	if f, ok := fs["title"]; ok {
		s.Title, _ = d.text(f)
	}
	if f, ok := fs["weight"]; ok {
		if s.Weight = d.weight(f, "section"); s.Weight == 0 {
			s.Weight = 1 // reported; don't also report it as missing
		}
	}
	if f, ok := fs["items"]; ok {
		name := s.ID
		if name == "" {
			name = fmt.Sprint(nth)
		}
		s.Items = d.items(f, cl, name)
	} else {
		d.missing(n, "items", "section has no items")
	}
	return s
}

// weight reads a weight, which must be more than 0. what ("item",
// "section", "include") picks the hint.
func (d *decoder) weight(f field, what string) float64 {
	w, ok := d.number(f)
	if ok && w <= 0 {
		e := d.errorf(f.value, "weight must be more than 0, not %s", f.value.Value)
		switch what {
		case "item":
			e.WithHint("to leave an item out, deselect it or remove it")
		case "section", "include":
			e.WithHint("weights are relative: give the others larger ones, or leave the %s out", what)
		}
		return 0
	}
	return w
}

// items decodes the items of a section (section is its id; "" for a
// checklist's own items list).
func (d *decoder) items(f field, cl *Checklist, section string) []*Item {
	nodes := d.list(f, false)
	if len(nodes) == 0 && f.value.Kind == yaml.SequenceNode {
		d.errorf(f.value, "%s is empty", f.key.Value)
	}
	items := make([]*Item, 0, len(nodes))
	for i, n := range nodes {
		// An item without a usable id is named by its place, so that the
		// message says which one it is beside the line.
		place := fmt.Sprintf("item %d", i+1)
		if section != "" {
			place += " of section " + section
		}
		if it := d.item(n, cl, place); it != nil {
			items = append(items, it)
		}
	}
	return items
}

func (d *decoder) item(n *yaml.Node, cl *Checklist, place string) *Item {
	fs := d.mapping(n, "item", itemKeys)
	if fs == nil {
		return nil
	}
	it := &Item{Weight: 1, Checklist: cl.ID, Pos: d.pos(n)}
	if f, ok := fs["id"]; ok {
		if id, ok := d.text(f); ok && d.checkID(f.value, "item", id) {
			it.ID = id
			it.FullID = cl.ID + "/" + id
		}
	} else {
		d.missing(n, "id", "%s has no id", place).WithHint("an item's id is what answers files and reports name it by: id: lowercase-words")
	}
	if f, ok := fs["ref"]; ok {
		it.Ref = d.ref(f)
		it.RefPos = d.pos(f.value)
	}
	if f, ok := fs["question"]; ok {
		it.Question, _ = d.text(f)
	} else if it.ID != "" {
		d.missing(n, "question", "item %s has no question", it.ID).WithHint("an item asks one question the assessor answers: question: ...")
	} else {
		d.missing(n, "question", "%s has no question", place).WithHint("an item asks one question the assessor answers: question: ...")
	}
	if f, ok := fs["guidance"]; ok {
		it.Guidance, _ = d.str(f)
	}
	if f, ok := fs["weight"]; ok {
		if w := d.weight(f, "item"); w > 0 {
			it.Weight = w
		}
	}
	if f, ok := fs["critical"]; ok {
		it.Critical, _ = d.boolean(f)
	}
	if f, ok := fs["source"]; ok {
		it.Source, _ = d.str(f)
	}
	if f, ok := fs["evidence"]; ok {
		it.Evidence = d.evidence(f)
	}
	if f, ok := fs["when"]; ok {
		it.When = d.when(f, cl.Scale)
	}
	return it
}

func (d *decoder) when(wf field, scale Scale) *Condition {
	fs := d.mapping(wf.value, "when", whenKeys)
	if fs == nil {
		return nil
	}
	c := &Condition{Pos: d.pos(wf.value)}
	if f, ok := fs["item"]; ok {
		c.Item, _ = d.text(f)
		c.Pos = d.pos(f.value)
	} else {
		d.missing(wf.value, "item", "when has no item").WithHint("a follow-up names the item it follows: when: {item: ID, answer: [no]}")
	}
	if af, ok := fs["answer"]; ok {
		vals, poss := d.strings(af, true)
		for i, v := range vals {
			if scale.Choice(v) == nil {
				e := d.errs.Addf(poss[i], "answer %q is not on the scale (%s)", v, strings.Join(scale.Values(), ", "))
				if s := scale.Suggest(v); s != "" {
					e.WithHint("did you mean %s?", s)
				}
			}
		}
		if len(vals) == 0 && af.value.Kind == yaml.SequenceNode {
			d.errorf(af.value, "answer is empty: name the answers that ask the follow-up")
		}
		c.Answers = vals
	} else {
		d.missing(wf.value, "answer", "when has no answer").WithHint("name the answers that ask the follow-up: answer: [no, partial]")
	}
	return c
}

// ref reads an item's ref as written: "6.10" stays "6.10" though YAML would
// read it as the number 6.1. A ref is one line of text with no "/" (which
// separates a checklist id from a ref in answers files and waivers).
func (d *decoder) ref(f field) string {
	r, ok := d.text(f)
	if !ok {
		return ""
	}
	switch {
	case strings.TrimSpace(r) != r || strings.ContainsAny(r, "\n\r\t"):
		d.errorf(f.value, "ref %q must be one line with no leading or trailing spaces", r)
		return ""
	case strings.Contains(r, "/"):
		d.errorf(f.value, "ref %q must not contain \"/\"", r).
			WithHint("\"/\" separates a checklist id from a ref (housing-ombudsman-code/6.2): write %q", strings.ReplaceAll(r, "/", "."))
		return ""
	case utf8.RuneCountInString(r) > 100:
		d.errorf(f.value, "ref is longer than 100 characters")
		return ""
	}
	return r
}
