package rule

import (
	"sort"

	"github.com/svcaudit/svcaudit/internal/stance"
)

// unitKey names a unit a sentence rule reads: sentence i of document doc,
// as mode says.
type unitKey struct {
	doc, i int
	mode   unitMode
}

// unitMode is how a sentence rule reads a unit.
type unitMode uint8

const (
	// unitSentence: the sentence's own text.
	unitSentence unitMode = iota
	// unitRow: a table cell as its row reads (rowText), else the sentence.
	unitRow
	// unitHeading: the sentence after the heading above it, else the
	// sentence (a heading, or none above).
	unitHeading
	// unitRowOrHeading: a cell as unitRow, any other unit as unitHeading.
	unitRowOrHeading
)

// unitReading is what the evaluation of one body of evidence has worked
// out about one unit, shared by every rule (of every Set of the plan) that
// reads it: the text, each pattern's matches in it, its stance, its
// lead-in. It lives as long as the evidence.
type unitReading struct {
	text string
	// whole is set for a unit read as one, without a place in the
	// sentence: a table row (inRow) or a sentence after its heading.
	whole, inRow bool
	context      string // a row's heading and header, "heading | header | "
	sent         *stance.Sentence
	rowSt        stance.Stance // a whole unit's stance, read once (rowDone)
	rowDone      bool
	pats         []unitPattern
	// startsActor caches stance.StartsWithActor: 0 unknown, 1 no, 2 yes.
	startsActor int8
	// lead is the unit's lead-in (leadIn), looked for once (leadDone);
	// item is the unit read after it.
	lead     string
	leadDone bool
	item     *stance.Sentence
	itemOff  int
	hasActor int8 // stance.HasActor, as startsActor
	// staff is the unit read with its leading pronoun as the
	// organisation's (stance.ByStaff), looked for once (staffDone).
	staff     *stance.Sentence
	staffDone bool
	// doc and [from, to) place a sentence unit's text in its document
	// (span set; a row's text is pieced together and has no place).
	doc, from, to int
	span          bool
}

// unitPattern is what one pattern found in a unit's text: whether it
// matches, and (locsDone) its first matches.
type unitPattern struct {
	p              int
	matched, known bool
	locs           [][]int
	locsDone       bool
}

// unit returns the shared reading of unit k, made the first time asked.
func (ev *evidence) unit(k unitKey) *unitReading {
	if r, ok := ev.units[k]; ok {
		return r
	}
	if ev.units == nil {
		ev.units = map[unitKey]*unitReading{}
	}
	d := ev.docs[k.doc]
	s := d.Sentences[k.i]
	var r *unitReading
	switch k.mode {
	case unitSentence:
		r = &unitReading{text: d.SentenceText(s), doc: k.doc, from: s.Start, to: s.End, span: true}
	case unitRow, unitRowOrHeading:
		if row, ok := d.RowAt(s.Start); ok {
			// the cell as its row reads, after its table's header and
			// the heading above it: the figure with its measure and its
			// period
			text, prefix := rowText(d, row, k.i)
			r = &unitReading{text: text, context: prefix, inRow: true, whole: true}
		} else if k.mode == unitRow {
			r = ev.unit(unitKey{doc: k.doc, i: k.i})
		} else {
			r = ev.unit(unitKey{doc: k.doc, i: k.i, mode: unitHeading})
		}
	case unitHeading:
		// the heading above says what the sentence is about: the
		// period of the figures under "Results for 2024/25"
		if h, ok := headingBefore(d, s.Start); ok && !s.Heading {
			r = &unitReading{text: h + " | " + d.SentenceText(s), whole: true}
		} else {
			r = ev.unit(unitKey{doc: k.doc, i: k.i})
		}
	}
	ev.units[k] = r
	return r
}

func (r *unitReading) pattern(p int) *unitPattern {
	for i := range r.pats {
		if r.pats[i].p == p {
			return &r.pats[i]
		}
	}
	r.pats = append(r.pats, unitPattern{p: p})
	return &r.pats[len(r.pats)-1]
}

