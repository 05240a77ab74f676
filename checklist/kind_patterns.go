package checklist

import "fmt"

// any, all and none: lists of patterns (one may be written without the
// list), and min, which counts the matches of any and all.
//
//	any: ['within \d+ (working )?(days|hours)', 'within \d+ rings']
//	all: ['complain', 'ombudsman']
//	none: ['as soon as possible']
//	min: 2
var (
	anyKind  = patternsKind("any", func(ev *Evidence) *[]Pattern { return &ev.Any })
	allKind  = patternsKind("all", func(ev *Evidence) *[]Pattern { return &ev.All })
	noneKind = patternsKind("none", func(ev *Evidence) *[]Pattern { return &ev.None })
	minKind  = &Kind{
		Name:      "min",
		Documents: true,
		read: func(d *decoder, f field, ev *Evidence) {
			if v, ok := d.integer(f); ok {
				if v < 1 {
					d.errorf(f.value, "min must be at least 1, not %d", v)
				} else if len(ev.Any) == 0 && len(ev.All) == 0 {
					d.errorf(f.key, "min counts matches of any and all, and this evidence has neither")
				}
				ev.Min = v
			}
		},
		set:   func(ev *Evidence) bool { return ev.Min > 0 },
		words: func(ev *Evidence) []string { return []string{fmt.Sprintf("at least %d matches", ev.Min)} },
	}
)

func patternsKind(name string, of func(*Evidence) *[]Pattern) *Kind {
	return &Kind{
		Name:      name,
		Condition: true,
		Documents: true,
		read: func(d *decoder, f field, ev *Evidence) {
			var ps []Pattern
			for _, n := range d.list(f, true) {
				if p, ok := d.pattern(n, name, ev.MatchCase); ok {
					ps = append(ps, p)
				}
			}
			*of(ev) = ps
		},
		set:   func(ev *Evidence) bool { return len(*of(ev)) > 0 },
		words: func(ev *Evidence) []string { return []string{countPatterns(name, *of(ev))} },
	}
}

// countPatterns words a list of patterns: `any: /x/`, or `any of 3 patterns`.
func countPatterns(what string, ps []Pattern) string {
	if len(ps) == 1 {
		return fmt.Sprintf("%s: %s", what, quote(ps[0].Expr))
	}
	return fmt.Sprintf("%s of %d patterns", what, len(ps))
}
