package checklist

// heading: the text of a heading matches.
//
//	heading: 'complaints?'
var headingKind = &Kind{
	Name:      "heading",
	Condition: true,
	Documents: true,
	read: func(d *decoder, f field, ev *Evidence) {
		if p, ok := d.pattern(f.value, "heading", ev.MatchCase); ok {
			ev.Heading = &p
		}
	},
	set:   func(ev *Evidence) bool { return ev.Heading != nil },
	words: func(ev *Evidence) []string { return []string{"heading " + quote(ev.Heading.Expr)} },
}
