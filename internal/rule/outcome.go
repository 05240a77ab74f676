package rule

import "github.com/svcaudit/svcaudit/result"

// Outcome is what the documents say about one automated item.
//
// An item whose conditions all hold Passed; one whose conditions hold but
// for a partial one (a sentence rule's hedged commitment, or a supporting
// sentence it is missing) is Partial, scored with the scale's partial
// value; otherwise it failed.
type Outcome struct {
	Passed   bool
	Partial  bool
	Findings []result.Finding
	// Tally is, per condition of the item, what the documents showed it
	// (EvaluateTallied; nil otherwise).
	Tally []result.Tally
}
