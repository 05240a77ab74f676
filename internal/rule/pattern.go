package rule

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
)

// pattern is one compiled evidence pattern. Expr is the pattern as written;
// re is the rewritten expression that runs.
type pattern struct {
	expr string
	opt  patternOptions
	re   *regexp.Regexp
	pre  prefilter
	// scan is set when a rule searches the text for the pattern; a
	// pattern only heading rules use runs on headings alone, and its
	// literals stay out of the scanner.
	scan bool
	// tree is the rewritten syntax until the prefilter is worked out
	// from it (analyzed): only for patterns the text is searched for.
	tree     *syntax.Regexp
	analyzed bool
	// variants are the programs made for windows (see windowRegexp).
	variants variants
}

// patternOptions are the evidence settings that change how a pattern matches.
type patternOptions struct {
	matchCase   bool
	numberWords bool
}

// spaceClass is what whitespace in a pattern matches: ASCII whitespace,
// no-break and other Unicode spaces, so that phrases match across line
// breaks, runs of spaces and U+00A0.
var spaceClass = []rune{
	'\t', '\n', '\v', '\v', '\f', '\r', ' ', ' ',
	0x85, 0x85, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a,
	0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000,
	'\t', '\t',
}

func init() {
	// The \t pair at the end keeps the literal above readable; normalise.
	spaceClass = normalizeRanges(spaceClass)
}

// numberWordsExpr matches a number written in words, from zero to
// ninety-nine, and round hundreds ("a hundred", "two hundred").
const numberWordsExpr = `\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s\x{a0}]+(?:one|two|three|four|five|six|seven|eight|nine))?|(?:a|one|two|three|four|five|six|seven|eight|nine)[\s\x{a0}]+hundred|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b`

var numberWordsTree = mustParse(numberWordsExpr, syntax.Perl|syntax.FoldCase)

func mustParse(expr string, flags syntax.Flags) *syntax.Regexp {
	re, err := syntax.Parse(expr, flags)
	if err != nil {
		panic(err)
	}
	return re
}

// compilePattern rewrites and compiles one pattern. Errors carry the
// pattern's position and RE2's own message.
func compilePattern(p checklist.Pattern, opt patternOptions) (*pattern, *diag.Error) {
	cp, err := parsePattern(p, opt)
	if err == nil {
		cp.analyze()
	}
	return cp, err
}

// analyze works out the pattern's prefilter, once.
func (p *pattern) analyze() {
	if !p.analyzed {
		p.pre, p.analyzed, p.tree = analyze(p.tree), true, nil
	}
}

// parsePattern is compilePattern without the prefilter, which a pattern
// run only on headings and sentences never needs: the Set works it out
// for the patterns the text is searched for (buildScanner), so that
// compiling every built-in checklist costs little at start-up.
func parsePattern(p checklist.Pattern, opt patternOptions) (*pattern, *diag.Error) {
	flags := syntax.Perl
	if !opt.matchCase {
		flags |= syntax.FoldCase
	}
	tree, err := syntax.Parse(p.Expr, flags)
	if err != nil {
		return nil, diag.Errorf(p.Pos, "bad pattern %q: %s", p.Expr, reErrorText(err))
	}
	tree = rewrite(tree, opt, false)
	re, err := regexp.Compile(programSource(tree))
	if err != nil {
		return nil, diag.Errorf(p.Pos, "bad pattern %q: %s", p.Expr, reErrorText(err))
	}
	return &pattern{expr: p.Expr, opt: opt, re: re, tree: tree}, nil
}

// source is the rewritten pattern as regexp/syntax writes it, with case
// folding as (?i:…): what another tool would run to do the same search.
func (p *pattern) source() string {
	flags := syntax.Perl
	if !p.opt.matchCase {
		flags |= syntax.FoldCase
	}
	tree, err := syntax.Parse(p.expr, flags)
	if err != nil {
		return p.re.String() // cannot happen: it parsed when compiled
	}
	return rewrite(tree, p.opt, false).String()
}

// reErrorText is RE2's error without Go's "error parsing regexp: " prefix.
func reErrorText(err error) string {
	if se, ok := err.(*syntax.Error); ok {
		return string(se.Code) + ": `" + se.Expr + "`"
	}
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}

