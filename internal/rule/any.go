package rule

import (
	"fmt"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
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
		return &anyRule{patterns: ps, failed: anyFailed(c.set, ps, question(c.item))}
	}})
}

// anyFailed is the message of an any rule that found nothing: the item's
// question, when it has one, says what evidence was looked for; the
// patterns themselves are left to the checklist (and `svcaudit show`).
//
//	no evidence that: Do published standards give concrete timescales? (none of 10 patterns matched)
//	no evidence found: "ombudsman" did not match
func anyFailed(set *Set, ps []int, q string) string {
	why := fmt.Sprintf("none of %d patterns matched", len(ps))
	if len(ps) == 1 {
		why = patternName(set, ps[0], 0, 1) + " did not match"
	}
	if q != "" {
		return fmt.Sprintf("no evidence that: %s (%s)", q, why)
	}
	return "no evidence found: " + why
}

// collect keeps, per pattern, its first matches: the first maxInfo of
// all, patterns in order, each pattern's in the order of the documents.
func (r *anyRule) collect(ev *evidence) result.Tally {
	t := result.Tally{Kind: "any", Lists: make([][]result.Finding, len(r.patterns))}
	want := maxInfo
	if ev.noInfo {
		want = 1 // the findings are dropped: one match is a pass
	}
	n := 0
	for i, p := range r.patterns {
		if n >= want {
			break
		}
		for _, m := range ev.matchesUpTo(p, want-n) {
			t.Lists[i] = append(t.Lists[i], ev.at("any", severityInfo, m, "found "+quote(ev.text(m))))
			n++
		}
	}
	return t
}

func (r *anyRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	var fs []result.Finding
	for _, l := range t.Lists {
		for _, f := range l {
			if len(fs) == maxInfo {
				break
			}
			if fs == nil {
				fs = make([]result.Finding, 0, maxInfo)
			}
			fs = append(fs, f)
		}
	}
	if len(fs) > 0 {
		return verdictPass, fs
	}
	return verdictFail, []result.Finding{w.whole("any", severityError, r.failed)}
}
