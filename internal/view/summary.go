package view

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
)

// Evidence summarises an item's evidence rules in a line of plain words,
// such as `any of 2 patterns; none of 1; near "complain" within 40 words of
// "ombudsman"`. It is "" for an item an assessor answers.
func Evidence(ev *checklist.Evidence) string {
	if ev == nil {
		return ""
	}
	var parts []string
	count := func(rule string, ps []checklist.Pattern) {
		switch len(ps) {
		case 0:
		case 1:
			parts = append(parts, fmt.Sprintf("%s: %s", rule, quote(ps[0].Expr)))
		default:
			parts = append(parts, fmt.Sprintf("%s of %d patterns", rule, len(ps)))
		}
	}
	count("any", ev.Any)
	count("all", ev.All)
	count("none", ev.None)
	if ev.Min > 0 {
		parts = append(parts, fmt.Sprintf("at least %d matches", ev.Min))
	}
	if n := ev.Near; n != nil {
		parts = append(parts, fmt.Sprintf("%s within %d words of %s", quote(n.A.Expr), n.Within, quote(n.B.Expr)))
	}
	if h := ev.Heading; h != nil {
		parts = append(parts, "heading "+quote(h.Expr))
	}
	if r := ev.Readability; r != nil {
		parts = append(parts, "reading ease at least "+num(r.Min))
	}
	if j := ev.Jargon; j != nil {
		s := fmt.Sprintf("jargon at most %s", num(j.Max))
		if j.Per > 0 {
			s += fmt.Sprintf(" per %d words", j.Per)
		}
		parts = append(parts, s)
	}
	if t := ev.Timescale; t != nil {
		s := fmt.Sprintf("%s at most %s", t.What, t.Max)
		if t.Total != nil {
			s += fmt.Sprintf(" (%s in total)", t.Total)
		}
		parts = append(parts, s)
	}
	if ev.NumberWords {
		parts = append(parts, "numbers as words")
	}
	if ev.MatchCase {
		parts = append(parts, "case-sensitive")
	}
	return strings.Join(parts, "; ")
}

// Condition says when a follow-up item is asked, in words.
func Condition(c *checklist.Condition, scale checklist.Scale) string {
	if c == nil {
		return ""
	}
	labels := make([]string, len(c.Answers))
	for i, a := range c.Answers {
		labels[i] = a
		if ch := scale.Choice(a); ch != nil {
			labels[i] = ch.Label
		}
	}
	return fmt.Sprintf("ask only if %s was answered %s", c.Item, orList(labels))
}

func orList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func quote(expr string) string {
	// Long patterns are cut: a summary is for reading; `show --format
	// json` has them whole.
	if r := []rune(expr); len(r) > 32 {
		expr = string(r[:30]) + "…"
	}
	return "/" + expr + "/"
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
