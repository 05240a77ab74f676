package rule

import (
	"math/bits"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/internal/document"
)

// match is one match of a pattern: byte offsets into a document's Text.
type match struct {
	doc        int
	start, end int
}

// evidence is one evaluation's view of its documents: the literal hits
// found by one scan of each document, and each pattern's matches, worked
// out the first time a rule asks for them.
type evidence struct {
	set   *Set
	docs  []*document.Document
	hits  [][][]hit // doc → scanner literal → its hits
	stats []textStats
	full  []bool // doc → run every pattern over the whole text
	found [][]match
	done  []bool
	prose []*proseStats
	// places are, per document, the last place worked out by position.
	places []placeCursor
	// noInfo says info findings are dropped (EvaluateErrors): they need
	// no place or snippet, and one match is enough to pass an any rule.
	noInfo bool
	// tally says the conditions' tallies are kept (EvaluateTallied), so
	// they hold all a merge needs, not only what these documents show.
	tally bool
	// figures are, per document, the durations timescale rules read,
	// found the first time one asks.
	figures     [][]figure
	figuresDone []bool
	// units are the sentences (and table rows) sentence rules have read,
	// with what was worked out about them; unitLists the sentences each
	// anchor pattern's matches touch. Both are shared by every rule.
	units     map[unitKey]*unitReading
	unitLists map[int][]unit
	// stanceReads counts the units whose stance was read (for tests).
	stanceReads int
	// ivs is find's buffer of windows, reused from pattern to pattern.
	ivs []interval
}

// placeCursor is a place in a document: byte offset off, in segment seg,
// is at column col.
type placeCursor struct{ seg, off, col int }

// hit is where a literal of a pattern occurs.
type hit struct{ start, end int }

// textStats bound how far a match can reach in a document.
type textStats struct {
	longestSpace   int  // longest run of whitespace, in bytes
	longestLine    int  // longest line, in bytes
	longestDigits  int  // longest run of 0-9
	longestWord    int  // longest run of ASCII word characters
	longestNonWord int  // longest run of runes that are nonWord
	longestToken   int  // longest run of runes that are not isSpace
	foldOutlier    bool // the text holds ſ or K (see foldOutliers)
}

func (s *Set) newEvidence(docs []*document.Document) *evidence {
	ev := &evidence{
		set:    s,
		docs:   docs,
		hits:   make([][][]hit, len(docs)),
		stats:  make([]textStats, len(docs)),
		full:   make([]bool, len(docs)),
		found:  make([][]match, len(s.patterns)),
		done:   make([]bool, len(s.patterns)),
		prose:  make([]*proseStats, len(docs)),
		places: make([]placeCursor, len(docs)),
	}
	if s.naive || len(s.patterns) == 0 {
		for i := range docs {
			ev.full[i] = true
		}
		return ev
	}
	for i, d := range docs {
		outlier := false
		if s.needStats {
			ev.stats[i] = statsOf(d.Text)
			outlier = ev.stats[i].foldOutlier
		} else {
			outlier = hasFoldOutlier(d.Text)
		}
		if outlier {
			// A case-insensitive "s" matches "ſ", which the byte scanner
			// cannot see; such (rare) documents are matched in full.
			ev.full[i] = true
			continue
		}
		lens := s.scanner.Lens()
		if len(lens) == 0 && len(s.classes) == 0 {
			continue // no pattern has anchors to look for
		}
		hits := s.hitPool.Get().([][]hit)
		if len(lens) > 0 {
			s.scanner.Scan(d.Text, func(lit int32, end int) {
				hits[lit] = append(hits[lit], hit{start: end - lens[lit], end: end})
			})
		}
		if len(s.classes) > 0 {
			classRuns(hits[len(lens):], d.Text, &s.classMask)
		}
		ev.hits[i] = hits
	}
	return ev
}

// release hands the hit lists back for the next evaluation.
func (ev *evidence) release() {
	for i, hits := range ev.hits {
		if hits == nil {
			continue
		}
		for j := range hits {
			hits[j] = hits[j][:0]
		}
		//lint:ignore SA6002 the slice header's 24 bytes are small beside the hit lists it recycles
		ev.set.hitPool.Put(hits)
		ev.hits[i] = nil
	}
	ev.units, ev.unitLists = nil, nil
}

func hasFoldOutlier(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			for _, o := range foldOutliers {
				if strings.Contains(text, o) {
					return true
				}
			}
			return false
		}
	}
	return false
}

