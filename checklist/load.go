package checklist

import (
	"errors"
	"fmt"
	"github.com/svcaudit/svcaudit/internal/input"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/checklists"
	"github.com/svcaudit/svcaudit/internal/diag"
)

// MaxFileSize is the largest checklist file read (100,000 items take about
// 15 MiB).
const MaxFileSize = 64 << 20

// origin is where a checklist file comes from: a file on disk or one
// embedded in the binary.
type origin struct {
	builtin bool
	// path is the path on disk as the user would write it, or the name in
	// checklists.FS.
	path string
	// key identifies the file, to find include cycles.
	key string
}

func (o origin) display() string {
	if o.builtin {
		return "builtin:" + strings.TrimSuffix(o.path, ".yaml")
	}
	return o.path
}

// loader resolves includes. root is the folder tree includes must stay in:
// the real folder of the file loaded first.
type loader struct {
	root string
}

// Load reads the checklist at path and resolves its includes, which are
// built-in ids or paths relative to the including file, inside the folder
// tree of the file loaded. Every problem of every file is reported, as a
// diag.List.
func Load(file string) (*Checklist, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: file}, Msg: err.Error()}}
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: file}, Msg: "cannot read checklist: " + describeOSError(err)}}
	}
	l := &loader{root: filepath.Dir(real)}
	cl, errs := l.load(origin{path: file, key: real}, nil, diag.Pos{})
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return cl, nil
}

func describeOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func (l *loader) read(o origin) ([]byte, error) {
	if o.builtin {
		return fs.ReadFile(checklists.FS, o.path)
	}
	// input.Read: only a regular file (a named pipe given as a checklist
	// or an include: is refused, never opened to block), of at most the
	// input limit.
	data, err := input.ReadLimit(o.path, max(MaxFileSize, input.Limit()))
	var nr *input.NotRegularError
	var tl *input.TooLargeError
	switch {
	case errors.As(err, &nr):
		if nr.Kind == "a folder" {
			return nil, errors.New("is a folder, not a file")
		}
		return nil, fmt.Errorf("not a regular file (%s)", nr.Kind)
	case errors.As(err, &tl):
		return nil, fmt.Errorf("larger than %d MiB", tl.Limit>>20)
	case err != nil:
		return nil, errors.New(describeOSError(err))
	}
	return data, nil
}

// load reads, parses and checks one file and everything it includes. stack
// holds the keys of the files including it; at is the include that named
// it, where a read error is reported.
func (l *loader) load(o origin, stack []string, at diag.Pos) (*Checklist, diag.List) {
	data, err := l.read(o)
	if err != nil {
		pos := at
		if pos == (diag.Pos{}) {
			pos = diag.Pos{File: o.display()}
		}
		return nil, diag.List{diag.Errorf(pos, "cannot read checklist %q: %v", o.display(), err)}
	}
	p := parse(o.display(), data)
	errs := p.errs
	cl := p.cl
	if cl == nil {
		return nil, errs
	}
	if o.builtin && cl.ID != "" && cl.ID != strings.TrimSuffix(o.path, ".yaml") {
		errs.Addf(cl.Pos, "built-in checklist %s has id %q: the id must match the file name", o.path, cl.ID)
	}
	stack = append(stack, o.key)
	for _, in := range p.includes {
		sub, subErrs := l.include(o, in, stack)
		errs = append(errs, subErrs...)
		if sub == nil || len(subErrs) > 0 {
			continue
		}
		if !sameScale(cl.Scale, sub.Scale) {
			errs.Addf(in.refPos, "included checklist %q uses a different scale (%s) from this one (%s)",
				sub.ID, strings.Join(sub.Scale.Values(), ", "), strings.Join(cl.Scale.Values(), ", ")).
				WithHint("answers are given on one scale: give both checklists the same scale")
			continue
		}
		if s := tailor(sub, in, &errs); s != nil {
			cl.Sections = append(cl.Sections, s)
		}
	}
	finish(cl, p.gateSections, false, &errs)
	return cl, errs
}

// isPath reports whether an include names a file rather than a built-in id.
func isPath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml")
}

