package waiver

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"github.com/svcaudit/svcaudit/result"
)

// DefaultWarnDays is how many days before its expiry a waiver is flagged,
// unless a command is told otherwise (--warn-expiry).
const DefaultWarnDays = 30

// DateLayout is how waiver dates are written: 2026-12-31.
const DateLayout = yamlnode.DateLayout

// Waiver excuses an item from audits of the subjects and documents it
// scopes, until and including the day it expires.
type Waiver struct {
	// Item is the item's full id (keeps-promises/timescales) or its short id,
	// which then waives that item in every checklist.
	Item string
	// Subject is a glob over audit subjects ("Housing*"); empty means any.
	Subject string
	// Documents is a doublestar glob over document paths ("letters/**");
	// empty means any. When set, the waiver applies only when every
	// document of the audit matches it.
	Documents string
	Owner     string
	Reason    string
	// Expires is the last day the waiver applies (a date in UTC).
	Expires time.Time
	Pos     diag.Pos
}

// State is where a waiver stands on a given day.
type State int

// The states of a waiver.
const (
	// Active: the waiver applies and does not expire soon.
	Active State = iota
	// Expiring: the waiver applies but expires within the warning period.
	Expiring
	// Expired: the waiver's last day has passed; it no longer applies.
	Expired
)

