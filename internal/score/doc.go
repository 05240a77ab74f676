// Package score evaluates an audit: it combines an assessor's answers, the
// outcomes of automated evidence rules and any waivers with a checklist's
// scale, weights, grade bands and gating rules into a result.Result.
//
// Evaluate is pure: it reads no files and has no clock, so the same inputs
// always give the same Result.
//
// arith.go is the one scoring arithmetic (Round, SectionPercent, Overall,
// GradeOf, Summarize, Verdict): report.Rescore and package explain use it
// too, so that no other package computes a score its own way.
package score
