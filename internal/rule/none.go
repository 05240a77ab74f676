package rule

import (
	"fmt"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// noneRule holds when none of its patterns (anti-patterns) matches; every
// offending match is an error finding at its place.
//
//	none: ['as soon as (possible|practicable)']
type noneRule struct {
	patterns []int
}

func init() {
	register(kind{name: "none", compile: func(c *compiler, e *checklist.Evidence) check {
		if len(e.None) == 0 {
			return nil
		}
		return &noneRule{patterns: c.patterns(e.None)}
	}})
}

func (r *noneRule) run(ev *evidence) (bool, []result.Finding) {
	var fs []result.Finding
	total := 0
	for _, p := range r.patterns {
		for _, m := range ev.matches(p) {
			total++
			if len(fs) < maxErrors {
				fs = append(fs, ev.at("none", severityError, m, fmt.Sprintf("found %s (anti-pattern)", quote(ev.text(m)))))
			}
		}
	}
	if total > maxErrors {
		fs = append(fs, ev.whole("none", severityError, fmt.Sprintf("and %d more anti-pattern matches", total-maxErrors)))
	}
	return total == 0, fs
}
