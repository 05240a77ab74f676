package score

import (
	"math"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// This file is the one scoring arithmetic: Evaluate, report.Rescore (for
// merged Results) and the explanations all use it.

// Round rounds a percentage to one decimal, half away from zero. The tiny
// nudge keeps a value such as 79.95, which floating point holds as
// 79.9499999…, rounding as a person would.
func Round(x float64) float64 {
	return math.Round(x*10+math.Copysign(1e-7, x)) / 10
}

// SectionPercent is a section's exact (unrounded) score, earned over
// possible as a percentage; ok is false when nothing was possible, and then
// the section has no score.
func SectionPercent(earned, possible float64) (pct float64, ok bool) {
	if possible <= 0 {
		return 0, false
	}
	return 100 * earned / possible, true
}

// Weighted reports whether any section carries a weight, which makes the
// overall score the weighted mean of section scores rather than the pooled
// points of every item.
func Weighted(sections []result.Section) bool {
	for _, s := range sections {
		if s.Weight > 0 {
			return true
		}
	}
	return false
}

// SectionWeight is the weight a section with a score counts with in the
// weighted mean: its own, or 1 when it has none (a section without a weight
// beside weighted ones counts once).
func SectionWeight(s result.Section) float64 {
	if s.Weight == 0 {
		return 1
	}
	return s.Weight
}

// Overall is the exact (unrounded) overall score of sections whose Earned
// and Possible are filled in: the weighted mean of the section scores when
// any section has a weight (see SectionWeight), otherwise every item's points
// pooled. ok is false when no section has a score.
func Overall(sections []result.Section) (pct float64, ok bool) {
	if Weighted(sections) {
		var sum, wsum float64
		for _, s := range sections {
			p, ok := SectionPercent(s.Earned, s.Possible)
			if !ok {
				continue
			}
			w := SectionWeight(s)
			sum += w * p
			wsum += w
		}
		if wsum <= 0 {
			return 0, false
		}
		return sum / wsum, true
	}
	var earned, possible float64
	for _, s := range sections {
		earned += s.Earned
		possible += s.Possible
	}
	return SectionPercent(earned, possible)
}

// GradeOf is the grade a score reaches in bands (highest first; the default
// bands when none are given). A critical failure caps it at the lowest band.
func GradeOf(bands []checklist.Band, score float64, criticalFailure bool) result.Grade {
	if len(bands) == 0 {
		bands = checklist.DefaultGrades()
	}
	b := checklist.Grade(bands, score)
	if criticalFailure {
		b = bands[len(bands)-1]
	}
	return result.Grade{Label: b.Label, RAG: string(b.RAG)}
}

// Summarize fills in r's numbers from its sections' Earned and Possible:
// each section's Score and Grade (nil when it has nothing possible), the
// overall Score, rounded (0 when nothing counted), and the overall Grade,
// capped by r.CriticalFailures. It leaves Passed alone (see Verdict).
func Summarize(r *result.Result, bands []checklist.Band) {
	for i := range r.Sections {
		sec := &r.Sections[i]
		sec.Score, sec.Grade = nil, nil
		if p, ok := SectionPercent(sec.Earned, sec.Possible); ok {
			v := Round(p)
			g := GradeOf(bands, v, false)
			sec.Score, sec.Grade = &v, &g
		}
	}
	overall, _ := Overall(r.Sections)
	r.Score = Round(overall)
	r.Grade = GradeOf(bands, r.Score, len(r.CriticalFailures) > 0)
}

// Verdict is whether r passes: no critical failure, every gate held and the
// score at or above the threshold, when one is set.
func Verdict(r *result.Result) bool {
	if len(r.CriticalFailures) > 0 {
		return false
	}
	for _, g := range r.Gates {
		if !g.Passed {
			return false
		}
	}
	for _, it := range r.Items {
		// A critical item left unanswered (and counted as zero) fails the
		// audit as a critical failure would: nobody has shown it is met.
		if it.Critical && it.Outcome == result.Unanswered && it.Score != nil {
			return false
		}
	}
	if _, counted := Overall(r.Sections); !counted {
		// Nothing counted: every item waived or not applicable passes, but
		// an audit whose items were all left unanswered is not a pass.
		return len(r.Unanswered) == 0
	}
	return r.Threshold == nil || r.Score >= *r.Threshold
}
