package rule

import (
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
	hits  [][][]hit // doc → pattern → hits of its literals
	stats []textStats
	full  []bool // doc → run every pattern over the whole text
	found [][]match
	done  []bool
	prose []*proseStats
}

// hit is where a literal of a pattern occurs.
type hit struct{ start, end int }

// textStats bound how far a match can reach in a document.
type textStats struct {
	longestSpace int // longest run of whitespace, in bytes
	longestLine  int // longest line, in bytes
}

func (s *Set) newEvidence(docs []*document.Document) *evidence {
	ev := &evidence{
		set:   s,
		docs:  docs,
		hits:  make([][][]hit, len(docs)),
		stats: make([]textStats, len(docs)),
		full:  make([]bool, len(docs)),
		found: make([][]match, len(s.patterns)),
		done:  make([]bool, len(s.patterns)),
		prose: make([]*proseStats, len(docs)),
	}
	if s.naive || len(s.patterns) == 0 {
		for i := range docs {
			ev.full[i] = true
		}
		return ev
	}
	for i, d := range docs {
		if hasFoldOutlier(d.Text) {
			// A case-insensitive "s" matches "ſ", which the byte scanner
			// cannot see; such (rare) documents are matched in full.
			ev.full[i] = true
			continue
		}
		ev.stats[i] = statsOf(d.Text)
		hits := make([][]hit, len(s.patterns))
		s.scanner.scan(d.Text, func(lit int32, end int) {
			h := hit{start: end - s.scanner.lens[lit], end: end}
			for _, p := range s.litPatterns[lit] {
				hits[p] = append(hits[p], h)
			}
		})
		ev.hits[i] = hits
	}
	return ev
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
	space, line := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line = 0
			} else {
				line++
				st.longestLine = max(st.longestLine, line)
			}
			if c == ' ' || '\t' <= c && c <= '\r' {
				space++
				st.longestSpace = max(st.longestSpace, space)
			} else {
				space = 0
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		line += n
		st.longestLine = max(st.longestLine, line)
		if isSpace(r) {
			space += n
			st.longestSpace = max(st.longestSpace, space)
		} else {
			space = 0
		}
		i += n
	}
	return st
}

// matches returns every match of pattern p across the documents, in
// document order.
func (ev *evidence) matches(p int) []match {
	if ev.done[p] {
		return ev.found[p]
	}
	pat := ev.set.patterns[p]
	var out []match
	for di, d := range ev.docs {
		var locs [][]int
		if ev.full[di] {
			locs = pat.re.FindAllStringIndex(d.Text, -1)
		} else {
			locs = pat.find(d.Text, ev.hits[di][p], ev.stats[di])
		}
		for _, l := range locs {
			out = append(out, match{doc: di, start: l[0], end: l[1]})
		}
	}
	ev.found[p], ev.done[p] = out, true
	return out
}

// find runs the pattern on the windows of text around its literal hits.
// Every match contains one of the pattern's literals and is at most
// span bytes long, so it lies within [hit.end-span, hit.start+span] of a
// hit; windows widened to whitespace (or line breaks, for line anchors)
// give \b and (?m)^$ the same context as the whole text, so the matches are
// exactly those of the whole text.
func (p *pattern) find(text string, hits []hit, st textStats) [][]int {
	if p.pre.lits == nil || p.pre.span.inf {
		return p.re.FindAllStringIndex(text, -1)
	}
	if len(hits) == 0 {
		return nil
	}
	reach := p.pre.span.bytes(st.longestSpace, st.longestLine)
	if reach*len(hits) >= len(text) {
		// The windows would cover most of the text anyway.
		return p.re.FindAllStringIndex(text, -1)
	}
	var out [][]int
	lo, hi := -1, -1
	flush := func() {
		for _, l := range p.re.FindAllStringIndex(text[lo:hi], -1) {
			out = append(out, []int{l[0] + lo, l[1] + lo})
		}
	}
	for _, h := range hits {
		// Each snap walks text no earlier window covered, so the whole
		// loop is linear in the text however many hits there are.
		if lo >= 0 && h.end-reach <= hi {
			if h.start+reach > hi {
				hi = p.snapRight(text, h.start+reach)
			}
			continue
		}
		wlo := p.snapLeft(text, h.end-reach, max(hi, 0))
		if lo >= 0 && wlo <= hi {
			hi = max(hi, p.snapRight(text, h.start+reach))
			continue
		}
		if lo >= 0 {
			flush()
		}
		lo, hi = wlo, p.snapRight(text, h.start+reach)
	}
	if lo >= 0 {
		flush()
	}
	return out
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

func (p *pattern) isBreak(c byte) bool {
	if p.pre.lineAnchors {
		return c == '\n'
	}
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
}

// text is a match's text.
func (ev *evidence) text(m match) string {
	return ev.docs[m.doc].Text[m.start:m.end]
}
