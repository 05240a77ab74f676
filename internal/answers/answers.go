package answers

import (
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// File is an answers file.
type File struct {
	// Checklist is the built-in id or path of the checklist answered.
	Checklist string
	Subject   string
	Auditor   string
	// Date is the audit date, YYYY-MM-DD.
	Date    string
	Answers []Answer
	// Path is where the file was loaded from (empty for a new file).
	Path string
	// ChecklistPos is where the checklist key was written, for errors.
	ChecklistPos diag.Pos
}

// Answer is one item's answer. Item is the id as written: a short id or a
// full id. An empty Value means the item is listed but not yet answered.
type Answer struct {
	Item     string
	Value    string
	Note     string
	Evidence []string
	Pos      diag.Pos
}

var topKeys = []string{"checklist", "subject", "auditor", "date", "answers"}
var longKeys = []string{"answer", "note", "evidence"}

// Parse reads an answers file from data; file names it in errors. Every
// problem is reported at once as a diag.List.
func Parse(file string, data []byte) (*File, error) {
	f := &File{Path: file}
	var errs diag.List
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: file, Line: n.Line, Column: n.Column} }

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, diag.List{diag.Errorf(diag.Pos{File: file}, "empty answers file: expected checklist, subject and answers")}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, diag.List{diag.Errorf(pos(root), "an answers file is a mapping with checklist, subject and answers")}
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if prev, ok := seen[k.Value]; ok {
			errs.Addf(pos(k), "%s given twice (first at line %d)", k.Value, prev.Line)
			continue
		}
		seen[k.Value] = k
		switch k.Value {
		case "checklist", "subject", "auditor", "date":
			s, ok := scalar(v)
			if !ok {
				errs.Addf(pos(v), "%s must be a single value", k.Value)
				continue
			}
			switch k.Value {
			case "checklist":
				f.Checklist, f.ChecklistPos = s, pos(v)
			case "subject":
				f.Subject = s
			case "auditor":
				f.Auditor = s
			case "date":
				if s != "" {
					if _, err := time.Parse("2006-01-02", s); err != nil {
						errs.Addf(pos(v), "date %q is not a date: write YYYY-MM-DD", s)
						continue
					}
				}
				f.Date = s
			}
		case "answers":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			if v.Kind != yaml.MappingNode {
				errs.Addf(pos(v), "answers must be a mapping of item id to answer")
				continue
			}
			f.Answers = parseAnswers(v, pos, &errs)
		default:
			e := errs.Addf(pos(k), "unknown key %q", k.Value)
			if s := diag.Suggest(k.Value, topKeys); s != "" {
				e.WithHint("did you mean %q?", s)
			}
		}
	}
	if f.Checklist == "" && seen["checklist"] == nil {
		errs.Addf(pos(root), "no checklist: say which checklist the answers are for (checklist: ID)")
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return f, nil
}

func parseAnswers(m *yaml.Node, pos func(*yaml.Node) diag.Pos, errs *diag.List) []Answer {
	var out []Answer
	first := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		id, ok := scalar(k)
		if !ok || id == "" {
			errs.Addf(pos(k), "an item id must be a plain word")
			continue
		}
		if line, ok := first[id]; ok {
			errs.Addf(pos(k), "item %s answered twice (first at line %d)", id, line)
			continue
		}
		first[id] = k.Line
		a := Answer{Item: id, Pos: pos(k)}
		switch v.Kind {
		case yaml.ScalarNode:
			a.Value = value(v)
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				lk, lv := v.Content[j], v.Content[j+1]
				switch lk.Value {
				case "answer":
					if lv.Kind != yaml.ScalarNode {
						errs.Addf(pos(lv), "answer to %s must be a single value", id)
						continue
					}
					a.Value = value(lv)
				case "note":
					s, ok := scalar(lv)
					if !ok {
						errs.Addf(pos(lv), "note on %s must be text", id)
						continue
					}
					a.Note = s
				case "evidence":
					switch lv.Kind {
					case yaml.ScalarNode:
						if s := value(lv); s != "" {
							a.Evidence = []string{s}
						}
					case yaml.SequenceNode:
						for _, e := range lv.Content {
							s, ok := scalar(e)
							if !ok {
								errs.Addf(pos(e), "evidence on %s must be a list of references", id)
								continue
							}
							a.Evidence = append(a.Evidence, s)
						}
					default:
						errs.Addf(pos(lv), "evidence on %s must be a list of references", id)
					}
				default:
					e := errs.Addf(pos(lk), "unknown key %q in the answer to %s (have answer, note, evidence)", lk.Value, id)
					if s := diag.Suggest(lk.Value, longKeys); s != "" {
						e.WithHint("did you mean %q?", s)
					}
				}
			}
		default:
			errs.Addf(pos(v), "answer to %s must be a value (yes) or a mapping {answer, note, evidence}", id)
			continue
		}
		out = append(out, a)
	}
	return out
}

