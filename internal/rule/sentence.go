package rule

import (
	"fmt"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/stance"
	"github.com/svcaudit/svcaudit/result"
)

// sentenceRule holds when one sentence of the documents (a unit of
// document.Sentences) matches every all pattern, at least one any pattern
// and no none pattern, and reads as asked: who acts, whether it commits,
// whether a hedge makes it partial (internal/stance).
//
//	sentence:
//	  all: ['\b(apologi[sz]e|say\s+sorry)\b']
//	  who: organisation
//	  commit: true
//	  example: we will apologise when we get something wrong
//
// Patterns run on the sentence's own text, so "^" is the sentence's start.
// Candidate sentences come from the whole-text matches of the first all
// pattern (or of every any pattern), found like any other rule's, so the
// rule costs little more than an any rule.
type sentenceRule struct {
	anchors        []int // whole-text patterns that find candidate sentences
	all, any, none []int // the same patterns, run on a sentence's text
	own            []int // a sentence that is the organisation's own: no context
	cfg            *checklist.SentenceRule
	who            stance.Party
	question       string
}

// verdicts of a tri-state check.
type verdict int

const (
	verdictFail verdict = iota
	verdictPartial
	verdictPass
)

func init() {
	register(kind{name: "sentence", compile: func(c *compiler, e *checklist.Evidence) check {
		if len(e.Sentences) == 0 {
			return nil
		}
		var rs multiSentence
		for _, cfg := range e.Sentences {
			r := &sentenceRule{cfg: cfg, question: question(c.item)}
			switch cfg.Who {
			case "organisation":
				r.who = stance.Organisation
			case "reader":
				r.who = stance.Reader
			}
			for _, p := range cfg.All {
				r.all = append(r.all, c.headingPattern(p))
			}
			for _, p := range cfg.Any {
				r.any = append(r.any, c.headingPattern(p))
			}
			for _, p := range cfg.None {
				r.none = append(r.none, c.headingPattern(p))
			}
			for _, p := range cfg.Own {
				r.own = append(r.own, c.headingPattern(p))
			}
			anchors := cfg.Any
			if len(cfg.All) > 0 {
				anchors = cfg.All[:1]
			}
			for _, p := range anchors {
				// "^" anchors to the sentence: the whole-text search for
				// candidates drops it.
				p.Expr = strings.TrimPrefix(p.Expr, "^")
				r.anchors = append(r.anchors, c.pattern(p))
			}
			if bad(r.all) || bad(r.any) || bad(r.none) || bad(r.own) || bad(r.anchors) {
				return nil
			}
			rs = append(rs, r)
		}
		return rs
	}})
}

func bad(ps []int) bool {
	for _, p := range ps {
		if p < 0 {
			return true
		}
	}
	return false
}

// multiSentence is an item's sentence rules, judged together: the item
// is the worst of them.
type multiSentence []*sentenceRule

// collect keeps each rule's tally (Parts).
func (rs multiSentence) collect(ev *evidence) result.Tally {
	t := result.Tally{Kind: "sentence", Parts: make([]result.Tally, len(rs))}
	for i, r := range rs {
		t.Parts[i] = r.collect(ev)
	}
	return t
}

func (rs multiSentence) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	worst := verdictPass
	var out []result.Finding
	for i, r := range rs {
		v, fs := r.decide(t.Parts[i], w)
		worst = min(worst, v)
		out = append(out, fs...)
	}
	return worst, out
}

// unit is a candidate sentence: document doc, sentence index i.
type unit struct{ doc, i int }

// candidates are the sentences the rule's anchors' matches touch, in
// order.
func (r *sentenceRule) candidates(ev *evidence) []unit {
	if len(r.anchors) == 1 {
		return ev.unitsOf(r.anchors[0])
	}
	lists := make([][]unit, len(r.anchors))
	for i, a := range r.anchors {
		lists[i] = ev.unitsOf(a)
	}
	return mergeUnits(lists)
}

// reading is how one candidate sentence reads at one match.
type reading struct {
	u          unit
	start, end int // the match, in the sentence's text
	st         stance.Stance
}

