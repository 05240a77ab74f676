package rule

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/result"
)

func pos(line int) diag.Pos { return diag.Pos{File: "c.yaml", Line: line, Column: 5} }

func cmpDiff(a, b any) string { return cmp.Diff(a, b) }

func info(rule string, line, col int, snippet, msg string) result.Finding {
	return result.Finding{Rule: rule, File: "p.md", Line: line, Column: col, Snippet: snippet, Message: msg, Severity: "info"}
}

func fail(rule string, line, col int, snippet, msg string) result.Finding {
	return result.Finding{Rule: rule, File: "p.md", Line: line, Column: col, Snippet: snippet, Message: msg, Severity: "error"}
}

type ruleCase struct {
	name     string
	evidence checklist.Evidence
	docs     []*document.Document
	want     Outcome
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := evaluate(t, tc.evidence, tc.docs...)
			// Where a finding sits (its heading and sentence) is
			// TestFindingContext's.
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(result.Finding{}, "Heading", "Sentence")); diff != "" {
				t.Errorf("outcome (-want +got):\n%s", diff)
			}
		})
	}
}

func one(text string) []*document.Document { return []*document.Document{doc("p.md", text)} }

func TestAny(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name:     "one pattern matches",
			evidence: checklist.Evidence{Any: pats(`within \d+ (working )?days`, `within \d+ rings`)},
			docs:     one("# Our promise\nWe answer within 3 rings.\nWe reply within 10 days."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 3, 10, "We reply within 10 days.", `found "within 10 days"`),
				info("any", 2, 11, "We answer within 3 rings.", `found "within 3 rings"`),
			}},
		},
		{
			name:     "no pattern matches",
			evidence: checklist.Evidence{Any: pats(`within \d+ days`, `guarantee`)},
			docs:     one("We will reply promptly."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "any", File: "p.md", Message: "no evidence found: none of 2 patterns matched", Severity: "error"},
			}},
		},
		{
			name:     "at most three supporting findings",
			evidence: checklist.Evidence{Any: pats(`promise`)},
			docs:     one("promise\npromise\npromise\npromise"),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 1, "promise", `found "promise"`),
				info("any", 2, 1, "promise", `found "promise"`),
				info("any", 3, 1, "promise", `found "promise"`),
			}},
		},
	})
}

func TestAll(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name:     "every pattern matches",
			evidence: checklist.Evidence{All: pats(`complain`, `ombudsman`)},
			docs:     one("How to complain.\nThen the Ombudsman."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("all", 1, 8, "How to complain.", `found "complain"`),
				info("all", 2, 10, "Then the Ombudsman.", `found "Ombudsman"`),
			}},
		},
		{
			name:     "one is missing",
			evidence: checklist.Evidence{All: pats(`complain`, `ombudsman`)},
			docs:     one("How to complain."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "all", File: "p.md", Message: `missing 1 of 2 required phrases: "ombudsman"`, Severity: "error"},
				info("all", 1, 8, "How to complain.", `found "complain"`),
			}},
		},
	})
}

func TestNone(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name:     "anti-patterns found, each at its place",
			evidence: checklist.Evidence{None: pats(`as soon as (possible|practicable)`, `apologi[sz]e for any inconvenience`)},
			docs:     one("We will act as soon as possible.\nWe apologise for any inconvenience.\nAnd As Soon As Practicable."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				fail("none", 1, 13, "We will act as soon as possible.", `found "as soon as possible" (anti-pattern)`),
				fail("none", 3, 5, "And As Soon As Practicable.", `found "As Soon As Practicable" (anti-pattern)`),
				fail("none", 2, 4, "We apologise for any inconvenience.", `found "apologise for any inconvenience" (anti-pattern)`),
			}},
		},
		{
			name:     "clean document",
			evidence: checklist.Evidence{None: pats(`as soon as possible`)},
			docs:     one("We will act within two days."),
			want:     Outcome{Passed: true, Findings: []result.Finding{}},
		},
	})
}

