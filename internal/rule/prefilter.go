package rule

import (
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// prefilter is what the engine knows about a pattern before running it:
// anchors, one of which every match contains (literals, or a byte of a
// class such as the digits), each with how far a match can reach around
// it. With them a pattern need only run on small windows of a document
// around the places where an anchor occurs, and the matches are the same
// as running it over the whole text (see find).
type prefilter struct {
	// anchors is nil when the pattern has no usable anchor and runs over
	// the whole text.
	anchors []anchor
	// span bounds the length of a match; span.inf means no bound.
	span span
	// lineAnchors is set when the pattern uses (?m)^ or $: windows then
	// start and end at line breaks rather than at any whitespace.
	lineAnchors bool
	// split is set when the anchors are those of the branches of one
	// alternation: a window in which only some branches have anchors runs
	// the pattern without the others (see narrow).
	split *split
	// textEdges is set when the pattern uses \A or \z (^ or $ without
	// (?m)): a window that does not start or end the text runs it with
	// them matching nowhere, as in the whole text.
	textEdges bool
	// tree is the pattern's simplified syntax, from which the programs
	// windows run are made (see windowRegexp).
	tree *syntax.Regexp
}

// minLiteral is the shortest literal worth scanning for: shorter ones
// occur so often that the windows would cover most of the text.
const minLiteral = 3

// maxLiterals bounds the size of a pattern's literal set.
const maxLiterals = 64

// span is an upper bound on a match's length in bytes:
//
//	c + w·W + l·L + d·D + a·A
//
//	  + o·O + t·T
//
// where, in the document at hand, W is the longest run of whitespace, L the
// longest line, D the longest run of digits, A the longest run of ASCII
// word characters ([0-9A-Za-z_]) and O the longest run of characters that
// are not letters, digits or marks (see nonWord), and T the longest run of
// characters that are not whitespace (a token). A repetition of
// digits cannot match more than D bytes, of word characters more than A, of
// whitespace more than W, of spaces and punctuation ([\s-]+) more than O,
// of anything but whitespace ([\d,]+, [^\s]+) more than T, and one that
// cannot cross a line break no more than L.
type span struct {
	c, w, l, d, a, o, t int
	inf                 bool
}

func (s span) add(o span) span {
	return span{c: s.c + o.c, w: s.w + o.w, l: s.l + o.l, d: s.d + o.d, a: s.a + o.a, o: s.o + o.o, t: s.t + o.t, inf: s.inf || o.inf}
}

func (s span) max(o span) span {
	return span{c: max(s.c, o.c), w: max(s.w, o.w), l: max(s.l, o.l), d: max(s.d, o.d), a: max(s.a, o.a), o: max(s.o, o.o), t: max(s.t, o.t), inf: s.inf || o.inf}
}

func (s span) times(n int) span {
	return span{c: s.c * n, w: s.w * n, l: s.l * n, d: s.d * n, a: s.a * n, o: s.o * n, t: s.t * n, inf: s.inf}
}

// variable reports whether the bound depends on the document.
func (s span) variable() bool {
	return s.w > 0 || s.l > 0 || s.d > 0 || s.a > 0 || s.o > 0 || s.t > 0
}

// bytes evaluates the bound for a document.
func (s span) bytes(st textStats) int {
	return s.c + s.w*st.longestSpace + s.l*st.longestLine + s.d*st.longestDigits + s.a*st.longestWord + s.o*st.longestNonWord + s.t*st.longestToken
}

// maxAlso bounds how many further literal sets a pattern checks.
const maxAlso = 3

// overlaps reports whether a string of a contains or is contained in one
// of b: then a hit of b may itself be the hit of a.
func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.Contains(x, y) || strings.Contains(y, x) {
				return true
			}
		}
	}
	return false
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func maxLen(set []string) int {
	m := 0
	for _, s := range set {
		m = max(m, len(s))
	}
	return m
}

// minimal drops the strings of a set that contain another of its strings:
// a text holding "complaints" holds "complaint".
func minimal(set []string) []string {
	var out []string
	for i, s := range set {
		redundant := false
		for j, o := range set {
			if i != j && strings.Contains(s, o) && (len(o) < len(s) || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, s)
		}
	}
	return out
}