// reads returns the readings of unit u: none when its patterns do not
// match as asked, else one per match of the phrase that places it (every
// match of the any patterns, or of the first all pattern), so that the
// best reading of a sentence counts ("we want to fix it: we will correct
// the record"). What it works out about the sentence — each pattern's
// matches, the stance at each place, the lead-in — is the evidence's,
// shared with every other rule that reads the same sentence.
func (r *sentenceRule) reads(ev *evidence, u unit) []reading {
	d := ev.docs[u.doc]
	s := d.Sentences[u.i]
	mode := unitSentence
	switch {
	case r.cfg.Rows && r.cfg.Heading:
		mode = unitRowOrHeading
	case r.cfg.Rows:
		mode = unitRow
	case r.cfg.Heading:
		mode = unitHeading
	}
	ur := ev.unit(unitKey{doc: u.doc, i: u.i, mode: mode})
	var locs [][]int
	for i, p := range r.all {
		if i == 0 && len(r.any) == 0 {
			locs = ev.findIn(ur, p)
			if locs == nil {
				return nil
			}
		} else if !ev.matchIn(ur, p) {
			return nil
		}
	}
	if len(r.any) > 0 {
		if len(r.any) == 1 {
			locs = ev.findIn(ur, r.any[0])
		} else {
			locs = nil
			for _, p := range r.any {
				locs = append(locs, ev.findIn(ur, p)...)
			}
		}
		if len(locs) == 0 {
			if !r.cfg.Follow {
				return nil
			}
			// "The Housing Ombudsman is independent. You can contact it
			// once…": the next sentence, referring back, may say the rest
			nu, ok := ev.follower(u, mode)
			if !ok {
				return nil
			}
			for _, p := range r.none {
				if ev.matchIn(ur, p) {
					return nil
				}
			}
			for _, p := range r.any {
				locs = append(locs, ev.findIn(nu, p)...)
			}
			if len(locs) == 0 {
				return nil
			}
			// the finding is the sentence that says the rest
			u = unit{doc: u.doc, i: u.i + 1}
			s = d.Sentences[u.i]
			ur = nu
		}
	}
	for _, p := range r.none {
		if ev.matchIn(ur, p) {
			return nil
		}
	}
	context := r.cfg.Context
	for _, p := range r.own {
		if ev.matchIn(ur, p) {
			// the sentence says whose it is: the units before do not
			context = 0
			break
		}
	}
	for j := u.i - 1; j >= 0 && j >= u.i-context; j-- {
		prev := ev.unit(unitKey{doc: u.doc, i: j})
		for _, p := range r.none {
			if ev.matchIn(prev, p) {
				return nil
			}
		}
		if d.Sentences[j].Heading {
			break
		}
	}
	if ur.whole {
		// a place in the row's text is not one in the sentence's
		return []reading{{u: u, st: ev.stanceAt(ur, 0, len(ur.text))}}
	}
	out := make([]reading, 0, len(locs))
	for _, loc := range locs {
		rd := reading{u: u, start: loc[0], end: loc[1], st: ev.stanceAt(ur, loc[0], loc[1])}
		if (rd.st.Who == stance.Nobody || !rd.st.Commits) && !s.Heading && !ur.startsWithActor() {
			if st, ok := ev.itemAt(unitKey{doc: u.doc, i: u.i}, ur, rd.start, rd.end); ok {
				rd.st = st
			}
		}
		if rd.st.Who != stance.Organisation && u.i > 0 {
			// "They will call you within two days", after a sentence
			// naming one of the organisation's own people
			if st, ok := ev.staffAt(unitKey{doc: u.doc, i: u.i}, ur, rd.start, rd.end); ok {
				rd.st = st
			}
		}
		out = append(out, rd)
	}
	return out
}

// rowText is how cell i (a unit) of row reads: after the heading above
// the table, the cell under its own column's header, with the row's first
// cell (what the row measures) — "2024/25 | 2023/24 result | Calls
// answered | 83%" — so that a figure is tied to its column, and a figure
// under "Target" is a target. A row whose cells do not line up with its
// header's, a header row or a row's first cell reads whole, after the
// header row. prefix is what came before the row's own text.
func rowText(d *document.Document, row document.Row, i int) (text, prefix string) {
	if h, ok := headingBefore(d, row.Start); ok {
		prefix = h + " | "
	}
	hdr, ok := d.HeaderOf(row)
	if !ok {
		return prefix + d.Text[row.Start:row.End], prefix
	}
	cells, hcells := unitsIn(d, row), unitsIn(d, hdr)
	col := i - cells
	n := unitsEnd(d, row) - cells
	if col > 0 && n == unitsEnd(d, hdr)-hcells {
		head := d.SentenceText(d.Sentences[hcells+col])
		prefix += head + " | "
		return prefix + d.SentenceText(d.Sentences[cells]) + " | " + d.SentenceText(d.Sentences[i]), prefix
	}
	prefix += d.Text[hdr.Start:hdr.End] + " | "
	return prefix + d.Text[row.Start:row.End], prefix
}

