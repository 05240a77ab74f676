package explain

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/internal/waiver"
)

// TestAgreesWithScoring scores the example audits (with a waiver, and with
// section weights in a profile) and checks that the arithmetic the
// explanation writes out reaches the score the scorer recorded.
func TestAgreesWithScoring(t *testing.T) {
	tests := []struct{ checklist, answers string }{
		{"keeps-promises", "../../examples/answers/housing-repairs-keeps-promises.yaml"},
		{"service-charter", "../../examples/answers/library-service-charter.yaml"},
		{"../../examples/checklists/charter-mark.yaml", ""},
		{"../../examples/checklists/care-ratings.yaml", ""},
	}
	for _, tt := range tests {
		t.Run(tt.checklist, func(t *testing.T) {
			cl, err := checklist.Resolve(tt.checklist)
			if err != nil {
				t.Fatal(err)
			}
			in := score.Input{Subject: "Housing repairs", Date: "2026-11-20"}
			if tt.answers != "" {
				af, err := answers.Load(tt.answers)
				if err != nil {
					t.Fatal(err)
				}
				in.Answers = af
			} else {
				// answer every item: yes, partial, no in turn
				af := &answers.File{Checklist: cl.ID, Subject: in.Subject}
				vals := []string{"yes", "partial", "no"}
				for i, it := range cl.Items() {
					af.Answers = append(af.Answers, answers.Answer{Item: it.FullID, Value: vals[i%3]})
				}
				in.Answers = af
			}
			first := cl.Items()[0]
			ws := []waiver.Waiver{{Item: first.FullID, Owner: "J. Smith", Reason: "Under review.", Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}}
			in.Waived, _ = waiver.Apply(ws, cl, in.Subject, nil, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), waiver.DefaultWarnDays)
			r, err := score.Evaluate(cl, in)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, r, "", Options{Bands: cl.Grades}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.Contains(out, "The Result records") {
				t.Errorf("explanation disagrees with the recorded score %v:\n%s", r.Score, out)
			}
			if !strings.Contains(out, "- "+first.FullID+": ") || !strings.Contains(out, "Waived by J. Smith until 2027-01-31: Under review") {
				t.Errorf("waived item not explained:\n%s", out)
			}
			for _, g := range r.Gates {
				if !strings.Contains(out, g.Rule+": ") {
					t.Errorf("gate %q not explained", g.Rule)
				}
			}
			if r.Grade.Label != "" && !strings.Contains(out, r.Grade.Label) {
				t.Errorf("grade %q not named", r.Grade.Label)
			}
		})
	}
}
