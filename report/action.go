package report

import (
	"sort"
	"time"
)

// Action is one corrective action of an actions register: what will be done
// about an item that failed, by whom and by when. It mirrors the register's
// YAML; the report shows open actions beside the failures they answer.
type Action struct {
	ID          string    `yaml:"id" json:"id"`
	Item        string    `yaml:"item" json:"item"`
	Subject     string    `yaml:"subject" json:"subject,omitempty"`
	Description string    `yaml:"description" json:"description"`
	Owner       string    `yaml:"owner" json:"owner"`
	Due         time.Time `yaml:"due" json:"due"`
	Status      string    `yaml:"status" json:"status"`
	Raised      time.Time `yaml:"raised" json:"raised"`
}

// Action statuses.
const (
	ActionOpen    = "open"
	ActionDone    = "done"
	ActionDropped = "dropped"
)

// openAction is an open action as a report shows it.
type openAction struct {
	Action
	// Overdue is the number of days past due (0 when not overdue).
	Overdue int
}

// IsOverdue says whether the action is past its due date.
func (a openAction) IsOverdue() bool { return a.Overdue > 0 }

// DueText is the due date, and how late when overdue.
func (a openAction) DueText() string {
	if a.Due.IsZero() {
		return "no date"
	}
	s := a.Due.Format("2006-01-02")
	if a.Overdue == 1 {
		return s + " (overdue 1 day)"
	}
	if a.Overdue > 1 {
		return s + " (overdue " + itoa(a.Overdue) + " days)"
	}
	return s
}

// dueClause is DueText for a list in parentheses, without parentheses
// of its own: "2026-06-28, overdue by 162 days".
func (a openAction) dueClause() string {
	if a.Due.IsZero() {
		return "no date"
	}
	s := a.Due.Format("2006-01-02")
	switch {
	case a.Overdue == 1:
		s += ", overdue by 1 day"
	case a.Overdue > 1:
		s += ", overdue by " + itoa(a.Overdue) + " days"
	}
	return s
}

// openActions returns the open actions for subject (an action with no
// subject applies to every subject), overdue first, then by due date and id.
func openActions(all []Action, subject string, today time.Time) []openAction {
	var out []openAction
	day := today.Truncate(24 * time.Hour)
	for _, a := range all {
		if a.Status != ActionOpen || (a.Subject != "" && a.Subject != subject) {
			continue
		}
		oa := openAction{Action: a}
		if !a.Due.IsZero() && !today.IsZero() && a.Due.Before(day) {
			oa.Overdue = int(day.Sub(a.Due.Truncate(24*time.Hour)).Hours() / 24)
		}
		out = append(out, oa)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.IsOverdue() != b.IsOverdue() {
			return a.IsOverdue()
		}
		if !a.Due.Equal(b.Due) {
			if a.Due.IsZero() || b.Due.IsZero() {
				return b.Due.IsZero()
			}
			return a.Due.Before(b.Due)
		}
		return a.ID < b.ID
	})
	return out
}
