package report

import (
	"math"

	"github.com/svcaudit/svcaudit/internal/checklist"
	"github.com/svcaudit/svcaudit/internal/result"
)

// Rescore recomputes a Result's numbers from its items, in place. It is the
// one place in this package that does scoring arithmetic, so that a merged
// Result is scored the way `run` scores one:
//
//   - an item that counts (Score not nil) earns Score/100 × Weight points out
//     of Weight; na, waived and skipped unanswered items have a nil Score and
//     count for nothing;
//   - a section's Earned and Possible are the sums over its items, its Score
//     is Earned/Possible as a percentage (nil when Possible is 0);
//   - the overall Score is the weighted mean of section scores when any
//     section has a Weight (a section without one counts once beside
//     them), and otherwise all items' Earned/Possible pooled — as package
//     score does;
//   - scores are rounded half away from zero to one decimal, grades looked up
//     in bands (checklist.DefaultGrades when none are given);
//   - a failed critical item is a critical failure, and caps the grade at
//     the lowest band; Passed is false with any critical failure, a failed
//     gate, or a score below the Threshold.
//
// Gates cannot be re-evaluated without the checklist; Rescore keeps those it
// is given and leaves their verdict alone.
func Rescore(r *result.Result, bands []checklist.Band) {
	if len(bands) == 0 {
		bands = checklist.DefaultGrades()
	}
	type sum struct{ earned, possible float64 }
	sums := map[string]*sum{}
	var pooled sum
	r.CriticalFailures = nil
	r.Unanswered = nil
	for _, it := range r.Items {
		s := sums[it.Section]
		if s == nil {
			s = &sum{}
			sums[it.Section] = s
		}
		if it.Outcome == result.Unanswered {
			r.Unanswered = append(r.Unanswered, it.ID)
		}
		if it.Critical && it.Outcome == result.Fail {
			r.CriticalFailures = append(r.CriticalFailures, it.ID)
		}
		if it.Score == nil {
			continue
		}
		e := *it.Score / 100 * it.Weight
		s.earned += e
		s.possible += it.Weight
		pooled.earned += e
		pooled.possible += it.Weight
	}
	if r.CriticalFailures == nil {
		r.CriticalFailures = []string{}
	}
	var wsum, wscore float64
	weighted := false
	for _, sec := range r.Sections {
		if sec.Weight > 0 {
			weighted = true
		}
	}
	for i := range r.Sections {
		sec := &r.Sections[i]
		s := sums[sec.ID]
		if s == nil {
			s = &sum{}
		}
		sec.Earned, sec.Possible = s.earned, s.possible
		sec.Score, sec.Grade = nil, nil
		if s.possible > 0 {
			v := round(s.earned/s.possible*100, 1)
			g := grade(bands, v)
			sec.Score, sec.Grade = &v, &g
			w := sec.Weight
			if w == 0 {
				w = 1
			}
			wsum += w
			wscore += w * (s.earned / s.possible * 100)
		}
	}
	switch {
	case weighted && wsum > 0:
		r.Score = round(wscore/wsum, 1)
	case pooled.possible > 0:
		r.Score = round(pooled.earned/pooled.possible*100, 1)
	default:
		r.Score = 0
	}
	r.Grade = grade(bands, r.Score)
	if len(r.CriticalFailures) > 0 {
		low := bands[len(bands)-1]
		r.Grade = result.Grade{Label: low.Label, RAG: string(low.RAG)}
	}
	r.Passed = len(r.CriticalFailures) == 0
	if r.Threshold != nil && r.Score < *r.Threshold {
		r.Passed = false
	}
	for _, g := range r.Gates {
		if !g.Passed {
			r.Passed = false
		}
	}
}

func grade(bands []checklist.Band, score float64) result.Grade {
	b := checklist.Grade(bands, score)
	return result.Grade{Label: b.Label, RAG: string(b.RAG)}
}

// round rounds half away from zero to n decimals.
func round(v float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(v*p) / p
}
