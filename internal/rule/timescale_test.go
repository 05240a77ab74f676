package rule

import (
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
)

func duration(s string) checklist.Duration {
	d, ok := checklist.ParseDuration(s)
	if !ok {
		panic(s)
	}
	return d
}

// The Code's stage 1 response: 10 working days from acknowledgement.
func stage1Response() checklist.Evidence {
	from, later, skip := pat(`acknowledg\w*|receiv\w*|receipt|(?:your|the) complaint\b`), pat(`allocat\w*|assign\w*|investigat\w*`), pat(`extend\w*|extension|more time|\bfurther\b|additional|\banother\b`)
	return checklist.Evidence{NumberWords: true, Timescale: &checklist.Timescale{
		What: "stage 1 response", Event: pat(`respon[ds]\w*|\brepl(?:y|ies)\b|answer\w*|\bdecision\b`), Stage: 1,
		Max: duration("10 working days"), From: &from, Later: &later, Skip: &skip}}
}

func stage1Extension() checklist.Evidence {
	total := duration("20 working days")
	return checklist.Evidence{Timescale: &checklist.Timescale{
		What: "stage 1 extension", Event: pat(`extend\w*|extension|more time|complex\w*`), Stage: 1,
		Max: duration("10 working days"), Total: &total}}
}

func stage2Ack() checklist.Evidence {
	return checklist.Evidence{Timescale: &checklist.Timescale{
		What: "stage 2 acknowledgement", Event: pat(`acknowledg\w*`), Stage: 2, Max: duration("5 working days")}}
}

func TestTimescale(t *testing.T) {
	tests := []struct {
		name string
		ev   checklist.Evidence
		text string
		pass bool
		want string // in a finding's message
	}{
		{"at the limit", stage1Response(), "We will respond to your complaint within 10 working days of acknowledging it.", true, `"10 working days" (of acknowledging it), within the limit of 10 working days`},
		{"over the limit", stage1Response(), "We will respond within 15 working days.", false, `stage 1 response: "15 working days" is more than the limit of 10 working days`},
		{"stricter start passes", stage1Response(), "You will receive our full response within 10 working days of receipt.", true, "(of receipt)"},
		{"words", stage1Response(), "We will send you a decision within ten working days.", true, `"ten working days"`},
		{"weeks", stage1Response(), "We will respond within four weeks.", false, `"four weeks" is more than the limit of 10 working days`},
		{"two weeks is ten working days", stage1Response(), "We reply within two weeks.", true, ""},
		{"calendar days are shorter", stage1Response(), "We will respond within 14 days.", true, ""},
		{"a month is too long", stage1Response(), "We will respond within one month.", false, "more than the limit"},
		{"no figure", stage1Response(), "We will respond as soon as we can.", false, "no timescale for the stage 1 response found"},
		{"later start", stage1Response(), "We will respond within 10 working days of the complaint being allocated to an officer.", false, "counts from a later point"},
		{"the reader's deadline is not ours", stage1Response(), "You must complain within 12 months. If you are unhappy with our response, you can ask us to look again within 20 working days.", false, "no timescale for the stage 1 response found"},
		{"figure before the event", stage1Response(), "Within 10 working days we will send you our response.", true, ""},
		{"two events, two figures", stage1Response(), "We will acknowledge your complaint within 5 working days and respond within 10 working days.", true, `"10 working days"`},
		{"the acknowledgement figure is not the response's", stage1Response(), "We will acknowledge your complaint within 15 working days.", false, "no timescale"},
		{"extension skipped", stage1Response(), "We will respond within 10 working days. If we need more time we may extend the response deadline by a further 10 working days.", true, ""},
		{"stage 2 figure is not stage 1's", stage1Response(), "# Stage 1\nWe respond within 10 working days.\n# Stage 2\nWe will respond within 20 working days.", true, ""},
		{"stage 2 figure in the sentence", stage1Response(), "We will respond to stage 2 requests within 20 working days.", false, "no timescale"},
		{"stage 1 heading above a subheading", stage1Response(), "# Stage 1\n## Timescales\nWe will respond within 15 working days.", false, "more than the limit"},
		{"extension by", stage1Extension(), "If we need more time, we may extend this by up to 10 further working days.", true, ""},
		{"extension too long", stage1Extension(), "If we need more time, we may extend this by another 15 working days.", false, `"15 working days" is more than the limit of 10 working days`},
		{"extension as a total", stage1Extension(), "For complex cases we may extend the deadline to 20 working days.", true, "within the limit of 20 working days"},
		{"complex cases total", stage1Extension(), "We will respond within 10 working days (or within 20 working days for complex cases).", true, ""},
		{"no extension rule", stage1Extension(), "We will respond within 10 working days.", false, "no timescale for the stage 1 extension found"},
		{"stage 2 ack", stage2Ack(), "We will acknowledge your escalation request within five working days.", false, "no timescale"},
	}
	tests[len(tests)-1].ev.NumberWords = true
	tests[len(tests)-1].pass = true
	tests[len(tests)-1].want = `"five working days"`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.ReplaceAll(tt.text, "## ", "# ")
			got := evaluate(t, tt.ev, doc("p.md", text))
			var msgs []string
			for _, f := range got.Findings {
				msgs = append(msgs, f.Message)
			}
			if got.Passed != tt.pass {
				t.Fatalf("passed = %v, want %v: %v", got.Passed, tt.pass, msgs)
			}
			if tt.want != "" && !strings.Contains(strings.Join(msgs, "\n"), tt.want) {
				t.Errorf("no %q in %q", tt.want, msgs)
			}
		})
	}
}

