// Package resultgen makes realistic saved Results for benchmarks and tests
// of `svcaudit report`: audits against a built-in checklist, scored by the
// scorer the audit command uses, of many subjects over several periods,
// with answers, notes, evidence, document findings and waivers varied by a
// seeded random source, so that scores, grades and the failures each audit
// lists differ.
package resultgen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/result"
)

// Options say what to generate.
type Options struct {
	// Checklist is a built-in checklist id (default service-charter, the checklist of the
	// quarterly audits in report/testdata).
	Checklist string
	// N is the number of Results.
	N int
	// Periods is how many quarterly audits each subject has (default 4):
	// N/Periods subjects, each audited once a quarter from 2025-04-01.
	Periods int
	// Seed makes the answers (the output is the same for the same Options).
	Seed uint64
	// Version is the tool version written into each Result.
	Version string
}

var auditors = []string{"A. Khan", "B. Jones", "C. Patel", "D. Smith", "E. Owen", "F. Murray", "G. Ali", "H. Evans"}

var notes = []string{
	"Policy reviewed; the stage 2 timescale is not stated.",
	"Seen in the published complaints policy, section 4.",
	"Staff interviewed: the process is followed\nbut not written down.",
	"Partly: the self-assessment is published but is out of date.",
	"Not evidenced. Action raised with the complaints lead.",
}

var docs = []string{"policies/complaints.md", "policies/complaints-procedure.pdf", "web/complaints.html", "letters/stage1-template.docx"}

var messages = []string{"required phrase not found", "found: the timescale for a response", "deadline stated in working days",
	"no mention of the Ombudsman", "jargon: \"escalate\" (3 times)"}

// Generate calls each with the i-th Result, in order, and stops at the
// first error it returns.
func Generate(o Options, each func(i int, r *result.Result) error) error {
	if o.Checklist == "" {
		o.Checklist = "service-charter"
	}
	if o.Periods <= 0 {
		o.Periods = 4
	}
	if o.Version == "" {
		o.Version = "bench"
	}
	cl, err := checklist.Resolve(o.Checklist)
	if err != nil {
		return err
	}
	items := cl.Items()
	rng := rand.New(rand.NewPCG(o.Seed, 16))
	start := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	for i := range o.N {
		subject, period := i/o.Periods, i%o.Periods
		// each subject has a quality that drifts over the periods
		quality := 0.55 + 0.4*float64((subject*7919)%100)/100 + 0.03*float64(period)
		in := score.Input{
			Subject: fmt.Sprintf("Service %05d", subject),
			Auditor: auditors[rng.IntN(len(auditors))],
			Date:    start.AddDate(0, 3*period, rng.IntN(28)).Format("2006-01-02"),
			Answers: &answers.File{Checklist: cl.ID},
			Waived:  map[string]result.Waiver{},
		}
		in.Answers.Subject, in.Answers.Auditor, in.Answers.Date = in.Subject, in.Auditor, in.Date
		automated := false
		for _, it := range items {
			if it.Automated() {
				automated = true
			}
		}
		if automated {
			in.Automated = map[string]rule.Outcome{}
			in.Documents = docs[:1+rng.IntN(len(docs))]
		}
		for _, it := range items {
			x := rng.Float64()
			if it.Automated() && rng.IntN(3) > 0 {
				out := rule.Outcome{Passed: x < quality, Partial: x >= quality && x < quality+0.1}
				for range rng.IntN(4) {
					f := result.Finding{Rule: it.FullID + "/any", File: in.Documents[rng.IntN(len(in.Documents))],
						Line: 1 + rng.IntN(400), Message: messages[rng.IntN(len(messages))], Severity: "info"}
					if !out.Passed {
						f.Severity = "error"
					}
					if rng.IntN(2) == 0 {
						f.Snippet = "complaints will be answered within 10 working days"
					}
					out.Findings = append(out.Findings, f)
				}
				in.Automated[it.FullID] = out
				if rng.IntN(4) > 0 {
					continue // the documents answer it
				}
			}
			if rng.IntN(60) == 0 {
				in.Waived[it.FullID] = result.Waiver{Owner: auditors[rng.IntN(len(auditors))], Reason: "service restructure under way",
					Expires: start.AddDate(1, rng.IntN(12), 0).Format("2006-01-02"), File: "waivers.yaml", Line: 1 + rng.IntN(40)}
				continue
			}
			a := answers.Answer{Item: it.FullID}
			var choice *checklist.Choice
			switch {
			case rng.IntN(40) == 0: // left unanswered
			case x < quality:
				choice = pick(cl, checklist.LevelPass, rng)
			case x < quality+0.15:
				choice = pick(cl, checklist.LevelPartial, rng)
			case x < quality+0.2:
				choice = pick(cl, "na", rng)
			default:
				choice = pick(cl, checklist.LevelFail, rng)
			}
			if choice != nil {
				a.Value = choice.Value
			}
			if rng.IntN(3) == 0 {
				a.Note = notes[rng.IntN(len(notes))]
			}
			if rng.IntN(4) == 0 {
				a.Evidence = []string{fmt.Sprintf("https://example.org/evidence/%05d/%s", subject, it.ID)}
			}
			in.Answers.Answers = append(in.Answers.Answers, a)
		}
		r, err := score.Evaluate(cl, in)
		if err != nil {
			return fmt.Errorf("result %d: %w", i, err)
		}
		r.Tool = &result.Tool{Name: "svcaudit", Version: o.Version}
		if err := each(i, r); err != nil {
			return err
		}
	}
	return nil
}

// pick is a choice of the checklist's scale at level ("na": the not
// applicable choice), or nil when the scale has none.
func pick(cl *checklist.Checklist, level checklist.Level, rng *rand.Rand) *checklist.Choice {
	s := cl.Scale
	if len(s.Choices) == 0 {
		s = checklist.DefaultScale()
	}
	var found []*checklist.Choice
	for i := range s.Choices {
		c := &s.Choices[i]
		if (level == "na" && c.NA) || (level != "na" && !c.NA && c.Level() == level) {
			found = append(found, c)
		}
	}
	if len(found) == 0 {
		return nil
	}
	return found[rng.IntN(len(found))]
}
