package action

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/input"
	"github.com/svcaudit/svcaudit/internal/lockfile"
	"io/fs"
	"strings"
	"time"

	"github.com/svcaudit/svcaudit/internal/atomicfile"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"github.com/svcaudit/svcaudit/result"
	"go.yaml.in/yaml/v3"
)

// keys are the keys an action may set, in the order they are written.
var keys = []string{"id", "item", "subject", "description", "owner", "due", "status", "raised", "closed", "reopens", "note"}

// header is the comment a new register starts with.
const header = `Corrective-action register, kept by svcaudit (svcaudit run --actions).
Edit owner, due, status (open, done, dropped) and note by hand; svcaudit
raises actions for failed items and closes them when the items pass.`

// Load reads a register file.
func Load(path string) (*Register, error) {
	data, err := input.Read(path)
	if err != nil {
		return nil, fmt.Errorf("load actions: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a register's content. Every problem is reported, each as a
// *diag.Error at file:line:col, in a diag.List.
func Parse(file string, data []byte) (*Register, error) {
	reg := &Register{}
	doc, err := yamlnode.Decode(file, data)
	if err != nil || doc == nil {
		return reg, err
	}
	reg.Comment = strings.TrimSpace(uncomment(doc.HeadComment))
	root := yamlnode.Root(doc)
	if root == nil {
		return reg, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, diag.List{diag.Errorf(yamlnode.Pos(file, root), "an actions register is a mapping with an actions: list")}
	}
	if reg.Comment == "" {
		reg.Comment = strings.TrimSpace(uncomment(root.HeadComment))
	}
	var errs diag.List
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if reg.Comment == "" && i == 0 {
			reg.Comment = strings.TrimSpace(uncomment(k.HeadComment))
		}
		if k.Value != "actions" {
			yamlnode.UnknownKey(&errs, file, k, "actions register", []string{"actions"})
			continue
		}
		if yamlnode.IsNull(v) {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			errs.Addf(yamlnode.Pos(file, v), "actions must be a list")
			continue
		}
		ids := map[string]int{}
		for _, an := range v.Content {
			a, ok := parseAction(file, an, &errs)
			if !ok {
				continue
			}
			if line, dup := ids[a.ID]; dup {
				errs.Addf(a.Pos, "duplicate action id %q (first at line %d)", a.ID, line)
				continue
			}
			ids[a.ID] = a.Pos.Line
			reg.Actions = append(reg.Actions, a)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return reg, nil
}

func parseAction(file string, n *yaml.Node, errs *diag.List) (*Action, bool) {
	a := &Action{Pos: yamlnode.Pos(file, n), node: n}
	if n.Kind != yaml.MappingNode {
		errs.Addf(a.Pos, "an action must be a mapping of id, item, subject, status, raised and more")
		return nil, false
	}
	fields, ok := yamlnode.Fields(file, n, errs)
	badRaised := false
	for _, f := range fields {
		k, v := f.Key, f.Value
		if v.Kind != yaml.ScalarNode {
			errs.Addf(yamlnode.Pos(file, v), "%s must be text", k.Value)
			ok = false
			continue
		}
		val := v.Value
		if yamlnode.IsNull(v) {
			val = ""
		}
		date := func(t *time.Time) {
			if val == "" {
				return
			}
			var good bool
			if *t, good = yamlnode.Date(errs, file, v, k.Value, val); !good {
				badRaised = badRaised || k.Value == "raised"
				ok = false
			}
		}
		switch k.Value {
		case "id":
			a.ID = val
		case "item":
			a.Item = val
		case "subject":
			a.Subject = val
		case "description":
			a.Description = val
		case "owner":
			a.Owner = val
		case "reopens":
			a.Reopens = val
		case "note":
			a.Note = val
		case "status":
			a.Status = Status(val)
			if !validStatus(a.Status) {
				errs.Addf(yamlnode.Pos(file, v), "status %q is not one of open, done, dropped", val)
				ok = false
			}
		case "due":
			date(&a.Due)
		case "raised":
			date(&a.Raised)
		case "closed":
			date(&a.Closed)
		default:
			yamlnode.UnknownKey(errs, file, k, "action", keys)
			ok = false
		}
	}
	name := "action"
	if a.ID != "" {
		name = "action " + a.ID
	}
	for _, req := range []struct{ key, val string }{{"id", a.ID}, {"item", a.Item}, {"subject", a.Subject}, {"status", string(a.Status)}} {
		if req.val == "" {
			errs.Addf(a.Pos, "%s has no %s", name, req.key)
			ok = false
		}
	}
	if a.Raised.IsZero() && !badRaised {
		errs.Addf(a.Pos, "%s has no raised date", name)
		ok = false
	}
	return a, ok
}

func validStatus(s Status) bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Save writes the register to path atomically, in its stable order.
func Save(path string, reg *Register) error {
	return atomicfile.Write(path, Marshal(reg), 0o644)
}

// Marshal renders the register as YAML: its stable order (subject, item,
// date raised), one action per block with a blank line between, and the
// comments the file was read with kept on their actions and keys.
func Marshal(reg *Register) []byte {
	reg.sortStable()
	var b bytes.Buffer
	comment := reg.Comment
	if comment == "" {
		comment = header
	}
	for _, line := range strings.Split(comment, "\n") {
		b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
	if len(reg.Actions) == 0 {
		b.WriteString("actions: []\n")
		return b.Bytes()
	}
	b.WriteString("actions:\n")
	for i, a := range reg.Actions {
		if i > 0 {
			b.WriteString("\n")
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{a.toNode()}}
		var one bytes.Buffer
		enc := yaml.NewEncoder(&one)
		enc.SetIndent(2)
		_ = enc.Encode(seq) // a tree of plain strings always encodes
		_ = enc.Close()
		for _, line := range strings.SplitAfter(strings.TrimRight(one.String(), "\n"), "\n") {
			b.WriteString("  " + strings.TrimRight(line, "\n") + "\n")
		}
	}
	return b.Bytes()
}

// toNode builds the action's YAML, keys in their usual order, copying the
// comments of the node it was read from.
func (a *Action) toNode() *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(DateLayout)
	}
	vals := map[string]string{
		"id": a.ID, "item": a.Item, "subject": a.Subject, "description": a.Description,
		"owner": a.Owner, "due": date(a.Due), "status": string(a.Status),
		"raised": date(a.Raised), "closed": date(a.Closed), "reopens": a.Reopens, "note": a.Note,
	}
	for _, k := range keys {
		v := vals[k]
		if v == "" && k != "owner" { // owner stays visible, to be filled in
			continue
		}
		kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}
		vn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
		if k == "due" || k == "raised" || k == "closed" {
			vn.Tag = "!!timestamp"
		}
		if a.node != nil {
			for i := 0; i+1 < len(a.node.Content); i += 2 {
				if a.node.Content[i].Value == k {
					kn.HeadComment = a.node.Content[i].HeadComment
					kn.LineComment = a.node.Content[i].LineComment
					vn.LineComment = a.node.Content[i+1].LineComment
				}
			}
		}
		m.Content = append(m.Content, kn, vn)
	}
	if a.node != nil {
		m.HeadComment = a.node.HeadComment
		m.FootComment = a.node.FootComment
	}
	return m
}

// UpdateFile brings the register at path up to date with r on today — it
// creates the register if it does not exist yet — and saves it atomically
// when anything changed. It is what `run --actions FILE` calls.
func UpdateFile(path string, r *result.Result, today time.Time) (Changes, error) {
	return UpdateFileWith(path, r, today, Options{})
}

// LockWait is how long UpdateFile waits for another process updating the
// same register (parallel runs in CI) before giving up.
var LockWait = 2 * time.Minute

// UpdateFileWith is UpdateFile with options. The read-modify-write holds
// an exclusive lock on path+".lock" (internal/lockfile), so parallel runs
// on one register each add their actions and none is lost.
func UpdateFileWith(path string, r *result.Result, today time.Time, opts Options) (Changes, error) {
	ctx, cancel := context.WithTimeout(context.Background(), LockWait)
	defer cancel()
	lock, err := lockfile.LockContext(ctx, path, 20*time.Millisecond)
	if err != nil {
		return Changes{}, fmt.Errorf("actions register: %w", err)
	}
	defer lock.Release()
	reg, err := Load(path)
	created := false
	if errors.Is(err, fs.ErrNotExist) {
		reg, err, created = &Register{}, nil, true
	}
	if err != nil {
		return Changes{}, err
	}
	ch := UpdateWith(reg, r, today, opts)
	if ch.Empty() && !created {
		return ch, nil
	}
	if err := Save(path, reg); err != nil {
		return Changes{}, fmt.Errorf("save actions: %w", err)
	}
	return ch, nil
}

func uncomment(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(strings.TrimSpace(l), "#")
		lines[i] = strings.TrimPrefix(l, " ")
	}
	return strings.Join(lines, "\n")
}
