package view

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
)

// Evidence summarises an item's evidence rules in a line of plain words,
// such as `any of 2 patterns; none of 1; near "complain" within 40 words of
// "ombudsman"`: each kind of the checklist package's registry in its
// words (checklist.Kind.Describe). It is "" for an item an assessor
// answers.
func Evidence(ev *checklist.Evidence) string {
	if ev == nil {
		return ""
	}
	var parts []string
	for _, k := range checklist.Kinds() {
		parts = append(parts, k.Describe(ev)...)
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

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
