package stance

import (
	"regexp"
	"strings"
	"sync"
)

// A sentence that begins "They…", "He…" or "She…" names no one; the
// sentence before it often does: "Your complaint goes to one of our
// investigating officers. They will call you within two working days."
// When that sentence names one of the organisation's own people, and no
// other body, the pronoun is theirs and the sentence is the
// organisation's.

const (
	exprPronounStart = `(?i)^\W*(they|he|she)\b`

	// one of the organisation's own people, or a named member of staff
	// in its team ("Sam Reid in our repairs team")
	exprStaffAntecedent = `(?i)\b(our|the|your|one\s+of\s+our|a|an)\s+(\w+\s+){0,2}(officers?|advisers?|advisors?|caseworkers?|case\s+managers?|managers?|engineers?|surveyors?|inspectors?|operatives?|technicians?|nurses?|team\s+leaders?|investigators?|colleagues?|contractors?|team|staff)\b|\bmember\s+of\s+(our\s+)?(staff|team)\b`

	// another body: the pronoun may be its
	exprOtherBody = `(?i)\b(ombudsman|adjudicator|regulator|commissioner|tribunal|court|citizens\s+advice|advocacy|advocate|police|solicitor|insurer|(?-i:ICO|FOS|PHSO|LGSCO|SPSO|PSOW|IOPC|OIA|CCW))\b`
)

var (
	staffOnce                             sync.Once
	pronounStart, staffAntecedent, others *regexp.Regexp
)

func compileStaff() {
	pronounStart = regexp.MustCompile(exprPronounStart)
	staffAntecedent = regexp.MustCompile(exprStaffAntecedent)
	others = regexp.MustCompile(exprOtherBody)
}

// StartsWithPronoun reports whether s begins with "they", "he" or "she".
func StartsWithPronoun(s string) bool {
	staffOnce.Do(compileStaff)
	return pronounStart.MatchString(s)
}

// ByStaff returns s with its leading pronoun read as the organisation's
// ("We"), when prev names one of the organisation's own people and no
// other body; the text keeps its length, so that a place in s is the same
// place in it. It is false when s does not begin with a pronoun or prev
// names no one of the organisation's.
func ByStaff(prev, s string) (string, bool) {
	staffOnce.Do(compileStaff)
	m := pronounStart.FindStringSubmatchIndex(s)
	if m == nil || !staffAntecedent.MatchString(prev) || others.MatchString(prev) {
		return "", false
	}
	start, end := m[2], m[3]
	// the pronoun becomes "We", padded before with spaces to its length
	return s[:start] + strings.Repeat(" ", end-start-2) + "We" + s[end:], true
}

// "You should hear from us within 20 working days" is the organisation's
// (hedged) promise, not a duty on the reader, as "you should tell us" is.
var (
	shouldOnce    sync.Once
	shouldReceive *regexp.Regexp
)

func youShouldReceive(s string) bool {
	shouldOnce.Do(func() {
		shouldReceive = regexp.MustCompile(`(?i)\byou\s+should\s+(receive|get|hear|be\s+(contacted|told|sent|called|given|offered))\b`)
	})
	return shouldReceive.MatchString(s)
}