// flatten splices concatenations inside concatenations (the rewrite of
// "within " makes one) so that a literal's neighbours are its siblings.
func flatten(re *syntax.Regexp) *syntax.Regexp {
	for i, sub := range re.Sub {
		re.Sub[i] = flatten(sub)
	}
	if re.Op != syntax.OpConcat {
		return re
	}
	var subs []*syntax.Regexp
	for _, sub := range re.Sub {
		if sub.Op == syntax.OpConcat {
			subs = append(subs, sub.Sub...)
		} else {
			subs = append(subs, sub)
		}
	}
	re.Sub = subs
	return re
}

func usable(set []string) bool {
	if len(set) == 0 || len(set) > maxLiterals {
		return false
	}
	for _, s := range set {
		if len(s) < minLiteral {
			return false
		}
	}
	return true
}

func hasOp(re *syntax.Regexp, op syntax.Op) bool {
	if re.Op == op {
		return true
	}
	for _, s := range re.Sub {
		if hasOp(s, op) {
			return true
		}
	}
	return false
}

// litInfo describes a sub-expression: exact is every string it can match
// (nil when that set is unknown or too large), req a set of strings one of
// which every match contains (nil when there is none).
type litInfo struct {
	exact []string
	req   []string
}

func literals(re *syntax.Regexp) litInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return litInfo{exact: []string{""}}
	case syntax.OpLiteral:
		if ascii(re.Rune) {
			return litInfo{exact: []string{lowerASCII(string(re.Rune))}}
		}
		set := []string{""}
		for _, r := range re.Rune {
			set = product(set, runeForms(r, re.Flags&syntax.FoldCase != 0))
			if len(set) > maxLiterals {
				return litInfo{}
			}
		}
		return litInfo{exact: set}
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 16 {
				return litInfo{}
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set = append(set, lowerASCII(string(r)))
			}
			if len(set) > 16 {
				return litInfo{}
			}
		}
		return litInfo{exact: dedup(set)}
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpQuest:
		sub := literals(re.Sub[0])
		if sub.exact == nil {
			return litInfo{}
		}
		return litInfo{exact: dedup(append([]string{""}, sub.exact...))}
	case syntax.OpPlus:
		sub := literals(re.Sub[0])
		return litInfo{req: pick(sub.req, sub.exact)}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return litInfo{}
		}
		sub := literals(re.Sub[0])
		return litInfo{req: pick(sub.req, sub.exact)}
	case syntax.OpAlternate:
		var exact, req []string
		allExact, allReq := true, true
		for _, s := range re.Sub {
			in := literals(s)
			if in.exact == nil {
				allExact = false
			} else {
				exact = append(exact, in.exact...)
			}
			if r := pick(in.req, in.exact); r != nil {
				req = append(req, r...)
			} else {
				allReq = false
			}
		}
		var out litInfo
		if allReq && len(req) <= maxLiterals {
			out.req = dedup(req)
		}
		if allExact && len(exact) <= maxLiterals {
			out.exact = dedup(exact)
		}
		return out
	case syntax.OpConcat:
		return concatLiterals(re.Sub)
	}
	return litInfo{}
}

// concatLiterals joins runs of exact children into longer literals and
// keeps the best required set among them and the children's own.
func concatLiterals(subs []*syntax.Regexp) litInfo {
	in, _ := concatLiteralsAt(subs)
	return in
}

// litPlace says which children of a concatenation the chosen literals came
// from: exactly children [lo, hi), or (inexact) somewhere inside child lo.
type litPlace struct {
	lo, hi  int
	inexact bool
}

func concatLiteralsAt(subs []*syntax.Regexp) (litInfo, litPlace) {
	in, at, _ := concatLiteralSets(subs)
	return in, at
}

