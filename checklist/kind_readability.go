package checklist

import "strconv"

var readabilityKeys = []string{"min"}

// readability: a Flesch reading ease of at least min.
//
//	readability: {min: 60}
var readabilityKind = &Kind{
	Name:      "readability",
	Keys:      readabilityKeys,
	Condition: true,
	Documents: true,
	read:      func(d *decoder, f field, ev *Evidence) { ev.Readability = d.readability(f) },
	set:       func(ev *Evidence) bool { return ev.Readability != nil },
	words:     func(ev *Evidence) []string { return []string{"reading ease at least " + num(ev.Readability.Min)} },
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (d *decoder) readability(f field) *Readability {
	fs := d.mapping(f.value, "readability", readabilityKeys)
	if fs == nil {
		return nil
	}
	r := &Readability{Pos: d.pos(f.value)}
	if mf, ok := fs["min"]; ok {
		if v, ok := d.number(mf); ok {
			if v < 0 || v > 100 {
				d.errorf(mf.value, "readability min must be a Flesch reading ease from 0 to 100, not %s", mf.value.Value)
			}
			r.Min = v
		}
	} else {
		d.errorf(f.value, "readability has no min").WithHint("readability: {min: 60} asks for plain English")
	}
	return r
}
