package rule

import "github.com/svcaudit/svcaudit/result"

// Outcome is what the documents say about one automated item.
type Outcome struct {
	Passed   bool
	Findings []result.Finding
}
