package action

import (
	"fmt"
	"time"

	"github.com/svcaudit/svcaudit/result"
)

// DefaultDueDays is how long after the audit that raised it an action falls
// due, unless Options say otherwise.
const DefaultDueDays = 30

// Options tune Update.
type Options struct {
	// DueDays is the days from the audit to an action's due date
	// (0: DefaultDueDays).
	DueDays int
	// Partial raises actions for partial answers too, not only failures.
	Partial bool
}

// Changes are what one Update did to the register, for the run command to
// print.
type Changes struct {
	// Raised are new actions for items that failed with none open.
	Raised []*Action
	// Reopened are new actions for items that failed again after an
	// earlier action on them was done (each also in no other list).
	Reopened []*Action
	// Closed are open actions marked done because their item now passes.
	Closed []*Action
}

// Empty reports whether the update changed nothing.
func (c Changes) Empty() bool {
	return len(c.Raised)+len(c.Reopened)+len(c.Closed) == 0
}

// Lines describes the changes, one line each: raised, reopened, then closed.
func (c Changes) Lines() []string {
	var out []string
	for _, a := range c.Raised {
		out = append(out, fmt.Sprintf("raised action %s, due %s", a.ID, a.Due.Format(DateLayout)))
	}
	for _, a := range c.Reopened {
		out = append(out, fmt.Sprintf("reopened action %s (after %s), due %s", a.ID, a.Reopens, a.Due.Format(DateLayout)))
	}
	for _, a := range c.Closed {
		out = append(out, fmt.Sprintf("closed action %s: %s now passes", a.ID, a.Item))
	}
	return out
}

// Update brings the register up to date with an audit's Result on today,
// with the default options. See UpdateWith.
func Update(reg *Register, r *result.Result, today time.Time) Changes {
	return UpdateWith(reg, r, today, Options{})
}

// UpdateWith brings the register up to date with an audit's Result. For each
// item of the Result, the latest action on its subject and item decides:
//
//   - the item fails (or is partial, with opts.Partial) and there is no
//     action: an open action is raised, due opts.DueDays after today;
//   - it fails and the action is open: nothing changes (re-runs raise no
//     duplicates);
//   - it fails and the action is done: a new action is raised that notes the
//     earlier one, with the next id (#2, #3, ...);
//   - it fails and the action was dropped: nothing changes, the decision
//     stands;
//   - it passes and the action is open: the action is done, closed today.
//
// Items that are not applicable, unanswered or waived change nothing.
func UpdateWith(reg *Register, r *result.Result, today time.Time, opts Options) Changes {
	due := opts.DueDays
	if due <= 0 {
		due = DefaultDueDays
	}
	today = day(today)
	var ch Changes
	for _, it := range r.Items {
		failing := it.Outcome == result.Fail || (opts.Partial && it.Outcome == result.Partial)
		latest, n := reg.latest(r.Subject, it.ID)
		switch {
		case failing && latest == nil:
			a := reg.raise(r.Subject, it, today, due, 1)
			ch.Raised = append(ch.Raised, a)
		case failing && latest.Status == Done:
			a := reg.raise(r.Subject, it, today, due, n+1)
			a.Reopens = latest.ID
			closed := ""
			if !latest.Closed.IsZero() {
				closed = " on " + latest.Closed.Format(DateLayout)
			}
			a.Note = fmt.Sprintf("failed again after %s was done%s", latest.ID, closed)
			ch.Reopened = append(ch.Reopened, a)
		case it.Outcome == result.Pass && latest != nil && latest.Status == Open:
			latest.Status = Done
			latest.Closed = today
			ch.Closed = append(ch.Closed, latest)
		}
	}
	reg.sortStable()
	return ch
}

// latest returns the action on subject and item that decides what a new
// outcome does — the open one if there is one, otherwise the most recently
// raised — and how many actions there are on them.
func (reg *Register) latest(subject, item string) (*Action, int) {
	var open, last *Action
	n := 0
	for _, a := range reg.Actions {
		if a.Subject != subject || a.Item != item {
			continue
		}
		n++
		if a.Status == Open && open == nil {
			open = a
		}
		if last == nil || a.Raised.After(last.Raised) || (a.Raised.Equal(last.Raised) && a.ID > last.ID) {
			last = a
		}
	}
	if open != nil {
		return open, n
	}
	return last, n
}

func (reg *Register) raise(subject string, it result.Item, today time.Time, dueDays, n int) *Action {
	id := ID(subject, it.ID, n)
	for reg.Find(id) != nil { // a hand-edited register may have used it
		n++
		id = ID(subject, it.ID, n)
	}
	a := &Action{
		ID:          id,
		Item:        it.ID,
		Subject:     subject,
		Description: it.Question,
		Status:      Open,
		Raised:      today,
		Due:         today.AddDate(0, 0, dueDays),
	}
	reg.Actions = append(reg.Actions, a)
	return a
}
