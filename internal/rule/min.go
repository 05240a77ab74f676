package rule

import (
	"fmt"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// minRule holds when the patterns of any and all match at least n times in
// total.
//
//	min: 2
type minRule struct {
	n        int
	patterns []int
}

func init() {
	register(kind{name: "min", compile: func(c *compiler, e *checklist.Evidence) check {
		if e.Min <= 0 {
			return nil
		}
		return &minRule{n: e.Min, patterns: append(c.patterns(e.Any), c.patterns(e.All)...)}
	}})
}

// collect counts the matches (Counts[0]), up to the n needed.
func (r *minRule) collect(ev *evidence) result.Tally {
	total := 0
	for _, p := range r.patterns {
		if total >= r.n {
			break
		}
		total += len(ev.matchesUpTo(p, r.n-total))
	}
	return result.Tally{Kind: "min", Counts: []int{total}}
}

func (r *minRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	total := t.Counts[0]
	if total >= r.n {
		return verdictPass, []result.Finding{w.whole("min", severityInfo, fmt.Sprintf("found at least %s", plural(r.n, "match", "matches")))}
	}
	return verdictFail, []result.Finding{w.whole("min", severityError, fmt.Sprintf("found %s, fewer than the %d required", plural(total, "match", "matches"), r.n))}
}
