package checklist

import (
	"strings"
)

// Kind describes one key of an item's evidence: a rule kind (any, near,
// sentence, …), or a setting that changes how the rules read (case,
// numbers, min). Each kind is written in a file of its own in this
// package — its YAML shape, its validation, and how `svcaudit show`
// words it — and listed once, in kinds below. The rule engine
// (internal/rule) registers a compiler for every kind whose Documents is
// set; a test there fails when one is missing, and tests here hold the
// JSON Schema, the JSON form and the documentation to this list.
type Kind struct {
	// Name is the key under evidence: in a checklist.
	Name string
	// Keys are the keys of the kind's own mapping (near: a, b, within),
	// nil when its value is not a mapping.
	Keys []string
	// Condition is set for a kind that is a condition on its own; min,
	// case and numbers only qualify the others.
	Condition bool
	// Setting is set for a kind that changes how every pattern is read
	// (case, numbers): it is read before the others.
	Setting bool
	// Documents is set for a kind the rule engine judges on documents;
	// cases is measured from a case log instead, and settings are not
	// judged at all.
	Documents bool

	// read decodes the kind's value into ev, recording every problem.
	read func(d *decoder, f field, ev *Evidence)
	// set reports whether ev sets the kind.
	set func(ev *Evidence) bool
	// words says what the kind asks of ev in a few plain words, for
	// `svcaudit show` (nil when ev does not set it).
	words func(ev *Evidence) []string
}

// kinds is the registry, in the order the keys are listed in messages
// and read (settings first).
var kinds = []*Kind{
	anyKind, allKind, noneKind, nearKind, minKind, headingKind, readabilityKind, jargonKind,
	sentenceKind, timescaleKind, numbersKind, caseKind, casesKind,
}

// Kinds lists every evidence key a checklist may use, in the order the
// format lists them.
func Kinds() []Kind {
	out := make([]Kind, len(kinds))
	for i, k := range kinds {
		out[i] = *k
	}
	return out
}

// LookupKind returns the kind named name.
func LookupKind(name string) (Kind, bool) {
	for _, k := range kinds {
		if k.Name == name {
			return *k, true
		}
	}
	return Kind{}, false
}

// Set reports whether ev sets the kind.
func (k Kind) Set(ev *Evidence) bool { return ev != nil && k.set(ev) }

// Describe says what the kind asks of ev in a few plain words ("any of 3
// patterns", `"complain" within 40 words of "ombudsman"`), one phrase per
// rule; nil when ev does not set it.
func (k Kind) Describe(ev *Evidence) []string {
	if !k.Set(ev) {
		return nil
	}
	return k.words(ev)
}

func kindNames() []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Name
	}
	return names
}

// conditionList is "a, b or c" of the kinds that are conditions.
func conditionList() string {
	var names []string
	for _, k := range kinds {
		if k.Condition {
			names = append(names, k.Name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Documentary reports whether the evidence sets any condition the
// documents answer (every condition but Cases).
func (e *Evidence) Documentary() bool {
	for _, k := range kinds {
		if k.Documents && k.set(e) {
			return true
		}
	}
	return false
}

// quote shows a pattern in a summary: long ones are cut, as a summary is
// for reading (`show --format json` has them whole).
func quote(expr string) string {
	if r := []rune(expr); len(r) > 32 {
		expr = string(r[:30]) + "…"
	}
	return "/" + expr + "/"
}
