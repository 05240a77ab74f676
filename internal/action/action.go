package action

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"github.com/svcaudit/svcaudit/result"
	"go.yaml.in/yaml/v3"
)

// DateLayout is how the register writes dates: 2026-12-31.
const DateLayout = yamlnode.DateLayout

// Status is where an action stands.
type Status string

// The statuses of an action.
const (
	Open    Status = "open"
	Done    Status = "done"
	Dropped Status = "dropped"
)

// Statuses lists the valid statuses, in the order they are offered.
var Statuses = []Status{Open, Done, Dropped}

// Action is one corrective action: something to put right after an audit
// found an item failing for a subject.
type Action struct {
	// ID is stable: "<subject-slug>/<item full id>", with "#N" added for the
	// Nth action on the same subject and item.
	ID          string
	Item        string
	Subject     string
	Description string
	// Owner is who will see the action through; empty until assigned.
	Owner  string
	Due    time.Time
	Status Status
	// Raised is the date of the audit that raised the action; Closed the
	// date it was marked done or dropped (zero while open).
	Raised time.Time
	Closed time.Time
	// Reopens is the id of the earlier, done action on the same item that
	// this one follows.
	Reopens string
	// Note is free text kept as written.
	Note string
	Pos  diag.Pos

	// node is the YAML the action was read from, kept for its comments.
	node *yaml.Node
}

// Register is the corrective-action register.
type Register struct {
	Actions []*Action
	// Comment is the comment at the top of the file.
	Comment string
}

// Overdue reports whether a is open and its due date has passed on today.
func (a *Action) Overdue(today time.Time) bool {
	return a.Status == Open && !a.Due.IsZero() && day(a.Due).Before(day(today))
}

// DaysOverdue is how many days past due an open action is on today.
func (a *Action) DaysOverdue(today time.Time) int {
	return int(day(today).Sub(day(a.Due)).Hours() / 24)
}

// Overdue returns the register's overdue actions, most urgent first.
func (r *Register) Overdue(today time.Time) []*Action {
	var out []*Action
	for _, a := range r.Actions {
		if a.Overdue(today) {
			out = append(out, a)
		}
	}
	SortByUrgency(out, today)
	return out
}

// Find returns the action with this id, or nil.
func (r *Register) Find(id string) *Action {
	for _, a := range r.Actions {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// SortByUrgency orders actions as a reader should take them up: open
// actions first — overdue before the rest, each by due date (undated
// last) — then done and dropped ones, most recently closed first; ties by id.
func SortByUrgency(as []*Action, today time.Time) {
	rank := func(a *Action) int {
		switch {
		case a.Overdue(today):
			return 0
		case a.Status == Open:
			return 1
		}
		return 2
	}
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Status == Open {
			if a.Due.IsZero() != b.Due.IsZero() {
				return !a.Due.IsZero()
			}
			if !a.Due.Equal(b.Due) {
				return a.Due.Before(b.Due)
			}
		} else if !a.Closed.Equal(b.Closed) {
			return a.Closed.After(b.Closed)
		}
		return a.ID < b.ID
	})
}

// sortStable orders the register as it is saved: by subject, item and the
// date raised, so that each run changes only the lines it must.
func (r *Register) sortStable() {
	sort.SliceStable(r.Actions, func(i, j int) bool {
		a, b := r.Actions[i], r.Actions[j]
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		if !a.Raised.Equal(b.Raised) {
			return a.Raised.Before(b.Raised)
		}
		return a.ID < b.ID
	})
}

// Slug turns a subject into the lowercase, hyphenated form action ids use:
// "Housing repairs (north)" → "housing-repairs-north".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 127 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "subject"
	}
	return b.String()
}

// ID is the id of the nth action (1-based) on item for subject.
func ID(subject, item string, n int) string {
	id := Slug(subject) + "/" + item
	if n > 1 {
		id += fmt.Sprintf("#%d", n)
	}
	return id
}

func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// OpenFor returns the open actions on subject and item, most urgent first:
// what a report shows beside a failure.
func (r *Register) OpenFor(subject, item string, today time.Time) []*Action {
	var out []*Action
	for _, a := range r.Actions {
		if a.Status == Open && a.Subject == subject && a.Item == item {
			out = append(out, a)
		}
	}
	SortByUrgency(out, today)
	return out
}

// AuditDate is the day an audit's actions are dated: the Result's date when
// it has one (so that re-running an old audit dates its actions as the
// audit), otherwise now.
func AuditDate(r *result.Result, now time.Time) time.Time {
	if t, err := time.Parse(DateLayout, r.Date); err == nil {
		return t
	}
	return day(now)
}
