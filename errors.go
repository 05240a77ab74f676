package svcaudit

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoChecklists means that no checklist with automated items was found
// to check documents against.
var ErrNoChecklists = errors.New("no checklist with automated items to check against")

// ErrNothingChecked means that every document of a check had an error, so
// nothing was judged.
var ErrNothingChecked = errors.New("nothing could be checked: every document had an error")

// NoAutomatedItemsError is a checklist given to a check that has no
// automated items: only an assessor can answer it.
type NoAutomatedItemsError struct {
	// Checklist is the checklist's id; Ref is how it was named (an id or
	// a path).
	Checklist, Ref string
}

func (e *NoAutomatedItemsError) Error() string {
	return fmt.Sprintf("checklist %s has no automated items: check has nothing to do", e.Checklist)
}

// MissingPathsError lists paths and globs that name nothing.
type MissingPathsError struct{ Paths []string }

func (e *MissingPathsError) Error() string {
	msgs := make([]string, len(e.Paths))
	for i, m := range e.Paths {
		msgs[i] = fmt.Sprintf("%q", m)
	}
	return "no such file, folder or match: " + strings.Join(msgs, ", ")
}

// NoDocumentsError says that the paths given hold no document of a
// supported format.
type NoDocumentsError struct{ Paths []string }

func (e *NoDocumentsError) Error() string {
	return "no documents to check in " + strings.Join(e.Paths, ", ")
}

// GlobError is an include or exclude pattern that is not a valid glob.
type GlobError struct{ Err error }

func (e *GlobError) Error() string { return e.Err.Error() }
func (e *GlobError) Unwrap() error { return e.Err }
