package checklist

import (
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/checklists"
	"github.com/svcaudit/svcaudit/internal/diag"
)

// BuiltinIDs lists the ids of the built-in checklists, sorted.
func BuiltinIDs() []string {
	entries, _ := fs.ReadDir(checklists.FS, ".")
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func isBuiltin(id string) bool {
	for _, b := range BuiltinIDs() {
		if b == id {
			return true
		}
	}
	return false
}

// Builtins loads every built-in checklist, sorted by id. An error (a
// diag.List) means a built-in is broken, which the tests catch.
func Builtins() ([]*Checklist, error) {
	var out []*Checklist
	var errs diag.List
	for _, id := range BuiltinIDs() {
		cl, err := loadBuiltin(id)
		if err != nil {
			errs = append(errs, diag.Flatten(err)...)
			continue
		}
		out = append(out, cl)
	}
	if len(errs) > 0 {
		errs.Sort()
		return out, errs
	}
	return out, nil
}

func loadBuiltin(id string) (*Checklist, error) {
	l := &loader{}
	cl, errs := l.load(origin{builtin: true, path: id + ".yaml", key: "builtin:" + id + ".yaml"}, nil, diag.Pos{})
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return cl, nil
}

// UnknownChecklistError is a checklist named by an id that is not a
// built-in (nor, for Resolve, a file). It is the Err of the diag.Error
// reported, whose hint suggests the nearest built-in id when one is near.
type UnknownChecklistError struct {
	Name string
	// Include is set when an include named it (where a path must end in
	// .yaml).
	Include bool
}

func (e *UnknownChecklistError) Error() string {
	return fmt.Sprintf("no built-in checklist %q", e.Name)
}

// Resolve loads a checklist named by a built-in id ("keeps-promises") or a
// path. A name that is not a built-in and not a file is an error that
// suggests the closest built-in.
func Resolve(ref string) (*Checklist, error) {
	if !isPath(ref) && isBuiltin(ref) {
		return loadBuiltin(ref)
	}
	if !isPath(ref) {
		if st, err := os.Stat(ref); err != nil || st.IsDir() {
			e := diag.Errorf(diag.Pos{}, "no checklist %q: not a built-in id, nor a file", ref)
			e.Err = &UnknownChecklistError{Name: ref}
			if s := diag.Suggest(ref, BuiltinIDs()); s != "" {
				e.WithHint("did you mean %q?", s)
			}
			return nil, diag.List{e}
		}
	}
	return Load(ref)
}
