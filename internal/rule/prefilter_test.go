package rule

import (
	"fmt"
	"math/rand"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/aho"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/race"
)

func TestLiterals(t *testing.T) {
	cases := []struct {
		expr string
		want []string // each anchor's need: its literals, or [class]
	}{
		{`within \d+ (working )?days`, []string{"within"}},
		{`apologi[sz]e for any inconvenience`, []string{"inconvenience"}},
		{`complaints?`, []string{"complaint"}},
		// An alternation is split: an anchor per branch (after RE2 has
		// taken out the common prefix).
		{`\b(ombudsman|ombudsperson)\b`, []string{"ombuds"}},
		{`\b(complaints|ombudsman)\b`, []string{"complaints", "ombudsman"}},
		{`(?i)CHARTER`, []string{"charter"}},
		{`as soon as (possible|practicable)`, []string{"possible practicable"}},
		{`\d+ days`, []string{"days"}},
		{`.*`, nil},                           // no literal
		{`^complaint`, []string{"complaint"}}, // \A only in a window at the start
		{`[^.]*charter`, nil},                 // unbounded and crosses lines
		{`a`, nil},                            // too short
		{`ab`, []string{"ab"}},                // short, but better than the whole text
		{`caf[eé]`, []string{"cafe caf\u00c9 café"}},
		// Digits and rare punctuation anchor where no literal does.
		{`\b\d{1,2}(am|pm)\b`, []string{"am", "pm"}}, // each with the digits as also
		{`\d+(\.\d+)?\s*(%|per\s*cent)`, []string{"[%]", "cent"}},
		{`\b\d{1,2}:\d\d\b`, []string{"[:]"}},
		{`\b\d+\b`, []string{"[0-9]"}},
		{`\d+%|x\d+`, []string{"[%]", "[0-9]"}},
		// Only a truly literal-less branch makes the whole text scanned.
		{`complaints|[a-z]+`, nil},
		{`complaints|[a-z]+ing`, []string{"complaints", "ing"}},
		// An unbounded branch that needs a literal splits too: its
		// window is the whole text, in documents holding the literal.
		{`\bcases\b[^|]*\|\s*\d+\s*$|\d+%`, []string{"cases", "[%]"}},
		{`[^|]*\|\s*\d+$|\d+%`, []string{"[|]", "[%]"}},
		{`[^|]*\d+|\d+%`, []string{"[0-9]", "[%]"}}, // a text with no digit has no match
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			p, err := compilePattern(checklist.Pattern{Expr: tc.expr}, patternOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range p.pre.anchors {
				got = append(got, a.need.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("anchors of %s (-want +got):\n%s", p.re, diff)
			}
		})
	}
}

// TestFoldOutliers pins the runes statsOf looks for.
func TestFoldOutliers(t *testing.T) {
	if diff := cmp.Diff([]string{"\u017f", "\u212a"}, foldOutliers); diff != "" {
		t.Errorf("foldOutliers (-want +got):\n%s", diff)
	}
	if !statsOf("a \u212a").foldOutlier || statsOf("a b é").foldOutlier {
		t.Error("statsOf does not see the fold outliers")
	}
}

func TestStats(t *testing.T) {
	got := statsOf("ab 123x4567\n\n  \u00a0foo_bar1 é\nxyz")
	want := textStats{longestSpace: 6, longestLine: 15, longestDigits: 4, longestWord: 8, longestNonWord: 6, longestToken: 8}
	if got != want {
		t.Errorf("statsOf = %+v, want %+v", got, want)
	}
	// "_" is a word character for \w but bounds runs of markup as well.
	if got := statsOf("a _ _\n> b").longestNonWord; got != 7 {
		t.Errorf("longest run of non-word runes in markup = %d, want 7", got)
	}
}

func TestSpan(t *testing.T) {
	cases := []struct {
		expr string
		want span
	}{
		{`days`, span{c: 4}},
		{`within \d+`, span{c: 6, w: 1, d: 1}},
		{`\w+ing`, span{c: 3, a: 1}},
		{`(?-i)a{2,3}b?`, span{c: 4}},
		{`x.*y`, span{c: 2, l: 1}},
		{`x(?s:.*)y`, span{c: 2, inf: true}},
		// Spaces and punctuation: bound by the longest run of them, not
		// by the longest line (one-line documents).
		{`\d+[\s-]+hours`, span{c: 5, d: 1, o: 1}},
		{`a[-–,.\s]*b`, span{c: 2, o: 1}},
		{`a[^b]*b`, span{c: 2, inf: true}},
	}
	for _, tc := range cases {
		p, err := compilePattern(checklist.Pattern{Expr: tc.expr}, patternOptions{matchCase: true})
		if err != nil {
			t.Fatal(err)
		}
		if p.pre.span != tc.want {
			t.Errorf("span of %s = %+v, want %+v", tc.expr, p.pre.span, tc.want)
		}
	}
}

