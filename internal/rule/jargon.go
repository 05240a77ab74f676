package rule

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/result"
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

func (r *jargonRule) run(ev *evidence) (bool, []result.Finding) {
	ms := ev.matches(r.pattern)
	words := 0
	for i := range ev.docs {
		words += ev.proseOf(i).words
	}
	rate := float64(len(ms))
	limit := fmt.Sprintf("at most %g", r.max)
	if r.per > 0 {
		if words > 0 {
			rate = float64(len(ms)) * float64(r.per) / float64(words)
		}
		limit = fmt.Sprintf("at most %g per %d words", r.max, r.per)
	}
	summary := fmt.Sprintf("%s in %s", plural(len(ms), "jargon word", "jargon words"), plural(words, "word", "words"))
	if r.per > 0 {
		summary += fmt.Sprintf(" (%.1f per %d)", rate, r.per)
	}
	if rate <= r.max {
		return true, []result.Finding{ev.whole("jargon", severityInfo, summary+", "+limit)}
	}
	fs := []result.Finding{ev.whole("jargon", severityError, summary+", want "+limit)}
	for i, m := range ms {
		if i == maxErrors {
			break
		}
		fs = append(fs, ev.at("jargon", severityError, m, fmt.Sprintf("jargon %s", quote(ev.text(m)))))
	}
	return false, fs
}
