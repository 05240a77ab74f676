package stance

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/internal/aho"
)

// The stance expressions are long alternations of words, and Go's regexp
// runs them over every byte of a clause: tens of microseconds a clause. A
// guard says, from one Aho–Corasick scan of the sentence, when an
// expression cannot match a part of it — none of the literals every match
// of the expression contains lies in that part — so that it is not run.
// The guards change no result: TestGuards compares them with the bare
// expressions.

// guarded is a stance expression with its guard.
type guarded struct {
	re *regexp.Regexp
	// parts split the expression's alternation where one branch needs
	// only a short literal ("i" in "we|i|our staff"): the expression
	// matches where one part does, each part with its own guard.
	parts []guardPart
	// ordered: the leftmost-first match is the leftmost of the parts'
	// (see split), so find can run the parts alone.
	ordered bool
}

type guardPart struct {
	re *regexp.Regexp
	// needs are sets of literals (ids in guardScanner, as bit sets): a
	// match holds one literal of each set. None: no guard.
	needs []litSet
}

// litSet is a set of literal ids.
type litSet []uint64

func (ls litSet) has(id int32) bool {
	w := int(id / 64)
	return w < len(ls) && ls[w]&(1<<(id%64)) != 0
}

func makeSet(lits []string) litSet {
	var ls litSet
	for _, l := range lits {
		id := guardLit(l)
		for int(id/64) >= len(ls) {
			ls = append(ls, 0)
		}
		ls[id/64] |= 1 << (id % 64)
	}
	return ls
}

// The literals of every guard, and the one scanner that finds them,
// built with the guards the first time a sentence is read (guardsOnce),
// so that no command pays for them at start-up.
var (
	guardLits    []string
	guardIndex   = map[string]int32{}
	guardScanner *aho.Scanner
	guardsOnce   sync.Once
	guards       struct {
		orgSubject, readerDuty, timeLimit, readerReceives, bareReceives, readerActs,
		commitModal, presentVerb, hedges, targetWords, negation, conditionWords,
		faultCondition, readerConditionWords *guarded
	}
)

func loadGuards() {
	guardsOnce.Do(func() {
		compileExpressions()
		guards.orgSubject = guard(orgSubject)
		guards.readerDuty = guard(readerDuty)
		guards.timeLimit = guard(timeLimit)
		guards.readerReceives = guard(readerReceives)
		guards.bareReceives = guard(bareReceives)
		guards.readerActs = guard(readerActs)
		guards.commitModal = guard(commitModal)
		guards.presentVerb = guard(presentVerb)
		guards.hedges = guard(hedges)
		guards.targetWords = guard(targetWords)
		guards.negation = guard(negation)
		guards.conditionWords = guard(conditionWords)
		guards.faultCondition = guard(faultCondition)
		guards.readerConditionWords = guard(readerConditionWords)
		guardScanner = aho.New(guardLits)
	})
}

// guard builds the guard of re.
func guard(re *regexp.Regexp) *guarded {
	g := &guarded{re: re}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		g.parts = []guardPart{{re: re}}
		return g
	}
	parts, ordered := split(tree)
	g.ordered = ordered && len(parts) > 1
	for _, part := range parts {
		gp := guardPart{re: re}
		if part != tree {
			gp.re = regexp.MustCompile(part.String())
		}
		for _, lits := range requiredAll(part) {
			gp.needs = append(gp.needs, makeSet(lits))
		}
		g.parts = append(g.parts, gp)
	}
	return g
}

func guardLit(l string) int32 {
	if id, ok := guardIndex[l]; ok {
		return id
	}
	id := int32(len(guardLits))
	guardLits = append(guardLits, l)
	guardIndex[l] = id
	return id
}

