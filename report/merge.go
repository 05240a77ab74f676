package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/result"
)

// Merge is MergeWith without the checklist: bands are the grade bands.
func Merge(rs []*result.Result, bands []checklist.Band) (*result.Result, error) {
	return MergeWith(rs, MergeOptions{Bands: bands})
}

// MergeOptions tune MergeWith.
type MergeOptions struct {
	// Bands are the grade bands the merged Result is graded with (nil: the
	// checklist's, else the default bands).
	Bands []checklist.Band
	// Checklist is the checklist the Results were scored against. Results
	// of different documents (shards of one body of documents, each
	// checked together) need it: their automated items merge as evidence.
	Checklist *checklist.Checklist
}

// NeedChecklistError is MergeWith's error for Results of different
// documents given without the checklist they were scored against, whose
// rules their evidence must be judged by again.
type NeedChecklistError struct {
	// Checklist is the id the Results name.
	Checklist string
}

func (e *NeedChecklistError) Error() string {
	return fmt.Sprintf("merge: the results judged different documents, so their evidence must be judged again by the rules of checklist %q, which was not given", e.Checklist)
}

// MergeWith combines Results of one subject against one checklist, from
// several assessors or sharded CI runs, into one Result, and rescores it
// (Rescore).
//
// Results of different documents (no document in two of them) are shards
// of one body of evidence: each automated item they judged merges as
// evidence, by the checklist's rules, from what each Result's tally says
// the documents showed — an any rule holds when a shard found a match, a
// none rule fails when one found an anti-pattern, counts add — so that the
// merged Result is the one a check of all the documents together gives.
//
// Otherwise, an item answered in one Result and unanswered in another
// takes the answer. An item answered differently by two Results is a
// conflict: it is not resolved silently but scored as the lowest of the
// answers, its note says who answered what, and a notice lists it. Notes,
// evidence, findings, documents and notices are combined; the date is the
// latest, the auditors are listed. Results of different subjects or
// checklists are an error.
func MergeWith(rs []*result.Result, o MergeOptions) (*result.Result, error) {
	if len(rs) == 0 {
		return nil, fmt.Errorf("merge: no results")
	}
	first := rs[0]
	for _, r := range rs[1:] {
		if r.Subject != first.Subject {
			return nil, fmt.Errorf("merge: results are for different subjects (%q and %q); merge combines one subject's results", first.Subject, r.Subject)
		}
		if r.Checklist.ID != first.Checklist.ID {
			return nil, fmt.Errorf("merge: results use different checklists (%q and %q)", first.Checklist.ID, r.Checklist.ID)
		}
	}
	shards, evidence := shardsOf(rs)
	cl := o.Checklist
	if len(evidence) > 0 {
		if cl == nil {
			return nil, &NeedChecklistError{Checklist: first.Checklist.ID}
		}
		if cl.ID != first.Checklist.ID || cl.Version != first.Checklist.Version {
			return nil, fmt.Errorf("merge: the results were scored against checklist %q version %q, not the %q version %q given", first.Checklist.ID, first.Checklist.Version, cl.ID, cl.Version)
		}
	}
	bands := o.Bands
	if bands == nil && cl != nil {
		bands = cl.Grades
	}
	m := &result.Result{
		SchemaVersion: result.SchemaVersion,
		Tool:          first.Tool,
		Checklist:     first.Checklist,
		Subject:       first.Subject,
		Threshold:     first.Threshold,
	}
	var auditors []string
	seenAuditor := map[string]bool{}
	seenDoc := map[string]bool{}
	seenNotice := map[string]bool{}
	addNotice := func(n string) {
		if !seenNotice[n] {
			seenNotice[n] = true
			m.Notices = append(m.Notices, n)
		}
	}
	seenGate := map[string]int{}
	secIndex := map[string]int{}
	itemIndex := map[string]int{}
	// answeredBy records who gave each item's answers, for conflicts.
	type answer struct{ who, value string }
	answers := map[string][]answer{}
	for n, r := range rs {
		who := r.Auditor
		if who == "" {
			who = fmt.Sprintf("result %d", n+1)
		}
		if r.Auditor != "" && !seenAuditor[r.Auditor] {
			seenAuditor[r.Auditor] = true
			auditors = append(auditors, r.Auditor)
		}
		if r.Date > m.Date {
			m.Date = r.Date
		}
		for _, d := range r.Documents {
			if !seenDoc[d] {
				seenDoc[d] = true
				m.Documents = append(m.Documents, d)
			}
		}
		for _, nt := range r.Notices {
			addNotice(nt)
		}
		for _, g := range r.Gates {
			if i, ok := seenGate[g.Rule]; ok {
				if !g.Passed && m.Gates[i].Passed {
					m.Gates[i] = g
				}
				continue
			}
			seenGate[g.Rule] = len(m.Gates)
			m.Gates = append(m.Gates, g)
		}
		for _, s := range r.Sections {
			if _, ok := secIndex[s.ID]; !ok {
				secIndex[s.ID] = len(m.Sections)
				m.Sections = append(m.Sections, result.Section{ID: s.ID, Title: s.Title, Weight: s.Weight})
			}
		}
		for _, it := range r.Items {
			it := copyItem(it)
			i, ok := itemIndex[it.ID]
			if it.Outcome != result.Unanswered {
				answers[it.ID] = append(answers[it.ID], answer{who, answerText(it)})
			}
			if !ok {
				itemIndex[it.ID] = len(m.Items)
				m.Items = append(m.Items, it)
				continue
			}
			cur := &m.Items[i]
			if cur.Outcome == result.Unanswered && it.Outcome != result.Unanswered {
				note, ev, fs := cur.Note, cur.Evidence, cur.Findings
				*cur = it
				cur.Note = joinNote(note, it.Note)
				cur.Evidence = union(ev, it.Evidence)
				cur.Findings = append(fs, it.Findings...)
				continue
			}
			if it.Outcome != result.Unanswered && lower(it, *cur) {
				cur.Outcome, cur.Answer, cur.AnswerLabel, cur.Score, cur.Source = it.Outcome, it.Answer, it.AnswerLabel, it.Score, it.Source
			}
			cur.Note = joinNote(cur.Note, it.Note)
			cur.Evidence = union(cur.Evidence, it.Evidence)
			cur.Findings = append(cur.Findings, it.Findings...)
			if cur.Waiver == nil {
				cur.Waiver = it.Waiver
			}
		}
	}
	m.Auditor = strings.Join(auditors, ", ")
	ids := make([]string, 0, len(answers))
	for id := range answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		as := answers[id]
		distinct := map[string]bool{}
		for _, a := range as {
			distinct[a.value] = true
		}
		if len(distinct) < 2 || evidence[id] {
			continue
		}
		parts := make([]string, len(as))
		for i, a := range as {
			parts[i] = a.who + " answered " + a.value
		}
		it := &m.Items[itemIndex[id]]
		msg := fmt.Sprintf("conflicting answers for %s: %s; scored as the lowest (%s) until resolved", id, strings.Join(parts, ", "), answerText(*it))
		addNotice(msg)
		it.Note = joinNote("CONFLICT: "+strings.Join(parts, ", ")+".", it.Note)
	}
	if len(evidence) > 0 {
		if err := mergeEvidence(m, shards, evidence, cl); err != nil {
			return nil, err
		}
	}
	Rescore(m, bands)
	if len(evidence) > 0 {
		m.Gates = score.Gates(cl, m)
		m.Passed = score.Verdict(m)
	}
	return m, nil
}

