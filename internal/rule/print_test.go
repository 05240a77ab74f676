package rule

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
)

// progOf is the program regexp.Compile makes of src.
func progOf(t *testing.T, src string) string {
	t.Helper()
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		t.Fatalf("compile %q: %v", src, err)
	}
	return prog.String()
}

// samePrograms checks that programSource(tree) and tree.String() parse to
// the same program.
func samePrograms(t *testing.T, what string, tree *syntax.Regexp) {
	t.Helper()
	if got, want := progOf(t, programSource(tree)), progOf(t, tree.String()); got != want {
		t.Errorf("%s: programSource %q\ngives the program\n%s\nwhere String %q gives\n%s", what, programSource(tree), got, tree.String(), want)
	}
}

// TestProgramSourceBuiltins: every pattern of every built-in checklist, as
// rewritten, and with its text edges taken away as windowRegexp takes
// them, compiles from programSource to the program it compiled to from
// String.
func TestProgramSourceBuiltins(t *testing.T) {
	cls, err := checklist.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	var items []*checklist.Item
	for _, cl := range cls {
		items = append(items, cl.Items()...)
	}
	set, err := Compile(items)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.patterns) < 100 {
		t.Fatalf("only %d patterns compiled", len(set.patterns))
	}
	for _, p := range set.patterns {
		flags := syntax.Perl
		if !p.opt.matchCase {
			flags |= syntax.FoldCase
		}
		parse := func() *syntax.Regexp {
			tree, err := syntax.Parse(p.expr, flags)
			if err != nil {
				t.Fatal(err)
			}
			return rewrite(tree, p.opt, false)
		}
		samePrograms(t, p.expr, parse())
		samePrograms(t, p.expr+" (no \\A)", noEdges(parse(), true, false))
		samePrograms(t, p.expr+" (no \\z)", noEdges(parse(), false, true))
		samePrograms(t, p.expr+" (no edges)", noEdges(parse(), true, true))
		if p.scan && p.source() != parse().String() {
			t.Errorf("%s: Expressions gives %q, not regexp/syntax's %q", p.expr, p.source(), parse().String())
		}
	}
}

// TestProgramSourceOps covers the operators the built-ins may not use.
func TestProgramSourceOps(t *testing.T) {
	for _, src := range []string{
		`(?i)café`, `a.b`, `(?s)a.b`, `(?m)^a$`, `^a$`, `\Aa\z`, `\bx\B`,
		`(?i)[^a-z]+`, `[^\n]`, `[\x{0}-\x{10ffff}]`, `a{2}`, `a{2,}`, `a{2,5}?`, `a*?b+?c??`,
		`(?P<n>x)|(y)`, `(?:)`, `x|`, `(?i)ab|ac`, `[[:alpha:]]`, `\pL+`, `(?U)a+`,
		`[-\]\\^]`, `\.\*\?\(\)\|\[\{\$`, "tab\there", `(?i)\x{212a}`, `(?:ab)*`,
	} {
		tree, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		samePrograms(t, src, tree)
	}
	samePrograms(t, "no match", &syntax.Regexp{Op: syntax.OpNoMatch})
	samePrograms(t, "empty class", &syntax.Regexp{Op: syntax.OpCharClass})
}

// TestProgramSourceIsQuick is why programSource exists: String folds
// every rune of a negated class, each time it is called.
func TestProgramSourceIsQuick(t *testing.T) {
	var parts []string
	for i := 0; i < 50; i++ {
		parts = append(parts, `[^.!?]+ word`)
	}
	tree, err := syntax.Parse(strings.Join(parts, "|"), syntax.Perl|syntax.FoldCase)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	src := programSource(tree)
	quick := time.Since(start)
	start = time.Now()
	_ = tree.String()
	slow := time.Since(start)
	if quick*5 > slow {
		t.Errorf("programSource took %v, String %v: expected it at least 5 times quicker", quick, slow)
	}
	if _, err := regexp.Compile(src); err != nil {
		t.Fatal(err)
	}
}
