package rule

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// need is something every match of a (sub-)pattern contains: one of a set
// of ASCII-lower-cased literals, or a byte of a class of ASCII bytes that
// are not letters (digits, "%", "/"), which have no case to fold.
type need struct {
	lits  []string
	class *byteClass
}

// byteClass is a set of bytes, a bit each.
type byteClass [4]uint64

func (c *byteClass) has(b byte) bool { return c[b>>6]&(1<<(b&63)) != 0 }
func (c *byteClass) add(b byte)      { c[b>>6] |= 1 << (b & 63) }

func (n need) ok() bool { return n.class != nil || n.lits != nil }

// Estimated occurrences per byte of prose, to choose among the needs of a
// pattern the one with the fewest places to look at: a rough model of
// English text, where a literal of three letters is common and one of six
// rare, and digits and most punctuation are rarer than any letter.
func litCost(n int) float64 {
	switch n {
	case 0, 1:
		return 0.05
	case 2:
		return 0.006
	case 3:
		return 0.001
	case 4:
		return 0.0003
	case 5:
		return 0.0001
	}
	return 0.00003
}

func byteCost(b byte) float64 {
	switch {
	case b == ' ':
		return 0.15
	case b == '\n' || b == '.' || b == ',':
		return 0.015
	case '0' <= b && b <= '9':
		return 0.002
	case b == '%' || b == '@' || b == '#':
		return 0.0003
	}
	return 0.003
}

func (n need) cost() float64 {
	c := 0.0
	if n.class != nil {
		for b := 0; b < 256; b++ {
			if n.class.has(byte(b)) {
				c += byteCost(byte(b))
			}
		}
		return c
	}
	for _, l := range n.lits {
		if len(l) == 1 {
			c += byteCost(l[0])
		} else {
			c += litCost(len(l))
		}
	}
	return c
}

// maxNeedCost is the most frequent need worth scanning for: beyond it the
// windows would cover most of a document.
const maxNeedCost = 0.04

// cand is a need of a sub-expression with how far a match of the
// sub-expression reaches before the start and after the end of the
// need's occurrence.
type cand struct {
	n             need
	before, after span
}

// anchor is a need of the whole pattern, checked for in one scan of each
// document, and further needs (also) a match must contain as well: an
// occurrence of the anchor's need with no occurrence of each of these in
// reach cannot be part of a match, and is skipped.
type anchor struct {
	need          need
	also          []need
	before, after span
	// branch is the branch of the split alternation the anchor belongs
	// to (0 without a split).
	branch int
	// ids are the scanner ids of need (ids[0]) and of also, filled in by
	// the Set; class says which of them are byte classes.
	ids   [][]int32
	class []bool
}

// split is an alternation of a pattern, at its top or a child of its
// top-level concatenation, whose branches each have anchors. A window in
// which only some branches have an anchor cannot hold a match of the
// others, so the pattern runs there without them: a smaller program,
// which Go's regexp runs with its faster engines.
type split struct {
	at  int            // the alternation's index in the top concatenation, or -1
	alt *syntax.Regexp // the alternation
}

// variants are the programs a pattern's windows run: narrowed to some
// branches of a split, and without \A or \z where a window does not
// start or end the text. They are compiled once each, when first needed.
type variants struct {
	mu    sync.Mutex
	cache map[string]*regexp.Regexp
	size  atomic.Int32
}

// maxNarrowed bounds the narrowed programs a pattern keeps; beyond it,
// windows run the whole pattern.
const maxNarrowed = 256

// analyze builds a pattern's prefilter from its (rewritten) syntax tree.
func analyze(re *syntax.Regexp) prefilter {
	re = flatten(re.Simplify())
	pf := prefilter{tree: re}
	// ^ and $ without (?m) depend on where the text starts and ends: a
	// window not at the start or end runs the pattern without them.
	pf.textEdges = hasOp(re, syntax.OpBeginText) || hasOp(re, syntax.OpEndText)
	pf.lineAnchors = hasOp(re, syntax.OpBeginLine) || hasOp(re, syntax.OpEndLine)
	pf.span = maxSpan(re)
	if pf.span.inf {
		// An alternation whose unbounded branches need something (a
		// literal, a "|") still splits: a document without it runs the
		// bounded branches on their windows, and one with it the whole
		// text (see unboundedNeeds).
		if sp, anchors, _ := splitAnchors(re); sp != nil {
			pf.anchors, pf.split = anchors, sp
		}
		return pf
	}
	cs := needsOf(re)
	single, singleCost := bestAnchor(cs, nil)
	if sp, anchors, cost := splitAnchors(re); sp != nil && (single == nil || cost <= 2*singleCost) {
		pf.anchors, pf.split = anchors, sp
		return pf
	}
	if single != nil {
		pf.anchors = []anchor{*single}
	}
	return pf
}