func TestNear(t *testing.T) {
	near := checklist.Evidence{Near: &checklist.Near{A: pat(`complain`), B: pat(`ombudsman`), Within: 7}}
	runCases(t, []ruleCase{
		{
			name:     "within",
			evidence: near,
			docs:     one("If you are unhappy, the Ombudsman can look at how we handled your complaint."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("near", 1, 67, "If you are unhappy, the Ombudsman can look at how we handled your complaint.", `found "complain" within 7 words of "Ombudsman"`),
			}},
		},
		{
			name:     "only at its stage",
			evidence: checklist.Evidence{Near: &checklist.Near{A: pat(`extend`), B: pat(`ombudsman`), Within: 10, Stage: 2}},
			docs:     one("# Stage 1\nIf we extend the deadline we will tell you about the Ombudsman.\n# Stage 2\nWe may extend it again."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "near", File: "p.md", Message: `no match for "ombudsman", needed within 10 words of "extend" (counting only stage 2)`, Severity: "error"},
			}},
		},
		{
			name:     "at its stage",
			evidence: checklist.Evidence{Near: &checklist.Near{A: pat(`extend`), B: pat(`ombudsman`), Within: 10, Stage: 2}},
			docs:     one("# Stage 2\nIf we extend the deadline we will tell you about the Ombudsman."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("near", 2, 7, "If we extend the deadline we will tell you about the Ombudsman.", `found "extend" within 8 words of "Ombudsman"`),
			}},
		},
		{
			name:     "for every stage",
			evidence: checklist.Evidence{Near: &checklist.Near{A: pat(`extend`), B: pat(`ombudsman`), Within: 10, Stage: 2}},
			docs:     one("# Stage 1\nWhatever the stage, if we extend the deadline we will tell you about the Ombudsman."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("near", 2, 27, "Whatever the stage, if we extend the deadline we will tell you about the…", `found "extend" within 8 words of "Ombudsman"`),
			}},
		},
		{
			name:     "too far apart",
			evidence: near,
			docs:     one("You can complain to us at any time, and if that does not help the ombudsman."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "near", File: "p.md", Message: `found "complain" and "ombudsman", but never within 7 words of each other`, Severity: "error"},
			}},
		},
		{
			name:     "in different documents",
			evidence: near,
			docs:     []*document.Document{doc("a.md", "complain"), doc("b.md", "ombudsman")},
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "near", Message: `found "complain" and "ombudsman", but never within 7 words of each other`, Severity: "error"},
			}},
		},
		{
			name:     "b missing",
			evidence: near,
			docs:     one("complain"),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "near", File: "p.md", Message: `no match for "ombudsman", needed within 7 words of "complain"`, Severity: "error"},
			}},
		},
	})
}

func TestMin(t *testing.T) {
	ev := checklist.Evidence{Any: pats(`\bphone\b`), All: pats(`email`), Min: 3}
	runCases(t, []ruleCase{
		{
			name:     "enough across documents",
			evidence: ev,
			docs:     []*document.Document{doc("a.md", "phone us"), doc("b.md", "phone or email")},
			want: Outcome{Passed: true, Findings: []result.Finding{
				{Rule: "any", File: "a.md", Line: 1, Column: 1, Snippet: "phone us", Message: `found "phone"`, Severity: "info"},
				{Rule: "any", File: "b.md", Line: 1, Column: 1, Snippet: "phone or email", Message: `found "phone"`, Severity: "info"},
				{Rule: "all", File: "b.md", Line: 1, Column: 10, Snippet: "phone or email", Message: `found "email"`, Severity: "info"},
				{Rule: "min", Message: "found at least 3 matches", Severity: "info"},
			}},
		},
		{
			name:     "too few",
			evidence: ev,
			docs:     one("phone or email"),
			want: Outcome{Passed: false, Findings: []result.Finding{
				info("any", 1, 1, "phone or email", `found "phone"`),
				info("all", 1, 10, "phone or email", `found "email"`),
				{Rule: "min", File: "p.md", Message: "found 2 matches, fewer than the 3 required", Severity: "error"},
			}},
		},
	})
}

func TestHeading(t *testing.T) {
	ev := checklist.Evidence{Heading: &checklist.Pattern{Expr: `complaints?`, Pos: pos(1)}}
	runCases(t, []ruleCase{
		{
			name:     "a heading matches",
			evidence: ev,
			docs:     one("# About us\nText.\n# How to make a complaint\nMore."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("heading", 3, 3, "How to make a complaint", `found heading "How to make a complaint"`),
			}},
		},
		{
			name:     "only the body matches",
			evidence: ev,
			docs:     one("# About us\nWe welcome complaints."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				fail("heading", 0, 0, "", `no heading matches "complaints?"`),
			}},
		},
	})
}

