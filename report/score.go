package report

import (
	"math"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/result"
)

// Rescore recomputes a Result's numbers from its items, in place, so that a
// merged Result is scored the way `run` scores one. It does no arithmetic of
// its own beyond summing the items' points: the rest is package score's
// (score.Summarize, score.Verdict).
//
//   - an item that counts (Score not nil) earns Score/100 × Weight points out
//     of Weight; na, waived and skipped unanswered items have a nil Score and
//     count for nothing;
//   - a section's Earned and Possible are the sums over its items; its
//     Score and Grade, the overall Score and Grade and Passed then follow as
//     score.Evaluate makes them (checklist.DefaultGrades when no bands are
//     given).
//
// Gates cannot be re-evaluated without the checklist; Rescore keeps those it
// is given and leaves their verdict alone.
func Rescore(r *result.Result, bands []checklist.Band) {
	type sum struct{ earned, possible float64 }
	sums := map[string]*sum{}
	r.CriticalFailures = []string{}
	r.Unanswered = nil
	for _, it := range r.Items {
		if it.Outcome == result.Unanswered {
			r.Unanswered = append(r.Unanswered, it.ID)
		}
		if it.Critical && it.Outcome == result.Fail {
			r.CriticalFailures = append(r.CriticalFailures, it.ID)
		}
		if it.Score == nil {
			continue
		}
		s := sums[it.Section]
		if s == nil {
			s = &sum{}
			sums[it.Section] = s
		}
		s.earned += *it.Score / 100 * it.Weight
		s.possible += it.Weight
	}
	for i := range r.Sections {
		sec := &r.Sections[i]
		sec.Earned, sec.Possible = 0, 0
		if s := sums[sec.ID]; s != nil {
			sec.Earned, sec.Possible = s.earned, s.possible
		}
	}
	score.Summarize(r, bands)
	r.Passed = score.Verdict(r)
}

// round rounds half away from zero to n decimals, for figures shown (not
// scores: those are score.Round's).
func round(v float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(v*p) / p
}
