package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// Merge combines Results of one subject against one checklist, from several
// assessors or sharded CI runs, into one Result, and rescores it (Rescore).
//
// An item answered in one Result and unanswered in another takes the answer.
// An item answered differently by two Results is a conflict: it is not
// resolved silently but scored as the lowest of the answers, its note says
// who answered what, and a notice lists it. Notes, evidence, findings,
// documents and notices are combined; the date is the latest, the auditors
// are listed. Results of different subjects or checklists are an error.
func Merge(rs []*result.Result, bands []checklist.Band) (*result.Result, error) {
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
		if len(distinct) < 2 {
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
	Rescore(m, bands)
	return m, nil
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
