package rule

import (
	"fmt"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// allRule holds when every one of its patterns matches somewhere.
//
//	all: ['complain', 'ombudsman']
type allRule struct {
	patterns []int
	names    []string // per pattern, its name in a message
	question string
}

func init() {
	register(kind{name: "all", compile: func(c *compiler, e *checklist.Evidence) check {
		if len(e.All) == 0 {
			return nil
		}
		r := &allRule{patterns: c.patterns(e.All), question: question(c.item)}
		for i, p := range r.patterns {
			r.names = append(r.names, patternName(c.set, p, i, len(r.patterns)))
		}
		return r
	}})
}

// run reports the missing patterns in one error finding:
//
//	missing 1 of 3 required phrases: "ombudsman"
//	missing 2 of 3 required phrases: "complain", pattern 3 of 3
//	required phrase not found: "ombudsman"
//	no evidence that: Does the policy name the ombudsman? (required phrase not found)
//
// Its tally keeps each pattern's first match, if any.
func (r *allRule) collect(ev *evidence) result.Tally {
	t := result.Tally{Kind: "all", Lists: make([][]result.Finding, len(r.patterns))}
	for i, p := range r.patterns {
		if ms := ev.matchesUpTo(p, 1); len(ms) > 0 {
			t.Lists[i] = []result.Finding{ev.at("all", severityInfo, ms[0], "found "+quote(ev.text(ms[0])))}
		}
	}
	return t
}

func (r *allRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	var missing []string
	var infos []result.Finding
	for i := range r.patterns {
		if len(t.Lists[i]) == 0 {
			missing = append(missing, r.names[i])
			continue
		}
		infos = append(infos, t.Lists[i][0])
	}
	if len(missing) == 0 {
		return verdictPass, infos
	}
	var msg string
	switch {
	case len(r.patterns) == 1 && r.shown(0):
		msg = "required phrase not found: " + missing[0]
	case len(r.patterns) == 1:
		msg = explain(r.question, "required phrase not found")
	default:
		msg = fmt.Sprintf("missing %d of %d required phrases: %s", len(missing), len(r.patterns), strings.Join(missing, ", "))
	}
	return verdictFail, append([]result.Finding{w.whole("all", severityError, msg)}, infos...)
}

// shown reports whether pattern i is short enough to show in a message.
func (r *allRule) shown(i int) bool { return strings.HasPrefix(r.names[i], `"`) }
