package stance

import (
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct {
		sentence, phrase string
		want             Stance
	}{
		{"We will apologise when we get something wrong.", "apologise",
			Stance{Who: Organisation, Commits: true, Condition: ""}},
		{"If we get something wrong, we will say sorry and put it right.", "say sorry",
			Stance{Who: Organisation, Commits: true, Condition: "if"}},
		{"Where possible we will call you back within one working day.", "within one working day",
			Stance{Who: Organisation, Commits: true, Hedge: "where possible"}},
		{"We aim to reply within 10 working days.", "within 10 working days",
			Stance{Who: Organisation, Commits: true, Hedge: "aim to", Target: true}},
		{"You must tell us within 28 days of the decision.", "within 28 days",
			Stance{Who: Reader, ReaderDeadline: true}},
		{"Complaints must be made within 12 months of the event.", "within 12 months",
			Stance{Who: Reader, ReaderDeadline: true}},
		{"If you pay the fee, we will visit within 2 days.", "within 2 days",
			Stance{Who: Organisation, Condition: "if", ReaderCondition: true}},
		{"Can we call you back within an hour?", "within an hour",
			Stance{Who: Organisation, Question: true}},
		{"We will not apologise for decisions made under the law.", "apologise",
			Stance{Who: Organisation, Negated: true}},
		{"If you are not happy with our reply, you can ask the Ombudsman to look at it.", "Ombudsman",
			Stance{Who: Reader, Condition: "if"}},
		{"You will receive a full reply within 20 working days.", "within 20 working days",
			Stance{Who: Organisation, Commits: true}},
		{"Your complaint will be acknowledged within three days.", "within three days",
			Stance{Who: Organisation, Commits: true}},
		// a payment to the reader, in the passive, with its amount
		{"The refund of £142.50 will be paid into your bank account within 5 working days.", "within 5 working days",
			Stance{Who: Organisation, Commits: true}},
		// the money as the subject: it reaches the reader from the organisation
		{"Your refund of £45.00 for the cancelled course will reach your bank account within 5 working days.", "within 5 working days",
			Stance{Who: Organisation, Commits: true}},
		// a tradesperson of the organisation's as the subject
		{"Our plasterer will make good the ceiling within 10 working days.", "within 10 working days",
			Stance{Who: Organisation, Commits: true}},
		{"Our roofer will return on Monday to refit the ridge tiles.", "refit the",
			Stance{Who: Organisation, Commits: true}},
		// the reader's money reaching the organisation is not its promise
		{"Payments you make by bank transfer can take 3 working days to reach us.", "3 working days",
			Stance{Who: Reader}},
		{"Our target is to answer 90% of calls within a minute.", "within a minute",
			Stance{Who: Organisation, Commits: true, Target: true}},
		{"We normally reply within five days.", "within five days",
			Stance{Who: Organisation, Commits: true, Hedge: "normally"}},
		{"We owe you an apology for the late letter.", "apology",
			Stance{Who: Organisation, Commits: true}},
		{"We include the complaints we upheld, not just the good news.", "include",
			Stance{Who: Organisation, Commits: true}},
		{"A complaint is resolved by the adviser who takes your call.", "resolved",
			Stance{Who: Organisation, Commits: true}},
		{"I have booked you into the clinic on 20 May at 2.15pm.", "booked",
			Stance{Who: Organisation, Commits: true}},
		{"In May we will reply within 5 days.", "within 5 days",
			Stance{Who: Organisation, Commits: true}},
		{"We may reply within 5 days.", "within 5 days",
			Stance{Who: Organisation, Commits: true, Hedge: "may"}},
		{"May we call you back within an hour?", "within an hour",
			Stance{Who: Organisation, Question: true, Hedge: "may"}},
		{"A complaint is resolved by the adviser wherever they can.", "resolved",
			Stance{Who: Organisation, Commits: true, Hedge: "wherever they can"}},
		// the organisation's hedged promise, not the reader's duty
		{"You should hear from us within 20 working days.", "within 20 working days",
			Stance{Who: Organisation, Commits: true, Hedge: "you should hear"}},
		// a duty missed is not a commitment
		{"Our inspector should have written to you within ten working days.", "within ten working days",
			Stance{Who: Organisation, Negated: true}},
		// the reader has what the writer sends
		{"You will have my written decision within 15 working days.", "within 15 working days",
			Stance{Who: Organisation, Commits: true}},
		// a modal inside a condition does not hedge the commitment
		{"Our engineers can refund the charge there and then if they could not fix the fault.", "refund",
			Stance{Who: Organisation, Commits: true, Condition: "if"}},
		{"We could refund the charge if the engineer was late.", "refund",
			Stance{Who: Organisation, Commits: true, Hedge: "could", Condition: "if"}},
		// an allowance is not a promise to take that long at most: partial
		{"We have up to eight weeks to send our final response.", "eight weeks",
			Stance{Who: Organisation, Commits: true, Hedge: "have up to"}},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			i := strings.Index(tt.sentence, tt.phrase)
			if i < 0 {
				t.Fatalf("phrase %q not in the sentence", tt.phrase)
			}
			got := Of(tt.sentence, i, i+len(tt.phrase))
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestPartial(t *testing.T) {
	if !Of("We will try to call you back.", 0, 5).Partial() {
		t.Error("a commitment to try is not partial")
	}
	if Of("We will call you back.", 0, 5).Partial() {
		t.Error("a plain commitment is partial")
	}
}

func FuzzOf(f *testing.F) {
	f.Add("We will apologise when we get something wrong.", 3, 10)
	f.Add("If you pay, we may visit; you must reply within 28 days?", 0, 0)
	f.Add(":,;", 2, 1)
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if a < 0 || b < 0 || a > len(s) || b > len(s) {
			return
		}
		st := Of(s, a, b)
		if st.Commits && st.Who != Organisation {
			t.Fatalf("a commitment by %v", st.Who)
		}
	})
}

