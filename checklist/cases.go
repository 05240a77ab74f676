package checklist

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Cases is an item's evidence from a complaints case log: the share of the
// cases of one stage whose interval took at most Limit working days.
//
//	evidence:
//	  cases:
//	    stage: 1                          # 1 or 2
//	    interval: acknowledged-responded  # or received-acknowledged
//	    limit: 10                         # working days
//	    extension: 10                     # optional: an agreed extension counts, up to 10 working days
//	    only: extended                    # optional: measure only the cases given an extension
//	    min: 95%                          # the share that must be within
type Cases struct {
	Stage int
	// From and To are the interval's ends: CaseReceived→CaseAcknowledged or
	// CaseAcknowledged→CaseResponded.
	From, To string
	Limit    int
	// Extension is set when an agreed extension adds to Limit; it adds at
	// most ExtensionMax working days (0: any length).
	Extension    bool
	ExtensionMax int
	// OnlyExtended measures only the cases that were given an extension.
	OnlyExtended bool
	// Min is the percentage of cases that must be within.
	Min float64
	Pos diag.Pos
}

// The ends of a cases interval.
const (
	CaseReceived     = "received"
	CaseAcknowledged = "acknowledged"
	CaseResponded    = "responded"
)

// CaseIntervals are the intervals a cases rule may measure.
var CaseIntervals = []string{CaseReceived + "-" + CaseAcknowledged, CaseAcknowledged + "-" + CaseResponded}

var casesKeys = []string{"stage", "interval", "limit", "extension", "only", "min"}

// cases: measured from a complaints case log, not the documents (see
// Cases); internal/cases judges it.
var casesKind = &Kind{
	Name:      "cases",
	Keys:      casesKeys,
	Condition: true,
	read:      func(d *decoder, f field, ev *Evidence) { ev.Cases = d.cases(f) },
	set:       func(ev *Evidence) bool { return ev.Cases != nil },
	words:     func(ev *Evidence) []string { return []string{ev.Cases.words()} },
}

// words says what the rule measures: `case log: 95% of stage 1 cases
// acknowledged to responded within 10 working days`.
func (c *Cases) words() string {
	which := "cases"
	if c.OnlyExtended {
		which = "extended cases"
	}
	s := fmt.Sprintf("case log: %s%% of stage %d %s %s to %s within %d working days", num(c.Min), c.Stage, which, c.From, c.To, c.Limit)
	switch {
	case c.Extension && c.ExtensionMax > 0:
		s += fmt.Sprintf(" (an agreed extension of up to %d more)", c.ExtensionMax)
	case c.Extension:
		s += " (with an agreed extension)"
	}
	return s
}

const casesExample = "cases: {stage: 1, interval: acknowledged-responded, limit: 10, min: 95%}"

func (d *decoder) cases(f field) *Cases {
	fs := d.mapping(f.value, "cases", casesKeys)
	if fs == nil {
		return nil
	}
	c := &Cases{Pos: d.pos(f.value), Min: 100}
	for _, k := range []string{"stage", "interval", "limit"} {
		if _, ok := fs[k]; !ok {
			d.errorf(f.value, "cases has no %s", k).WithHint("%s", casesExample)
		}
	}
	if sf, ok := fs["stage"]; ok {
		if v, ok := d.integer(sf); ok {
			if v != 1 && v != 2 {
				d.errorf(sf.value, "cases stage must be 1 or 2, not %d", v)
			}
			c.Stage = v
		}
	}
	if inf, ok := fs["interval"]; ok {
		if v, ok := d.text(inf); ok {
			v = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(v), "→", "-"), " to ", "-")
			switch v {
			case CaseIntervals[0]:
				c.From, c.To = CaseReceived, CaseAcknowledged
			case CaseIntervals[1]:
				c.From, c.To = CaseAcknowledged, CaseResponded
			default:
				d.errorf(inf.value, "cases interval must be %s or %s, not %q", CaseIntervals[0], CaseIntervals[1], inf.value.Value)
			}
		}
	}
	if lf, ok := fs["limit"]; ok {
		if v, ok := d.integer(lf); ok {
			if v < 0 || v > 1000 {
				d.errorf(lf.value, "cases limit must be from 0 to 1000 working days, not %d", v)
			}
			c.Limit = v
		}
	}
	if ef, ok := fs["extension"]; ok {
		switch {
		case ef.value.Kind == yaml.ScalarNode && ef.value.Tag == "!!bool":
			c.Extension, _ = d.boolean(ef)
		default:
			if v, ok := d.integer(ef); ok {
				if v < 1 || v > 1000 {
					d.errorf(ef.value, "cases extension must be from 1 to 1000 working days (or true, or false), not %d", v)
				}
				c.Extension, c.ExtensionMax = true, v
			}
		}
	}
	if of, ok := fs["only"]; ok {
		if v, ok := d.text(of); ok {
			if v != "extended" {
				d.errorf(of.value, "cases only must be extended, not %q", v)
			} else {
				c.OnlyExtended = true
				if !c.Extension {
					d.errorf(of.key, "only: extended measures extensions, and this rule sets no extension").
						WithHint("add extension: 10 (the longest extension that counts)")
				}
			}
		}
	}
	if mf, ok := fs["min"]; ok {
		if v, ok := d.percent(mf); ok {
			c.Min = v
		}
	}
	return c
}

// percent reads a percentage written 95%, 95 or 95.5%.
func (d *decoder) percent(f field) (float64, bool) {
	n := f.value
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.errorf(n, "%s must be a percentage, not %s", f.key.Value, kindName(n))
		return 0, false
	}
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(n.Value), "%"))
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 100 || v != v {
		d.errorf(n, "%s must be a percentage from 0 to 100, not %s", f.key.Value, describe(n))
		return 0, false
	}
	return v, true
}
