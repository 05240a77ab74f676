package checklist

import (
	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// gateKinds are the gate kinds in the order they are documented.
var gateKinds = []string{string(SectionMin), string(OverallMin), string(MaxPartials), string(NoCriticalFailures)}

// gates reads the gating rules, each a one-key mapping (section-min and
// max-partials may name the sections they apply to beside it). It returns
// the positions of the section names for Load to check.
func (d *decoder) gates(f field) ([]Gate, [][]diag.Pos) {
	var gates []Gate
	var secPos [][]diag.Pos
	known := append(append([]string{}, gateKinds...), "sections")
	for _, n := range d.list(f, false) {
		fs := d.mapping(n, "gate", known)
		if fs == nil {
			continue
		}
		var kinds []field
		for _, k := range gateKinds {
			if kf, ok := fs[k]; ok {
				kinds = append(kinds, kf)
			}
		}
		switch {
		case len(kinds) == 0:
			if _, ok := fs["sections"]; ok || len(n.Content) == 0 {
				d.errorf(n, "gate has no kind").WithHint("a gate is one of: section-min: 70, overall-min: 60, max-partials: 2, no-critical-failures: true")
			}
			continue
		case len(kinds) > 1:
			d.errorf(kinds[1].key, "one gate per list entry: start %q on its own line with '- '", kinds[1].key.Value)
			continue
		}
		kf := kinds[0]
		g := Gate{Kind: GateKind(kf.key.Value), Pos: d.pos(kf.key)}
		switch g.Kind {
		case SectionMin, OverallMin:
			if v, ok := d.number(kf); ok {
				if v < 0 || v > 100 {
					d.errorf(kf.value, "%s must be a percentage from 0 to 100, not %s", kf.key.Value, kf.value.Value)
				}
				g.Min = v
			}
		case MaxPartials:
			if v, ok := d.integer(kf); ok {
				if v < 0 {
					d.errorf(kf.value, "max-partials must not be negative, not %d", v)
				}
				g.Max = v
			}
		case NoCriticalFailures:
			on, ok := d.boolean(kf)
			if !ok {
				continue
			}
			if !on {
				// "no-critical-failures: false" switches the gate off.
				continue
			}
		}
		var poss []diag.Pos
		if sf, ok := fs["sections"]; ok {
			if g.Kind != SectionMin && g.Kind != MaxPartials {
				d.errorf(sf.key, "sections applies only to section-min and max-partials gates, not %s", g.Kind)
			} else {
				g.Sections, poss = d.strings(sf, true)
				if len(g.Sections) == 0 && sf.value.Kind == yaml.SequenceNode {
					d.errorf(sf.value, "sections is empty: leave it out to gate every section")
				}
			}
		}
		gates = append(gates, g)
		secPos = append(secPos, poss)
	}
	return gates, secPos
}