func TestFigures(t *testing.T) {
	for text, want := range map[string]string{
		"within 10 working days":             "10 working days",
		"within ten (10) working days":       "10 working days",
		"a further twenty-one business days": "21 working days",
		"within 48 hours":                    "48 hours",
		"a 5-day target":                     "5 days",
		"within a week":                      "1 week",
		"two calendar days":                  "2 days",
	} {
		fs := figures(text)
		if len(fs) != 1 || fs[0].d.String() != want {
			var got []string
			for _, f := range fs {
				got = append(got, f.d.String())
			}
			t.Errorf("figures(%q) = %v, want [%s]", text, got, want)
		}
	}
}

func TestTimescaleUnknownStart(t *testing.T) {
	got := evaluate(t, stage1Response(), doc("p.md", "We will respond within 10 working days from the date of the visit."))
	if !got.Passed || len(got.Findings) != 1 || !strings.Contains(got.Findings[0].Message, "check its starting point") {
		t.Errorf("got %+v", got)
	}
	if f := got.Findings[0]; f.Line != 1 || f.Column != 24 || f.Snippet == "" {
		t.Errorf("finding not placed at the figure: %+v", f)
	}
}

// FuzzTimescale: any text, read as a policy, never panics the timescale
// rule, and a pass always rests on at least one figure within the limit.
func FuzzTimescale(f *testing.F) {
	for _, s := range []string{
		"We will respond within 10 working days of acknowledging it.",
		"# Stage 2\nWe acknowledge escalations within five (5) working days; at stage 2 within 20.",
		"Within twenty-one days, or 20 working days if complex, we reply.",
		"You must complain within 12 months (one year).",
		"a a a 10-day 10 10 working",
	} {
		f.Add(s)
	}
	set, err := Compile(item(stage1Response()))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		o := set.Evaluate(doc("f.md", text))["t/x"]
		if o.Passed && len(o.Findings) == 0 {
			t.Fatalf("passed with no finding: %q", text)
		}
	})
}

// TestFindingContext: a finding at a match names the heading above it and
// quotes its whole sentence when the snippet is only part of it.
func TestFindingContext(t *testing.T) {
	long := "When you contact us about a problem with your home, we will write to you and reply within 10 days, telling you who is dealing with it and what happens next."
	got := evaluate(t, checklist.Evidence{Any: pats(`within \d+ days`)}, doc("p.md", "# Our promise\n"+long+"\n# Other\nNothing."))
	f := got.Findings[0]
	if f.Heading != "Our promise" || f.Sentence != long || f.Snippet == long {
		t.Errorf("heading %q, sentence %q, snippet %q", f.Heading, f.Sentence, f.Snippet)
	}
	short := evaluate(t, checklist.Evidence{Any: pats(`within \d+ days`)}, doc("p.md", "We reply within 10 days."))
	if f := short.Findings[0]; f.Heading != "" || f.Sentence != "" {
		t.Errorf("a short sentence is its snippet, and no heading is above: %+v", f)
	}
}

func stage2Response() checklist.Evidence {
	from, later := pat(`acknowledg\w*|escalat\w*|request\w*|receiv\w*`), pat(`allocat\w*|assign\w*|investigat\w*`)
	return checklist.Evidence{NumberWords: true, Timescale: &checklist.Timescale{
		What: "stage 2 response", Event: pat(`respon[ds]\w*|\brepl(?:y|ies)\b|answer\w*|\bdecision\b`), Stage: 2,
		Max: duration("20 working days"), From: &from, Later: &later}}
}

