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
		return &nearRule{a: a, b: b, within: e.Near.Within, stage: e.Near.Stage, question: question(c.item)}
	}})
}

func (r *nearRule) run(ev *evidence) (bool, []result.Finding) {
	// Without a match of one, the other need only be looked for once,
	// for the message.
	as := r.atStage(ev, ev.matches(r.a))
	var bs []match
	if len(as) == 0 {
		bs = ev.matchesUpTo(r.b, 1)
	} else {
		bs = r.atStage(ev, ev.matches(r.b))
	}
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
				return true, []result.Finding{ev.at("near", severityInfo, a, msg)}
			}
		}
	}
	a, shownA := shortPattern(ev.set, r.a)
	if !shownA {
		a = "pattern a"
	}
	b, shownB := shortPattern(ev.set, r.b)
	if !shownB {
		b = "pattern b"
	}
	words := plural(r.within, "word", "words")
	var msg string
	switch {
	case len(as) == 0 && len(bs) == 0:
		msg = fmt.Sprintf("no match for %s or %s, needed within %s of each other", a, b, words)
	case len(as) == 0:
		msg = fmt.Sprintf("no match for %s, needed within %s of %s", a, words, b)
	case len(bs) == 0:
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
	return false, []result.Finding{ev.whole("near", severityError, msg)}
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
		if st == r.stage || st == 0 && r.stage == 1 {
			out = append(out, m)
		}
	}
	return out
}
