package checklist

import (
	"fmt"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
)

// Checklist is a loaded, validated checklist. After loading, includes have
// been resolved: their items appear in Sections, one section per included
// checklist, and every Item carries its full id.
type Checklist struct {
	ID          string
	Title       string
	Version     string
	Description string
	Source      string
	Scale       Scale
	Grades      []Band
	// Gates are the gating rules: the audit passes only when every one
	// holds, whatever the score.
	Gates    []Gate
	Sections []*Section
	// Includes records what the checklist included, as written.
	Includes []Include
	// File is where the checklist was loaded from ("builtin:ID" for an
	// embedded one).
	File string
	Pos  diag.Pos
}

// Items returns every item of every section, in order.
func (c *Checklist) Items() []*Item {
	var items []*Item
	for _, s := range c.Sections {
		items = append(items, s.Items...)
	}
	return items
}

// Item returns the item whose full id or (when unambiguous) short id is id.
// Failing those, it returns the item whose ref is id, written alone
// ("6.2", when one item has it) or after its checklist's id
// ("housing-ombudsman-code/6.2").
func (c *Checklist) Item(id string) *Item {
	var found *Item
	ambiguous := false
	for _, it := range c.Items() {
		if it.FullID == id {
			return it
		}
		if it.ID == id {
			if found != nil {
				ambiguous = true
			}
			found = it
		}
	}
	if ambiguous {
		return nil
	}
	if found != nil {
		return found
	}
	return c.ByRef(id)
}

// ByRef returns the item whose ref is ref, written alone (when exactly one
// item has it) or as CHECKLIST/REF, or nil.
func (c *Checklist) ByRef(ref string) *Item {
	if ref == "" {
		return nil
	}
	var found *Item
	for _, it := range c.Items() {
		if it.Ref == "" {
			continue
		}
		if it.Checklist+"/"+it.Ref == ref {
			return it
		}
		if it.Ref == ref {
			if found != nil {
				return nil
			}
			found = it
		}
	}
	return found
}

// Automated reports whether any item has evidence rules.
func (c *Checklist) Automated() bool {
	for _, it := range c.Items() {
		if it.Evidence != nil {
			return true
		}
	}
	return false
}

// Scale is the set of answers an assessor may give. Choices are in the order
// they are offered.
type Scale struct {
	Choices []Choice
}

// Choice is one answer of a scale. Score is the fraction (0–1) of the item's
// weight the answer earns; NA choices leave the item out of the denominator.
// Outcome is what the answer means for the item — whether it is met — when
// the checklist says so (`outcome:`); else Level derives it from Score.
type Choice struct {
	Value   string
	Label   string
	Score   float64
	NA      bool
	Outcome Level
	Pos     diag.Pos
}

// Level is what a scored answer means for its item: met, partly met or not
// met. A scale's own levels may say that an answer scoring less than the
// whole weight still meets the requirement (full compliance on a scale whose
// top is best practice).
type Level string

// The levels a scored choice may carry.
const (
	LevelPass    Level = "pass"
	LevelPartial Level = "partial"
	LevelFail    Level = "fail"
)

// Level is the choice's outcome: the one the checklist gives, else pass for
// a score of 1, fail for 0 and partial between. An NA choice has none ("").
func (c Choice) Level() Level {
	switch {
	case c.NA:
		return ""
	case c.Outcome != "":
		return c.Outcome
	case c.Score >= 1:
		return LevelPass
	case c.Score <= 0:
		return LevelFail
	}
	return LevelPartial
}

// Display is the choice's label with its value when they differ
// (`Full compliance (full)`), else the value.
func (c Choice) Display() string {
	if c.Label == "" || c.Label == c.Value {
		return c.Value
	}
	return c.Label
}

// Choice returns the choice whose value is v, or nil.
func (s Scale) Choice(v string) *Choice {
	for i := range s.Choices {
		if s.Choices[i].Value == v {
			return &s.Choices[i]
		}
	}
	return nil
}

// Values lists the values of the scale's choices.
func (s Scale) Values() []string {
	vs := make([]string, len(s.Choices))
	for i, c := range s.Choices {
		vs[i] = c.Value
	}
	return vs
}

// Suggest names the choice a mistaken answer v was probably meant to be,
// with its label: the choice whose label v is (case aside: "partly" is
// partial, labelled "Partly"), else the nearest value or label. It returns
// `partial ("Partly")`, or "" when no choice is near.
func (s Scale) Suggest(v string) string {
	show := func(c Choice) string {
		if c.Label == "" || c.Label == c.Value {
			return c.Value
		}
		return fmt.Sprintf("%s (%q)", c.Value, c.Label)
	}
	var names []string
	of := map[string]Choice{}
	for _, c := range s.Choices {
		if strings.EqualFold(c.Label, v) || strings.EqualFold(c.Value, v) {
			return show(c)
		}
		names = append(names, c.Value)
		of[c.Value] = c
		if c.Label != "" {
			names = append(names, c.Label)
			of[c.Label] = c
		}
	}
	if best := diag.Suggest(v, names); best != "" {
		return show(of[best])
	}
	return ""
}