func statsOf(text string) textStats {
	var st textStats
	space, word, nonword, token, lineStart := 0, 0, 0, 0, 0
	for i := 0; i < len(text); {
		k := byteKinds[text[i]]
		if k == kindMulti {
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == 0x17f || r == 0x212a {
				st.foldOutlier = true
			}
			if nonWord(r) {
				nonword += n
			} else {
				st.longestNonWord = max(st.longestNonWord, nonword)
				nonword = 0
			}
			st.longestWord = max(st.longestWord, word)
			word = 0
			if isSpace(r) {
				space += n
				st.longestToken = max(st.longestToken, token)
				token = 0
			} else {
				token += n
				st.longestSpace = max(st.longestSpace, space)
				space = 0
			}
			i += n
			continue
		}
		// A run of bytes of one kind.
		j := i + 1
		for j < len(text) && byteKinds[text[j]] == k {
			j++
		}
		run := j - i
		if k == kindSpace || k == kindNewline {
			st.longestToken = max(st.longestToken, token)
			token = 0
		} else {
			token += run
		}
		if k == kindLetter || k == kindDigit {
			st.longestNonWord = max(st.longestNonWord, nonword)
			nonword = 0
		} else {
			nonword += run
		}
		switch k {
		case kindLetter, kindUnderscore:
			word += run
			st.longestSpace = max(st.longestSpace, space)
			space = 0
		case kindDigit:
			word += run
			st.longestDigits = max(st.longestDigits, run)
			st.longestSpace = max(st.longestSpace, space)
			space = 0
		case kindSpace:
			space += run
			st.longestWord = max(st.longestWord, word)
			word = 0
		case kindNewline:
			space += run
			st.longestWord = max(st.longestWord, word)
			word = 0
			st.longestLine = max(st.longestLine, i-lineStart)
			lineStart = j
		default:
			st.longestSpace = max(st.longestSpace, space)
			st.longestWord = max(st.longestWord, word)
			space, word = 0, 0
		}
		i = j
	}
	st.longestLine = max(st.longestLine, len(text)-lineStart)
	st.longestSpace = max(st.longestSpace, space)
	st.longestWord = max(st.longestWord, word)
	st.longestNonWord = max(st.longestNonWord, nonword)
	st.longestToken = max(st.longestToken, token)
	return st
}

// Byte kinds for statsOf.
const (
	kindOther = iota
	kindLetter
	kindDigit
	kindSpace
	kindNewline
	kindMulti
	// kindUnderscore is a word character (\w, \b) that is not a letter
	// or digit: it counts towards both runs of word and of nonWord runes.
	kindUnderscore
)

var byteKinds = func() (k [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			k[c] = kindMulti
		case c == '\n':
			k[c] = kindNewline
		case c == ' ' || '\t' <= c && c <= '\r':
			k[c] = kindSpace
		case '0' <= c && c <= '9':
			k[c] = kindDigit
		case c == '_':
			k[c] = kindUnderscore
		case isWordByte(byte(c)):
			k[c] = kindLetter
		}
	}
	return k
}()

// matches returns every match of pattern p across the documents, in
// document order.
func (ev *evidence) matches(p int) []match {
	return ev.matchesUpTo(p, -1)
}

// matchesUpTo returns the first n matches of pattern p (all when n < 0):
// a rule that needs only a few examples, or one match, stops the pattern's
// search there.
func (ev *evidence) matchesUpTo(p, n int) []match {
	if ev.done[p] || n >= 0 && len(ev.found[p]) >= n {
		if n >= 0 && len(ev.found[p]) > n {
			return ev.found[p][:n]
		}
		return ev.found[p]
	}
	pat := ev.set.patterns[p]
	var out []match
	for di, d := range ev.docs {
		left := -1
		if n >= 0 {
			left = n - len(out)
			if left == 0 {
				break
			}
		}
		if ev.full[di] {
			for _, l := range pat.re.FindAllStringIndex(d.Text, left) {
				out = append(out, match{doc: di, start: l[0], end: l[1]})
			}
		} else {
			out = pat.find(out, di, d.Text, ev.hits[di], ev.stats[di], left, &ev.ivs)
		}
	}
	ev.found[p] = out
	ev.done[p] = n < 0 || len(out) < n
	return out
}

