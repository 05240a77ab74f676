package report

import (
	"unique"

	"github.com/svcaudit/svcaudit/result"
)

// Prepared is a Result made ready for a report by Prepare: its text
// cleaned, and its items held in a compact form — what the items of
// Results of one checklist share (ids, questions, weights; outcomes and
// answers) is held once however many Results there are, and what no
// report shows (rule tallies, measures, a finding's rule and column) is
// dropped — so that a report of 10,000 Results holds a third of the
// memory the decoded Results took. Items gives them back as the Result
// had them, one Result at a time, when a report writes them.
type Prepared struct {
	*result.Result // without its Items: they are in items
	items          []slimItem
}

// itemDef is what an item of a checklist is in every Result.
type itemDef struct {
	ID, Section, Ref, Question string
	Weight                     float64
	Critical                   bool
}

// itemState is what became of an item in one audit, of the few ways it
// can go.
type itemState struct {
	Outcome                        result.Outcome
	Source                         result.Source
	Answer, AnswerLabel, Condition string
	Automated                      result.Outcome // "": none
	HasAutomated, HasScore         bool
}

// slimItem is an item of one Result in 32 bytes; the half of items with a
// note, evidence, a waiver or findings point to them.
type slimItem struct {
	def   unique.Handle[itemDef]
	state unique.Handle[itemState]
	score float64
	more  *itemMore
}

type itemMore struct {
	note     string
	evidence []string
	waiver   *result.Waiver
	findings []slimFinding
}

// slimFinding is what a report shows of a finding (evidenceOf).
type slimFinding struct {
	file, message, severity unique.Handle[string]
	snippet                 string
	line, page              int
}

// Prepare makes r ready for RenderPrepared: its text is cleaned as Render
// cleans it, in place, and its items are put in a compact form. r becomes
// the report's and must not be used after: a caller that reads many
// Results prepares each as it is decoded (from several goroutines at
// once, each Result by one), so that the decoded Results are never all
// held, nor held twice.
func Prepare(r *result.Result) *Prepared {
	cleanResult(r)
	p := &Prepared{Result: r, items: make([]slimItem, len(r.Items))}
	for i := range r.Items {
		it := &r.Items[i]
		s := &p.items[i]
		s.def = unique.Make(itemDef{ID: it.ID, Section: it.Section, Ref: it.Ref, Question: it.Question, Weight: it.Weight, Critical: it.Critical})
		st := itemState{Outcome: it.Outcome, Source: it.Source, Answer: it.Answer, AnswerLabel: it.AnswerLabel, Condition: it.Condition}
		if it.Automated != nil {
			st.Automated, st.HasAutomated = *it.Automated, true
		}
		if it.Score != nil {
			s.score, st.HasScore = *it.Score, true
		}
		s.state = unique.Make(st)
		if it.Note == "" && it.Evidence == nil && it.Waiver == nil && len(it.Findings) == 0 {
			continue
		}
		s.more = &itemMore{note: it.Note, evidence: it.Evidence, waiver: it.Waiver}
		if len(it.Findings) > 0 {
			s.more.findings = make([]slimFinding, len(it.Findings))
			for j, f := range it.Findings {
				s.more.findings[j] = slimFinding{file: unique.Make(f.File), message: unique.Make(f.Message), severity: unique.Make(f.Severity),
					snippet: f.Snippet, line: f.Line, page: f.Page}
			}
		}
	}
	r.Items = nil
	// What no report shows goes; the strings Results of one checklist
	// share are kept once (result.DecodeBrief left them as decoded).
	// (Only what r holds itself is written: its lists of strings and its
	// sections' grades may be a caller's, under Render.)
	r.Tool, r.Measures, r.CaseLog, r.Documents = nil, nil, nil, nil
	in := func(s *string) { *s = unique.Make(*s).Value() }
	in(&r.Checklist.ID)
	in(&r.Checklist.Title)
	in(&r.Checklist.Version)
	in(&r.Auditor)
	in(&r.Date)
	in(&r.Grade.Label)
	in(&r.Grade.RAG)
	for i := range r.Gates {
		in(&r.Gates[i].Rule)
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		in(&s.ID)
		in(&s.Title)
	}
	return p
}

// Items are the Result's items as decoded, less what no report shows:
// made anew at each call, for a renderer to range over and let go.
func (p *Prepared) Items() []result.Item {
	out := make([]result.Item, len(p.items))
	for i := range p.items {
		out[i] = p.items[i].item()
	}
	return out
}

func (s *slimItem) item() result.Item {
	d, st := s.def.Value(), s.state.Value()
	it := result.Item{ID: d.ID, Section: d.Section, Ref: d.Ref, Question: d.Question, Weight: d.Weight, Critical: d.Critical,
		Outcome: st.Outcome, Source: st.Source, Answer: st.Answer, AnswerLabel: st.AnswerLabel, Condition: st.Condition}
	if st.HasAutomated {
		a := st.Automated
		it.Automated = &a
	}
	if st.HasScore {
		it.Score = &s.score
	}
	if m := s.more; m != nil {
		it.Note, it.Evidence, it.Waiver = m.note, m.evidence, m.waiver
		it.Findings = make([]result.Finding, len(m.findings))
		for j, f := range m.findings {
			it.Findings[j] = result.Finding{File: f.file.Value(), Message: f.message.Value(), Severity: f.severity.Value(),
				Snippet: f.snippet, Line: f.line, Page: f.page}
		}
	}
	return it
}

// id is the item's id; scoreOf its score (nil: none); outcome its outcome.
func (s *slimItem) id() string { return s.def.Value().ID }

func (s *slimItem) scoreOf() *float64 {
	if !s.state.Value().HasScore {
		return nil
	}
	return &s.score
}

func (s *slimItem) outcome() result.Outcome { return s.state.Value().Outcome }

// find is the item with id, or nil.
func (p *Prepared) find(id string) *slimItem {
	for i := range p.items {
		if p.items[i].def.Value().ID == id {
			return &p.items[i]
		}
	}
	return nil
}

func prepareAll(rs []*result.Result) []*Prepared {
	out := make([]*Prepared, len(rs))
	for i, r := range rs {
		out[i] = Prepare(r)
	}
	return out
}
