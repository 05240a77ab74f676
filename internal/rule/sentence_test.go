package rule

import (
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
)

func sentenceEv(rs ...*checklist.SentenceRule) checklist.Evidence {
	for _, r := range rs {
		if r.Hedge == "" {
			r.Hedge = "partial"
		}
		if r.Missing == "" {
			r.Missing = "fail"
		}
	}
	return checklist.Evidence{Sentences: rs}
}

func parsed(t *testing.T, name, src string) *document.Document {
	t.Helper()
	d, err := document.Parse(name, []byte(src), document.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSentenceRule(t *testing.T) {
	apology := func() *checklist.SentenceRule {
		return &checklist.SentenceRule{All: pats(`\b(apologi[sz]e|say\s+sorry)\b`), Who: "organisation", Commit: true,
			Example: "we will apologise when we get something wrong"}
	}
	tests := []struct {
		name, src   string
		rules       []*checklist.SentenceRule
		pass, part  bool
		wantMessage string
	}{
		{"a commitment", "If we get something wrong, we will apologise.", []*checklist.SentenceRule{apology()}, true, false, `found "apologise" in a sentence in which the organisation commits`},
		{"patterns apart", "We will call you. You can say sorry.", []*checklist.SentenceRule{{All: pats(`\bwe\s+will\b`, `\bsorry\b`)}}, false, false, "no sentence that matches"},
		{"patterns together", "We will say sorry.", []*checklist.SentenceRule{{All: pats(`\bwe\s+will\b`, `\bsorry\b`)}}, true, false, "found"},
		{"hedged", "Where possible we will apologise in person.", []*checklist.SentenceRule{apology()}, false, true, `hedged by "where possible": partial`},
		{"hedge may pass", "Where possible we will apologise in person.", []*checklist.SentenceRule{{All: pats(`apologi[sz]e`), Commit: true, Hedge: "pass"}}, true, false, "found"},
		{"negated", "We will not apologise for the law.", []*checklist.SentenceRule{apology()}, false, false, "(it is negated)"},
		{"question", "Should we apologise?", []*checklist.SentenceRule{apology()}, false, false, "no sentence in which the organisation commits — e.g. \"we will apologise when we get something wrong\"; found only \"apologise\" (it is a question)"},
		{"reader", "You must apologise to staff within 3 days.", []*checklist.SentenceRule{apology()}, false, false, "reader"},
		{"none in the sentence", "We will apologise for any inconvenience.", []*checklist.SentenceRule{{All: pats(`apologi[sz]e`), None: pats(`inconvenience`)}}, false, false, "no sentence"},
		{"none elsewhere is fine", "We will apologise. Sorry for any inconvenience.", []*checklist.SentenceRule{{All: pats(`apologi[sz]e`), None: pats(`inconvenience`)}}, true, false, "found"},
		{"missing partial", "We will apologise.", []*checklist.SentenceRule{apology(), {All: pats(`put\s+(it|things)\s+right`), Missing: "partial", What: "that commits to put things right"}}, false, true, "no sentence that commits to put things right: partial"},
		{"both", "We will apologise and put things right.", []*checklist.SentenceRule{apology(), {All: pats(`put\s+(it|things)\s+right`), Missing: "partial"}}, true, false, "found"},
		{"anchored to the sentence", "Thank you. Dear Sir / Madam, hello.", []*checklist.SentenceRule{{All: pats(`^dear\s+sir`), Forbid: true}}, false, false, `found "Dear Sir" in a sentence that matches`},
		{"anchor not at the start", "We wrote dear sir.", []*checklist.SentenceRule{{All: pats(`^dear\s+sir`), Forbid: true}}, true, false, ""},
		{"any", "We are open. You can visit us.", []*checklist.SentenceRule{{Any: pats(`\bring\b`, `\bvisit\s+us\b`)}}, true, false, "found \"visit us\""},
		{"context vetoes", "You can ask the Ombudsman.\n\nCall 0300 111 3000.", []*checklist.SentenceRule{{Any: pats(`\bcall\b`), None: pats(`ombudsman`), Context: 2}}, false, false, "no sentence"},
		{"own lifts context", "You can ask the Ombudsman.\n\nPlease call me on 01632 960412.", []*checklist.SentenceRule{{Any: pats(`\bcall\b`), None: pats(`ombudsman`), Context: 2, Own: pats(`\bme\b`)}}, true, false, "found"},
		{"hedged: no commitment asked, the hedge ignored", "We try to make sure the same adviser deals with it.", []*checklist.SentenceRule{{Any: pats(`\bthe\s+same\s+adviser\b`)}}, true, false, "found"},
		{"hedged: the hedge makes it partial", "We try to make sure the same adviser deals with it.", []*checklist.SentenceRule{{Any: pats(`\bthe\s+same\s+adviser\b`), Hedged: true, Hedge: "partial"}}, false, true, `hedged by "try to": partial`},
		{"hedged: an unhedged sentence passes", "The same adviser deals with it from start to finish.", []*checklist.SentenceRule{{Any: pats(`\bthe\s+same\s+adviser\b`), Hedged: true, Hedge: "partial"}}, true, false, "found"},
		{"own in the sentence itself", "Call me at the Ombudsman.", []*checklist.SentenceRule{{Any: pats(`\bcall\b`), None: pats(`ombudsman`), Context: 2, Own: pats(`\bme\b`)}}, false, false, "no sentence"},
		{"a pronoun for staff", "Your complaint goes to one of our officers. They will call you within 2 days.", []*checklist.SentenceRule{{All: pats(`within\s+\d+\s+days`), Who: "organisation", Commit: true}}, true, false, "found"},
		{"a pronoun for another body", "You can ask the Ombudsman. They will reply within 20 days.", []*checklist.SentenceRule{{All: pats(`within\s+\d+\s+days`), Who: "organisation", Commit: true}}, false, false, "no sentence"},
		{"follow: the next sentence refers back", "The Ombudsman is independent. You can contact it when our process ends.", []*checklist.SentenceRule{{All: pats(`ombudsman`), Any: pats(`\bcontact\b`), Follow: true}}, true, false, "found"},
		{"no follow: the sentence alone", "The Ombudsman is independent. You can contact it when our process ends.", []*checklist.SentenceRule{{All: pats(`ombudsman`), Any: pats(`\bcontact\b`)}}, false, false, "no sentence"},
		{"follow needs a pronoun", "The Ombudsman is independent. You can contact our team when our process ends.", []*checklist.SentenceRule{{All: pats(`ombudsman`), Any: pats(`\bcontact\b`), Follow: true}}, false, false, "no sentence"},
		{"follow: none in the first sentence", "The Ombudsman upheld two complaints. You can contact it later.", []*checklist.SentenceRule{{All: pats(`ombudsman`), Any: pats(`\bcontact\b`), None: pats(`upheld`), Follow: true}}, false, false, "no sentence"},
		{"follow: none in the next sentence", "The Ombudsman is independent. It upheld two complaints we contact you about.", []*checklist.SentenceRule{{All: pats(`ombudsman`), Any: pats(`\bcontact\b`), None: pats(`upheld`), Follow: true}}, false, false, "no sentence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := evaluate(t, sentenceEv(tt.rules...), parsed(t, "p.txt", tt.src))
			if o.Passed != tt.pass || o.Partial != tt.part {
				t.Errorf("passed %v partial %v, want %v %v: %+v", o.Passed, o.Partial, tt.pass, tt.part, o.Findings)
			}
			var msgs []string
			for _, f := range o.Findings {
				msgs = append(msgs, f.Message)
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tt.wantMessage) {
				t.Errorf("messages %q, want one containing %q", msgs, tt.wantMessage)
			}
		})
	}
}

// TestSentenceFollowHeading checks that a follow rule does not read the
// sentence after a heading as referring back across it, and that the
// finding of a followed sentence is that sentence.
func TestSentenceFollowHeading(t *testing.T) {
	rule := func() *checklist.SentenceRule {
		return &checklist.SentenceRule{All: pats(`ombudsman`), Any: pats(`\bcontact\s+it\b`), Follow: true}
	}
	o := evaluate(t, sentenceEv(rule()), parsed(t, "p.md", "The Ombudsman is independent.\n\n# Contact it\n\nYou can contact it later.\n"))
	if o.Passed {
		t.Errorf("passed across a heading: %+v", o.Findings)
	}
	o = evaluate(t, sentenceEv(rule()), parsed(t, "p.md", "The Ombudsman is independent. You can contact it later.\n"))
	if !o.Passed || len(o.Findings) == 0 || o.Findings[0].Sentence != "You can contact it later." || !strings.Contains(o.Findings[0].Message, `found "contact it"`) {
		t.Errorf("passed %v, findings %+v; want a pass found at \"contact it\"", o.Passed, o.Findings)
	}
}

// TestSentenceFormats checks a sentence rule gives the same outcome for
// the same words laid out as list items in Markdown, text and HTML.
func TestSentenceFormats(t *testing.T) {
	ev := sentenceEv(&checklist.SentenceRule{All: pats(`\bcall\s+you\s+back\b`), Who: "organisation", Commit: true})
	for name, src := range map[string]string{
		"a.md":   "We promise to:\n\n- answer the phone\n- call you back\n",
		"a.txt":  "We promise to:\n- answer the phone\n- call you back\n",
		"a.html": "<p>We promise to:</p><ul><li>answer the phone</li><li>call you back</li></ul>",
	} {
		o := evaluate(t, ev, parsed(t, name, src))
		// the list item takes its actor and modal from the lead-in
		if !o.Passed {
			t.Errorf("%s: a list item under \"We promise to:\" did not pass: %+v", name, o.Findings)
		}
	}
}

func TestSentenceLeadIn(t *testing.T) {
	ev := sentenceEv(&checklist.SentenceRule{All: pats(`\bapologi[sz]e\b`), Who: "organisation", Commit: true})
	tests := []struct {
		src  string
		pass bool
	}{
		{"If you make a complaint, we will:\n- look into it\n- apologise if we got it wrong\n", true},
		{"In return, we need you to:\n- apologise to staff you were rude to\n", false},
		{"We will answer calls.\n\n- apologise\n", false},
		{"We will:\n\n# Other things\n\n- apologise\n", false},
	}
	for _, tt := range tests {
		o := evaluate(t, ev, parsed(t, "a.md", tt.src))
		if o.Passed != tt.pass {
			t.Errorf("%q: passed %v, want %v: %+v", tt.src, o.Passed, tt.pass, o.Findings)
		}
	}
}

// TestSentenceHeadingLeadIn checks that a heading saying what the
// organisation will do is the lead-in of the actor-less list items under
// it, that one of targets makes them a target (partial), and that other
// headings lend them nothing.
func TestSentenceHeadingLeadIn(t *testing.T) {
	ev := sentenceEv(&checklist.SentenceRule{All: pats(`\bwithin\s+\d+\s+(working\s+)?(days|minutes)\b`), Who: "organisation", Commit: true})
	tests := []struct {
		src        string
		pass, part bool
	}{
		{"# Charter\n\n## What we will do\n\n- Answer your letters within 10 working days\n", true, false},
		{"## Our promises to you\n\n- Reply to emails within 5 working days\n", true, false},
		{"## Targets for 2025/26\n\n- Answer 85% of calls within 2 minutes\n", false, true},
		{"## What we ask of you\n\n- Tell us within 14 days if you move\n", false, false},
		{"## Opening times\n\n- Replies within 10 working days\n", false, false},
	}
	for _, tt := range tests {
		o := evaluate(t, ev, parsed(t, "a.md", tt.src))
		if o.Passed != tt.pass || o.Partial != tt.part {
			t.Errorf("%q: passed %v partial %v, want %v %v: %+v", tt.src, o.Passed, o.Partial, tt.pass, tt.part, o.Findings)
		}
	}
}

func FuzzSentenceRule(f *testing.F) {
	f.Add("We will apologise. Where possible we will say sorry?\n- item")
	f.Add("## What we will do\n\n- apologise\n\n## Targets for 2026\n\n- say sorry\n")
	f.Fuzz(func(t *testing.T, src string) {
		set, err := Compile(item(sentenceEv(&checklist.SentenceRule{All: pats(`apologi[sz]e|sorry`), Who: "organisation", Commit: true})))
		if err != nil {
			t.Fatal(err)
		}
		d, err := document.Parse("f.txt", []byte(src), document.Limits{})
		if err != nil {
			return
		}
		o := set.Evaluate(d)["t/x"]
		if o.Passed && o.Partial {
			t.Fatal("passed and partial")
		}
	})
}

// TestSentenceStandardRow checks that a table row of standards, in which no
// one is said to commit, is a partial commitment, and other rows are not.
func TestSentenceStandardRow(t *testing.T) {
	rule := func() *checklist.SentenceRule {
		return &checklist.SentenceRule{All: pats(`within\s+\d+\s+days`), Who: "organisation", Commit: true, Rows: true}
	}
	for _, tt := range []struct {
		name, src   string
		part        bool
		wantMessage string
	}{
		{"a standard in a table is partial", "# Our standards\n\n| Standard | Target |\n| --- | --- |\n| Repairs within 28 days | 90% |\n", true, "a standard in a table, but no one is said to commit to it"},
		{"a table of other rows is not", "# Opening\n\n| Place | Note |\n| --- | --- |\n| Repairs within 28 days | 90% |\n", false, "no one is said to act"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := evaluate(t, sentenceEv(rule()), parsed(t, "p.md", tt.src))
			if o.Passed || o.Partial != tt.part {
				t.Errorf("passed %v partial %v, want false %v: %+v", o.Passed, o.Partial, tt.part, o.Findings)
			}
			if len(o.Findings) == 0 || !strings.Contains(o.Findings[0].Message, tt.wantMessage) {
				t.Errorf("findings %+v, want a message containing %q", o.Findings, tt.wantMessage)
			}
		})
	}
}

