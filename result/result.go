package result

import "strconv"

// SchemaVersion is the version of the Result format this build writes. A
// reader refuses Results from a newer version.
const SchemaVersion = 1

// Outcome of an item.
type Outcome string

// Item outcomes.
const (
	Pass       Outcome = "pass"
	Partial    Outcome = "partial"
	Fail       Outcome = "fail"
	NA         Outcome = "na"
	Unanswered Outcome = "unanswered"
	Waived     Outcome = "waived"
)

// Source says how an item's outcome was reached.
type Source string

// Item sources.
const (
	Manual     Source = "manual"
	Automated  Source = "automated"
	Overridden Source = "overridden"
)

// Result is one audit of one subject against one checklist.
type Result struct {
	SchemaVersion int          `json:"schemaVersion"`
	Tool          *Tool        `json:"tool,omitempty"`
	Checklist     ChecklistRef `json:"checklist"`
	Subject       string       `json:"subject"`
	Auditor       string       `json:"auditor,omitempty"`
	Date          string       `json:"date,omitempty"`
	// Score is the overall percentage, 0–100, rounded half away from zero
	// to one decimal.
	Score float64 `json:"score"`
	Grade Grade   `json:"grade"`
	// Passed is false when a critical item failed or the score fell below
	// the threshold.
	Passed           bool     `json:"passed"`
	Threshold        *float64 `json:"threshold,omitempty"`
	CriticalFailures []string `json:"criticalFailures"`
	Unanswered       []string `json:"unanswered,omitempty"`
	// Gates are the checklist's gating rules and whether each held.
	Gates []GateResult `json:"gates,omitempty"`
	// Notices are warnings about the audit that do not change its score,
	// such as a waiver that expired or will soon.
	Notices   []string  `json:"notices,omitempty"`
	Documents []string  `json:"documents,omitempty"`
	Sections  []Section `json:"sections"`
	Items     []Item    `json:"items"`
	// Measures are performance measures worked out from a case log, such
	// as the tenant satisfaction measures CH01 and CH02.
	Measures []Measure `json:"measures,omitempty"`
	// CaseLog describes the case log the measures came from.
	CaseLog *CaseLog `json:"caseLog,omitempty"`
}

// Measure is one performance measure: Value is Numerator per Denominator,
// as a percentage or per 1,000 (Unit says which), to one decimal.
type Measure struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Value       float64 `json:"value"`
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
	// Unit is "%" or "per 1,000 homes".
	Unit string `json:"unit,omitempty"`
	// Months are the measure month by month (Key YYYY-MM), Categories by
	// the log's Category (largest numerator first).
	Months     []MeasurePoint `json:"months,omitempty"`
	Categories []MeasurePoint `json:"categories,omitempty"`
	// Notes say how the figure was reached: rows left out and why.
	Notes []string `json:"notes,omitempty"`
}

// MeasurePoint is a measure over part of the cases: a month or a category.
type MeasurePoint struct {
	Key         string  `json:"key"`
	Value       float64 `json:"value"`
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
}

// ItemMeasure is what a case log says about an item: of Cases measured,
// Within were within the limit; Percent is nil when no case was measured.
type ItemMeasure struct {
	Cases   int      `json:"cases"`
	Within  int      `json:"within"`
	Percent *float64 `json:"percent"`
	// Min is the percentage the item asks for.
	Min float64 `json:"min"`
	// Stage, Interval (e.g. acknowledged-responded) and Limit (working
	// days) say what was measured.
	Stage    int    `json:"stage,omitempty"`
	Interval string `json:"interval,omitempty"`
	Limit    int    `json:"limit,omitempty"`
	// Late lists the references of the late cases (the first 100);
	// LateCount counts them all. OpenOverdue counts the open cases already
	// past their due date.
	Late        []string `json:"late,omitempty"`
	LateCount   int      `json:"lateCount,omitempty"`
	OpenOverdue int      `json:"openOverdue,omitempty"`
	Notes       []string `json:"notes,omitempty"`
}