// classRuns appends to hits[c] the runs of bytes of each class c in text,
// in one pass for every class: mask[b] has bit c set when byte b is in
// class c.
func classRuns(hits [][]hit, text string, mask *[256]uint64) {
	var active uint64
	var start [64]int
	for i := 0; i < len(text); i++ {
		m := mask[text[i]]
		if m == active {
			continue
		}
		for ended := active &^ m; ended != 0; ended &= ended - 1 {
			c := bits.TrailingZeros64(ended)
			hits[c] = append(hits[c], hit{start: start[c], end: i})
		}
		for started := m &^ active; started != 0; started &= started - 1 {
			start[bits.TrailingZeros64(started)] = i
		}
		active = m
	}
	for ; active != 0; active &= active - 1 {
		c := bits.TrailingZeros64(active)
		hits[c] = append(hits[c], hit{start: start[c], end: len(text)})
	}
}

// interval is where a match containing an anchor's occurrence must lie,
// and the branch of the split alternation the anchor belongs to.
type interval struct{ from, to, branch int }

// find appends to dst the first n matches (all when n < 0) of the pattern
// in text, document doc, running it only on windows around its anchors'
// occurrences.
//
// Every match contains an occurrence of one of the pattern's anchors and
// reaches at most before bytes ahead of it and after bytes past it, so it
// lies within [hit.start-before, hit.end+after] of a hit, and has an
// occurrence of each further need in that range too. Windows widened to a
// non-word character (or a line break, for line anchors) give \b and
// (?m)^$ the same context as the whole text, so the matches are exactly
// those of the whole text. A window holding occurrences of only some
// branches of a split alternation runs the pattern without the others,
// which cannot match there.
func (p *pattern) find(dst []match, doc int, text string, litHits [][]hit, st textStats, n int, buf *[]interval) []match {
	whole := func() []match {
		for _, l := range p.re.FindAllStringIndex(text, n) {
			dst = append(dst, match{doc: doc, start: l[0], end: l[1]})
		}
		return dst
	}
	if p.pre.anchors == nil {
		return whole()
	}
	ivs := (*buf)[:0]
	defer func() { *buf = ivs[:0] }()
	covered := 0
	sources := 0
	for ai := range p.pre.anchors {
		a := &p.pre.anchors[ai]
		hits := groupHits(litHits, a.ids[0])
		if len(hits) == 0 {
			continue
		}
		var also [][]hit
		if len(a.ids) > 1 {
			also = make([][]hit, len(a.ids)-1)
			empty := false
			for g := range also {
				also[g] = groupHits(litHits, a.ids[g+1])
				empty = empty || len(also[g]) == 0
			}
			if empty {
				continue
			}
		}
		// An unbounded reach makes the window the whole text.
		before, after := len(text), len(text)
		if !a.before.inf {
			before = a.before.bytes(st)
		}
		if !a.after.inf {
			after = a.after.bytes(st)
		}
		added := false
	next:
		for _, h := range hits {
			from, to := h.start-before, h.end+after
			for g, hs := range also {
				// from only grows, so each list is walked once: its
				// leading hits that end before from are dropped for good.
				for len(hs) > 0 && hs[0].end <= from {
					hs = hs[1:]
				}
				also[g] = hs
				if !hitWithin(hs, from, to, a.class[g+1]) {
					continue next
				}
			}
			ivs = append(ivs, interval{from: from, to: to, branch: a.branch})
			covered += to - from
			added = true
		}
		if added {
			sources++
		}
	}
	if len(ivs) == 0 {
		return dst
	}
	if n < 0 && covered >= 8*len(text) {
		// The windows, overlapping many times over, would cover the
		// whole text anyway: spare the work of merging them, and run
		// the branches whose anchors occur.
		if p.pre.split == nil {
			return whole()
		}
		mask := make([]uint64, (len(p.pre.split.alt.Sub)+63)/64)
		for _, iv := range ivs {
			mask[iv.branch/64] |= 1 << (iv.branch % 64)
		}
		for _, l := range p.windowRegexp(mask, true, true).FindAllStringIndex(text, -1) {
			dst = append(dst, match{doc: doc, start: l[0], end: l[1]})
		}
		return dst
	}
	if sources > 1 {
		sort.Slice(ivs, func(i, j int) bool { return ivs[i].from < ivs[j].from })
	}
	var mask []uint64
	if p.pre.split != nil {
		mask = make([]uint64, (len(p.pre.split.alt.Sub)+63)/64)
	}
	found := 0
	lo, hi := -1, -1
	flush := func() {
		left := -1
		if n >= 0 {
			left = n - found
		}
		re := p.windowRegexp(mask, lo == 0, hi == len(text))
		clear(mask)
		for _, l := range re.FindAllStringIndex(text[lo:hi], left) {
			dst = append(dst, match{doc: doc, start: l[0] + lo, end: l[1] + lo})
			found++
		}
	}
	for _, iv := range ivs {
		from, to := iv.from, iv.to
		// Each snap walks text no earlier window covered, so the whole
		// loop is linear in the text however many hits there are.
		if lo >= 0 && from <= hi {
			if to > hi {
				hi = p.snapRight(text, to)
			}
		} else if wlo := p.snapLeft(text, from, max(hi, 0)); lo >= 0 && wlo <= hi {
			hi = max(hi, p.snapRight(text, to))
		} else {
			if lo >= 0 {
				flush()
				if n >= 0 && found >= n {
					return dst
				}
			}
			lo, hi = wlo, p.snapRight(text, to)
		}
		if mask != nil {
			mask[iv.branch/64] |= 1 << (iv.branch % 64)
		}
	}
	if lo >= 0 {
		flush()
	}
	return dst
}

