package score

import (
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
)

func TestDefaultThreshold(t *testing.T) {
	if got := DefaultThreshold(checklist.DefaultGrades()); got == nil || *got != 50 {
		t.Errorf("default grades: %v, want 50 (the top of Inadequate)", got)
	}
	four := []checklist.Band{{Label: "Excellent", Min: 85}, {Label: "Good", Min: 75}, {Label: "RI", Min: 50}, {Label: "Inadequate", Min: 0}}
	if got := DefaultThreshold(four); got == nil || *got != 50 {
		t.Errorf("four bands: %v, want 50", got)
	}
	if got := DefaultThreshold([]checklist.Band{{Label: "Only", Min: 0}}); got != nil {
		t.Errorf("one band: %v, want none", *got)
	}
}

func TestVerdictDefaults(t *testing.T) {
	// An inadequate score fails with no threshold given; --fail-under 0
	// (a threshold of 0) keeps it passing.
	in := Input{Answers: ans("a", "no", "b", "no", "c", "yes", "e", "no", "f", "no"), Automated: pass()}
	r, err := Evaluate(base(), in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Passed || r.Threshold == nil || *r.Threshold != 50 {
		t.Errorf("score %v passed=%v threshold=%v: want a fail held to 50", r.Score, r.Passed, r.Threshold)
	}
	zero := 0.0
	in.Options.Threshold = &zero
	if r, _ = Evaluate(base(), in); !r.Passed {
		t.Errorf("--fail-under 0: score %v should pass", r.Score)
	}
	// Nothing answered is not a pass, even with unanswered items skipped.
	r, _ = Evaluate(base(), Input{Options: Options{Unanswered: UnansweredSkip}})
	if r.Passed {
		t.Error("an audit with nothing answered passed")
	}
	// A critical item unanswered fails unless unanswered items are skipped.
	ok := Input{Answers: ans("a", "yes", "b", "yes", "e", "yes", "f", "yes"), Automated: pass()}
	if r, _ = Evaluate(base(), ok); r.Passed {
		t.Error("critical item c unanswered, counted as zero: passed")
	}
	ok.Options.Unanswered = UnansweredSkip
	if r, _ = Evaluate(base(), ok); !r.Passed {
		t.Errorf("critical item c unanswered, skipped: failed (%v)", r.Score)
	}
}