// String names the state: active, expiring or expired.
func (s State) String() string {
	switch s {
	case Active:
		return "active"
	case Expiring:
		return "expiring"
	case Expired:
		return "expired"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// day returns t's calendar date (in t's own location) as midnight UTC, so
// that dates compare by day whatever the time zone.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysLeft is how many days after now's date the waiver expires: 0 on its
// last day, negative once expired.
func (w Waiver) DaysLeft(now time.Time) int {
	return int(day(w.Expires).Sub(day(now)).Hours() / 24)
}

// State says whether the waiver is active, expiring within warnDays days or
// expired on now's date. The expiry date is inclusive: a waiver expiring on
// 2026-12-31 applies all that day.
func (w Waiver) State(now time.Time, warnDays int) State {
	left := w.DaysLeft(now)
	switch {
	case left < 0:
		return Expired
	case left <= warnDays:
		return Expiring
	}
	return Active
}

// Message is the notice for an expired waiver:
// "waiver for ITEM expired on 2026-10-01 (owner)".
func (w Waiver) Message() string {
	return fmt.Sprintf("waiver for %s expired on %s (%s)", w.Item, w.Expires.Format(DateLayout), w.Owner)
}

// Notice is what a command says about the waiver on now's date: the expired
// message, "waiver for ITEM expires on DATE (owner), in N days" when it is
// expiring, or "" when it is active.
func (w Waiver) Notice(now time.Time, warnDays int) string {
	switch w.State(now, warnDays) {
	case Expired:
		return w.Message()
	case Expiring:
		left := w.DaysLeft(now)
		when := fmt.Sprintf("in %d days", left)
		switch left {
		case 0:
			when = "today"
		case 1:
			when = "tomorrow"
		}
		return fmt.Sprintf("waiver for %s expires on %s (%s), %s", w.Item, w.Expires.Format(DateLayout), w.Owner, when)
	}
	return ""
}

// Result is the waiver as a Result records it on a waived item.
func (w Waiver) Result() result.Waiver {
	return result.Waiver{Owner: w.Owner, Reason: w.Reason, Expires: w.Expires.Format(DateLayout), File: w.Pos.File, Line: w.Pos.Line}
}

// Covers reports whether the waiver's item and scope cover an item (by full
// id) of an audit of subject over docs, whatever its state.
func (w Waiver) Covers(itemFullID, subject string, docs []string) bool {
	if !w.names(itemFullID) {
		return false
	}
	return w.scoped(subject, docs)
}

// CoversItem is Covers for an item of a loaded checklist, which a waiver may
// also name by the item's ref ("6.2", or "housing-ombudsman-code/6.2").
func (w Waiver) CoversItem(it *checklist.Item, subject string, docs []string) bool {
	if !w.names(it.FullID) && (it.Ref == "" || !w.names(it.Checklist+"/"+it.Ref)) {
		return false
	}
	return w.scoped(subject, docs)
}

// names reports whether the waiver's item is full (CHECKLIST/ID) or, when
// written without a checklist, its last part.
func (w Waiver) names(full string) bool {
	return w.Item == full || (!strings.Contains(w.Item, "/") && shortID(full) == w.Item)
}

// scoped reports whether the waiver's subject and documents scope covers an
// audit of subject over docs.
func (w Waiver) scoped(subject string, docs []string) bool {
	if w.Subject != "" {
		if ok, _ := doublestar.Match(w.Subject, subject); !ok {
			return false
		}
	}
	if w.Documents != "" {
		if len(docs) == 0 {
			return false
		}
		for _, d := range docs {
			if ok, _ := doublestar.Match(w.Documents, cleanPath(d)); !ok {
				return false
			}
		}
	}
	return true
}

func shortID(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 {
		return full[i+1:]
	}
	return full
}

func cleanPath(p string) string {
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "./")
}

// Match returns the first waiver in ws that covers the item for this
// subject and these documents, or nil. It does not look at expiry: see
// State, or Apply, which skips expired waivers.
func Match(ws []Waiver, itemFullID, subject string, docs []string) *Waiver {
	for i := range ws {
		if ws[i].Covers(itemFullID, subject, docs) {
			return &ws[i]
		}
	}
	return nil
}

// Apply finds the waivers that cover each item of cl in an audit of subject
// over docs on now's date. waived maps item full ids to the waiver that
// applies (the first unexpired one that covers it); notices say which
// covering waivers have expired (and so no longer apply) and which expire
// within warnDays days, once each, in the checklist's item order.
func Apply(ws []Waiver, cl *checklist.Checklist, subject string, docs []string, now time.Time, warnDays int) (waived map[string]result.Waiver, notices []string) {
	waived = map[string]result.Waiver{}
	said := map[int]bool{}
	for _, it := range cl.Items() {
		for i, w := range ws {
			if !w.CoversItem(it, subject, docs) {
				continue
			}
			st := w.State(now, warnDays)
			if st != Active && !said[i] {
				said[i] = true
				notices = append(notices, w.Notice(now, warnDays))
			}
			if st == Expired {
				continue
			}
			if _, ok := waived[it.FullID]; !ok {
				waived[it.FullID] = w.Result()
			}
		}
	}
	return waived, notices
}

// ExpiredFor returns the waivers of ws that cover an item of cl in an audit
// of subject over docs and have expired on now's date, once each, in the
// checklist's item order: what --fail-on-expired fails on.
func ExpiredFor(ws []Waiver, cl *checklist.Checklist, subject string, docs []string, now time.Time) []Waiver {
	var out []Waiver
	said := map[int]bool{}
	for _, it := range cl.Items() {
		for i, w := range ws {
			if !said[i] && w.CoversItem(it, subject, docs) && w.State(now, 0) == Expired {
				said[i] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// Unknown reports the waivers whose item is none of ids (full ids of every
// item the waivers could apply to, and CHECKLIST/REF for items with a ref), each at the waiver's place with a
// did-you-mean hint: a typo in a waiver would otherwise silently waive
// nothing. Commands print these as warnings, since a shared waivers file may
// name items of checklists not in use.
func Unknown(ws []Waiver, ids []string) diag.List {
	var out diag.List
	for _, w := range ws {
		if ok, suggest := Known(w.Item, ids); !ok {
			e := out.Addf(w.Pos, "waiver for %s names no known item", w.Item)
			if suggest != "" {
				e.WithHint("did you mean %q?", suggest)
			}
		}
	}
	return out
}

// Known reports whether item — a full id (CHECKLIST/ID or CHECKLIST/REF)
// or a short one — names one of ids, as a waiver or an inline suppression
// names items; when it does not, suggest is the nearest id written the same
// way, or "".
func Known(item string, ids []string) (ok bool, suggest string) {
	short := !strings.Contains(item, "/")
	var cands []string
	for _, id := range ids {
		if id == item || (short && shortID(id) == item) {
			return true, ""
		}
		if short {
			cands = append(cands, shortID(id))
		} else {
			cands = append(cands, id)
		}
	}
	return false, diag.Suggest(item, cands)
}

// Names reports whether item, written as a waiver writes it, names the
// checklist item it: by full id, short id or ref.
func Names(item string, it *checklist.Item) bool {
	return Waiver{Item: item}.CoversItem(it, "", nil)
}