func TestScanner(t *testing.T) {
	lits := []string{"complain", "complaints", "plain", "ain", "days", "ombudsman", "café"}
	sc := aho.New(lits)
	text := "COMPLAINTS take days; Complain to the OMBUDSMAN, the café is plain."
	var got []string
	sc.Scan(text, func(lit int32, end int) { got = append(got, fmt.Sprintf("%s@%d", lits[lit], end)) })
	var want []string
	lower := lowerASCII(text)
	for end := 1; end <= len(text); end++ {
		for _, l := range lits {
			if strings.HasSuffix(lower[:end], l) {
				want = append(want, fmt.Sprintf("%s@%d", l, end))
			}
		}
	}
	if diff := cmp.Diff(sortedCopy(want), sortedCopy(got)); diff != "" {
		t.Errorf("scan hits (-brute force +scanner):\n%s", diff)
	}
}

func sortedCopy(s []string) []string { return dedup(append([]string(nil), s...)) }

// differentialPatterns are patterns of many shapes: the prefilter must
// never change what they match.
var differentialPatterns = []string{
	`within \d+ (working )?(days|hours)`, `within \d+ rings`, `as soon as (possible|practicable)`,
	`apologi[sz]e for any inconvenience`, `complaints?`, `\bcomplain`, `ombudsman`, `(?m)^complaints`,
	`days$`, `(?m)days$`, `\bday\b`, `charter.*promise`, `\w+ing days`, `[a-z]+ days`, `we (will|shall) (reply|respond)`,
	`\d+`, `\s+days`, `your\s+rights`, `kept`, `service\s*standards?`, `(?i:NHS)`, `(?-i:NHS)`, `\bcaf[eé]\b`,
	`named\s+(person|contact)`, `(call|phone|ring) us`, `\d{1,2} (working )?days`, `x*complaint y*`,
	`(?s)charter.*?standard`, `promise[^.]*kept`, `\Bplain`, `a(b|c)d`, `ſome`,
	`\d+[\s-]+hours?`, `days[-–,.\s]*(we|complain)`, `(\s|-|\.)+ombudsman`, `twenty-one[^\w]*days`,
	// Anchored on digits, rare punctuation and split alternations.
	`\b\d{1,2}(am|pm)\b`, `\b\d{1,2}[.:]\d\d\s*(am|pm)?\b`, `\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b`, `\(?0\d+\)?[\s-]*\d+`,
	`\d+(\.\d+)?\s*(%|per\s*cent)`, `\bQ[1-4]\b`, `\b(in|during|for)\s+20\d\d\b`, `\b20\d\d\s*[/–-]\s*\d\d\b`,
	`\b(?:going forward|leverage|synergy|best-in-class|reach out|service offer|service offering)\b`,
	`regards\s*[,.]?[ \t]*(\n|$)`, `\Acharter|kept\z|(?m)^we`, `(?m)^[\s>*_#-]*(dear|hello)\s+\w`,
	`(ab|cd)xyzzy`, `\d+%|x\d+`, `complaints|[a-z]+ing`, `(complain|phone|\d+)\s+(us|days)`,
	`\blast\s+(year|quarter|month)\b|\b(in|during|for)\s+20\d\d\b|\b(achieved|results?|kept)\b|\bQ[1-4]\b`,
	`\d+(\.\d+)?\s*(%|per\s*cent)|\b\d[\d,]*\s+(formal\s+)?(complaints|compliments)\b|\b\d(\.\d)?\s+out\s+of\s+(5|10)\b`,
	// Reach bounded by the longest token, and unbounded branches.
	`\b20\d\d\s+\d[\d,]*\s+\d[\d,]*\b`, `[^\s]+\s+days`, `\bcomplaints\b[^|]*(\|[^|]*)?\|\s*\d[\d,]*\s*$|\d+%`,
	`[^|]*\|\s*\d+|\bQ[1-4]\b`, `(?m)^[^|]*\|\s*\d+\s*$|\bout\s+of\b`,
}