// unitsIn is the index of the first unit of row; unitsEnd is one past its
// last.
func unitsIn(d *document.Document, row document.Row) int {
	return sort.Search(len(d.Sentences), func(k int) bool { return d.Sentences[k].Start >= row.Start })
}

func unitsEnd(d *document.Document, row document.Row) int {
	return sort.Search(len(d.Sentences), func(k int) bool { return d.Sentences[k].Start >= row.End })
}

// headingBefore is the text of the nearest heading before off, after
// the headings it sits under ("Results 2024/25 | Satisfaction").
func headingBefore(d *document.Document, off int) (string, bool) {
	i := sort.Search(len(d.Headings), func(i int) bool { return d.Headings[i].Off >= off }) - 1
	if i < 0 {
		return "", false
	}
	text, level := d.Headings[i].Text, d.Headings[i].Level
	for j := i - 1; j >= 0 && level > 1; j-- {
		if h := d.Headings[j]; h.Level < level {
			text, level = h.Text+" | "+text, h.Level
		}
	}
	return text, true
}

// maxItems is how far back a list item looks for its lead-in.
const maxItems = 20

// endsLeadIn reports whether unit text t introduces a list ("We will:").
func endsLeadIn(t string) bool {
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, ":-") || strings.HasSuffix(t, "—") || strings.HasSuffix(t, "…")
}

// grade is what a matching sentence makes of the rule: pass, partial
// (hedged), or nothing (fail) with the reason.
func (r *sentenceRule) grade(rd reading) (verdict, string) {
	st := rd.st
	cfg := r.cfg
	if r.who != stance.Nobody && st.Who != r.who {
		if st.Who == stance.Nobody {
			if st.Standard && r.who == stance.Organisation && cfg.Commit {
				return verdictPartial, "a standard in a table, but no one is said to commit to it"
			}
			return verdictFail, "no one is said to act"
		}
		return verdictFail, "it is the " + st.Who.String() + " who acts"
	}
	if cfg.Negated {
		if st.Negated {
			return verdictPass, ""
		}
		return verdictFail, "it is not negated"
	}
	if cfg.Commit {
		switch {
		case st.Question:
			return verdictFail, "it is a question"
		case st.ReaderDeadline:
			return verdictFail, "it is the reader's deadline"
		case st.ReaderCondition:
			return verdictFail, "it is an offer on the reader's terms (" + st.Condition + ")"
		case st.Negated:
			return verdictFail, "it is negated"
		case !st.Commits:
			return verdictFail, "it is not a commitment"
		}
		if st.Partial() {
			why := "hedged"
			if st.Hedge != "" {
				why = "hedged by " + quote(st.Hedge)
			} else if st.Target {
				why = "only a target"
			}
			return hedgeVerdict(cfg.Hedge, why)
		}
	} else if st.Negated && !cfg.Forbid {
		return verdictFail, "it is negated"
	} else if cfg.Hedged && st.Hedge != "" && !cfg.Forbid {
		// a hedge weakens the sentence though no commitment is asked for
		return hedgeVerdict(cfg.Hedge, "hedged by "+quote(st.Hedge))
	}
	return verdictPass, ""
}

// hedgeVerdict is what a hedged sentence counts as under a rule's hedge
// setting: a pass, a failure for why, or (the default) partial for why.
func hedgeVerdict(hedge, why string) (verdict, string) {
	switch hedge {
	case "pass":
		return verdictPass, ""
	case "fail":
		return verdictFail, why
	}
	return verdictPartial, why
}

// Lists of a sentence rule's tally.
const (
	sentencePasses   = iota // sentences that pass, the first maxInfo
	sentencePartials        // sentences that make it partial, the first maxInfo
	sentenceNear            // near misses (Message: the sentence and why), the first 3
	sentenceErrs            // with forbid, the sentences found, the first maxErrors
	sentenceLists
)

// maxNear is how many near misses a failed sentence rule names.
const maxNear = 3

