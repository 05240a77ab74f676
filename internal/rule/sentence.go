package rule

import (
	"fmt"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
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

// judged is a check whose outcome may be partial.
type judged interface {
	judge(ev *evidence) (verdict, []result.Finding)
}

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
			if bad(r.all) || bad(r.any) || bad(r.none) || bad(r.anchors) {
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

func (rs multiSentence) run(ev *evidence) (bool, []result.Finding) {
	v, fs := rs.judge(ev)
	return v == verdictPass, fs
}

func (rs multiSentence) judge(ev *evidence) (verdict, []result.Finding) {
	worst := verdictPass
	var out []result.Finding
	for _, r := range rs {
		v, fs := r.judge(ev)
		worst = min(worst, v)
		out = append(out, fs...)
	}
	return worst, out
}

// unit is a candidate sentence: document doc, sentence index i.
type unit struct{ doc, i int }

func (r *sentenceRule) candidates(ev *evidence) []unit {
	var out []unit
	seen := map[unit]bool{}
	for _, a := range r.anchors {
		for _, m := range ev.matches(a) {
			d := ev.docs[m.doc]
			i := d.SentenceIndex(m.start)
			if i < 0 {
				continue
			}
			// a match may start in the space before a sentence or run
			// over several: each sentence it touches is a candidate
			for ; i < len(d.Sentences) && d.Sentences[i].Start < max(m.end, m.start+1); i++ {
				u := unit{m.doc, i}
				if !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
		}
	}
	if len(r.anchors) > 1 {
		sortUnits(out)
	}
	return out
}

func sortUnits(us []unit) {
	for i := 1; i < len(us); i++ {
		for j := i; j > 0 && (us[j].doc < us[j-1].doc || us[j].doc == us[j-1].doc && us[j].i < us[j-1].i); j-- {
			us[j], us[j-1] = us[j-1], us[j]
		}
	}
}

// reading is how one candidate sentence reads.
type reading struct {
	u          unit
	start, end int // the first match, in the sentence's text
	st         stance.Stance
	ok         bool   // the patterns match as asked
	why        string // why it does not qualify, when ok and it does not
}

func (r *sentenceRule) read(ev *evidence, u unit) reading {
	d := ev.docs[u.doc]
	s := d.Sentences[u.i]
	text := d.SentenceText(s)
	rd := reading{u: u}
	first := true
	for _, p := range r.all {
		loc := ev.set.patterns[p].re.FindStringIndex(text)
		if loc == nil {
			return rd
		}
		if first {
			rd.start, rd.end, first = loc[0], loc[1], false
		}
	}
	if len(r.any) > 0 {
		found := false
		for _, p := range r.any {
			if loc := ev.set.patterns[p].re.FindStringIndex(text); loc != nil {
				if first {
					rd.start, rd.end, first = loc[0], loc[1], false
				}
				found = true
				break
			}
		}
		if !found {
			return rd
		}
	}
	for _, p := range r.none {
		if ev.set.patterns[p].re.MatchString(text) {
			return rd
		}
	}
	rd.ok = true
	rd.st = stance.Of(text, rd.start, rd.end)
	return rd
}

// grade is what a matching sentence makes of the rule: pass, partial
// (hedged), or nothing (fail) with the reason.
func (r *sentenceRule) grade(rd reading) (verdict, string) {
	st := rd.st
	cfg := r.cfg
	if r.who != stance.Nobody && st.Who != r.who {
		if st.Who == stance.Nobody {
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
			switch cfg.Hedge {
			case "pass":
				return verdictPass, ""
			case "fail":
				return verdictFail, why
			}
			return verdictPartial, why
		}
	} else if st.Negated && !cfg.Forbid {
		return verdictFail, "it is negated"
	}
	return verdictPass, ""
}

func (r *sentenceRule) judge(ev *evidence) (verdict, []result.Finding) {
	best := verdictFail
	var passes, partials, errs []result.Finding
	var near []string // why near misses did not count
	for _, u := range r.candidates(ev) {
		rd := r.read(ev, u)
		if !rd.ok {
			continue
		}
		v, why := r.grade(rd)
		s := ev.docs[u.doc].Sentences[u.i]
		m := match{doc: u.doc, start: s.Start + rd.start, end: s.Start + rd.end}
		found := quote(ev.text(m))
		if r.cfg.Forbid {
			if v == verdictPass && len(errs) < maxErrors {
				errs = append(errs, ev.at("sentence", severityError, m, fmt.Sprintf("found %s in a sentence %s", found, r.whatText())))
			}
			continue
		}
		switch v {
		case verdictPass:
			if best < verdictPass {
				best = verdictPass
			}
			if len(passes) < maxInfo {
				passes = append(passes, ev.at("sentence", severityInfo, m, fmt.Sprintf("found %s in a sentence %s", found, r.whatText())))
			}
			if ev.noInfo {
				return verdictPass, nil
			}
		case verdictPartial:
			if best < verdictPartial {
				best = verdictPartial
			}
			if len(partials) < maxInfo {
				partials = append(partials, ev.at("sentence", severityError, m, fmt.Sprintf("found %s, but the commitment is %s: partial", found, why)))
			}
		default:
			if len(near) < 3 {
				near = append(near, found+" ("+why+")")
			}
		}
	}
	if r.cfg.Forbid {
		if len(errs) == 0 {
			return verdictPass, []result.Finding{}
		}
		return verdictFail, errs
	}
	switch best {
	case verdictPass:
		return verdictPass, passes
	case verdictPartial:
		return verdictPartial, partials
	}
	msg := "no sentence " + r.whatText()
	if r.cfg.Example != "" {
		msg += ` — e.g. "` + r.cfg.Example + `"`
	}
	if len(near) > 0 {
		msg += "; found only " + strings.Join(near, ", ")
	}
	v := verdictFail
	if r.cfg.Missing == "partial" {
		v = verdictPartial
		msg += ": partial"
	}
	return v, []result.Finding{ev.whole("sentence", severityError, msg)}
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