func TestJargon(t *testing.T) {
	ev := checklist.Evidence{Jargon: &checklist.Jargon{Max: 1, Per: 10, Words: []string{"going forward", "leverage"}}}
	runCases(t, []ruleCase{
		{
			name:     "within the limit",
			evidence: ev,
			docs:     one("Going forward we will answer every letter within ten working days of receiving it."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("jargon", 0, 0, "", "0.7 jargon words per 10, at most 1"),
			}},
		},
		{
			name:     "over the limit, across a line break",
			evidence: ev,
			docs:     one("Going\nforward we leverage synergies."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				fail("jargon", 0, 0, "", `4 jargon words per 10, more than 1: "going forward" ×1, "leverage" ×1`),
				fail("jargon", 1, 1, "Going forward we leverage synergies.", `found "Going forward" (jargon)`),
				fail("jargon", 2, 12, "forward we leverage synergies.", `found "leverage" (jargon)`),
			}},
		},
	})
}

func TestReadability(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name:     "plain English passes",
			evidence: checklist.Evidence{Readability: &checklist.Readability{Min: 60}},
			docs:     one("# Heading words are not prose\nThe cat sat on the mat."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				{Rule: "readability", File: "p.md", Message: "reading ease 116.1, at least 60", Severity: "info"},
			}},
		},
		{
			name:     "dense prose fails",
			evidence: checklist.Evidence{Readability: &checklist.Readability{Min: 60}},
			docs:     one("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "readability", File: "p.md", Message: "reading ease 24.4, below 60", Severity: "error"},
			}},
		},
		{
			name:     "no prose",
			evidence: checklist.Evidence{Readability: &checklist.Readability{Min: 60}},
			docs:     one("# Only a heading"),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "readability", File: "p.md", Message: "no prose to measure reading ease", Severity: "error"},
			}},
		},
	})
}

// TestFleschPublished checks the reading ease of passages whose scores are
// published, within a tolerance: the syllable count is a heuristic.
func TestFleschPublished(t *testing.T) {
	cases := []struct {
		name, text string
		want, tol  float64
	}{
		// Flesch's own example of the easiest prose.
		{"cat on the mat", "The cat sat on the mat.", 116.1, 0.1},
		// Wikipedia, Flesch–Kincaid readability tests: grade 13.1, which
		// with 13 words and 26 syllables is reading ease 24.4.
		{"platypus", "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.", 24.4, 1},
		// The opening of the Gettysburg Address, commonly scored 60–65
		// (readable.com gives 62.3 for this sentence set with 3 sentences).
		{"gettysburg", "Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty, and dedicated to the proposition that all men are created equal. Now we are engaged in a great civil war, testing whether that nation, or any nation so conceived and so dedicated, can long endure. We are met on a great battle-field of that war.", 66, 6},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := measureProse(doc("p.md", tc.text)).fleschEase()
			if math.Abs(got-tc.want) > tc.tol {
				t.Errorf("reading ease = %.1f, want %.1f ± %.1f", got, tc.want, tc.tol)
			}
		})
	}
}

func TestSyllables(t *testing.T) {
	for word, want := range map[string]int{
		"cat": 1, "make": 1, "table": 2, "little": 2, "free": 1, "jumped": 1, "wanted": 2,
		"makes": 1, "boxes": 2, "pages": 2, "promises": 3, "services": 3, "Australian": 4,
		"reptilian": 4, "creature": 2, "seemingly": 3, "hybrid": 2, "information": 4,
		"special": 2, "complaints": 2, "ombudsman": 3, "café": 2, "10": 1, "people": 2,
		"readability": 5, "apologise": 4, "inconvenience": 5,
	} {
		if got := syllables(word); got != want {
			t.Errorf("syllables(%q) = %d, want %d", word, got, want)
		}
	}
}