// include finds and loads the checklist an include names.
func (l *loader) include(from origin, in rawInclude, stack []string) (*Checklist, diag.List) {
	ref := in.Checklist
	var o origin
	switch {
	case !isPath(ref):
		if !isBuiltin(ref) {
			e := diag.Errorf(in.refPos, "no built-in checklist %q", ref)
			e.Err = &UnknownChecklistError{Name: ref, Include: true}
			if s := diag.Suggest(ref, BuiltinIDs()); s != "" {
				e.WithHint("did you mean %q?", s)
			} else {
				e.WithHint("a path must end in .yaml")
			}
			return nil, diag.List{e}
		}
		o = origin{builtin: true, path: ref + ".yaml", key: "builtin:" + ref + ".yaml"}
	case filepath.IsAbs(ref) || path.IsAbs(ref):
		return nil, diag.List{diag.Errorf(in.refPos, "include %q is an absolute path: write it relative to this checklist's folder", ref)}
	case from.builtin:
		p := path.Join(path.Dir(from.path), ref)
		if !fs.ValidPath(p) || strings.HasPrefix(p, "../") || p == ".." {
			return nil, diag.List{diag.Errorf(in.refPos, "include %q is outside the built-in checklists", ref)}
		}
		o = origin{builtin: true, path: p, key: "builtin:" + p}
	default:
		p := filepath.Join(filepath.Dir(from.path), filepath.FromSlash(ref))
		escape := diag.List{diag.Errorf(in.refPos, "include %q is outside the checklist's folder", ref).
			WithHint("an included checklist must be in the including checklist's folder or below it")}
		// The including file's real folder is inside the tree, so a path
		// that climbs out is caught before the file is looked for; the
		// real path then catches symbolic links that lead out.
		abs := filepath.Join(filepath.Dir(from.key), filepath.FromSlash(ref))
		if !within(l.root, abs) {
			return nil, escape
		}
		abs, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return nil, diag.List{diag.Errorf(in.refPos, "cannot read included checklist %q: %s", ref, describeOSError(err))}
		}
		if !within(l.root, abs) {
			return nil, escape
		}
		o = origin{path: p, key: abs}
	}
	for i, k := range stack {
		if k == o.key {
			names := make([]string, 0, len(stack)-i+1)
			for _, s := range stack[i:] {
				names = append(names, displayKey(s))
			}
			names = append(names, displayKey(o.key))
			return nil, diag.List{diag.Errorf(in.refPos, "include cycle: %s", strings.Join(names, " → "))}
		}
	}
	return l.load(o, stack, in.refPos)
}

func displayKey(k string) string {
	if s, ok := strings.CutPrefix(k, "builtin:"); ok {
		return strings.TrimSuffix(s, ".yaml")
	}
	return filepath.Base(k)
}

func sameScale(a, b Scale) bool {
	if len(a.Choices) != len(b.Choices) {
		return false
	}
	for _, c := range a.Choices {
		o := b.Choice(c.Value)
		if o == nil || o.NA != c.NA || o.Score != c.Score {
			return false
		}
	}
	return true
}

// tailor turns an included checklist into one section, keeping the items
// the include selects (or all but those it deselects) with their weights
// as re-weighted.
func tailor(sub *Checklist, in rawInclude, errs *diag.List) *Section {
	items := sub.Items()
	ids := make(map[string]*Item, 2*len(items))
	var known []string
	for _, it := range items {
		if _, seen := ids[it.ID]; !seen {
			known = append(known, it.ID)
		}
		ids[it.ID] = it
		ids[it.FullID] = it
	}
	sort.Strings(known)
	bad := 0
	lookup := func(id string, pos diag.Pos, what string) *Item {
		if it, ok := ids[id]; ok {
			return it
		}
		bad++
		e := errs.Addf(pos, "%s names item %q, which %s does not have", what, id, sub.ID)
		if s := diag.Suggest(id, known); s != "" {
			e.WithHint("did you mean %q?", s)
		}
		return nil
	}
	keep := make(map[*Item]bool, len(items))
	if in.Select != nil {
		for i, id := range in.Select {
			if it := lookup(id, posAt(in.selectPos, i, in.Pos), "select"); it != nil {
				keep[it] = true
			}
		}
	} else {
		for _, it := range items {
			keep[it] = true
		}
	}
	for i, id := range in.Deselect {
		if it := lookup(id, posAt(in.deselectPos, i, in.Pos), "deselect"); it != nil {
			delete(keep, it)
		}
	}
	rw := make(map[*Item]float64, len(in.Reweight))
	for _, id := range sortedKeys(in.Reweight) {
		pos := in.reweightPos[id]
		if it := lookup(id, pos, "reweight"); it != nil {
			if !keep[it] {
				errs.Addf(pos, "reweight names item %q, which this include leaves out", id)
				continue
			}
			rw[it] = in.Reweight[id]
		}
	}
	if bad > 0 {
		return nil
	}
	s := &Section{ID: sub.ID, Title: sub.Title, Weight: in.Weight, Pos: in.Pos}
	if in.Title != "" {
		s.Title = in.Title
	}
	kept := make(map[string]bool, len(keep))
	for it := range keep {
		kept[it.FullID] = true
	}
	for _, it := range items {
		if !keep[it] {
			continue
		}
		c := *it
		if w, ok := rw[it]; ok {
			c.Weight = w
		}
		if it.When != nil {
			w := *it.When
			c.When = &w
			if !kept[w.Item] {
				errs.Addf(in.Pos, "follow-up %s needs %s, which this include leaves out", it.FullID, w.Item).
					WithHint("select %s too, or leave out %s", w.Item, it.ID)
			}
		}
		s.Items = append(s.Items, &c)
	}
	if len(s.Items) == 0 {
		errs.Addf(in.Pos, "the include of %s leaves no items", sub.ID)
		return nil
	}
	return s
}

func posAt(ps []diag.Pos, i int, def diag.Pos) diag.Pos {
	if i < len(ps) {
		return ps[i]
	}
	return def
}

func sortedKeys[V any](m map[string]V) []string { return keys(m) }

// within reports whether path is dir or below it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