func stage1Ack() checklist.Evidence {
	from, later := pat(`receiv\w*|receipt`), pat(`allocat\w*|investigat\w*|acknowledg\w*|respon\w*`)
	return checklist.Evidence{NumberWords: true, Timescale: &checklist.Timescale{
		What: "stage 1 acknowledgement", Event: pat(`acknowledg\w*|\blog(?:ged|ging)?\b`), Stage: 1,
		Max: duration("5 working days"), From: &from, Later: &later}}
}

// TestTimescaleWordingFamilies: wording families of published policies
// that read a figure wrongly: the reader as the one who receives, the
// reader told what to do, a stage named only for comparison or as a
// starting point, and a starting point that runs into the next clause.
func TestTimescaleWordingFamilies(t *testing.T) {
	tests := []struct {
		name string
		ev   checklist.Evidence
		text string
		pass bool
		want string
	}{
		{"the reader receives: you'll usually get", stage1Response(), "# Stage 1\nYou'll usually get a response within 10 working days.", true, `"10 working days"`},
		{"the reader receives: you will hear", stage1Response(), "You will hear from us with our decision within 15 working days.", false, "more than the limit"},
		{"the reader told to ask: please", stage2Response(), "# Stage 2\nPlease ask for stage 2 within 20 working days of our stage 1 reply.", false, "no timescale for the stage 2 response found"},
		{"the reader told to do it", stage2Response(), "# Stage 2\nAsk us to review it. Please do this within 30 working days of our stage 1 answer.", false, "no timescale for the stage 2 response found"},
		{"the imperative after a condition", stage2Response(), "# Stage 2\nIf you are unhappy, ask for a review within 25 working days of our stage 1 response.", false, "no timescale"},
		{"a stage named for comparison", stage2Response(), "# Stage 2\nWe will send our final response within 20 working days of the acknowledgement; as at stage 1, we may extend this.", true, `"20 working days"`},
		{"a stage 1 figure is not a comparison's", stage1Response(), "# Stage 2\nWe will send our final response within 20 working days of the acknowledgement; as at stage 1, we may extend this.", false, "no timescale for the stage 1 response"},
		{"a stage named for who was involved", stage2Response(), "# Stage 2\nA manager who was not involved at stage 1 will send our final response within 20 working days of the acknowledgement.", true, ""},
		{"a stage named for who played no part", stage1Response(), "# Stage 2\nA manager who played no part at stage 1 will send our final response within 20 working days of the acknowledgement.", false, "no timescale for the stage 1 response found"},
		{"a stage 2 figure beside who played no part", stage2Response(), "# Stage 2\nIt will be looked at by a manager who had no part in stage 1, and you will get our final response within 20 working days of the acknowledgement.", true, `"20 working days"`},
		{"the stage after stage 2", stage2Response(), "# Stage 2\nWe will send our decision within 20 working days of the acknowledgement.\n# Beyond stage 2\nIf you remain unhappy after stage 2, a panel will hear your complaint and send its decision within 30 working days of the hearing.", true, `"20 working days"`},
		{"a third stage is not stage 1", stage1Response(), "# Stage 1\nWe will reply within 10 working days.\n# Stage 3\nThe panel will send its decision within 30 working days of the hearing.", true, `"10 working days"`},
		{"a frequency is not a time limit", stage2Response(), "# Stage 2\nThe decision panel meets every two months, and we will send its decision within 20 working days of the acknowledgement.", true, `"20 working days"`},
		{"a figure for every stage", stage2Response(), "# Stage 1\nWhatever the stage, we will send our decision within 30 working days of the acknowledgement.", false, "more than the limit"},
		{"the stage 1 answer as the starting point", stage2Response(), "We will reply within 20 working days of receiving your request to review our stage 1 decision.", true, ""},
		{"a starting point stops at its clause", stage1Ack(), "We will acknowledge and log your complaint within five working days of receipt and will provide you with a full response within 20 working days.", true, `"five working days" (of receipt)`},
		{"a starting point stops at a second action", stage1Ack(), "We will acknowledge your complaint within five working days of receiving it and send you a full response within ten working days of the acknowledgement.", true, `"five working days" (of receiving it)`},
		{"an event word in the starting point is not the event", stage1Ack(), "We will respond within 10 working days (a total of 20 working days from the date we acknowledged your complaint).", false, "no timescale for the stage 1 acknowledgement found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evaluate(t, tt.ev, doc("p.md", tt.text))
			var msgs []string
			for _, f := range got.Findings {
				msgs = append(msgs, f.Message)
			}
			all := strings.Join(msgs, "\n")
			if got.Passed != tt.pass || !strings.Contains(all, tt.want) {
				t.Errorf("passed %v, want %v; findings:\n%s\nwant one with %q", got.Passed, tt.pass, all, tt.want)
			}
		})
	}
}