func TestMatching(t *testing.T) {
	runCases(t, []ruleCase{
		{
			name:     "phrase wraps across lines",
			evidence: checklist.Evidence{Any: pats(`within ten working days`)},
			docs:     one("We reply within ten\nworking   days."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 10, "We reply within ten working days.", `found "within ten working days"`),
			}},
		},
		{
			name:     "no-break space and \\s",
			evidence: checklist.Evidence{Any: pats(`within\s10 days`)},
			docs:     one("within\u00a010\u00a0days"),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 1, "within 10 days", `found "within 10 days"`),
			}},
		},
		{
			name:     "number words when asked",
			evidence: checklist.Evidence{Any: pats(`within \d+ working days`, `\d{1,2} rings`), NumberWords: true},
			docs:     one("Within ten working days. Within twenty-one working days. In three rings."),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 1, "Within ten working days. Within twenty-one working days. In three rings.", `found "Within ten working days"`),
				info("any", 1, 26, "Within ten working days. Within twenty-one working days. In three rings.", `found "Within twenty-one working days"`),
				info("any", 1, 61, "Within ten working days. Within twenty-one working days. In three rings.", `found "three rings"`),
			}},
		},
		{
			name:     "number words not without the setting",
			evidence: checklist.Evidence{Any: pats(`within \d+ working days`)},
			docs:     one("Within ten working days."),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "any", File: "p.md", Message: `no evidence found: "within \d+ working days" did not match`, Severity: "error"},
			}},
		},
		{
			name:     "number words are whole words",
			evidence: checklist.Evidence{Any: pats(`\d+ days`), NumberWords: true},
			docs:     one("someone days"),
			want: Outcome{Passed: false, Findings: []result.Finding{
				{Rule: "any", File: "p.md", Message: `no evidence found: "\d+ days" did not match`, Severity: "error"},
			}},
		},
		{
			name:     "case-sensitive",
			evidence: checklist.Evidence{Any: pats(`NHS`), MatchCase: true},
			docs:     one("nhs and NHS"),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 9, "nhs and NHS", `found "NHS"`),
			}},
		},
		{
			name:     "case-insensitive by default",
			evidence: checklist.Evidence{Any: pats(`NHS`)},
			docs:     one("nhs"),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 1, "nhs", `found "nhs"`),
			}},
		},
		{
			name:     "control and bidi characters stripped from snippets",
			evidence: checklist.Evidence{None: pats(`as soon as possible`)},
			docs:     one("We\x1b[31m act\u202e as soon as possible\u0007 ok"),
			want: Outcome{Passed: false, Findings: []result.Finding{
				fail("none", 1, 14, "We[31m act as soon as possible ok", `found "as soon as possible" (anti-pattern)`),
			}},
		},
		{
			name:     "long snippets are cut at words",
			evidence: checklist.Evidence{Any: pats(`ombudsman`)},
			docs:     one(strings.Repeat("alpha beta ", 10) + "ombudsman" + strings.Repeat(" gamma delta", 10)),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 111, "…alpha beta alpha beta alpha beta ombudsman gamma delta gamma delta gamma…", `found "ombudsman"`),
			}},
		},
		{
			name:     "kelvin sign folds to k",
			evidence: checklist.Evidence{Any: pats(`kept`)},
			docs:     one("\u212aept"),
			want: Outcome{Passed: true, Findings: []result.Finding{
				info("any", 1, 1, "\u212aept", "found \"\u212aept\""),
			}},
		},
		{
			name:     "page numbers from the document",
			evidence: checklist.Evidence{Any: pats(`ombudsman`)},
			docs: []*document.Document{{Path: "p.pdf", Text: "intro\nthe ombudsman", Segments: []document.Segment{
				{Off: 0, Page: 1, Line: 1, Column: 1}, {Off: 6, Page: 2, Line: 3, Column: 1},
			}}},
			want: Outcome{Passed: true, Findings: []result.Finding{
				{Rule: "any", File: "p.pdf", Line: 3, Column: 5, Page: 2, Snippet: "the ombudsman", Message: `found "ombudsman"`, Severity: "info"},
			}},
		},
	})
}

