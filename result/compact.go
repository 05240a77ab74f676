package result

import (
	"unique"
)

// compact keeps a decoded Result small, for a report that holds 10,000 of
// them: its lists are cut to their length (the decoder grows them by
// doubling, which left 16 items' room for 9), and the strings that Results
// of one checklist share (ids, questions, titles, grade labels, rule
// names, document paths) are one copy each, however many Results hold
// them.
func (r *Result) compact() {
	r.Sections = exact(r.Sections)
	r.Items = exact(r.Items)
	for i := range r.Items {
		r.Items[i].Findings = exact(r.Items[i].Findings)
	}
	in := func(s *string) {
		if *s != "" {
			*s = unique.Make(*s).Value()
		}
	}
	ins := func(ss []string) {
		for i := range ss {
			in(&ss[i])
		}
	}
	grade := func(g *Grade) {
		if g != nil {
			in(&g.Label)
			in(&g.RAG)
		}
	}
	if r.Tool != nil {
		in(&r.Tool.Name)
		in(&r.Tool.Version)
	}
	in(&r.Checklist.ID)
	in(&r.Checklist.Title)
	in(&r.Checklist.Version)
	in(&r.Auditor)
	in(&r.Date)
	grade(&r.Grade)
	ins(r.CriticalFailures)
	ins(r.Unanswered)
	ins(r.Documents)
	for i := range r.Gates {
		in(&r.Gates[i].Rule)
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		in(&s.ID)
		in(&s.Title)
		grade(s.Grade)
	}
	for i := range r.Items {
		it := &r.Items[i]
		in(&it.ID)
		in(&it.Section)
		in(&it.Ref)
		in(&it.Question)
		in((*string)(&it.Outcome))
		in((*string)(&it.Source))
		in(&it.Answer)
		in(&it.AnswerLabel)
		in(&it.Condition)
		for j := range it.Findings {
			f := &it.Findings[j]
			in(&f.Rule)
			in(&f.File)
			in(&f.Heading)
			in(&f.Message)
			in(&f.Severity)
		}
	}
}

// exact is s in an array of its length (nil stays nil, empty stays empty).
func exact[S ~[]E, E any](s S) S {
	if cap(s) == len(s) {
		return s
	}
	return append(make(S, 0, len(s)), s...)
}
