package rule

import (
	"fmt"

	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/result"
)

// allRule holds when every one of its patterns matches somewhere.
//
//	all: ['complain', 'ombudsman']
type allRule struct {
	patterns []int
	missing  []string // per pattern, the message when it does not match
}

func init() {
	register(kind{name: "all", compile: func(c *compiler, e *checklist.Evidence) check {
		if len(e.All) == 0 {
			return nil
		}
		r := &allRule{patterns: c.patterns(e.All)}
		for _, p := range r.patterns {
			r.missing = append(r.missing, fmt.Sprintf("no match for %q", c.set.patterns[p].expr))
		}
		return r
	}})
}

func (r *allRule) run(ev *evidence) (bool, []result.Finding) {
	var errs, infos []result.Finding
	for i, p := range r.patterns {
		ms := ev.matchesUpTo(p, 1)
		if len(ms) == 0 {
			errs = append(errs, ev.whole("all", severityError, r.missing[i]))
			continue
		}
		infos = append(infos, ev.at("all", severityInfo, ms[0], fmt.Sprintf("found %s", quote(ev.text(ms[0])))))
	}
	return len(errs) == 0, append(errs, infos...)
}
