package answers

import (
	"path/filepath"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
)

// Check validates the answers against cl: the file names cl; every item id
// names one item (a typo gets "did you mean"; a short id shared by several
// included checklists asks for the full id); no item is answered twice; and
// every value is on the checklist's scale. Answers to automated items are
// overrides and are allowed. Every problem is reported at once.
func (f *File) Check(cl *checklist.Checklist) error {
	var errs diag.List
	if !f.matches(cl) {
		errs.Add(diag.Errorf(f.ChecklistPos, "answers are for checklist %q, not %q", f.Checklist, cl.ID).
			WithHint("run with -c %s, or fix the checklist line of %s", f.Checklist, f.Path))
	}
	idx := newIndex(cl)
	var ids []string
	for _, it := range cl.Items() {
		ids = append(ids, it.ID, it.FullID)
		if it.Ref != "" {
			ids = append(ids, it.Ref)
		}
	}
	first := map[string]*Answer{}
	for i := range f.Answers {
		a := &f.Answers[i]
		it := idx.item(a.Item)
		if it == nil {
			if full := idx.short[a.Item]; len(full) > 1 {
				var names []string
				for _, x := range full {
					names = append(names, x.FullID)
				}
				errs.Add(diag.Errorf(a.Pos, "item id %q is ambiguous in %s", a.Item, cl.ID).
					WithHint("write the full id: %s", strings.Join(names, " or ")))
				continue
			}
			if its := idx.refs[a.Item]; len(its) > 1 {
				var names []string
				for _, x := range its {
					names = append(names, x.Checklist+"/"+x.Ref)
				}
				errs.Add(diag.Errorf(a.Pos, "ref %q is ambiguous in %s", a.Item, cl.ID).
					WithHint("write it after its checklist: %s", strings.Join(names, " or ")))
				continue
			}
			e := errs.Addf(a.Pos, "unknown item %q in checklist %s", a.Item, cl.ID)
			if s := diag.Suggest(a.Item, ids); s != "" {
				e.WithHint("did you mean %q?", s)
			}
			continue
		}
		if prev, ok := first[it.FullID]; ok {
			errs.Addf(a.Pos, "item %s answered twice (first at line %d)", it.FullID, prev.Pos.Line)
			continue
		}
		first[it.FullID] = a
		if a.Value != "" && cl.Scale.Choice(a.Value) == nil {
			e := errs.Addf(a.Pos, "answer %q to %s is not on the scale: use one of %s", a.Value, a.Item, strings.Join(cl.Scale.Values(), ", "))
			if s := cl.Scale.Suggest(a.Value); s != "" {
				e.WithHint("did you mean %s?", s)
			}
		}
	}
	errs.Sort()
	return errs.Err()
}

// matches reports whether the file's checklist line names cl, by id or by
// path (relative to the answers file or the working folder).
func (f *File) matches(cl *checklist.Checklist) bool {
	if f.Checklist == "" || f.Checklist == cl.ID {
		return true
	}
	if cl.File == "" {
		return false
	}
	want, err := filepath.Abs(cl.File)
	if err != nil {
		return false
	}
	cands := []string{f.Checklist}
	if f.Path != "" {
		cands = append(cands, filepath.Join(filepath.Dir(f.Path), f.Checklist))
	}
	for _, c := range cands {
		if got, err := filepath.Abs(c); err == nil && got == want {
			return true
		}
	}
	return false
}
