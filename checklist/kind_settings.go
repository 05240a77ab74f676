package checklist

// numbers and case change how every pattern of the evidence is read.
//
//	numbers: words      # \d also matches "three"
//	case: sensitive     # patterns match case exactly
var (
	numbersKind = &Kind{
		Name:    "numbers",
		Setting: true,
		read: func(d *decoder, f field, ev *Evidence) {
			if v, ok := d.text(f); ok {
				switch v {
				case "words":
					ev.NumberWords = true
				case "digits":
				default:
					d.errorf(f.value, "numbers must be words or digits, not %q", v).
						WithHint(`numbers: words lets \d also match numbers written as words ("three working days")`)
				}
			}
		},
		set:   func(ev *Evidence) bool { return ev.NumberWords },
		words: func(*Evidence) []string { return []string{"numbers as words"} },
	}
	caseKind = &Kind{
		Name:    "case",
		Setting: true,
		read: func(d *decoder, f field, ev *Evidence) {
			if v, ok := d.text(f); ok {
				switch v {
				case "sensitive":
					ev.MatchCase = true
				case "insensitive":
				default:
					d.errorf(f.value, "case must be sensitive or insensitive, not %q", v)
				}
			}
		},
		set:   func(ev *Evidence) bool { return ev.MatchCase },
		words: func(*Evidence) []string { return []string{"case-sensitive"} },
	}
)
