package svcaudit

import (
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/config"
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

// apply finds the waivers that excuse items of cl for this subject and
// these documents; expired ones do not apply and, with those about to
// expire, become notices.
func (ws waivers) apply(cl *checklist.Checklist, subject string, docs []string, now time.Time, warnDays int) (map[string]result.Waiver, []string) {
	if len(ws) == 0 {
		return nil, nil
	}
	return waiver.Apply(ws, cl, subject, docs, now, warnDays)
}
