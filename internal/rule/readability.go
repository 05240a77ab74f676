package rule

import (
	"fmt"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// readabilityRule holds when the Flesch reading ease of the documents'
// prose (headings left out) is at least min:
//
//	206.835 − 1.015 × words/sentences − 84.6 × syllables/words
//
//	readability: {min: 60}
type readabilityRule struct {
	min float64
}

func init() {
	register(kind{name: "readability", compile: func(c *compiler, e *checklist.Evidence) check {
		if e.Readability == nil {
			return nil
		}
		return &readabilityRule{min: e.Readability.Min}
	}})
}

// collect counts the prose's words, sentences and syllables (Counts).
func (r *readabilityRule) collect(ev *evidence) result.Tally {
	var total proseStats
	for i := range ev.docs {
		total.add(ev.proseOf(i))
	}
	return result.Tally{Kind: "readability", Counts: []int{total.words, total.sentences, total.syllables}}
}

func (r *readabilityRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	total := proseStats{words: t.Counts[0], sentences: t.Counts[1], syllables: t.Counts[2]}
	if total.words == 0 {
		return verdictFail, []result.Finding{w.whole("readability", severityError, "no prose to measure reading ease")}
	}
	ease := total.fleschEase()
	if ease >= r.min {
		return verdictPass, []result.Finding{w.whole("readability", severityInfo, fmt.Sprintf("reading ease %.1f, at least %g", ease, r.min))}
	}
	return verdictFail, []result.Finding{w.whole("readability", severityError, fmt.Sprintf("reading ease %.1f, below %g", ease, r.min))}
}