func (r *sentenceRule) collect(ev *evidence) result.Tally {
	t := result.Tally{Kind: "sentence", Lists: make([][]result.Finding, sentenceLists)}
	passes, partials, near, errs := &t.Lists[sentencePasses], &t.Lists[sentencePartials], &t.Lists[sentenceNear], &t.Lists[sentenceErrs]
	for _, u := range r.candidates(ev) {
		rds := r.reads(ev, u)
		if len(rds) == 0 {
			continue
		}
		// the best reading of the sentence
		bi, bv, bwhy := 0, verdictFail, ""
		for i, rd := range rds {
			v, why := r.grade(rd)
			if i == 0 || v > bv {
				bi, bv, bwhy = i, v, why
			}
			if v == verdictPass {
				break
			}
		}
		rd, v, why := rds[bi], bv, bwhy
		s := ev.docs[rd.u.doc].Sentences[rd.u.i] // a followed sentence's own (follow)
		m := match{doc: u.doc, start: s.Start + rd.start, end: s.Start + rd.end}
		if m.end == m.start {
			m.end = s.End
		}
		found := quote(ev.text(m))
		if r.cfg.Forbid {
			if v == verdictPass && len(*errs) < maxErrors {
				*errs = append(*errs, ev.at("sentence", severityError, m, fmt.Sprintf("found %s in a sentence %s", found, r.whatText())))
			}
			continue
		}
		switch v {
		case verdictPass:
			if len(*passes) < maxInfo {
				*passes = append(*passes, ev.at("sentence", severityInfo, m, fmt.Sprintf("found %s in a sentence %s", found, r.whatText())))
			}
			if ev.noInfo {
				return t // the pass is all that is shown
			}
		case verdictPartial:
			if len(*partials) < maxInfo {
				*partials = append(*partials, ev.at("sentence", severityError, m, fmt.Sprintf("found %s, but the commitment is %s: partial", found, why)))
			}
		default:
			if len(*near) < maxNear {
				*near = append(*near, result.Finding{Rule: "sentence", File: ev.docs[u.doc].Path, Message: found + " (" + why + ")"})
			}
		}
	}
	return t
}

// decide is a pass when a sentence passed, partial when one made it
// partial, else a failure that names the near misses; with forbid, a
// failure when a sentence was found.
func (r *sentenceRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	if r.cfg.Forbid {
		errs := t.Lists[sentenceErrs]
		if len(errs) == 0 {
			return verdictPass, []result.Finding{}
		}
		return verdictFail, errs[:min(len(errs), maxErrors)]
	}
	if ps := t.Lists[sentencePasses]; len(ps) > 0 {
		return verdictPass, ps[:min(len(ps), maxInfo)]
	}
	if ps := t.Lists[sentencePartials]; len(ps) > 0 {
		return verdictPartial, ps[:min(len(ps), maxInfo)]
	}
	msg := "no sentence " + r.whatText()
	if r.cfg.Example != "" {
		msg += ` — e.g. "` + r.cfg.Example + `"`
	}
	if near := t.Lists[sentenceNear]; len(near) > 0 {
		why := make([]string, 0, maxNear)
		for _, f := range near[:min(len(near), maxNear)] {
			why = append(why, f.Message)
		}
		msg += "; found only " + strings.Join(why, ", ")
	}
	v := verdictFail
	if r.cfg.Missing == "partial" {
		v = verdictPartial
		msg += ": partial"
	}
	return v, []result.Finding{w.whole("sentence", severityError, msg)}
}

// whatText says what a qualifying sentence does, for messages.
func (r *sentenceRule) whatText() string {
	if r.cfg.What != "" {
		return r.cfg.What
	}
	var b strings.Builder
	switch {
	case r.cfg.Commit && r.who == stance.Organisation:
		b.WriteString("in which the organisation commits")
	case r.cfg.Commit:
		b.WriteString("that makes a commitment")
	case r.who == stance.Organisation:
		b.WriteString("in which the organisation acts")
	case r.who == stance.Reader:
		b.WriteString("in which the reader acts")
	default:
		b.WriteString("that matches")
	}
	if r.question != "" {
		b.WriteString(" (" + r.question + ")")
	}
	return b.String()
}

// follower is the unit after u, read in mode, when it is in the same
// document, is not a heading and refers back to u by a pronoun ("it",
// "they", "them", "its", "their").
func (ev *evidence) follower(u unit, mode unitMode) (*unitReading, bool) {
	d := ev.docs[u.doc]
	j := u.i + 1
	if j >= len(d.Sentences) || d.Sentences[j].Heading || d.Sentences[u.i].Heading {
		return nil, false
	}
	nu := ev.unit(unitKey{doc: u.doc, i: j, mode: mode})
	if !refersBack(nu.text) {
		return nil, false
	}
	return nu, true
}

// refersBack reports whether s has a pronoun that can stand for a thing
// or body named before it.
func refersBack(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}) {
		switch strings.ToLower(w) {
		case "it", "they", "them", "its", "their":
			return true
		}
	}
	return false
}