// matchIn reports whether pattern p matches the unit's text.
func (ev *evidence) matchIn(r *unitReading, p int) bool {
	up := r.pattern(p)
	if !up.known {
		if up.locsDone {
			up.matched = len(up.locs) > 0
		} else if r.span && !ev.mayIn(p, r.doc, r.from, r.to) {
			up.matched = false
		} else {
			up.matched = ev.set.patterns[p].re.MatchString(r.text)
		}
		up.known = true
	}
	return up.matched
}

// maxUnitMatches is how many matches of a pattern in one unit are read.
const maxUnitMatches = 8

// findIn returns the first matches of pattern p in the unit's text. The
// slice is shared: callers must not change it.
func (ev *evidence) findIn(r *unitReading, p int) [][]int {
	up := r.pattern(p)
	if !up.locsDone {
		if up.known && !up.matched || r.span && !ev.mayIn(p, r.doc, r.from, r.to) {
			up.locsDone, up.matched, up.known = true, false, true
		} else {
			up.locs = ev.set.patterns[p].re.FindAllStringIndex(r.text, maxUnitMatches)
			up.locsDone = true
			up.matched, up.known = len(up.locs) > 0, true
		}
	}
	return up.locs
}

// mayIn reports whether pattern p may match in text [from, to) of
// document doc, from the document's scan: every match holds an
// occurrence of one of the pattern's anchors, so a part of the text with
// none cannot hold one. Without anchors (or hits) it says yes.
func (ev *evidence) mayIn(p, doc, from, to int) bool {
	pat := ev.set.patterns[p]
	hits := ev.hits[doc]
	if ev.full[doc] || hits == nil || len(pat.pre.anchors) == 0 {
		return true
	}
	for ai := range pat.pre.anchors {
		a := &pat.pre.anchors[ai]
		if len(a.ids) == 0 {
			return true
		}
		for _, id := range a.ids[0] {
			if hitIn(hits[id], from, to, a.class[0]) {
				return true
			}
		}
	}
	return false
}

// hitIn reports whether a hit of hs (sorted, as the scan finds them)
// lies wholly in [from, to), or, for the runs of a byte class (sorted and
// apart), overlaps it.
func hitIn(hs []hit, from, to int, class bool) bool {
	if class {
		i := sort.Search(len(hs), func(i int) bool { return hs[i].end > from })
		return i < len(hs) && hs[i].start < to
	}
	// One literal's hits: sorted by start, all of one length.
	i := sort.Search(len(hs), func(i int) bool { return hs[i].start >= from })
	return i < len(hs) && hs[i].end <= to
}

// stanceAt is the stance of the phrase [start, end) of the unit's text
// (of the row as a whole, for a row).
func (ev *evidence) stanceAt(r *unitReading, start, end int) stance.Stance {
	if r.whole {
		if !r.rowDone {
			if r.inRow {
				r.rowSt = stance.OfRow(r.context, r.text[len(r.context):])
			} else {
				r.rowSt = stance.Of(r.text, 0, len(r.text))
			}
			r.rowDone = true
			ev.stanceReads++
		}
		return r.rowSt
	}
	return ev.sentenceIn(r).At(start, end)
}

// sentenceIn is the unit's stance reading, begun the first time asked.
func (ev *evidence) sentenceIn(r *unitReading) *stance.Sentence {
	if r.sent == nil {
		r.sent = stance.NewSentence(r.text)
		ev.stanceReads++
	}
	return r.sent
}

// startsWithActor is stance.StartsWithActor of the unit's text.
func (r *unitReading) startsWithActor() bool {
	if r.startsActor == 0 {
		r.startsActor = 1
		if stance.StartsWithActor(r.text) {
			r.startsActor = 2
		}
	}
	return r.startsActor == 2
}

// itemAt is the stance of the phrase [start, end) of sentence unit k read
// after its lead-in, and false when it has none.
func (ev *evidence) itemAt(k unitKey, r *unitReading, start, end int) (stance.Stance, bool) {
	if !r.leadDone {
		r.leadDone = true
		r.lead, _ = ev.leadIn(k.doc, k.i)
		if r.lead != "" {
			r.item, r.itemOff = stance.NewItem(r.lead, r.text)
		}
	}
	if r.item == nil {
		return stance.Stance{}, false
	}
	return r.item.At(r.itemOff+start, r.itemOff+end), true
}