// CaseLog describes a case log read for an audit.
type CaseLog struct {
	File string `json:"file"`
	// Holidays names the bank holidays working days leave out, e.g.
	// england-and-wales.
	Holidays string `json:"holidays"`
	// From and To bound the period (cases received in it), YYYY-MM-DD;
	// empty when the whole log counts.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// AsOf is the date open cases are judged on.
	AsOf  string `json:"asOf"`
	Homes int    `json:"homes,omitempty"`
	// Rows is the number of data rows; Used of them counted; Excluded
	// counts the others by reason, and Problems lists them (the first
	// 1,000; ProblemCount counts them all).
	Rows         int            `json:"rows"`
	Used         int            `json:"used"`
	Excluded     map[string]int `json:"excluded,omitempty"`
	Problems     []FileError    `json:"problems,omitempty"`
	ProblemCount int            `json:"problemCount,omitempty"`
}

// Tool names the program that wrote a Result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ChecklistRef identifies the checklist a Result was scored against.
type ChecklistRef struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version string `json:"version,omitempty"`
}

// Grade is a grade band's label and RAG rating.
type Grade struct {
	Label string `json:"label"`
	RAG   string `json:"rag"`
}

// Section is one section's score. Score is nil when no item of the section
// was applicable.
type Section struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Score  *float64 `json:"score"`
	Grade  *Grade   `json:"grade,omitempty"`
	Weight float64  `json:"weight,omitempty"`
	// Earned and Possible are the weighted points behind Score.
	Earned   float64 `json:"earned"`
	Possible float64 `json:"possible"`
}

// Item is one item's outcome.
type Item struct {
	// ID is the full id, e.g. keeps-promises/timescales.
	ID      string `json:"id"`
	Section string `json:"section"`
	// Ref is the external reference of the requirement the item checks,
	// such as a code's provision number ("6.2"); empty when it has none.
	Ref      string  `json:"ref,omitempty"`
	Question string  `json:"question"`
	Outcome  Outcome `json:"outcome"`
	Source   Source  `json:"source"`
	// Answer is the scale value given (or derived from documents).
	Answer string `json:"answer,omitempty"`
	// AnswerLabel is the scale's label for Answer when it has one other
	// than the value ("Full compliance" for full): what people read.
	AnswerLabel string `json:"answerLabel,omitempty"`
	// Score is the fraction of the weight earned, as a percentage; nil when
	// the item does not count (na, unanswered skipped, waived).
	Score    *float64 `json:"score"`
	Weight   float64  `json:"weight"`
	Critical bool     `json:"critical,omitempty"`
	Note     string   `json:"note,omitempty"`
	// Evidence lists the assessor's evidence references (case numbers,
	// documents).
	Evidence []string `json:"evidence,omitempty"`
	// Automated is the documents' outcome when an assessor overrode it.
	Automated *Outcome `json:"automatedOutcome,omitempty"`
	// Waiver is set when the item is waived.
	Waiver *Waiver `json:"waiver,omitempty"`
	// Condition explains a follow-up item that was not asked (na).
	Condition string `json:"condition,omitempty"`
	// Measure is set when a case log measured the item (evidence cases:).
	Measure  *ItemMeasure `json:"measure,omitempty"`
	Findings []Finding    `json:"findings"`
	// Tally is, per condition of an automated item's evidence, what the
	// documents showed (set by a check of documents taken together): what
	// merging the Results of shards of one body of documents needs to
	// judge the item as if all of them had been read at once.
	Tally []Tally `json:"tally,omitempty"`
}

// Tally is what one evidence condition found in the documents of a
// Result, in a form that adds up across Results of different documents:
// counts that add (matches, words, sentences), and lists of findings it
// may report, each in the order of the documents and no longer than the
// condition can show. What each count and list holds is the condition's
// kind's own (the rule engine reads them back); they are not for display.
type Tally struct {
	Kind   string      `json:"kind"`
	Counts []int       `json:"counts,omitempty"`
	Lists  [][]Finding `json:"lists,omitempty"`
	// Terms are words counted by their text (jargon), in the order each
	// was first found.
	Terms []Term `json:"terms,omitempty"`
	// Parts are the tallies of a condition made of several (an item's
	// sentence rules).
	Parts []Tally `json:"parts,omitempty"`
}