// concatLiteralSets is concatLiteralsAt that also returns every usable
// required set it saw.
func concatLiteralSets(subs []*syntax.Regexp) (litInfo, litPlace, [][]string) {
	cur, curLo := []string{""}, 0
	var best []string
	var at litPlace
	var all [][]string
	consider := func(set []string, place litPlace) {
		if usable(set) {
			all = append(all, set)
		}
		if better(set, best) {
			best, at = set, place
		}
	}
	allExact := true
	for i, s := range subs {
		in := literals(s)
		if in.exact != nil && len(cur)*len(in.exact) <= maxLiterals {
			cur = product(cur, in.exact)
			continue
		}
		allExact = false
		consider(cur, litPlace{lo: curLo, hi: i})
		consider(in.req, litPlace{lo: i, hi: i + 1, inexact: true})
		if in.exact != nil {
			consider(in.exact, litPlace{lo: i, hi: i + 1})
			cur, curLo = in.exact, i
		} else {
			cur, curLo = []string{""}, i+1
		}
	}
	consider(cur, litPlace{lo: curLo, hi: len(subs)})
	if allExact {
		return litInfo{exact: cur, req: best}, at, all
	}
	return litInfo{req: best}, at, all
}

// better prefers the set whose shortest string is longest, then the
// smaller set.
func better(a, b []string) bool {
	if len(a) == 0 || hasEmpty(a) {
		return false
	}
	if len(b) == 0 {
		return true
	}
	ma, mb := minLen(a), minLen(b)
	if ma != mb {
		return ma > mb
	}
	return len(a) < len(b)
}

func minLen(set []string) int {
	m := -1
	for _, s := range set {
		if m < 0 || len(s) < m {
			m = len(s)
		}
	}
	return m
}

func hasEmpty(set []string) bool {
	for _, s := range set {
		if s == "" {
			return true
		}
	}
	return false
}

func pick(a, b []string) []string {
	if a != nil && !hasEmpty(a) {
		return a
	}
	if b != nil && !hasEmpty(b) {
		return b
	}
	return nil
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedup(out)
}

func dedup(set []string) []string {
	sort.Strings(set)
	out := set[:0]
	for i, s := range set {
		if i == 0 || s != set[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// runeForms are the strings a rune can match, as the scanner sees them
// (ASCII lower-cased). ASCII letters whose case folding reaches beyond
// ASCII (k: U+212A, s: U+017F) are handled by scanning documents that
// contain those runes in full; see foldOutliers.
func runeForms(r rune, fold bool) []string {
	if !fold || r < utf8.RuneSelf {
		return []string{lowerASCII(string(r))}
	}
	forms := []string{string(r)}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		forms = append(forms, lowerASCII(string(f)))
	}
	return dedup(forms)
}

// foldOutliers are the non-ASCII runes that fold to an ASCII letter. A
// case-insensitive pattern can match them where its literal has the ASCII
// letter, which the byte scanner would miss.
var foldOutliers = func() []string {
	var out []string
	for r := rune('A'); r <= 'z'; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= utf8.RuneSelf {
				out = append(out, string(f))
			}
		}
	}
	return dedup(out)
}()

func ascii(rs []rune) bool {
	for _, r := range rs {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// maxSpan bounds the length of what re can match.
func maxSpan(re *syntax.Regexp) span {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeBytes(r, re.Flags&syntax.FoldCase != 0)
		}
		return span{c: n}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return span{}
		}
		return span{c: utf8.RuneLen(min(re.Rune[len(re.Rune)-1], unicode.MaxRune))}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return span{c: utf8.UTFMax}
	case syntax.OpCapture, syntax.OpQuest:
		return maxSpan(re.Sub[0])
	case syntax.OpConcat:
		var s span
		for _, sub := range re.Sub {
			s = s.add(maxSpan(sub))
		}
		return s
	case syntax.OpAlternate:
		var s span
		for _, sub := range re.Sub {
			s = s.max(maxSpan(sub))
		}
		return s
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		if re.Op == syntax.OpRepeat && re.Max >= 0 {
			return maxSpan(re.Sub[0]).times(re.Max)
		}
		cs := chars(re.Sub[0])
		switch {
		case cs.onlyDigit:
			return span{d: 1}
		case cs.onlySpace:
			return span{w: 1}
		case cs.onlyWord:
			return span{a: 1}
		case cs.onlyNonWord:
			// Before the line bound: a one-line document's longest line
			// is the whole text.
			return span{o: 1}
		case cs.noSpace:
			// Within one token, which is never longer than its line.
			return span{t: 1}
		case !cs.newline:
			return span{l: 1}
		}
		return span{inf: true}
	}
	return span{}
}