func TestCompileErrors(t *testing.T) {
	items := []*checklist.Item{
		{FullID: "t/a", Evidence: &checklist.Evidence{Any: []checklist.Pattern{
			{Expr: `within (\d+ days`, Pos: diag.Pos{File: "c.yaml", Line: 7, Column: 14}},
			{Expr: `ok`, Pos: diag.Pos{File: "c.yaml", Line: 7, Column: 30}},
		}}},
		{FullID: "t/b", Evidence: &checklist.Evidence{None: []checklist.Pattern{
			{Expr: `(?<=x)y`, Pos: diag.Pos{File: "c.yaml", Line: 12, Column: 9}},
		}}},
		{FullID: "t/manual"},
	}
	_, err := Compile(items)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("Compile error %v is not a diag.List", err)
	}
	want := "c.yaml:7:14: bad pattern \"within (\\\\d+ days\": missing closing ): `within (\\d+ days`\n" +
		"c.yaml:12:9: bad pattern \"(?<=x)y\": invalid named capture: `(?<=x)y`"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

func TestItemsAndTogether(t *testing.T) {
	items := []*checklist.Item{
		{FullID: "t/a", Evidence: &checklist.Evidence{Any: pats(`charter`)}},
		{FullID: "t/b", Evidence: &checklist.Evidence{None: pats(`promptly`)}},
		{FullID: "t/manual"},
	}
	set, err := Compile(items)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"t/a", "t/b"}, set.Items()); diff != "" {
		t.Errorf("Items (-want +got):\n%s", diff)
	}
	got := set.Evaluate(doc("a.md", "our charter"), doc("b.md", "we reply promptly"))
	if !got["t/a"].Passed || got["t/b"].Passed || len(got) != 2 {
		t.Errorf("together: got %+v", got)
	}
	if f := got["t/b"].Findings[0]; f.File != "b.md" || f.Column != 10 {
		t.Errorf("none finding in the wrong place: %+v", f)
	}
}

