package rule

import (
	"fmt"

	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/result"
)

// anyRule holds when at least one of its patterns matches somewhere.
//
//	any: ['within \d+ (working )?(days|hours)', 'within \d+ rings']
type anyRule struct {
	patterns []int
	failed   string // the message when nothing matches, made once
}

func init() {
	register(kind{name: "any", compile: func(c *compiler, e *checklist.Evidence) check {
		if len(e.Any) == 0 {
			return nil
		}
		ps := c.patterns(e.Any)
		return &anyRule{patterns: ps, failed: "no match for any of: " + exprList(c.set, ps)}
	}})
}

func (r *anyRule) run(ev *evidence) (bool, []result.Finding) {
	var fs []result.Finding
	for _, p := range r.patterns {
		if len(fs) == maxInfo {
			break
		}
		for _, m := range ev.matchesUpTo(p, maxInfo-len(fs)) {
			fs = append(fs, ev.at("any", severityInfo, m, fmt.Sprintf("found %s", quote(ev.text(m)))))
		}
	}
	if len(fs) > 0 {
		return true, fs
	}
	return false, []result.Finding{ev.whole("any", severityError, r.failed)}
}