// bestAnchor picks the cheapest need of cs as an anchor, with up to maxAlso
// others (and of extra) as further needs.
func bestAnchor(cs, extra []cand) (*anchor, float64) {
	best := -1
	for i, c := range cs {
		if c.n.cost() > maxNeedCost {
			continue
		}
		if best < 0 || c.n.cost() < cs[best].n.cost() ||
			c.n.cost() == cs[best].n.cost() && c.before.add(c.after).c < cs[best].before.add(cs[best].after).c {
			best = i
		}
	}
	if best < 0 {
		return nil, 0
	}
	a := &anchor{need: cs[best].n, before: cs[best].before, after: cs[best].after}
	var rest []need
	for i, c := range append(append([]cand(nil), cs...), extra...) {
		if i != best && c.n.cost() <= maxNeedCost {
			rest = append(rest, c.n)
		}
	}
	a.also = otherNeeds(rest, a.need)
	return a, a.need.cost()
}

// otherNeeds picks needs other than primary (and not overlapping it, which
// would prove nothing), rarest first.
func otherNeeds(ns []need, primary need) []need {
	var out []need
	for _, n := range ns {
		if overlapsNeed(n, primary) {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || sameNeed(o, n)
		}
		if !dup {
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].cost() < out[j].cost() })
	if len(out) > maxAlso {
		out = out[:maxAlso]
	}
	return out
}

func sameNeed(a, b need) bool {
	if (a.class == nil) != (b.class == nil) {
		return false
	}
	if a.class != nil {
		return *a.class == *b.class
	}
	return sameSet(a.lits, b.lits)
}

// overlapsNeed reports whether an occurrence of a may lie inside one of b
// (or the reverse), when it shows nothing the other does not.
func overlapsNeed(a, b need) bool {
	switch {
	case a.class != nil && b.class != nil:
		for i := range a.class {
			if a.class[i]&b.class[i] != 0 {
				return true
			}
		}
		return false
	case a.class != nil:
		return litsHaveClass(b.lits, a.class)
	case b.class != nil:
		return litsHaveClass(a.lits, b.class)
	}
	return overlaps(a.lits, b.lits)
}

func litsHaveClass(lits []string, c *byteClass) bool {
	for _, l := range lits {
		for i := 0; i < len(l); i++ {
			if c.has(l[i]) {
				return true
			}
		}
	}
	return false
}

// litNeed turns a literal set into a need: every string of at least two
// bytes, at most maxLiterals of them.
func litNeed(set []string) need {
	if len(set) == 0 || len(set) > maxLiterals {
		return need{}
	}
	for _, s := range set {
		// One byte will do if it is rare: a digit or punctuation, never
		// a letter or space.
		if len(s) == 0 || len(s) == 1 && (isWordByte(s[0]) && !('0' <= s[0] && s[0] <= '9') || s[0] <= ' ' || s[0] >= utf8.RuneSelf) {
			return need{}
		}
	}
	if maxLen(set) == 1 {
		// Single bytes only: their runs, as a class (fewer hits).
		var c byteClass
		for _, s := range set {
			c.add(s[0])
		}
		return need{class: &c}
	}
	return need{lits: minimal(set)}
}

// classOf is the byte class of a character class that holds only ASCII
// bytes that are not letters, or nil.
func classOf(re *syntax.Regexp) *byteClass {
	if re.Op != syntax.OpCharClass || len(re.Rune) == 0 {
		return nil
	}
	var c byteClass
	for i := 0; i+1 < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi >= utf8.RuneSelf {
			return nil
		}
		for r := lo; r <= hi; r++ {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				return nil
			}
			c.add(byte(r))
		}
	}
	return &c
}