// split splits re at its widest alternation reached through
// concatenations and captures, one expression per branch, in order:
// prefix (a|b) suffix matches where prefix a suffix or prefix b suffix
// does, and each branch has a guard of its own, so a sentence runs only
// the branches whose words it holds. ordered is set when nothing but
// zero-width assertions (\b, ^) comes before the alternation: then the
// leftmost-first match of re is the leftmost of the branches' matches, the
// earlier branch winning a tie.
func split(re *syntax.Regexp) (parts []*syntax.Regexp, ordered bool) {
	type found struct {
		alt      *syntax.Regexp
		zeroLead bool
	}
	var alts []found
	var walk func(r *syntax.Regexp, zeroLead bool) bool // reports whether r is zero-width
	walk = func(r *syntax.Regexp, zeroLead bool) bool {
		switch r.Op {
		case syntax.OpAlternate:
			alts = append(alts, found{r, zeroLead})
			return false
		case syntax.OpCapture:
			return walk(r.Sub[0], zeroLead)
		case syntax.OpConcat:
			zero := true
			for _, s := range r.Sub {
				z := walk(s, zeroLead && zero)
				zero = zero && z
			}
			return zero
		}
		return zeroWidth(r)
	}
	walk(re, true)
	var best found
	for _, a := range alts {
		if best.alt == nil || len(a.alt.Sub) > len(best.alt.Sub) {
			best = a
		}
	}
	alt := best.alt
	if alt == nil || len(alt.Sub) < 2 {
		return []*syntax.Regexp{re}, false
	}
	saved := alt.Sub
	defer func() { alt.Sub = saved }()
	for _, b := range saved {
		alt.Sub = []*syntax.Regexp{b}
		// Reparse the printed form: a copy that no later change shares.
		cp, err := syntax.Parse(re.String(), syntax.Perl)
		if err != nil {
			return []*syntax.Regexp{re}, false
		}
		parts = append(parts, cp)
	}
	return parts, best.zeroLead
}

// requiredAll is sets of literals a match of r holds one of each of.
func requiredAll(r *syntax.Regexp) [][]string {
	if e, ok := exact(r); ok {
		for _, s := range e {
			if s == "" {
				return nil
			}
		}
		return [][]string{e}
	}
	switch r.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return requiredAll(r.Sub[0])
	case syntax.OpRepeat:
		if r.Min >= 1 {
			return requiredAll(r.Sub[0])
		}
	case syntax.OpAlternate:
		if l, ok := required(r); ok {
			return [][]string{l}
		}
	case syntax.OpConcat:
		var out [][]string
		run := []string{""}
		flush := func() {
			if len(run) > 0 && shortest(run) > 0 {
				out = append(out, run)
			}
			run = []string{""}
		}
		for _, s := range r.Sub {
			if zeroWidth(s) {
				continue
			}
			if e, ok := exact(s); ok {
				if n := cross(run, e); len(n) <= maxExact {
					run = n
					continue
				}
				flush()
				run = e
				continue
			}
			flush()
			out = append(out, requiredAll(s)...)
		}
		flush()
		return out
	}
	return nil
}

func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}

// maxExact bounds the strings an exact set enumerates.
const maxExact = 64