// staffAt is the stance of the phrase [start, end) of sentence unit k
// when the unit begins with "they", "he" or "she" and the unit before it
// names one of the organisation's own people ("Your complaint goes to one
// of our officers. They will call you…"): the pronoun is theirs. It is
// false otherwise.
func (ev *evidence) staffAt(k unitKey, r *unitReading, start, end int) (stance.Stance, bool) {
	if !r.staffDone {
		r.staffDone = true
		if k.i > 0 && stance.StartsWithPronoun(r.text) {
			prev := ev.unit(unitKey{doc: k.doc, i: k.i - 1})
			if text, ok := stance.ByStaff(prev.text, r.text); ok {
				r.staff = stance.NewSentence(text)
				ev.stanceReads++
			}
		}
	}
	if r.staff == nil {
		return stance.Stance{}, false
	}
	return r.staff.At(start, end), true
}

// leadIn finds the lead-in of sentence i of document doc when it is a
// list item without an actor of its own: the nearest earlier unit ending
// in ":", with only other such items between, and no heading — or the
// heading itself, when it says what the organisation will do or heads its
// targets (stance.HeadingLeadIn: "## What we will do").
func (ev *evidence) leadIn(doc, i int) (string, bool) {
	d := ev.docs[doc]
	for j := i - 1; j >= 0 && j >= i-maxItems; j-- {
		s := d.Sentences[j]
		if s.Heading {
			return stance.HeadingLeadIn(d.SentenceText(s))
		}
		t := d.SentenceText(s)
		if endsLeadIn(t) {
			return t, true
		}
		if ev.unit(unitKey{doc: doc, i: j}).actor() {
			return "", false
		}
	}
	return "", false
}

// actor is stance.HasActor of the unit's text.
func (r *unitReading) actor() bool {
	if r.hasActor == 0 {
		r.hasActor = 1
		if stance.HasActor(r.text) {
			r.hasActor = 2
		}
	}
	return r.hasActor == 2
}

// unitsOf is the sentences pattern p's matches touch, in order, found
// once per evaluation and shared by every sentence rule anchored on p.
func (ev *evidence) unitsOf(p int) []unit {
	if ev.unitLists == nil {
		ev.unitLists = map[int][]unit{}
	}
	if us, ok := ev.unitLists[p]; ok {
		return us
	}
	var out []unit
	sorted := true
	for _, m := range ev.matches(p) {
		d := ev.docs[m.doc]
		i := d.SentenceIndex(m.start)
		if i < 0 {
			// the match starts in the space before a unit
			i = sort.Search(len(d.Sentences), func(k int) bool { return d.Sentences[k].Start >= m.start })
		}
		// a match may start in the space before a sentence or run over
		// several: each sentence it touches is a candidate
		for ; i < len(d.Sentences) && d.Sentences[i].Start < max(m.end, m.start+1); i++ {
			u := unit{m.doc, i}
			if n := len(out); n > 0 {
				if out[n-1] == u {
					continue
				}
				if unitLess(u, out[n-1]) {
					sorted = false
				}
			}
			out = append(out, u)
		}
	}
	if !sorted {
		out = sortedUnique(out)
	}
	ev.unitLists[p] = out
	return out
}

func unitLess(a, b unit) bool { return a.doc < b.doc || a.doc == b.doc && a.i < b.i }

// sortedUnique sorts us and drops repeats.
func sortedUnique(us []unit) []unit {
	sort.Slice(us, func(i, j int) bool { return unitLess(us[i], us[j]) })
	out := us[:0]
	for _, u := range us {
		if len(out) == 0 || out[len(out)-1] != u {
			out = append(out, u)
		}
	}
	return out
}

// mergeUnits is the sorted union of sorted lists.
func mergeUnits(lists [][]unit) []unit {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]unit, 0, n)
	for _, l := range lists {
		out = append(out, l...)
	}
	return sortedUnique(out)
}

// sentenceOf is the shared stance reading of sentence si of document d
// (timescale rules read their figures' sentences through it too).
func (ev *evidence) sentenceOf(doc, si int) *stance.Sentence {
	return ev.sentenceIn(ev.unit(unitKey{doc: doc, i: si}))
}
