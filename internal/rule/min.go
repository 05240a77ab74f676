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

func (r *minRule) run(ev *evidence) (bool, []result.Finding) {
	total := 0
	for _, p := range r.patterns {
		if total >= r.n {
			break
		}
		total += len(ev.matchesUpTo(p, r.n-total))
	}
	if total >= r.n {
		return true, []result.Finding{ev.whole("min", severityInfo, fmt.Sprintf("found at least %s", plural(r.n, "match", "matches")))}
	}
	return false, []result.Finding{ev.whole("min", severityError, fmt.Sprintf("found %s, fewer than the %d required", plural(total, "match", "matches"), r.n))}
}