// needsOf lists needs of re: every match of re contains an occurrence of
// each, within the reach given.
func needsOf(re *syntax.Regexp) []cand {
	sp := maxSpan(re)
	if sp.inf {
		return nil
	}
	var out []cand
	add := func(n need, before, after span) {
		if n.ok() {
			out = append(out, cand{n: n, before: before, after: after})
		}
	}
	info := literals(re)
	if set := pick(info.req, info.exact); set != nil {
		if n := litNeed(set); n.ok() {
			slack := span{c: maxLen(set) - max(minLen(n.lits), 1)}
			if info.exact != nil && sameSet(info.exact, set) {
				add(n, slack, slack)
			} else {
				add(n, sp.add(slack), sp.add(slack))
			}
		}
	}
	switch re.Op {
	case syntax.OpCharClass:
		if c := classOf(re); c != nil {
			add(need{class: c}, span{}, span{})
		}
	case syntax.OpLiteral:
		for i, r := range re.Rune {
			if r < utf8.RuneSelf && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
				var c byteClass
				c.add(byte(r))
				add(need{class: &c}, span{c: i}, span{c: len(re.Rune) - i - 1})
				break
			}
			if r >= utf8.RuneSelf {
				break
			}
		}
	case syntax.OpCapture:
		out = append(out, needsOf(re.Sub[0])...)
	case syntax.OpPlus, syntax.OpRepeat:
		if re.Op == syntax.OpRepeat && re.Min == 0 {
			break
		}
		for _, c := range needsOf(re.Sub[0]) {
			add(c.n, sp, sp)
		}
	case syntax.OpConcat:
		cinfo, at, _ := concatLiteralSets(re.Sub)
		if n := litNeed(cinfo.req); n.ok() && !at.inexact {
			slack := span{c: maxLen(cinfo.req) - max(minLen(n.lits), 1)}
			add(n, spanOf(re.Sub[:at.lo]).add(slack), spanOf(re.Sub[at.hi:]).add(slack))
		}
		for i, sub := range re.Sub {
			pre, post := spanOf(re.Sub[:i]), spanOf(re.Sub[i+1:])
			for _, c := range needsOf(sub) {
				add(c.n, pre.add(c.before), c.after.add(post))
			}
		}
	case syntax.OpAlternate:
		// A class the branches all need: their union.
		var u byteClass
		for _, sub := range re.Sub {
			var bc *byteClass
			for _, c := range needsOf(sub) {
				if c.n.class != nil && (bc == nil || c.n.cost() < need{class: bc}.cost()) {
					bc = c.n.class
				}
			}
			if bc == nil {
				return out
			}
			for i := range u {
				u[i] |= bc[i]
			}
		}
		add(need{class: &u}, sp, sp)
	}
	return out
}

func spanOf(subs []*syntax.Regexp) span {
	var s span
	for _, sub := range subs {
		s = s.add(maxSpan(sub))
	}
	return s
}

func stripCapture(re *syntax.Regexp) *syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	return re
}

// splitAnchors finds the alternation of re to split (at the top, or the
// child of the top-level concatenation with the most branches) and gives
// each branch its own anchor, or returns nil when a branch has none.
func splitAnchors(re *syntax.Regexp) (*split, []anchor, float64) {
	top := stripCapture(re)
	sp := &split{at: -1}
	var pre, post span
	var extra []cand
	switch top.Op {
	case syntax.OpAlternate:
		sp.alt = top
	case syntax.OpConcat:
		for i, sub := range top.Sub {
			if s := stripCapture(sub); s.Op == syntax.OpAlternate && (sp.alt == nil || len(s.Sub) > len(sp.alt.Sub)) {
				sp.alt, sp.at = s, i
			}
		}
		if sp.alt == nil {
			return nil, nil, 0
		}
		pre, post = spanOf(top.Sub[:sp.at]), spanOf(top.Sub[sp.at+1:])
		for i, sub := range top.Sub {
			if i != sp.at {
				extra = append(extra, needsOf(sub)...)
			}
		}
	default:
		return nil, nil, 0
	}
	var anchors []anchor
	total := 0.0
	bounded := false
	for k, b := range sp.alt.Sub {
		cs := needsOf(b)
		if maxSpan(b).inf {
			cs = unboundedNeeds(b)
		} else {
			bounded = true
		}
		a, cost := bestAnchor(cs, extra)
		if a == nil {
			return nil, nil, 0
		}
		a.before, a.after, a.branch = pre.add(a.before), a.after.add(post), k
		anchors = append(anchors, *a)
		total += cost
	}
	if !bounded || pre.inf || post.inf {
		return nil, nil, 0 // every window would be the whole text
	}
	return sp, anchors, total
}