// groupHits gathers the hits of a set of literals, in order of start. One
// literal's hits are in order already: the scanner finds them in order of
// their end.
func groupHits(litHits [][]hit, ids []int32) []hit {
	if len(ids) == 1 {
		return litHits[ids[0]]
	}
	var hits []hit
	for _, id := range ids {
		if len(litHits[id]) > 0 {
			if hits == nil {
				hits = litHits[id]
				continue
			}
			hits = mergeHits(hits, litHits[id])
		}
	}
	return hits
}

// mergeHits merges two lists sorted by start into a new one.
func mergeHits(a, b []hit) []hit {
	out := make([]hit, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].start < a[0].start {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// hitWithin reports whether a hit of hs (sorted by start) lies wholly in
// [from, to], or, for the runs of a byte class (of which a match holds
// perhaps only a part), overlaps it.
func hitWithin(hs []hit, from, to int, class bool) bool {
	if class {
		for _, h := range hs {
			if h.start >= to {
				return false
			}
			if h.end > from {
				return true
			}
		}
		return false
	}
	i := 0
	for i < len(hs) && hs[i].start < from {
		i++
	}
	for ; i < len(hs) && hs[i].start <= to; i++ {
		if hs[i].end <= to {
			return true
		}
	}
	return false
}

// snapLeft moves a window's start left to just after a break: whitespace,
// or a line break when the pattern anchors to lines. It stops at floor,
// the end of the previous window, which the caller then merges with.
func (p *pattern) snapLeft(text string, i, floor int) int {
	if i <= 0 {
		return 0
	}
	for i > floor && !p.isBreak(text[i-1]) {
		i--
	}
	return i
}

// snapRight moves a window's end right to just before a break.
func (p *pattern) snapRight(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for i < len(text) && !p.isBreak(text[i]) {
		i++
	}
	return i
}

// isBreak reports whether a window may end before, or start after, c: \b
// and \B see an ASCII non-word character as they see the end of the text,
// and (?m)^ and $ see a line break so.
func (p *pattern) isBreak(c byte) bool {
	if p.pre.lineAnchors {
		return c == '\n'
	}
	return c < utf8.RuneSelf && !isWordByte(c)
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// text is a match's text.
func (ev *evidence) text(m match) string {
	return ev.docs[m.doc].Text[m.start:m.end]
}

// position is d.Position(off) for document doc, made cheap for the
// findings of a rule, which come in order of their place: columns are
// counted on from the last place asked for when it lies earlier in the
// same segment, so that a hundred findings in a paragraph of 50 MB on one
// line cost one pass over it, not a hundred.
func (ev *evidence) position(doc, off int) document.Position {
	d := ev.docs[doc]
	if len(d.Segments) == 0 || off > len(d.Text) || off < len(d.Text) && !utf8.RuneStart(d.Text[off]) {
		// Counts from a place inside a rune would not add up.
		return d.Position(off)
	}
	i := sort.Search(len(d.Segments), func(i int) bool { return d.Segments[i].Off > off }) - 1
	if i < 0 {
		return d.Position(off)
	}
	s := d.Segments[i]
	c := ev.places[doc]
	if c.col == 0 || c.seg != i || c.off > off {
		c = placeCursor{seg: i, off: s.Off, col: s.Column}
	}
	c.col += utf8.RuneCountInString(d.Text[c.off:off])
	c.off = off
	ev.places[doc] = c
	return document.Position{Page: s.Page, Line: s.Line, Column: c.col}
}