func TestOfRow(t *testing.T) {
	tests := []struct {
		context, row string
		standard     bool
		who          Party
	}{
		{"Response standards | Measure | Time | ", "Calls answered | within 20 seconds", true, Nobody},
		{"Targets | Measure | Target | ", "Repairs | 28 days", true, Nobody},
		{"Opening times | Day | Hours | ", "Monday | 9am to 5pm", false, Nobody},
		// a table of timescales is a table of standards
		{"Customer service timescales | What you asked for | How quickly | ", "Reply to your email | within 5 working days", true, Nobody},
		// someone commits in the row: a commitment, not a bare standard
		{"Our promises | What | When | ", "We will call you back | within a day", false, Organisation},
	}
	for _, tt := range tests {
		st := OfRow(tt.context, tt.row)
		if st.Standard != tt.standard || st.Who != tt.who {
			t.Errorf("OfRow(%q, %q) = %+v, want Standard %v, Who %v", tt.context, tt.row, st, tt.standard, tt.who)
		}
	}
}

// TestSentenceAt: one Sentence read at many phrases gives what Of gives
// for each, in any order.
func TestSentenceAt(t *testing.T) {
	for _, text := range []string{
		"If we get something wrong, we will say sorry, but you must tell us within 28 days; we will not charge you.",
		"Where possible we will call you back, unless you pay for the premium service.",
		"Can we call you back within an hour?",
	} {
		s := NewSentence(text)
		for _, pass := range []int{0, 1} {
			for i := 0; i < len(text); i += 3 {
				for _, j := range []int{i, min(i+7, len(text)), len(text)} {
					if got, want := s.At(i, j), Of(text, i, j); got != want {
						t.Fatalf("pass %d, %q at [%d,%d): At %+v, Of %+v", pass, text, i, j, got, want)
					}
				}
			}
		}
	}
}

// TestByStaff checks that a sentence beginning with a pronoun is the
// organisation's when the sentence before names one of its own people,
// and not when it names another body.
func TestByStaff(t *testing.T) {
	tests := []struct {
		prev, s string
		ok      bool
		who     Party
		commits bool
	}{
		{"Your complaint goes to one of our investigating officers.", "They will call you within two working days.", true, Organisation, true},
		{"I have passed your letter to Sam Reid in our repairs team.", "He will visit on Monday.", true, Organisation, true},
		{"You can ask the Housing Ombudsman to look at your complaint.", "They will tell you within 20 working days.", false, Nobody, false},
		{"Thank you for your letter.", "They will call you within two working days.", false, Nobody, false},
		{"Your complaint goes to one of our officers.", "We will call you.", false, Nobody, false},
	}
	for _, tt := range tests {
		got, ok := ByStaff(tt.prev, tt.s)
		if ok != tt.ok {
			t.Errorf("ByStaff(%q, %q) ok = %v, want %v", tt.prev, tt.s, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if len(got) != len(tt.s) {
			t.Errorf("ByStaff(%q) = %q: length %d, want %d", tt.s, got, len(got), len(tt.s))
		}
		i := strings.Index(tt.s, "within")
		if i < 0 {
			i = strings.Index(tt.s, "visit")
		}
		st := Of(got, i, i+6)
		if st.Who != tt.who || st.Commits != tt.commits {
			t.Errorf("%q read as %q: %+v, want Who %v Commits %v", tt.s, got, st, tt.who, tt.commits)
		}
	}
}

func TestHeadingLeadIn(t *testing.T) {
	for _, tt := range []struct {
		h, want string
		ok      bool
	}{
		{"What we will do", "We will", true},
		{"Our promises to you", "We will", true},
		{"What you can expect from us", "We will", true},
		{"Targets for 2025/26", "Our targets are to", true},
		{"Our service targets", "Our targets are to", true},
		{"What we ask of you", "", false},
		{"Our service targets and how we did", "", false},
		{"Opening times", "", false},
	} {
		got, ok := HeadingLeadIn(tt.h)
		if got != tt.want || ok != tt.ok {
			t.Errorf("HeadingLeadIn(%q) = %q, %v; want %q, %v", tt.h, got, ok, tt.want, tt.ok)
		}
	}
}
