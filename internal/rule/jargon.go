package rule

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// jargonRule holds when its words are used at most max times per `per`
// words of prose (per 0: at most max times in all). Words are matched
// whole, ignoring case, a space in one matching any run of whitespace.
//
//	jargon: {max: 5, per: 1000, words: [going forward, leverage, synergy]}
type jargonRule struct {
	max     float64
	per     int
	pattern int
}

func init() {
	register(kind{name: "jargon", compile: func(c *compiler, e *checklist.Evidence) check {
		if e.Jargon == nil || len(e.Jargon.Words) == 0 {
			return nil
		}
		quoted := make([]string, len(e.Jargon.Words))
		for i, w := range e.Jargon.Words {
			quoted[i] = regexp.QuoteMeta(strings.TrimSpace(w))
		}
		expr := `\b(?:` + strings.Join(quoted, "|") + `)\b`
		p := c.patternWith(checklist.Pattern{Expr: expr, Pos: e.Jargon.Pos}, patternOptions{})
		if p < 0 {
			return nil
		}
		return &jargonRule{max: e.Jargon.Max, per: e.Jargon.Per, pattern: p}
	}})
}

// run measures the rate of jargon and, when it is over the limit, lists
// the words most used and reports each use:
//
//	7 jargon words per 1,000, more than 5: "going forward" ×3, "leverage" ×2, …
//	found "leverage" (jargon)
func (r *jargonRule) run(ev *evidence) (bool, []result.Finding) {
	ms := ev.matches(r.pattern)
	words := 0
	for i := range ev.docs {
		words += ev.proseOf(i).words
	}
	rate := float64(len(ms))
	what := plural(len(ms), "jargon word", "jargon words")
	if r.per > 0 {
		if words > 0 {
			rate = float64(len(ms)) * float64(r.per) / float64(words)
		}
		what = fmt.Sprintf("%s jargon %s per %s", decimal(rate), pluralWord(rate, "word", "words"), thousands(r.per))
	}
	if rate <= r.max {
		return true, []result.Finding{ev.whole("jargon", severityInfo, fmt.Sprintf("%s, at most %s", what, decimal(r.max)))}
	}
	msg := fmt.Sprintf("%s, more than %s: %s", what, decimal(r.max), jargonCounts(ev, ms))
	fs := []result.Finding{ev.whole("jargon", severityError, msg)}
	for i, m := range ms {
		if i == maxErrors {
			break
		}
		fs = append(fs, ev.at("jargon", severityError, m, fmt.Sprintf("found %s (jargon)", quote(ev.text(m)))))
	}
	return false, fs
}

// maxJargonShown is how many different jargon words a summary lists.
const maxJargonShown = 3

// jargonCounts lists the jargon words used, most used first, with their
// counts: "going forward" ×3, "leverage" ×2, …
func jargonCounts(ev *evidence, ms []match) string {
	counts := map[string]int{}
	var order []string
	for _, m := range ms {
		w := strings.ToLower(strings.Join(strings.Fields(clean(ev.text(m))), " "))
		if counts[w] == 0 {
			order = append(order, w)
		}
		counts[w]++
	}
	sort.SliceStable(order, func(i, j int) bool { return counts[order[i]] > counts[order[j]] })
	var parts []string
	for i, w := range order {
		if i == maxJargonShown {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s ×%d", quote(w), counts[w]))
	}
	return strings.Join(parts, ", ")
}

// pluralWord is one or many, to agree with a rate as written by decimal.
func pluralWord(rate float64, one, many string) string {
	if decimal(rate) == "1" {
		return one
	}
	return many
}
