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

// collect counts every match (Counts[0]) and keeps the first maxErrors
// of them, per pattern.
func (r *noneRule) collect(ev *evidence) result.Tally {
	t := result.Tally{Kind: "none", Counts: []int{0}, Lists: make([][]result.Finding, len(r.patterns))}
	kept := 0
	for i, p := range r.patterns {
		for _, m := range ev.matches(p) {
			t.Counts[0]++
			if kept < maxErrors {
				t.Lists[i] = append(t.Lists[i], ev.at("none", severityError, m, fmt.Sprintf("found %s (anti-pattern)", quote(ev.text(m)))))
				kept++
			}
		}
	}
	return t
}

func (r *noneRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	var fs []result.Finding
	for _, l := range t.Lists {
		for _, f := range l {
			if len(fs) == maxErrors {
				break
			}
			fs = append(fs, f)
		}
	}
	total := t.Counts[0]
	if total > maxErrors {
		fs = append(fs, w.whole("none", severityError, fmt.Sprintf("and %d more anti-pattern matches", total-maxErrors)))
	}
	if total == 0 {
		return verdictPass, fs
	}
	return verdictFail, fs
}