// Term is a word counted in the documents: how often, and the document it
// was first found in.
type Term struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
	File  string `json:"file,omitempty"`
}

// Finding is one thing a rule found (or failed to find) in a document.
type Finding struct {
	Rule    string `json:"rule"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Page    int    `json:"page,omitempty"`
	Snippet string `json:"snippet,omitempty"`
	// Heading is the heading of the part of the document the match is in
	// (the nearest heading above it), and Sentence the whole sentence it
	// is in: what a self-assessment quotes as evidence.
	Heading  string `json:"heading,omitempty"`
	Sentence string `json:"sentence,omitempty"`
	Message  string `json:"message"`
	// Severity is "error" for a failed condition or a document that could
	// not be read, "info" for a match that supports a pass.
	Severity string `json:"severity,omitempty"`
	// BaselineState, for a problem of a check given a baseline of accepted
	// findings, is "new" or "unchanged" (in the baseline).
	BaselineState string `json:"baselineState,omitempty"`
}

// Check is the JSON document `check --format json` writes: one Result per
// document and checklist.
type Check struct {
	SchemaVersion int      `json:"schemaVersion"`
	Passed        bool     `json:"passed"`
	Results       []Result `json:"results"`
	// Errors lists documents that could not be checked (unreadable, too
	// large, corrupt); the run goes on without them.
	Errors []FileError `json:"errors,omitempty"`
}

// FileError is a document or path that could not be checked.
type FileError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Page    int    `json:"page,omitempty"`
	Message string `json:"message"`
	// Err is the typed cause, when there is one (a document over a size
	// limit, for which the command line gives advice); it is not saved.
	Err error `json:"-"`
}

// GateResult is one gating rule and whether it held.
type GateResult struct {
	// Rule is the rule as written, e.g. "section-min: 70".
	Rule   string `json:"rule"`
	Passed bool   `json:"passed"`
	// Detail says what broke the rule and by how much, e.g.
	// "real-humans scored 62.5%, 7.5 points below 70%".
	Detail string `json:"detail,omitempty"`
}

// Waiver is the waiver that made an item waived.
type Waiver struct {
	Owner   string `json:"owner"`
	Reason  string `json:"reason"`
	Expires string `json:"expires"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	// Inline is set for a suppression written in the document itself
	// (<!-- svcaudit-disable ITEM -- REASON -->) at File:Line; it has no
	// owner and no expiry.
	Inline bool `json:"inline,omitempty"`
}

// Describe says who waived the item, until when and why, as every report
// words it: "waived by OWNER until DATE: REASON", or for an inline
// suppression "suppressed in the document at FILE:LINE: REASON".
func (w Waiver) Describe() string {
	if w.Inline {
		return "suppressed in the document at " + w.at() + ": " + w.Reason
	}
	return "waived by " + w.Owner + " until " + w.Expires + ": " + w.Reason
}

// Who is the waiver's owner, or for an inline suppression where it is
// written: "in the document, FILE:LINE". Tables show it as the owner.
func (w Waiver) Who() string {
	if w.Inline {
		return "in the document, " + w.at()
	}
	return w.Owner
}

// Until is the waiver's last day, or "no expiry" for an inline suppression.
func (w Waiver) Until() string {
	if w.Inline {
		return "no expiry"
	}
	return w.Expires
}

func (w Waiver) at() string {
	if w.Line > 0 {
		return w.File + ":" + strconv.Itoa(w.Line)
	}
	return w.File
}

// AnswerText is the answer as people read it: its label when the scale gave
// one, else the value.
func (it Item) AnswerText() string {
	if it.AnswerLabel != "" {
		return it.AnswerLabel
	}
	return it.Answer
}
