package score

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// Gates judges each of the checklist's gating rules against a scored
// Result (one merged from others, say), as Evaluate does.
func Gates(cl *checklist.Checklist, r *result.Result) []result.GateResult {
	return evalGates(cl, r)
}

// evalGates judges each of the checklist's gating rules against a scored
// Result, saying for each broken one what broke it and by how much.
func evalGates(cl *checklist.Checklist, r *result.Result) []result.GateResult {
	var out []result.GateResult
	for _, g := range cl.Gates {
		var gr result.GateResult
		switch g.Kind {
		case checklist.SectionMin:
			gr = sectionMin(g, r)
		case checklist.OverallMin:
			gr = result.GateResult{Rule: "overall-min: " + num(g.Min), Passed: r.Score >= g.Min}
			if !gr.Passed {
				gr.Detail = fmt.Sprintf("overall score %s%%, %s points below %s%%", pct(r.Score), pct(Round(g.Min-r.Score)), num(g.Min))
			}
		case checklist.MaxPartials:
			gr = maxPartials(g, r)
		case checklist.NoCriticalFailures:
			gr = result.GateResult{Rule: "no-critical-failures: true", Passed: len(r.CriticalFailures) == 0}
			if !gr.Passed {
				noun := "item"
				if len(r.CriticalFailures) > 1 {
					noun = "items"
				}
				gr.Detail = fmt.Sprintf("critical %s failed: %s", noun, strings.Join(r.CriticalFailures, ", "))
			}
		default:
			gr = result.GateResult{Rule: string(g.Kind), Passed: false, Detail: "unknown gating rule"}
		}
		out = append(out, gr)
	}
	return out
}

func inScope(g checklist.Gate, id string) bool {
	if len(g.Sections) == 0 {
		return true
	}
	for _, s := range g.Sections {
		if s == id {
			return true
		}
	}
	return false
}

func scopeText(g checklist.Gate) string {
	if len(g.Sections) == 0 {
		return ""
	}
	return " (sections: " + strings.Join(g.Sections, ", ") + ")"
}

func sectionMin(g checklist.Gate, r *result.Result) result.GateResult {
	gr := result.GateResult{Rule: "section-min: " + num(g.Min) + scopeText(g), Passed: true}
	var broken []string
	for _, s := range r.Sections {
		if !inScope(g, s.ID) || s.Score == nil || *s.Score >= g.Min {
			continue
		}
		broken = append(broken, fmt.Sprintf("%s scored %s%%, %s points below %s%%", s.Title, pct(*s.Score), pct(Round(g.Min-*s.Score)), num(g.Min)))
	}
	if len(broken) > 0 {
		gr.Passed, gr.Detail = false, strings.Join(broken, "; ")
	}
	return gr
}

func maxPartials(g checklist.Gate, r *result.Result) result.GateResult {
	gr := result.GateResult{Rule: "max-partials: " + strconv.Itoa(g.Max) + scopeText(g), Passed: true}
	count := map[string]int{}
	for _, it := range r.Items {
		if it.Outcome == result.Partial {
			count[it.Section]++
		}
	}
	var broken []string
	for _, s := range r.Sections {
		n := count[s.ID]
		if !inScope(g, s.ID) || n <= g.Max {
			continue
		}
		answers := "partial answers"
		if n == 1 {
			answers = "partial answer"
		}
		broken = append(broken, fmt.Sprintf("%s has %d %s, %d more than the %d allowed", s.Title, n, answers, n-g.Max, g.Max))
	}
	if len(broken) > 0 {
		gr.Passed, gr.Detail = false, strings.Join(broken, "; ")
	}
	return gr
}

// pct formats a rounded percentage with one decimal.
func pct(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// num formats a threshold as written (70, 62.5).
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