// shardsOf returns the Results that judged documents when there are two
// or more and no document is in two of them, with the ids of the items
// that merge as evidence: judged by the documents (not overridden) and
// tallied in every one of those Results, and answered in no other way in
// the rest.
func shardsOf(rs []*result.Result) ([]*result.Result, map[string]bool) {
	var shards []*result.Result
	owner := map[string]int{}
	for i, r := range rs {
		if len(r.Documents) == 0 {
			continue
		}
		for _, d := range r.Documents {
			if j, ok := owner[d]; ok && j != i {
				return nil, nil // the same documents judged twice: answers to compare
			}
			owner[d] = i
		}
		shards = append(shards, r)
	}
	if len(shards) < 2 {
		return nil, nil
	}
	tallied := map[string]int{}
	spoilt := map[string]bool{}
	for _, r := range shards {
		for _, it := range r.Items {
			if it.Source == result.Automated && len(it.Tally) > 0 {
				tallied[it.ID]++
			} else {
				spoilt[it.ID] = true
			}
		}
	}
	for _, r := range rs {
		if len(r.Documents) > 0 {
			continue
		}
		for _, it := range r.Items {
			if it.Outcome != result.Unanswered {
				spoilt[it.ID] = true
			}
		}
	}
	ids := map[string]bool{}
	for id, n := range tallied {
		if n == len(shards) && !spoilt[id] {
			ids[id] = true
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return shards, ids
}

// mergeEvidence judges the items of ids again on the tallies of the
// shards taken together, and scores them as a check of all the documents
// does.
func mergeEvidence(m *result.Result, shards []*result.Result, ids map[string]bool, cl *checklist.Checklist) error {
	var items []*checklist.Item
	for _, s := range cl.Sections {
		items = append(items, s.Items...)
	}
	set, err := rule.Compile(items)
	if err != nil {
		return fmt.Errorf("merge: checklist %s: %w", cl.ID, err)
	}
	tallies := map[string][][]result.Tally{}
	waived := map[string]result.Waiver{}
	var files []string
	for _, r := range shards {
		files = append(files, r.Documents...)
		for _, it := range r.Items {
			if !ids[it.ID] {
				continue
			}
			tallies[it.ID] = append(tallies[it.ID], it.Tally)
			if it.Waiver != nil {
				waived[it.ID] = *it.Waiver
			}
		}
	}
	// The order in which a check reads the documents.
	sort.Strings(files)
	outcomes, err := set.Merge(tallies, files)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	scored, err := score.Evaluate(cl, score.Input{
		Subject:   m.Subject,
		Automated: outcomes,
		Documents: files,
		Waived:    waived,
		Options:   score.Options{AutomatedOnly: true, Threshold: m.Threshold},
	})
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	byID := map[string]result.Item{}
	for _, it := range scored.Items {
		byID[it.ID] = it
	}
	for i := range m.Items {
		it := &m.Items[i]
		s, ok := byID[it.ID]
		if !ids[it.ID] || !ok {
			continue
		}
		it.Outcome, it.Source, it.Answer, it.AnswerLabel, it.Score = s.Outcome, s.Source, s.Answer, s.AnswerLabel, s.Score
		it.Findings, it.Tally, it.Waiver, it.Condition = s.Findings, s.Tally, s.Waiver, s.Condition
	}
	m.Documents = files
	return nil
}

func answerText(it result.Item) string {
	if it.Answer != "" {
		return it.Answer
	}
	return string(it.Outcome)
}

// lower says whether a scores below b (an item that counts beats one that
// does not only when it scores lower than nothing, never).
func lower(a, b result.Item) bool {
	switch {
	case a.Score == nil:
		return false
	case b.Score == nil:
		return b.Outcome == result.Unanswered
	default:
		return *a.Score < *b.Score
	}
}

func copyItem(it result.Item) result.Item {
	it.Evidence = append([]string(nil), it.Evidence...)
	// Findings is never null in a Result (the schema wants an array).
	it.Findings = append([]result.Finding{}, it.Findings...)
	return it
}

func joinNote(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "" || strings.Contains(a, b):
		return a
	}
	return a + "\n" + b
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