// TestMessages checks that failure messages are plain: the item's
// question when there is one, patterns shown raw only when short, and
// no Go quoting.
func TestMessages(t *testing.T) {
	long := `\b(put|putting|puts|set|setting)\s+(things|it|this|that)\s+right\b`
	cases := []struct {
		name     string
		question string
		evidence checklist.Evidence
		text     string
		want     []string
	}{
		{
			name:     "any with a question",
			question: "Do published standards give concrete timescales?",
			evidence: checklist.Evidence{Any: pats(`within \d+ days`, long)},
			text:     "Nothing here.",
			want:     []string{"no evidence that: Do published standards give concrete timescales? (none of 2 patterns matched)"},
		},
		{
			name:     "any with one long pattern",
			evidence: checklist.Evidence{Any: pats(long)},
			text:     "Nothing here.",
			want:     []string{"no evidence found: the pattern did not match"},
		},
		{
			name:     "all names long patterns by place",
			evidence: checklist.Evidence{All: pats(`complain`, `ombudsman`, long)},
			text:     "How to complain.",
			want:     []string{`missing 2 of 3 required phrases: "ombudsman", pattern 3 of 3`, `found "complain"`},
		},
		{
			name:     "all shows backslashes as written",
			evidence: checklist.Evidence{All: pats(`\bombudsman\b`)},
			text:     "Nothing here.",
			want:     []string{`required phrase not found: "\bombudsman\b"`},
		},
		{
			name:     "all with one long pattern and a question",
			question: "Does the policy promise to put things right?",
			evidence: checklist.Evidence{All: pats(long)},
			text:     "Nothing here.",
			want:     []string{"no evidence that: Does the policy promise to put things right? (required phrase not found)"},
		},
		{
			name:     "heading with a long pattern and a question",
			question: "Is there a heading for complaints?",
			evidence: checklist.Evidence{Heading: &checklist.Pattern{Expr: long, Pos: pos(1)}},
			text:     "# About us",
			want:     []string{"no evidence that: Is there a heading for complaints? (no matching heading)"},
		},
		{
			name:     "near with a long pattern and a question",
			question: "Is the ombudsman offered after a complaint?",
			evidence: checklist.Evidence{Near: &checklist.Near{A: pat(`complain`), B: pat(long), Within: 20}},
			text:     "complain",
			want:     []string{"no evidence that: Is the ombudsman offered after a complaint? (no match for pattern b, needed within 20 words of \"complain\")"},
		},
		{
			name:     "the question once per item",
			question: "Does the policy promise to put things right?",
			evidence: checklist.Evidence{Any: pats(`sorry`, long), All: pats(long)},
			text:     "Nothing here.",
			want: []string{
				"no evidence that: Does the policy promise to put things right? (none of 2 patterns matched)",
				"no evidence found: required phrase not found",
			},
		},
		{
			name:     "near with neither",
			evidence: checklist.Evidence{Near: &checklist.Near{A: pat(`complain`), B: pat(long), Within: 1}},
			text:     "Nothing here.",
			want:     []string{`no match for "complain" or pattern b, needed within 1 word of each other`},
		},
		{
			name:     "heading with a long pattern",
			evidence: checklist.Evidence{Heading: &checklist.Pattern{Expr: long, Pos: pos(1)}},
			text:     "# About us",
			want:     []string{"no matching heading found"},
		},
		{
			name:     "quoted text is raw",
			evidence: checklist.Evidence{Any: pats(`say "\w+"`)},
			text:     `We say "sorry" and mean it.`,
			want:     []string{`found "say "sorry""`},
		},
		{
			name:     "jargon lists the most used first",
			evidence: checklist.Evidence{Jargon: &checklist.Jargon{Max: 1, Per: 1000, Words: []string{"a", "b", "c", "d"}}},
			text:     "d a b b c c c d d d",
			want: []string{
				`1,000 jargon words per 1,000, more than 1: "d" ×4, "c" ×3, "b" ×2, …`,
				`found "d" (jargon)`, `found "a" (jargon)`, `found "b" (jargon)`, `found "b" (jargon)`, `found "c" (jargon)`,
				`found "c" (jargon)`, `found "c" (jargon)`, `found "d" (jargon)`, `found "d" (jargon)`, `found "d" (jargon)`,
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := tc.evidence
			set, err := Compile([]*checklist.Item{{ID: "x", FullID: "t/x", Question: tc.question, Evidence: &ev}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range set.Evaluate(doc("p.md", tc.text))["t/x"].Findings {
				got = append(got, f.Message)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-1500, "-1,500"}} {
		if got := thousands(tc.n); got != tc.want {
			t.Errorf("thousands(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	for _, tc := range []struct {
		f    float64
		want string
	}{{7, "7"}, {6.53, "6.5"}, {0.04, "0"}, {1000, "1,000"}, {1250.25, "1,250.3"}} {
		if got := decimal(tc.f); got != tc.want {
			t.Errorf("decimal(%g) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

// TestSyllableCache checks that the cache of measureProse counts as
// syllables does, for words that repeat, collide in its table, or are too
// long to keep.
func TestSyllableCache(t *testing.T) {
	c := new(syllableCache)
	words := strings.Fields(strings.Repeat("cat make table promises Australian café information incomprehensibilities a é ", 3))
	for i := 0; i < 3000; i++ {
		words = append(words, fmt.Sprintf("w%dord%c", i, 'a'+i%26))
	}
	for round := 0; round < 2; round++ {
		for _, w := range words {
			if got, want := c.syllables(w), syllables(w); got != want {
				t.Fatalf("cached syllables(%q) = %d, want %d", w, got, want)
			}
		}
	}
}

// TestReadabilityTables checks that a table is not prose, whether the
// format keeps it (Markdown rows) or lays it out as text (lines of
// figures under a line of headers): the reading ease is the prose's.
func TestReadabilityTables(t *testing.T) {
	prose := "We publish how we did. We missed both targets this year."
	ease := func(name, src string) float64 {
		d, err := document.Parse(name, []byte(src), document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		return measureProse(d).fleschEase()
	}
	want := ease("p.md", prose)
	for _, tt := range []struct{ name, src string }{
		{"p.md", prose + "\n\n| Standard | Target | Result |\n| --- | --- | --- |\n| Calls answered within a minute | 90% | 84% |\n"},
		{"p.txt", prose + "\n\nStandard                         Target   Result\nCalls answered within a minute   90%      84%\n"},
	} {
		if got := ease(tt.name, tt.src); got != want {
			t.Errorf("%s: reading ease %.1f, want the prose's %.1f", tt.name, got, want)
		}
	}
}
