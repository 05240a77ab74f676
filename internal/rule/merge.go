package rule

import (
	"fmt"
	"sort"

	"github.com/svcaudit/svcaudit/result"
)

// Merge judges the Set's items on the tallies of several evaluations of
// different documents (EvaluateTallied, each over its own shard of one
// body of documents) as Evaluate would have judged them on all the
// documents together: an any rule holds when a shard found a match, a
// none rule fails when one found an anti-pattern, counts add, and each
// list of findings keeps the first ones in the order of the documents.
//
// tallies holds, by item full id, one Outcome.Tally per evaluation; files
// are the paths of every document, in the order they would have been read
// together (findings of documents not among them come last). The
// documents of the evaluations must not overlap, and there must be more
// than one in all (a finding about the whole of one document names it).
// Items not in tallies are left out; a tally that does not fit the item's
// conditions (the checklist has changed since) is an error.
func (s *Set) Merge(tallies map[string][][]result.Tally, files []string) (map[string]Outcome, error) {
	rank := make(map[string]int, len(files))
	for i, f := range files {
		if _, ok := rank[f]; !ok {
			rank[f] = i
		}
	}
	rankOf := func(f string) int {
		if r, ok := rank[f]; ok {
			return r
		}
		return len(files)
	}
	empty := s.newEvidence(nil)
	defer empty.release()
	out := map[string]Outcome{}
	for _, it := range s.items {
		shards, ok := tallies[it.id]
		if !ok {
			continue
		}
		var j judgement
		merged := make([]result.Tally, len(it.checks))
		for i, ch := range it.checks {
			want := ch.collect(empty)
			ts := make([]result.Tally, 0, len(shards))
			for n, sh := range shards {
				if len(sh) != len(it.checks) {
					return nil, fmt.Errorf("%s: result %d has tallies of %d conditions, but the item has %d: was the checklist changed?", it.id, n+1, len(sh), len(it.checks))
				}
				if err := sameShape(want, sh[i]); err != nil {
					return nil, fmt.Errorf("%s: result %d, condition %d: %v: was the checklist changed?", it.id, n+1, i+1, err)
				}
				ts = append(ts, sh[i])
			}
			t := mergeTally(ts, rankOf)
			v, fs := ch.decide(t, manyDocuments{})
			j.add(it.question, v, fs, true)
			merged[i] = settled(t)
		}
		o := j.outcome()
		o.Tally = merged
		out[it.id] = o
	}
	return out, nil
}

// manyDocuments places findings about several documents: in none of them.
type manyDocuments struct{}

func (manyDocuments) whole(rule, severity, msg string) result.Finding {
	return result.Finding{Rule: rule, Message: msg, Severity: severity}
}

// sameShape reports how t differs in shape from want, the tally of the
// same condition over no documents.
func sameShape(want, t result.Tally) error {
	switch {
	case t.Kind != want.Kind:
		return fmt.Errorf("a tally of a %s rule where the checklist has a %s rule", t.Kind, want.Kind)
	case len(t.Counts) != len(want.Counts) || len(t.Lists) != len(want.Lists) || len(t.Parts) != len(want.Parts):
		return fmt.Errorf("a %s tally of another shape", t.Kind)
	}
	for _, c := range t.Counts {
		if c < 0 {
			return fmt.Errorf("a %s tally with a negative count", t.Kind)
		}
	}
	for i := range t.Parts {
		if err := sameShape(want.Parts[i], t.Parts[i]); err != nil {
			return err
		}
	}
	return nil
}

// mergeTally combines tallies of one condition from different documents:
// counts add, the lists of each kind join in the order of the documents
// (rank), and terms add up in the order each was first found. Each list
// of a tally is in document order already and a document is in one
// tally only, so ordering by document keeps the order within one.
func mergeTally(ts []result.Tally, rank func(string) int) result.Tally {
	if len(ts) == 0 {
		return result.Tally{}
	}
	m := result.Tally{Kind: ts[0].Kind}
	if n := len(ts[0].Counts); n > 0 {
		m.Counts = make([]int, n)
		for _, t := range ts {
			for i, c := range t.Counts {
				m.Counts[i] += c
			}
		}
	}
	if n := len(ts[0].Lists); n > 0 {
		m.Lists = make([][]result.Finding, n)
		for i := range m.Lists {
			var l []result.Finding
			for _, t := range ts {
				l = append(l, t.Lists[i]...)
			}
			sort.SliceStable(l, func(a, b int) bool { return rank(l[a].File) < rank(l[b].File) })
			// No condition shows more of a list than maxErrors, and what
			// it shows comes first.
			m.Lists[i] = l[:min(len(l), maxErrors)]
		}
	}
	type first struct{ rank, shard, at int }
	firsts := map[string]first{}
	index := map[string]int{}
	for si, t := range ts {
		for ti, term := range t.Terms {
			f := first{rank(term.File), si, ti}
			j, ok := index[term.Text]
			if !ok {
				index[term.Text] = len(m.Terms)
				m.Terms = append(m.Terms, term)
				firsts[term.Text] = f
				continue
			}
			m.Terms[j].Count += term.Count
			if g := firsts[term.Text]; f.rank < g.rank {
				m.Terms[j].File = term.File
				firsts[term.Text] = f
			}
		}
	}
	sort.SliceStable(m.Terms, func(a, b int) bool {
		fa, fb := firsts[m.Terms[a].Text], firsts[m.Terms[b].Text]
		if fa.rank != fb.rank {
			return fa.rank < fb.rank
		}
		if fa.shard != fb.shard {
			return fa.shard < fb.shard
		}
		return fa.at < fb.at
	})
	if n := len(ts[0].Parts); n > 0 {
		m.Parts = make([]result.Tally, n)
		for i := range m.Parts {
			parts := make([]result.Tally, len(ts))
			for k, t := range ts {
				parts[k] = t.Parts[i]
			}
			m.Parts[i] = mergeTally(parts, rank)
		}
	}
	return m
}

// settled is t as a Result keeps it: every list an array, none null.
func settled(t result.Tally) result.Tally {
	for i, l := range t.Lists {
		if l == nil {
			t.Lists[i] = []result.Finding{}
		}
	}
	for i := range t.Parts {
		t.Parts[i] = settled(t.Parts[i])
	}
	return t
}