// rewrite applies the matching rules of evidence patterns to a parsed
// pattern: whitespace matches any run of whitespace, and (with number
// words) a digit matches a number written as words. repeated is true
// inside a repetition, where a whitespace class is widened but not itself
// repeated.
func rewrite(re *syntax.Regexp, opt patternOptions, repeated bool) *syntax.Regexp {
	switch re.Op {
	case syntax.OpLiteral:
		return rewriteLiteral(re, repeated)
	case syntax.OpCharClass:
		if isDigitClass(re.Rune) && opt.numberWords {
			return digitsOrWords(re, opt)
		}
		if isSpaceClass(re.Rune) {
			cls := &syntax.Regexp{Op: syntax.OpCharClass, Rune: spaceClass}
			if repeated {
				return cls
			}
			return plus(cls)
		}
		return re
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		sub := re.Sub[0]
		if sub.Op == syntax.OpCharClass && isDigitClass(sub.Rune) && opt.numberWords {
			return digitsOrWords(re, opt)
		}
		re.Sub[0] = rewrite(sub, opt, true)
		return re
	}
	for i, sub := range re.Sub {
		re.Sub[i] = rewrite(sub, opt, false)
	}
	return re
}

// rewriteLiteral splits a literal at its spaces, each run of spaces becoming
// one or more whitespace characters.
func rewriteLiteral(re *syntax.Regexp, repeated bool) *syntax.Regexp {
	if !strings.ContainsRune(string(re.Rune), ' ') {
		return re
	}
	if len(re.Rune) == 1 && repeated {
		return &syntax.Regexp{Op: syntax.OpCharClass, Rune: spaceClass}
	}
	var parts []*syntax.Regexp
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, &syntax.Regexp{Op: syntax.OpLiteral, Rune: cur, Flags: re.Flags})
			cur = nil
		}
	}
	for i, r := range re.Rune {
		if r != ' ' {
			cur = append(cur, r)
			continue
		}
		if i > 0 && re.Rune[i-1] == ' ' {
			continue
		}
		flush()
		parts = append(parts, plus(&syntax.Regexp{Op: syntax.OpCharClass, Rune: spaceClass}))
	}
	flush()
	if len(parts) == 1 {
		return parts[0]
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Sub: parts}
}

func plus(sub *syntax.Regexp) *syntax.Regexp {
	return &syntax.Regexp{Op: syntax.OpPlus, Sub: []*syntax.Regexp{sub}}
}

// digitsOrWords returns (?:re|number-words).
func digitsOrWords(re *syntax.Regexp, opt patternOptions) *syntax.Regexp {
	words := cloneTree(numberWordsTree)
	return &syntax.Regexp{Op: syntax.OpAlternate, Sub: []*syntax.Regexp{re, words}}
}

func cloneTree(re *syntax.Regexp) *syntax.Regexp {
	c := *re
	c.Sub = make([]*syntax.Regexp, len(re.Sub))
	for i, s := range re.Sub {
		c.Sub[i] = cloneTree(s)
	}
	c.Rune = append([]rune(nil), re.Rune...)
	return &c
}

func isDigitClass(r []rune) bool {
	return len(r) == 2 && r[0] == '0' && r[1] == '9'
}

// isSpaceClass reports whether a class is \s (or [ \t\n...]): every rune of
// it is whitespace and it holds a space.
func isSpaceClass(r []rune) bool {
	hasSpace := false
	for i := 0; i+1 < len(r); i += 2 {
		for c := r[i]; c <= r[i+1]; c++ {
			if !unicode.IsSpace(c) {
				return false
			}
			if c == ' ' {
				hasSpace = true
			}
		}
	}
	return hasSpace
}

// normalizeRanges sorts and merges rune ranges (pairs lo, hi).
func normalizeRanges(r []rune) []rune {
	type rg struct{ lo, hi rune }
	var rs []rg
	for i := 0; i+1 < len(r); i += 2 {
		rs = append(rs, rg{r[i], r[i+1]})
	}
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].lo < rs[j-1].lo; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	var out []rune
	for _, x := range rs {
		n := len(out)
		if n > 0 && x.lo <= out[n-1]+1 {
			if x.hi > out[n-1] {
				out[n-1] = x.hi
			}
			continue
		}
		out = append(out, x.lo, x.hi)
	}
	return out
}