// TestSentenceColumns checks that a figure in a table is read under its
// own column's header, with its row's first cell: a result column passes
// and a target column, in the same row, does not.
func TestSentenceColumns(t *testing.T) {
	rule := func() *checklist.SentenceRule {
		return &checklist.SentenceRule{All: pats(`\d+%`, `\b20\d\d/\d\d\b`), None: pats(`\|\s*target\s*\|`), Rows: true}
	}
	for _, tt := range []struct {
		name, src string
		pass      bool
		want      string
	}{
		{"a result column", "# Standards\n\n| Standard | Target | 2024/25 result |\n| --- | --- | --- |\n| Calls answered | 90% | 83% |\n", true, `"83%"`},
		{"only a target column", "# Standards for 2025/26\n\n| Standard | Target |\n| --- | --- |\n| Calls answered | 90% |\n", false, "no sentence"},
		{"a period column", "# Results\n\n| Measure | 2023/24 | 2024/25 |\n| --- | --- | --- |\n| Satisfied | 70% | 75% |\n", true, `"70%"`},
		{"a ragged row reads whole", "# Results\n\n| Measure | 2024/25 |\n| --- | --- |\n| Satisfied | 70% | spare |\n", true, "found"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := evaluate(t, sentenceEv(rule()), parsed(t, "p.md", tt.src))
			if o.Passed != tt.pass {
				t.Errorf("passed %v, want %v: %+v", o.Passed, tt.pass, o.Findings)
			}
			if len(o.Findings) == 0 || !strings.Contains(o.Findings[0].Message, tt.want) {
				t.Errorf("findings %+v, want a message containing %q", o.Findings, tt.want)
			}
		})
	}
}

// TestSentenceHeading checks that heading: true reads a sentence after
// the headings above it (the nearest and those it sits under), and that
// without it the heading does not count.
func TestSentenceHeading(t *testing.T) {
	src := "# Results for 2024/25\n\n## Satisfaction\n\n81% of residents were satisfied.\n\n# Plans\n\n90% is what we want.\n"
	for _, heading := range []bool{true, false} {
		r := &checklist.SentenceRule{All: pats(`\d+%`, `\b20\d\d/\d\d\b`), Heading: heading}
		o := evaluate(t, sentenceEv(r), parsed(t, "p.md", src))
		if o.Passed != heading {
			t.Errorf("heading %v: passed %v: %+v", heading, o.Passed, o.Findings)
		}
		if heading && (len(o.Findings) != 1 || !strings.Contains(o.Findings[0].Snippet, "81%")) {
			t.Errorf("heading: findings %+v, want one at the sentence under the period", o.Findings)
		}
	}
}
