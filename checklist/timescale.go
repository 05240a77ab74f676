package checklist

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
)

var timescaleKeys = []string{"what", "event", "stage", "max", "total", "from", "later", "skip"}

// timescale: the organisation's own timescale for an event, compared as a
// number with a limit (see Timescale).
var timescaleKind = &Kind{
	Name:      "timescale",
	Keys:      timescaleKeys,
	Condition: true,
	Documents: true,
	read:      func(d *decoder, f field, ev *Evidence) { ev.Timescale = d.timescale(f, ev.MatchCase) },
	set:       func(ev *Evidence) bool { return ev.Timescale != nil },
	words: func(ev *Evidence) []string {
		t := ev.Timescale
		s := fmt.Sprintf("%s at most %s", t.What, t.Max)
		if t.Total != nil {
			s += fmt.Sprintf(" (%s in total)", t.Total)
		}
		return []string{s}
	},
}

// Timescale asks the documents for the organisation's own timescale for an
// event ("acknowledge", "respond", "extend") and compares it as a number
// with a limit:
//
//	timescale:
//	  what: stage 1 response            # names the timescale in findings
//	  event: 'respon\w*|repl(?:y|ies)'  # the event a figure must be about
//	  stage: 1                          # optional: only figures about stage 1 (or 2)
//	  max: 10 working days              # the limit
//	  total: 20 working days            # optional: the limit of a figure given as a total
//	  from: 'acknowledg\w*|receiv\w*'   # optional: starting points as early as the limit's
//	  later: 'allocat\w*'               # optional: starting points later than the limit's
//	  skip: 'extend\w*|extension'       # optional: sentences about something else
type Timescale struct {
	What  string
	Event Pattern
	// Stage is 1 or 2, or 0 for figures about any stage.
	Stage int
	Max   Duration
	// Total, when set, is the limit of a figure written as a total
	// ("extended to 20 working days in all") rather than an addition.
	Total *Duration
	From  *Pattern
	Later *Pattern
	Skip  *Pattern
	Pos   diag.Pos
}

// Duration is a number of units: working days, days (calendar), weeks,
// months or hours.
type Duration struct {
	N    float64
	Unit string
}

// String writes the duration as it is read: "10 working days".
func (d Duration) String() string {
	n := strconv.FormatFloat(d.N, 'f', -1, 64)
	u := d.Unit
	if d.N == 1 {
		u = strings.TrimSuffix(u, "s")
	}
	return n + " " + u
}

// DurationUnits are the units a Duration may have.
var DurationUnits = []string{"working days", "days", "weeks", "months", "hours"}

// ParseDuration reads "10 working days", "5 days", "2 weeks", "1 month".
func ParseDuration(s string) (Duration, bool) {
	f := strings.Fields(strings.ToLower(s))
	if len(f) < 2 {
		return Duration{}, false
	}
	n, err := strconv.ParseFloat(f[0], 64)
	if err != nil || n <= 0 || n > 10000 {
		return Duration{}, false
	}
	unit := strings.Join(f[1:], " ")
	if !strings.HasSuffix(unit, "s") {
		unit += "s"
	}
	switch unit {
	case "business days":
		unit = "working days"
	case "calendar days":
		unit = "days"
	}
	for _, u := range DurationUnits {
		if u == unit {
			return Duration{N: n, Unit: u}, true
		}
	}
	return Duration{}, false
}

func (d *decoder) timescale(f field, matchCase bool) *Timescale {
	fs := d.mapping(f.value, "timescale", timescaleKeys)
	if fs == nil {
		return nil
	}
	t := &Timescale{Pos: d.pos(f.value)}
	if wf, ok := fs["what"]; ok {
		t.What, _ = d.text(wf)
	} else {
		d.errorf(f.value, "timescale has no what").WithHint("name the timescale for its findings: what: stage 1 response")
	}
	if ef, ok := fs["event"]; ok {
		t.Event, _ = d.pattern(ef.value, "timescale event", matchCase)
	} else {
		d.errorf(f.value, "timescale has no event").WithHint(`give the words of the event its figure is about: event: 'respon\w*|repl(?:y|ies)'`)
	}
	if sf, ok := fs["stage"]; ok {
		if v, ok := d.integer(sf); ok {
			if v != 1 && v != 2 {
				d.errorf(sf.value, "timescale stage must be 1 or 2, not %d", v)
			} else {
				t.Stage = v
			}
		}
	}
	dur := func(key string) *Duration {
		df, ok := fs[key]
		if !ok {
			return nil
		}
		s, ok := d.text(df)
		if !ok {
			return nil
		}
		v, ok := ParseDuration(s)
		if !ok {
			d.errorf(df.value, "timescale %s %q is not a duration", key, s).
				WithHint("write a number and a unit (%s): %s: 10 working days", strings.Join(DurationUnits, ", "), key)
			return nil
		}
		return &v
	}
	if m := dur("max"); m != nil {
		t.Max = *m
	} else if _, ok := fs["max"]; !ok {
		d.errorf(f.value, "timescale has no max").WithHint("give the limit: max: 10 working days")
	}
	t.Total = dur("total")
	for _, k := range []string{"from", "later", "skip"} {
		pf, ok := fs[k]
		if !ok {
			continue
		}
		if p, ok := d.pattern(pf.value, "timescale "+k, matchCase); ok {
			switch k {
			case "from":
				t.From = &p
			case "later":
				t.Later = &p
			case "skip":
				t.Skip = &p
			}
		}
	}
	return t
}