// Custom reports whether s differs from DefaultScale in its values,
// labels, scores or outcomes. The default scale's values are the words
// reports have always shown; a custom scale's labels are shown instead of
// its values.
func (s Scale) Custom() bool {
	d := DefaultScale()
	if len(s.Choices) != len(d.Choices) {
		return true
	}
	for i, c := range s.Choices {
		dc := d.Choices[i]
		if c.Value != dc.Value || c.Label != dc.Label || c.Score != dc.Score || c.NA != dc.NA || c.Level() != dc.Level() {
			return true
		}
	}
	return false
}

// DefaultScale is yes/partial/no/na.
func DefaultScale() Scale {
	return Scale{Choices: []Choice{
		{Value: "yes", Label: "Yes", Score: 1},
		{Value: "partial", Label: "Partly", Score: 0.5},
		{Value: "no", Label: "No", Score: 0},
		{Value: "na", Label: "Not applicable", NA: true},
	}}
}

// RAG is a red/amber/green rating.
type RAG string

// The RAG ratings a grade band may carry.
const (
	Red   RAG = "red"
	Amber RAG = "amber"
	Green RAG = "green"
)

// Band maps scores from Min (inclusive, a percentage) up to the next band's
// Min to a label and RAG rating. Bands are kept sorted by Min, highest first.
type Band struct {
	Label string
	Min   float64
	RAG   RAG
	Pos   diag.Pos
}

// DefaultGrades are used when a checklist sets none.
func DefaultGrades() []Band {
	return []Band{
		{Label: "Good", Min: 80, RAG: Green},
		{Label: "Requires improvement", Min: 50, RAG: Amber},
		{Label: "Inadequate", Min: 0, RAG: Red},
	}
}

// Grade returns the band a score (0–100) falls in. Bands are sorted highest
// first and the lowest starts at 0, so every score has one.
func Grade(bands []Band, score float64) Band {
	for _, b := range bands {
		if score >= b.Min {
			return b
		}
	}
	if len(bands) == 0 {
		return Band{}
	}
	return bands[len(bands)-1]
}

// Section groups items. Weight is zero when the checklist sets no section
// weights (then every item counts by its own weight in the overall score).
type Section struct {
	ID     string
	Title  string
	Weight float64
	Items  []*Item
	Pos    diag.Pos
}

// Item is one criterion.
type Item struct {
	// ID is the item's id within its checklist; FullID is "CHECKLIST/ID",
	// stable across versions and what answers files, CI configs and
	// results refer to.
	ID     string
	FullID string
	// Ref is the item's external reference, such as the number of the
	// provision of a code or the control of a standard it checks ("6.2").
	// It is unique within the checklist the item was written in, and
	// answers files and waivers may name the item by it.
	Ref      string
	Question string
	Guidance string
	Weight   float64
	Critical bool
	Source   string
	Evidence *Evidence
	// When makes the item a follow-up question: it is asked (and counts)
	// only when the condition holds; otherwise it scores as not applicable.
	When *Condition
	// Checklist is the id of the checklist the item was written in (which
	// differs from the loaded checklist's id in a profile).
	Checklist string
	Pos       diag.Pos
	// RefPos is where Ref was written.
	RefPos diag.Pos
}

// Automated reports whether documents answer the item.
func (it *Item) Automated() bool { return it.Evidence != nil }

// Evidence holds an item's evidence rules as written. The rule engine
// compiles them; every condition set must hold for the item to pass.
type Evidence struct {
	Any         []Pattern
	All         []Pattern
	None        []Pattern
	Near        *Near
	Min         int
	Heading     *Pattern
	Readability *Readability
	Jargon      *Jargon
	// Sentences are the sentence rules: each holds (or fails) sentence by
	// sentence, see SentenceRule.
	Sentences []*SentenceRule
	// Timescale compares the organisation's timescale for an event with a
	// limit (see Timescale).
	Timescale *Timescale
	// Cases measures the item from a complaints case log rather than the
	// documents.
	Cases *Cases
	// NumberWords lets "\d" in patterns match numbers written as words
	// ("three working days"); set with `numbers: words`.
	NumberWords bool
	// MatchCase makes patterns case-sensitive; set with `case: sensitive`.
	MatchCase bool
	Pos       diag.Pos
}

// Pattern is an RE2 regular expression and where it was written.
type Pattern struct {
	Expr string
	Pos  diag.Pos
}