// scalar returns a scalar node's text ("" for null).
func scalar(n *yaml.Node) (string, bool) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return "", false
	}
	return value(n), true
}

func value(n *yaml.Node) string {
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func yamlError(file string, err error) error {
	line, msg := yamlnode.SyntaxLine(err)
	return diag.List{diag.Errorf(diag.Pos{File: file, Line: line}, "not valid YAML: %s", msg)}
}

// Load reads and parses an answers file.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read answers: %w", err)
	}
	return Parse(path, b)
}

// Lookup returns the answer given to item (matched by full or short id, or
// by its ref), or nil.
func (f *File) Lookup(item *checklist.Item) *Answer {
	for i := range f.Answers {
		if f.Answers[i].Item == item.FullID || f.Answers[i].Item == item.ID ||
			(item.Ref != "" && (f.Answers[i].Item == item.Ref || f.Answers[i].Item == item.Checklist+"/"+item.Ref)) {
			return &f.Answers[i]
		}
	}
	return nil
}

// ByItem returns the answers keyed by the full id of the item they answer.
// Answers naming no item (or an ambiguous short id) are left out: Check
// reports them.
func (f *File) ByItem(cl *checklist.Checklist) map[string]*Answer {
	idx := newIndex(cl)
	out := map[string]*Answer{}
	for i := range f.Answers {
		if it := idx.item(f.Answers[i].Item); it != nil {
			if _, dup := out[it.FullID]; !dup {
				out[it.FullID] = &f.Answers[i]
			}
		}
	}
	return out
}

// index finds a checklist's items by full or short id in constant time;
// Checklist.Item walks every item, which is quadratic over a whole file.
type index struct {
	full  map[string]*checklist.Item
	short map[string][]*checklist.Item
	// refs holds items by ref alone and by CHECKLIST/REF.
	refs map[string][]*checklist.Item
}

func newIndex(cl *checklist.Checklist) *index {
	x := &index{full: map[string]*checklist.Item{}, short: map[string][]*checklist.Item{}, refs: map[string][]*checklist.Item{}}
	for _, it := range cl.Items() {
		x.full[it.FullID] = it
		x.short[it.ID] = append(x.short[it.ID], it)
		if it.Ref != "" {
			x.refs[it.Ref] = append(x.refs[it.Ref], it)
			x.refs[it.Checklist+"/"+it.Ref] = append(x.refs[it.Checklist+"/"+it.Ref], it)
		}
	}
	return x
}

// item is Checklist.Item: a full id, a short id naming one item, or else a
// ref (alone or as CHECKLIST/REF) naming one item.
func (x *index) item(id string) *checklist.Item {
	if it, ok := x.full[id]; ok {
		return it
	}
	if its := x.short[id]; len(its) == 1 {
		return its[0]
	} else if len(its) > 1 {
		return nil
	}
	if its := x.refs[id]; len(its) == 1 {
		return its[0]
	}
	return nil
}

// Set records value (and note) for item, replacing an earlier answer and
// keeping the answers in checklist order.
func (f *File) Set(cl *checklist.Checklist, item *checklist.Item, value, note string) {
	if a := f.Lookup(item); a != nil {
		a.Value, a.Note = value, note
		return
	}
	f.Answers = append(f.Answers, Answer{Item: ItemRef(cl, item), Value: value, Note: note})
	f.Sort(cl)
}

// Sort puts the answers in checklist order; answers naming unknown items go
// last, in the order written.
func (f *File) Sort(cl *checklist.Checklist) {
	idx := newIndex(cl)
	order := map[string]int{}
	for i, it := range cl.Items() {
		order[it.FullID] = i
	}
	rank := func(a Answer) int {
		if it := idx.item(a.Item); it != nil {
			return order[it.FullID]
		}
		return len(order)
	}
	sort.SliceStable(f.Answers, func(i, j int) bool { return rank(f.Answers[i]) < rank(f.Answers[j]) })
}

// ItemRef is how an answers file names item: its short id when that is
// unambiguous in cl, else its full id.
func ItemRef(cl *checklist.Checklist, item *checklist.Item) string {
	if got := cl.Item(item.ID); got == item {
		return item.ID
	}
	return item.FullID
}
