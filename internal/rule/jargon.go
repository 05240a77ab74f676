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

// collect counts the uses of jargon and the words of prose (Counts) and,
// when the documents are over the limit or the tally is kept for a
// merge, the uses of each word (Terms) and the first maxErrors uses
// (Lists[0]).
func (r *jargonRule) collect(ev *evidence) result.Tally {
	ms := ev.matches(r.pattern)
	words := 0
	for i := range ev.docs {
		words += ev.proseOf(i).words
	}
	t := result.Tally{Kind: "jargon", Counts: []int{len(ms), words}, Lists: make([][]result.Finding, 1)}
	if !ev.tally && r.rate(len(ms), words) <= r.max {
		return t // nothing more is shown
	}
	index := map[string]int{}
	for i, m := range ms {
		w := strings.ToLower(strings.Join(strings.Fields(clean(ev.text(m))), " "))
		if j, ok := index[w]; ok {
			t.Terms[j].Count++
		} else {
			index[w] = len(t.Terms)
			t.Terms = append(t.Terms, result.Term{Text: w, Count: 1, File: ev.docs[m.doc].Path})
		}
		if i < maxErrors {
			t.Lists[0] = append(t.Lists[0], ev.at("jargon", severityError, m, fmt.Sprintf("found %s (jargon)", quote(ev.text(m)))))
		}
	}
	return t
}

// rate is the jargon's rate: uses per `per` words, or in all.
func (r *jargonRule) rate(uses, words int) float64 {
	rate := float64(uses)
	if r.per > 0 && words > 0 {
		rate = float64(uses) * float64(r.per) / float64(words)
	}
	return rate
}

// decide measures the rate of jargon and, when it is over the limit,
// lists the words most used and reports each use:
//
//	7 jargon words per 1,000, more than 5: "going forward" ×3, "leverage" ×2, …
//	found "leverage" (jargon)
func (r *jargonRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	uses, words := t.Counts[0], t.Counts[1]
	rate := r.rate(uses, words)
	what := plural(uses, "jargon word", "jargon words")
	if r.per > 0 {
		what = fmt.Sprintf("%s jargon %s per %s", decimal(rate), pluralWord(rate, "word", "words"), thousands(r.per))
	}
	if rate <= r.max {
		return verdictPass, []result.Finding{w.whole("jargon", severityInfo, fmt.Sprintf("%s, at most %s", what, decimal(r.max)))}
	}
	msg := fmt.Sprintf("%s, more than %s: %s", what, decimal(r.max), jargonCounts(t.Terms))
	fs := []result.Finding{w.whole("jargon", severityError, msg)}
	for i, f := range t.Lists[0] {
		if i == maxErrors {
			break
		}
		fs = append(fs, f)
	}
	return verdictFail, fs
}

// maxJargonShown is how many different jargon words a summary lists.
const maxJargonShown = 3

// jargonCounts lists the jargon words used, most used first, with their
// counts: "going forward" ×3, "leverage" ×2, …
func jargonCounts(terms []result.Term) string {
	order := append([]result.Term(nil), terms...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].Count > order[j].Count })
	var parts []string
	for i, t := range order {
		if i == maxJargonShown {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s ×%d", quote(t.Text), t.Count))
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
