package svcaudit

import (
	"fmt"
	"strings"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/config"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/waiver"
	"github.com/svcaudit/svcaudit/result"
)

// DefaultWarnExpiry is how many days before it expires a waiver is flagged
// when no other period is given.
const DefaultWarnExpiry = waiver.DefaultWarnDays

// waivers are the waivers in force for a run.
type waivers []waiver.Waiver

// loadWaivers reads the waivers file, or else the waivers of the settings
// file; check and audit share it.
func loadWaivers(file string, inline *config.Config) (waivers, error) {
	switch {
	case file != "":
		return waiver.Load(file)
	case inline != nil:
		return waiver.ParseNode(inline.File, inline.Waivers)
	}
	return nil, nil
}

// unknown lists the waivers that name, by full id or checklist/ref, an item
// that a checklist in use does not have: a typo that would otherwise waive
// nothing, silently. Waivers of checklists not in use, and short ids, are
// left alone (a shared waivers file names items of many checklists).
func (ws waivers) unknown(cls []*checklist.Checklist) diag.List {
	var out diag.List
	for _, cl := range cls {
		var mine []waiver.Waiver
		for _, w := range ws {
			if id, _, ok := strings.Cut(w.Item, "/"); ok && id == cl.ID {
				mine = append(mine, w)
			}
		}
		if len(mine) == 0 {
			continue
		}
		var ids []string
		for _, it := range cl.Items() {
			ids = append(ids, it.FullID)
			if it.Ref != "" {
				ids = append(ids, it.Checklist+"/"+it.Ref)
			}
		}
		out = append(out, waiver.Unknown(mine, ids)...)
	}
	return out
}

// ExpiredWaiver is a waiver that covered an item of a check or an audit
// but had expired, and so no longer excused it; --fail-on-expired fails the
// run on one.
type ExpiredWaiver struct {
	// Item is the item as the waiver names it; Expires its last day
	// (YYYY-MM-DD).
	Item, Owner, Expires string
	// File and Line are where the waiver is written.
	File string
	Line int
}

// String says which waiver expired, when, whose it is and where it is
// written: "waiver for ITEM expired on 2026-10-01 (owner), waivers.yaml:7".
func (e ExpiredWaiver) String() string {
	s := fmt.Sprintf("waiver for %s expired on %s (%s)", e.Item, e.Expires, e.Owner)
	if e.File != "" && e.Line > 0 {
		s += fmt.Sprintf(", %s:%d", e.File, e.Line)
	} else if e.File != "" {
		s += ", " + e.File
	}
	return s
}

// expired lists the expired waivers that cover items of cl for this
// subject and these documents.
func (ws waivers) expired(cl *checklist.Checklist, subject string, docs []string, now time.Time) []ExpiredWaiver {
	var out []ExpiredWaiver
	for _, w := range waiver.ExpiredFor(ws, cl, subject, docs, now) {
		out = append(out, ExpiredWaiver{Item: w.Item, Owner: w.Owner, Expires: w.Expires.Format(waiver.DateLayout), File: w.Pos.File, Line: w.Pos.Line})
	}
	return out
}

// addExpired appends to list the waivers of more it does not hold yet
// (the same waiver covers an item of many documents).
func addExpired(list []ExpiredWaiver, more []ExpiredWaiver) []ExpiredWaiver {
	for _, e := range more {
		seen := false
		for _, have := range list {
			if have == e {
				seen = true
				break
			}
		}
		if !seen {
			list = append(list, e)
		}
	}
	return list
}

// apply finds the waivers that excuse items of cl for this subject and
// these documents; expired ones do not apply and, with those about to
// expire, become notices.
func (ws waivers) apply(cl *checklist.Checklist, subject string, docs []string, now time.Time, warnDays int) (map[string]result.Waiver, []string) {
	if len(ws) == 0 {
		return nil, nil
	}
	return waiver.Apply(ws, cl, subject, docs, now, warnDays)
}