var vocabulary = strings.Fields(`complain complaints complaint ombudsman within working days day hours rings
	as soon possible practicable apologise apologize for any inconvenience we will shall reply respond
	charter promise kept service standards standard NHS nhs café cafe named person contact call phone ring us
	your rights 10 3 twenty-one ten x y a the of to and ſome Kept KEPT Complaints DAYS acd abd plain explain
	10am 3pm 9.30 am 12:45pm PM 0161 496 0000 01632 960 001 (0161) 50% 7.5 per cent percent Q3 q4 Q5 2024 2023/24 2025–26
	in during last year quarter month achieved result results going forward leverage synergy best-in-class reach out
	service offer offering regards Regards, dear Dear > _ __ # ** hello abxyzzy cdxyzzy xyzzy x12 42% compliments formal out of 5 1,200 4.5
	| |412 1,234,567 received`)

var separators = []string{" ", " ", " ", "\n", "  ", "\t", "\u00a0", ". ", ", ", "\n\n", "\r\n", " - ", " – ", "-", "\u0301 ", " \xff "}

func randomText(r *rand.Rand, words int) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		if i > 0 {
			b.WriteString(separators[r.Intn(len(separators))])
		}
		b.WriteString(vocabulary[r.Intn(len(vocabulary))])
	}
	return b.String()
}

// TestPrefilterMatchesNaive runs every pattern over random documents with
// and without the prefilter and wants the same matches.
func TestPrefilterMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var docs []*document.Document
	n := 150
	if race.Enabled {
		// The comparison is single-threaded: under the race detector
		// (15× slower here) the first 40 documents keep every pattern
		// and option compared.
		n = 40
	}
	for i := 0; i < n; i++ {
		docs = append(docs, doc(fmt.Sprintf("d%d.md", i), randomText(r, 5+r.Intn(400))))
	}
	for _, opt := range []patternOptions{{}, {matchCase: true}, {numberWords: true}} {
		compareMatches(t, differentialPatterns, opt, docs)
	}
}

func compareMatches(t *testing.T, exprs []string, opt patternOptions, docs []*document.Document) {
	t.Helper()
	set := &Set{byKey: map[patternKey]int{}}
	c := &compiler{set: set, opt: opt}
	ids := c.patterns(pats(exprs...))
	if len(c.errs) > 0 {
		t.Fatal(c.errs)
	}
	set.buildScanner()
	for _, d := range docs {
		fast := set.newEvidence([]*document.Document{d})
		set.naive = true
		slow := set.newEvidence([]*document.Document{d})
		set.naive = false
		for _, id := range ids {
			// A search cut short finds the first matches of the whole.
			if diff := cmp.Diff(slow.matchesUpTo(id, 2), fast.matchesUpTo(id, 2), cmp.AllowUnexported(match{})); diff != "" {
				t.Fatalf("first 2 of %q (%v) on %q: (-naive +prefiltered):\n%s", set.patterns[id].expr, opt, d.Text, diff)
			}
			if diff := cmp.Diff(slow.matches(id), fast.matches(id), cmp.AllowUnexported(match{})); diff != "" {
				t.Fatalf("pattern %q (%v) on %q: (-naive +prefiltered):\n%s", set.patterns[id].expr, opt, d.Text, diff)
			}
		}
	}
}

// FuzzEvaluate checks that the prefilter never changes an outcome and that
// nothing panics, whatever the text and pattern.
func FuzzEvaluate(f *testing.F) {
	f.Add("We reply within 10\nworking days.", `within \d+ working days`, false)
	f.Add("Complain to the ombudsman", `\bcomplain\w*`, true)
	f.Add("ſome \u212aept café", `some|kept|caf[eé]`, false)
	f.Add("a\u00a0b\x00c", `(?m)^b$`, false)
	f.Fuzz(func(t *testing.T, text, expr string, numbers bool) {
		if _, err := syntax.Parse(expr, syntax.Perl); err != nil {
			return
		}
		ev := checklist.Evidence{None: pats(expr), Any: pats(expr), Near: &checklist.Near{A: pat(expr), B: pat(`the`), Within: 3},
			Heading: &checklist.Pattern{Expr: expr}, NumberWords: numbers, Readability: &checklist.Readability{Min: 50},
			Jargon: &checklist.Jargon{Max: 1, Per: 100, Words: []string{expr}}}
		set, err := Compile(item(ev))
		if err != nil {
			return // the rewritten pattern may be too large for RE2
		}
		d := doc("f.md", text)
		got := set.Evaluate(d)
		set.naive = true
		want := set.Evaluate(d)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("(-naive +prefiltered):\n%s", diff)
		}
		for _, f := range got["t/x"].Findings {
			if n := utf8.RuneCountInString(f.Snippet); n > maxSnippet {
				t.Errorf("snippet of %d runes: %q", n, f.Snippet)
			}
			if i := strings.IndexFunc(f.Snippet+f.Message, func(r rune) bool {
				return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
			}); i >= 0 {
				t.Errorf("control or format character in %q / %q", f.Snippet, f.Message)
			}
		}
	})
}

