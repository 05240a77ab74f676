package checklist

import "fmt"

var nearKeys = []string{"a", "b", "within", "stage"}

// near: a match of a within `within` words of a match of b; with stage,
// only matches about that complaint stage count.
//
//	near: {a: 'complain', b: 'ombudsman', within: 40}
//	near: {a: 'extend', b: 'ombudsman', within: 40, stage: 2}
var nearKind = &Kind{
	Name:      "near",
	Keys:      nearKeys,
	Condition: true,
	Documents: true,
	read:      func(d *decoder, f field, ev *Evidence) { ev.Near = d.near(f, ev.MatchCase) },
	set:       func(ev *Evidence) bool { return ev.Near != nil },
	words: func(ev *Evidence) []string {
		n := ev.Near
		w := fmt.Sprintf("%s within %d words of %s", quote(n.A.Expr), n.Within, quote(n.B.Expr))
		if n.Stage != 0 {
			w += fmt.Sprintf(" at stage %d", n.Stage)
		}
		return []string{w}
	},
}

func (d *decoder) near(f field, matchCase bool) *Near {
	fs := d.mapping(f.value, "near", nearKeys)
	if fs == nil {
		return nil
	}
	nr := &Near{Within: DefaultNearWithin, Pos: d.pos(f.value)}
	for _, k := range []string{"a", "b"} {
		pf, ok := fs[k]
		if !ok {
			d.errorf(f.value, "near has no %s pattern", k).WithHint("near: {a: 'complain', b: 'ombudsman', within: 40}")
			continue
		}
		p, _ := d.pattern(pf.value, "near "+k, matchCase)
		if k == "a" {
			nr.A = p
		} else {
			nr.B = p
		}
	}
	if wf, ok := fs["within"]; ok {
		if v, ok := d.integer(wf); ok {
			if v < 1 {
				d.errorf(wf.value, "within must be at least 1 word, not %d", v)
			} else {
				nr.Within = v
			}
		}
	}
	if sf, ok := fs["stage"]; ok {
		if v, ok := d.integer(sf); ok {
			if v != 1 && v != 2 {
				d.errorf(sf.value, "near stage must be 1 or 2, not %d", v)
			} else {
				nr.Stage = v
			}
		}
	}
	return nr
}
