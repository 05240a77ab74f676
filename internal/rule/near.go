package rule

import (
	"fmt"
	"sort"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// nearRule holds when a match of a lies within n words of a match of b, in
// either order, in the same document.
//
//	near: {a: 'complain', b: 'ombudsman', within: 40}
type nearRule struct {
	a, b     int
	within   int
	stage    int
	question string
	// nameA and nameB are the patterns as messages name them; shownA and
	// shownB whether they are short enough to show.
	nameA, nameB   string
	shownA, shownB bool
}

func init() {
	register(kind{name: "near", compile: func(c *compiler, e *checklist.Evidence) check {
		if e.Near == nil {
			return nil
		}
		a, b := c.pattern(e.Near.A), c.pattern(e.Near.B)
		if a < 0 || b < 0 {
			return nil
		}
		r := &nearRule{a: a, b: b, within: e.Near.Within, stage: e.Near.Stage, question: question(c.item)}
		r.nameA, r.shownA = shortPattern(c.set, a)
		r.nameB, r.shownB = shortPattern(c.set, b)
		return r
	}})
}

// collect counts the matches of a and b (Counts; b's only up to one when
// a has none) and keeps the first a near a b (Lists[0]).
func (r *nearRule) collect(ev *evidence) result.Tally {
	t := result.Tally{Kind: "near", Lists: make([][]result.Finding, 1)}
	// Without a match of one, the other need only be looked for once,
	// for the message.
	as := r.atStage(ev, ev.matches(r.a))
	var bs []match
	if len(as) == 0 && r.stage == 0 {
		bs = ev.matchesUpTo(r.b, 1)
	} else {
		bs = r.atStage(ev, ev.matches(r.b))
	}
	t.Counts = []int{len(as), len(bs)}
	for _, a := range as {
		// The nearest b before and after a are the only candidates: words
		// between two places grow with the distance between them.
		i := sort.Search(len(bs), func(i int) bool {
			return bs[i].doc > a.doc || bs[i].doc == a.doc && bs[i].start >= a.start
		})
		for _, j := range []int{i - 1, i} {
			if j < 0 || j >= len(bs) || bs[j].doc != a.doc {
				continue
			}
			b := bs[j]
			text := ev.docs[a.doc].Text
			var gap int
			switch {
			case b.start >= a.end:
				gap = countWords(text[a.end:b.start], r.within)
			case a.start >= b.end:
				gap = countWords(text[b.end:a.start], r.within)
			default: // overlapping
				gap = 0
			}
			if gap <= r.within {
				msg := fmt.Sprintf("found %s within %s of %s", quote(ev.text(a)), plural(gap, "word", "words"), quote(ev.text(b)))
				t.Lists[0] = []result.Finding{ev.at("near", severityInfo, a, msg)}
				return t
			}
		}
	}
	return t
}

func (r *nearRule) decide(t result.Tally, w placer) (verdict, []result.Finding) {
	if len(t.Lists[0]) > 0 {
		return verdictPass, t.Lists[0][:1]
	}
	nas, nbs := t.Counts[0], t.Counts[1]
	a, shownA := r.nameA, r.shownA
	if !shownA {
		a = "pattern a"
	}
	b, shownB := r.nameB, r.shownB
	if !shownB {
		b = "pattern b"
	}
	words := plural(r.within, "word", "words")
	var msg string
	switch {
	case nas == 0 && nbs == 0:
		msg = fmt.Sprintf("no match for %s or %s, needed within %s of each other", a, b, words)
	case nas == 0:
		msg = fmt.Sprintf("no match for %s, needed within %s of %s", a, words, b)
	case nbs == 0:
		msg = fmt.Sprintf("no match for %s, needed within %s of %s", b, words, a)
	default:
		msg = fmt.Sprintf("found %s and %s, but never within %s of each other", a, b, words)
	}
	if r.stage != 0 {
		msg += fmt.Sprintf(" (counting only stage %d)", r.stage)
	}
	if !shownA || !shownB {
		msg = explain(r.question, msg)
	}
	return verdictFail, []result.Finding{w.whole("near", severityError, msg)}
}

// atStage keeps the matches about the rule's stage (all of them without
// one): a match's stage is read as a timescale figure's is (stageOf), and
// one that names no stage counts as stage 1.
func (r *nearRule) atStage(ev *evidence, ms []match) []match {
	if r.stage == 0 {
		return ms
	}
	out := ms[:0:0]
	for _, m := range ms {
		d := ev.docs[m.doc]
		si := d.SentenceIndex(m.start)
		if si < 0 {
			continue
		}
		st := stageOf(d, si, m.start-d.Sentences[si].Start)
		if atStage(st, r.stage) {
			out = append(out, m)
		}
	}
	return out
}