func runeBytes(r rune, fold bool) int {
	n := utf8.RuneLen(r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			n = max(n, utf8.RuneLen(f))
		}
	}
	return n
}

// charSet says which characters a sub-expression can match.
type charSet struct {
	newline   bool // it can match "\n"
	onlySpace bool // it matches nothing but whitespace
	onlyDigit bool // nothing but 0-9
	// onlyWord: nothing but ASCII word characters, and the two non-ASCII
	// runes that fold to them (documents holding those are matched in
	// full, without windows).
	onlyWord bool
	// onlyNonWord: nothing but characters that are not letters, digits,
	// marks or "_": whitespace and punctuation.
	onlyNonWord bool
	// noSpace: nothing that is whitespace (isSpace).
	noSpace bool
}

func allChars() charSet {
	return charSet{onlySpace: true, onlyDigit: true, onlyWord: true, onlyNonWord: true, noSpace: true}
}

// nonWord reports whether r is neither a letter, a digit nor a mark ("_"
// counts as non-word here, so that a run of spaces and markup such as
// [\s>*_#-]* is bounded too). A document's longest run of such runes is
// measured with this same test (see statsOf), and a pattern's characters
// are tested with their case folds, so the bound holds whatever folds to
// what.
func nonWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || !isWordByte(byte(r))
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

func (cs *charSet) addRune(r rune) {
	cs.newline = cs.newline || r == '\n'
	cs.onlySpace = cs.onlySpace && isSpace(r)
	cs.onlyDigit = cs.onlyDigit && '0' <= r && r <= '9'
	cs.onlyWord = cs.onlyWord && (r < utf8.RuneSelf && isWordByte(byte(r)) || r == 0x17f || r == 0x212a)
	cs.onlyNonWord = cs.onlyNonWord && nonWord(r)
	cs.noSpace = cs.noSpace && !isSpace(r)
}

func chars(re *syntax.Regexp) charSet {
	switch re.Op {
	case syntax.OpLiteral:
		cs := allChars()
		for _, r := range re.Rune {
			cs.addRune(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					cs.addRune(f)
				}
			}
		}
		return cs
	case syntax.OpCharClass:
		cs := allChars()
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			cs.newline = cs.newline || lo <= '\n' && '\n' <= hi
			cs.noSpace = cs.noSpace && !rangeHasSpace(lo, hi)
			if hi-lo > 0x400 {
				cs.onlySpace, cs.onlyDigit, cs.onlyWord, cs.onlyNonWord = false, false, false, false
			}
			for r := lo; r <= hi && (cs.onlySpace || cs.onlyDigit || cs.onlyWord || cs.onlyNonWord); r++ {
				cs.addRune(r)
			}
		}
		return cs
	case syntax.OpAnyChar:
		return charSet{newline: true}
	case syntax.OpAnyCharNotNL:
		return charSet{}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return allChars()
	}
	cs := allChars()
	for _, sub := range re.Sub {
		c := chars(sub)
		cs.newline = cs.newline || c.newline
		cs.onlySpace = cs.onlySpace && c.onlySpace
		cs.onlyDigit = cs.onlyDigit && c.onlyDigit
		cs.onlyWord = cs.onlyWord && c.onlyWord
		cs.onlyNonWord = cs.onlyNonWord && c.onlyNonWord
		cs.noSpace = cs.noSpace && c.noSpace
	}
	return cs
}

// rangeHasSpace reports whether runes lo to hi hold whitespace (isSpace).
func rangeHasSpace(lo, hi rune) bool {
	for i := 0; i+1 < len(spaceClass); i += 2 {
		if spaceClass[i] <= hi && lo <= spaceClass[i+1] {
			return true
		}
	}
	return false
}

// isSpace is the whitespace that counts towards a document's longest run
// of whitespace (see textStats): everything spaceClass holds.
func isSpace(r rune) bool {
	for i := 0; i+1 < len(spaceClass); i += 2 {
		if spaceClass[i] <= r && r <= spaceClass[i+1] {
			return true
		}
	}
	return false
}