// TestPosition checks that the cached positions of findings are those of
// document.Position, whatever order they are asked for in.
func TestPosition(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 20; i++ {
		d := doc("p.md", randomText(r, 50+r.Intn(200)))
		ev := (&Set{}).newEvidence([]*document.Document{d})
		offs := make([]int, 60)
		for j := range offs {
			offs[j] = r.Intn(len(d.Text) + 1)
			if j%3 != 0 && j > 0 { // mostly ascending runs, as findings come
				offs[j] = min(len(d.Text), offs[j-1]+r.Intn(20))
			}
		}
		for _, off := range offs {
			if got, want := ev.position(0, off), d.Position(off); got != want {
				t.Fatalf("position(%d) = %+v, want %+v in %q", off, got, want, d.Text)
			}
		}
	}
}

// TestHeadingNotScanned checks that a pattern only a heading rule uses
// stays out of the literal scan, and one shared with another rule does not.
func TestHeadingNotScanned(t *testing.T) {
	cases := []struct {
		name string
		ev   checklist.Evidence
		want int // literals in the scanner
	}{
		{"heading only", checklist.Evidence{Heading: &checklist.Pattern{Expr: `complaints?`}}, 0},
		{"heading and any", checklist.Evidence{Heading: &checklist.Pattern{Expr: `complaints?`}, Any: pats(`complaints?`)}, 1},
		{"heading and another any", checklist.Evidence{Heading: &checklist.Pattern{Expr: `complaints?`}, Any: pats(`ombudsman`)}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			set, err := Compile(item(tc.ev))
			if err != nil {
				t.Fatal(err)
			}
			if got := len(set.scanner.Lens()); got != tc.want {
				t.Errorf("scanner has %d literals, want %d", got, tc.want)
			}
			// And the outcome is that of running every pattern in full.
			d := doc("p.md", "# How to complain\nWrite to the ombudsman about complaints.")
			got := set.Evaluate(d)
			set.naive = true
			if diff := cmp.Diff(set.Evaluate(d), got); diff != "" {
				t.Errorf("(-naive +prefiltered):\n%s", diff)
			}
		})
	}
}

// TestManyClasses checks patterns anchored on more byte classes than one
// pass follows: the last class then stands for the rest, a superset, and
// the matches are still those of naive matching.
func TestManyClasses(t *testing.T) {
	const punct = `!"#$%&'()*+,-./:;<=>?@[]^{|}~0123456789`
	var exprs []string
	seen := map[string]bool{}
	for i := 0; len(exprs) < maxClasses+10 && i < len(punct)*len(punct); i++ {
		a, b := punct[i/len(punct)], punct[i%len(punct)]
		e := fmt.Sprintf(`\b[%s%s]\d`, regexp.QuoteMeta(string(a)), regexp.QuoteMeta(string(b)))
		if a != b && !seen[e] {
			seen[e] = true
			exprs = append(exprs, e)
		}
	}
	r := rand.New(rand.NewSource(3))
	var docs []*document.Document
	for i := 0; i < 30; i++ {
		var b strings.Builder
		for j := 0; j < 300; j++ {
			b.WriteByte(punct[r.Intn(len(punct))])
			if r.Intn(3) == 0 {
				b.WriteString(" word ")
			}
		}
		docs = append(docs, doc("m.md", b.String()))
	}
	set := &Set{byKey: map[patternKey]int{}}
	c := &compiler{set: set}
	c.patterns(pats(exprs...))
	set.buildScanner()
	if len(set.classes) != maxClasses {
		t.Fatalf("%d classes, want %d", len(set.classes), maxClasses)
	}
	compareMatches(t, exprs, patternOptions{}, docs)
}
