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
}

func init() {
	register(kind{name: "any", compile: func(c *compiler, e *checklist.Evidence) check {
		if len(e.Any) == 0 {
			return nil
		}
		return &anyRule{patterns: c.patterns(e.Any)}
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
	return false, []result.Finding{ev.whole("any", severityError, "no match for any of: "+exprList(ev.set, r.patterns))}
}