// Near requires a match of A within Within words of a match of B.
type Near struct {
	A, B   Pattern
	Within int
	// Stage is 1 or 2 to count only matches about that complaint stage
	// (read as the timescale kind reads a figure's stage), 0 for any.
	Stage int
	Pos   diag.Pos
}

// SentenceRule asks for one sentence (a document.Sentence: a sentence,
// list item, table cell or heading) in which every All pattern matches,
// at least one Any pattern matches (when there are any), and no None
// pattern matches, read for who acts and what the sentence does with the
// first match (see internal/stance).
type SentenceRule struct {
	All, Any, None []Pattern
	// Who is "organisation", "reader" or "" (anyone).
	Who string
	// Commit asks that the sentence be a commitment: not a question, not
	// negated, not an offer on the reader's terms, not the reader's
	// deadline.
	Commit bool
	// Hedge is what a hedged commitment or a mere target counts as:
	// "partial" (the default), "pass" or "fail".
	Hedge string
	// Hedged reads hedges in a rule without Commit too: a sentence
	// weakened by a hedge ("we try to make sure the same adviser deals
	// with it") counts as Hedge says. With Commit it changes nothing.
	Hedged bool
	// Negated asks for a negated sentence instead ("we will not..."), as
	// evidence against; with Forbid it finds what must not be said.
	Negated bool
	// Missing is the item's outcome when no sentence qualifies: "fail" (the
	// default) or "partial" (a supporting condition, such as a
	// commitment to put things right beside an apology).
	Missing string
	// Forbid turns the rule round: it fails on each qualifying sentence.
	Forbid bool
	// Context is how many units before the sentence the None patterns
	// are also looked for in (stopping at the nearest heading, which is
	// looked at): a phone number under "Housing Ombudsman" is the
	// ombudsman's.
	Context int
	// Own are patterns that say a sentence is the organisation's own
	// ("call me on", "my direct line"): before such a sentence the None
	// patterns are not looked for in the units of Context, so an
	// officer's number below a paragraph about the ombudsman is the
	// officer's.
	Own []Pattern
	// Rows reads a table cell as its whole row with the table's header
	// row, so that a figure is tied to its measure and period.
	Rows bool
	// Heading reads a sentence after the heading above it, so that a
	// period or a standard named in the heading counts for the sentences
	// under it ("Results for 2024/25" above "81% were satisfied").
	Heading bool
	// Follow lets the sentence after one that matches the All patterns
	// but not the Any ones supply them, when it refers back by a pronoun
	// ("The Housing Ombudsman is independent. You can contact it once…"):
	// the None patterns are looked for in both.
	Follow bool
	// What says in a message what the sentence does ("the organisation
	// commits to apologise"); Example is a sentence that would pass.
	What, Example string
	Pos           diag.Pos
}

// Readability requires a Flesch reading ease of at least Min.
type Readability struct {
	Min float64
	Pos diag.Pos
}

// Jargon allows at most Max uses of Words per Per words of prose
// (Per 0 means a plain count).
type Jargon struct {
	Max   float64
	Per   int
	Words []string
	Pos   diag.Pos
}

// Include is an included checklist and how it is tailored.
type Include struct {
	// Checklist is a built-in id or a path relative to the including file.
	Checklist string
	// Title overrides the section title the include becomes.
	Title string
	// Weight is the section weight of the include (0: unset).
	Weight float64
	// Select keeps only these items (short ids); Deselect drops these.
	Select   []string
	Deselect []string
	// Reweight sets the weight of items by short id.
	Reweight map[string]float64
	Pos      diag.Pos
}

// Condition is a follow-up item's condition: the answer given to Item is one
// of Answers.
type Condition struct {
	// Item is the short or full id of the item the condition looks at.
	Item    string
	Answers []string
	Pos     diag.Pos
}

// GateKind is the kind of a gating rule.
type GateKind string

// The gating rules a checklist may set.
const (
	// SectionMin: every section (or the sections listed) scores at least Min.
	SectionMin GateKind = "section-min"
	// OverallMin: the overall score is at least Min.
	OverallMin GateKind = "overall-min"
	// MaxPartials: no section has more than Max partial answers.
	MaxPartials GateKind = "max-partials"
	// NoCriticalFailures: no critical item failed.
	NoCriticalFailures GateKind = "no-critical-failures"
)

// Gate is one gating rule, written in a checklist as
//
//	gates:
//	  - section-min: 70            # optional: sections: [id, ...]
//	  - overall-min: 60
//	  - max-partials: 2
//	  - no-critical-failures: true
type Gate struct {
	Kind     GateKind
	Min      float64
	Max      int
	Sections []string
	Pos      diag.Pos
}