// exact is the finite set of strings r matches (lower-cased; ok false
// when not finite or too many, or when case folding reaches beyond ASCII).
func exact(r *syntax.Regexp) ([]string, bool) {
	fold := r.Flags&syntax.FoldCase != 0
	switch r.Op {
	case syntax.OpLiteral:
		var b strings.Builder
		for _, c := range r.Rune {
			if c >= utf8.RuneSelf && fold && unicode.SimpleFold(c) != c {
				return nil, false
			}
			b.WriteRune(c)
		}
		return []string{asciiLower(b.String())}, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(r.Rune); i += 2 {
			lo, hi := r.Rune[i], r.Rune[i+1]
			if hi-lo > 8 || hi >= utf8.RuneSelf {
				return nil, false
			}
			for c := lo; c <= hi; c++ {
				out = append(out, asciiLower(string(c)))
			}
		}
		return dedupe(out), len(out) > 0 && len(out) <= maxExact
	case syntax.OpCapture:
		return exact(r.Sub[0])
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpQuest:
		s, ok := exact(r.Sub[0])
		if !ok {
			return nil, false
		}
		return dedupe(append(s, "")), true
	case syntax.OpAlternate:
		var out []string
		for _, s := range r.Sub {
			e, ok := exact(s)
			if !ok {
				return nil, false
			}
			out = append(out, e...)
		}
		out = dedupe(out)
		return out, len(out) <= maxExact
	case syntax.OpConcat:
		out := []string{""}
		for _, s := range r.Sub {
			e, ok := exact(s)
			if !ok {
				return nil, false
			}
			out = cross(out, e)
			if len(out) > maxExact {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// asciiLower lower-cases ASCII letters only, as the scanner folds them.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// zeroWidth reports whether r matches only the empty string (\b, ^, $).
func zeroWidth(r *syntax.Regexp) bool {
	switch r.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// required is a set of literals one of which every match of r contains
// (lower-cased), and false when there is none.
func required(r *syntax.Regexp) ([]string, bool) {
	if e, ok := exact(r); ok {
		for _, s := range e {
			if s == "" {
				return nil, false
			}
		}
		return e, true
	}
	switch r.Op {
	case syntax.OpCapture:
		return required(r.Sub[0])
	case syntax.OpPlus:
		return required(r.Sub[0])
	case syntax.OpRepeat:
		if r.Min >= 1 {
			return required(r.Sub[0])
		}
	case syntax.OpAlternate:
		var out []string
		for _, s := range r.Sub {
			l, ok := required(s)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		return dedupe(out), true
	case syntax.OpConcat:
		// Runs of exact parts (zero-width ones between them do not
		// break a run) make whole literals; else the best part's own.
		var best []string
		better := func(c []string) {
			if len(c) == 0 {
				return
			}
			for _, s := range c {
				if s == "" {
					return
				}
			}
			if best == nil || shortest(c) > shortest(best) || shortest(c) == shortest(best) && len(c) < len(best) {
				best = c
			}
		}
		run := []string{""}
		for _, s := range r.Sub {
			if zeroWidth(s) {
				continue
			}
			if e, ok := exact(s); ok {
				if n := cross(run, e); len(n) <= maxExact {
					run = n
					continue
				}
				better(run)
				run = e
				continue
			}
			better(run)
			run = []string{""}
			if l, ok := required(s); ok {
				better(l)
			}
		}
		better(run)
		return best, best != nil
	}
	return nil, false
}

// sentenceHits are where the guards' literals occur in one sentence.
type sentenceHits struct {
	// all: the sentence holds a rune that case folding matches beyond
	// ASCII (ſ, K), which the byte scanner cannot see: no guard holds.
	all  bool
	hits []guardHit
}

type guardHit struct {
	lit        int32
	start, end int
}

func scanGuards(text string) sentenceHits {
	loadGuards()
	var sh sentenceHits
	if strings.Contains(text, "\u017f") || strings.Contains(text, "\u212a") {
		sh.all = true
		return sh
	}
	lens := guardScanner.Lens()
	guardScanner.Scan(text, func(lit int32, end int) {
		sh.hits = append(sh.hits, guardHit{lit: lit, start: end - lens[lit], end: end})
	})
	return sh
}

// may reports whether each set of needs has a literal within [lo, hi).
func (sh *sentenceHits) may(needs []litSet, lo, hi int) bool {
	if sh.all {
		return true
	}
	for _, ls := range needs {
		found := false
		for _, h := range sh.hits {
			if h.start >= lo && h.end <= hi && ls.has(h.lit) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// match is g.re.MatchString(text[lo:hi]), where sh are text's hits.
func (g *guarded) match(sh *sentenceHits, text string, lo, hi int) bool {
	for i := range g.parts {
		p := &g.parts[i]
		if sh.may(p.needs, lo, hi) && p.re.MatchString(text[lo:hi]) {
			return true
		}
	}
	return false
}

// find is g.re.FindStringIndex(text[lo:hi]), where sh are text's hits.
func (g *guarded) find(sh *sentenceHits, text string, lo, hi int) []int {
	if !g.ordered {
		if !g.possible(sh, lo, hi) {
			return nil
		}
		return g.re.FindStringIndex(text[lo:hi])
	}
	var best []int
	for i := range g.parts {
		p := &g.parts[i]
		if !sh.may(p.needs, lo, hi) {
			continue
		}
		// a later branch wins only by starting earlier
		if loc := p.re.FindStringIndex(text[lo:hi]); loc != nil && (best == nil || loc[0] < best[0]) {
			best = loc
		}
	}
	return best
}

// possible reports whether g.re may match in text[lo:hi] at all.
func (g *guarded) possible(sh *sentenceHits, lo, hi int) bool {
	for i := range g.parts {
		if sh.may(g.parts[i].needs, lo, hi) {
			return true
		}
	}
	return false
}