// unboundedNeeds lists needs of a branch with no bound on its length:
// those of the bounded parts of its concatenation, each with unbounded
// reach, so that a window around one is the whole text. A document with
// no occurrence of one cannot hold a match of the branch.
func unboundedNeeds(re *syntax.Regexp) []cand {
	re = stripCapture(re)
	if re.Op != syntax.OpConcat {
		return nil
	}
	inf := span{inf: true}
	var out []cand
	for _, sub := range re.Sub {
		for _, c := range needsOf(sub) {
			out = append(out, cand{n: c.n, before: inf, after: inf})
		}
	}
	return out
}

// windowRegexp is the program to run on a window of text: the pattern
// with only the branches of its split marked in mask (a bit per branch;
// nil: all), and with \A (\z) never matching unless the window starts
// (ends) the text. It is compiled once and kept; past maxNarrowed
// programs, or when nothing differs, it is the pattern itself.
func (p *pattern) windowRegexp(mask []uint64, atStart, atEnd bool) *regexp.Regexp {
	edges := p.pre.textEdges && !(atStart && atEnd)
	if mask == nil && !edges {
		return p.re
	}
	var key strings.Builder
	for _, w := range mask {
		for i := 0; i < 8; i++ {
			key.WriteByte(byte(w >> (8 * i)))
		}
	}
	if edges {
		key.WriteByte(btoi(atStart) | btoi(atEnd)<<1)
	}
	k := key.String()
	v := &p.variants
	v.mu.Lock()
	re, ok := v.cache[k]
	v.mu.Unlock()
	if ok {
		return re
	}
	if v.size.Load() >= maxNarrowed {
		if edges {
			mask = nil // the whole pattern, but still without false \A, \z
			k = string(btoi(atStart) | btoi(atEnd)<<1)
			v.mu.Lock()
			re, ok = v.cache[k]
			v.mu.Unlock()
			if ok {
				return re
			}
		} else {
			return p.re
		}
	}
	tree := cloneTree(p.pre.tree)
	if mask != nil {
		tree = narrowTree(tree, p.pre.split, mask)
	}
	if edges {
		tree = noEdges(tree, !atStart, !atEnd)
	}
	re, err := regexp.Compile(programSource(tree))
	if err != nil {
		return p.re // cannot happen: a smaller program than p.re
	}
	v.mu.Lock()
	if v.cache == nil {
		v.cache = map[string]*regexp.Regexp{}
	}
	if old, ok := v.cache[k]; ok {
		re = old
	} else {
		v.cache[k] = re
		v.size.Add(1)
	}
	v.mu.Unlock()
	return re
}

func btoi(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// narrowTree keeps, of the split alternation of tree (a copy of the
// pattern's), only the branches marked in mask.
func narrowTree(tree *syntax.Regexp, sp *split, mask []uint64) *syntax.Regexp {
	top := stripCapture(tree)
	alt := top
	if sp.at >= 0 {
		alt = stripCapture(top.Sub[sp.at])
	}
	var subs []*syntax.Regexp
	for i, b := range alt.Sub {
		if mask[i/64]&(1<<(i%64)) != 0 {
			subs = append(subs, b)
		}
	}
	narrowed := subs[0]
	if len(subs) > 1 {
		narrowed = &syntax.Regexp{Op: syntax.OpAlternate, Sub: subs}
	}
	if sp.at < 0 {
		return narrowed
	}
	top.Sub[sp.at] = narrowed
	return top
}

// noEdges makes \A (begin) and \z (end) match nowhere.
func noEdges(re *syntax.Regexp, begin, end bool) *syntax.Regexp {
	if begin && re.Op == syntax.OpBeginText || end && re.Op == syntax.OpEndText {
		return &syntax.Regexp{Op: syntax.OpNoMatch}
	}
	for i, sub := range re.Sub {
		re.Sub[i] = noEdges(sub, begin, end)
	}
	return re
}

// String describes a need, for tests and debugging: its literals, or its
// class in brackets.
func (n need) String() string {
	if n.class == nil {
		return strings.Join(n.lits, " ")
	}
	var b strings.Builder
	b.WriteByte('[')
	for c := 0; c < 256; c++ {
		if !n.class.has(byte(c)) {
			continue
		}
		j := c
		for j+1 < 256 && n.class.has(byte(j+1)) {
			j++
		}
		b.WriteByte(byte(c))
		if j > c {
			b.WriteByte('-')
			b.WriteByte(byte(j))
		}
		c = j
	}
	b.WriteByte(']')
	return b.String()
}
