package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a file. Line and Column are 1-based; zero means unknown.
// Page is set for paginated documents (PDF) and is 1-based.
type Pos struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Page   int    `json:"page,omitempty"`
}

// String formats p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Page > 0 {
		fmt.Fprintf(&b, ":page %d", p.Page)
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	return b.String()
}

// Error is one problem at one place in a file. Hint, when set, is advice the
// command line prints on its own line ("svcaudit: hint: ...").
type Error struct {
	Pos
	Msg  string `json:"message"`
	Hint string `json:"hint,omitempty"`
	// Err is the typed cause, when there is one (a document over a size
	// limit): the command line reads it to give advice in its own words.
	Err error `json:"-"`
}

// Unwrap returns the typed cause.
func (e *Error) Unwrap() error { return e.Err }

// Error implements error.
func (e *Error) Error() string {
	if e.Pos == (Pos{}) {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Errorf returns an Error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// WithHint sets the hint and returns e, for chaining.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// List collects every problem of a file or a run, so that validation reports
// them all at once rather than the first.
type List []*Error

// Add appends a problem.
func (l *List) Add(e *Error) { *l = append(*l, e) }

// Addf appends a problem at pos with a formatted message.
func (l *List) Addf(pos Pos, format string, args ...any) *Error {
	e := Errorf(pos, format, args...)
	l.Add(e)
	return e
}

// Sort orders the problems by file, line and column, for stable output.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// Err returns nil when the list is empty and the list itself otherwise.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error implements error: one problem per line.
func (l List) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find the individual problems.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Flatten returns every *Error inside err (a List, a joined error, or a single
// Error), in order. Errors of other types are returned as position-less
// Errors carrying their message.
func Flatten(err error) List {
	if err == nil {
		return nil
	}
	var out List
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *Error:
			out = append(out, e)
		case List:
			out = append(out, e...)
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			var de *Error
			if errors.As(err, &de) && de.Error() == err.Error() {
				out = append(out, de)
				return
			}
			out = append(out, &Error{Msg: err.Error()})
		}
	}
	walk(err)
	return out
}

// Suggest returns the candidate closest to s by edit distance when it is
// close enough to be a likely typo, or "" otherwise.
func Suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := len(s) / 3
	if limit < 2 {
		limit = 2
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
