package score

import (
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

func TestOverall(t *testing.T) {
	tests := []struct {
		name     string
		sections []result.Section
		want     float64
		ok       bool
	}{
		{"none", nil, 0, false},
		{"nothing possible", []result.Section{{Earned: 0, Possible: 0}}, 0, false},
		{"pooled", []result.Section{{Earned: 1, Possible: 1}, {Earned: 0, Possible: 3}}, 25, true},
		// a has weight 3, b none: b counts once beside it
		{"weighted", []result.Section{{Weight: 3, Earned: 1, Possible: 1}, {Earned: 0, Possible: 5}}, 75, true},
		// a weighted section with nothing possible is left out
		{"weighted, empty section", []result.Section{{Weight: 3}, {Weight: 1, Earned: 1, Possible: 2}}, 50, true},
		{"weighted, all empty", []result.Section{{Weight: 3}}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Overall(tt.sections)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Overall = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestGradeOf(t *testing.T) {
	bands := checklist.DefaultGrades()
	low := bands[len(bands)-1]
	tests := []struct {
		name     string
		bands    []checklist.Band
		score    float64
		critical bool
		want     string
	}{
		{"top", bands, 100, false, bands[0].Label},
		{"default bands", nil, 100, false, bands[0].Label},
		{"capped by a critical failure", bands, 100, true, low.Label},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GradeOf(tt.bands, tt.score, tt.critical); got.Label != tt.want {
				t.Errorf("GradeOf = %q, want %q", got.Label, tt.want)
			}
		})
	}
}

func TestSummarizeAndVerdict(t *testing.T) {
	// 0.57 of 20 points is 2.85%, computed as 2.8499…: Round makes it 2.9,
	// as a person would; math.Round alone gives 2.8.
	thr := 2.9
	r := &result.Result{
		Threshold:        &thr,
		CriticalFailures: []string{},
		Sections:         []result.Section{{ID: "a", Earned: 0.57, Possible: 20}, {ID: "b"}},
	}
	Summarize(r, nil)
	if r.Score != 2.9 || r.Sections[0].Score == nil || *r.Sections[0].Score != 2.9 {
		t.Errorf("score %v, section %v; want 2.9, 2.9", r.Score, r.Sections[0].Score)
	}
	if r.Sections[1].Score != nil || r.Sections[1].Grade != nil {
		t.Errorf("empty section scored: %v %v", r.Sections[1].Score, r.Sections[1].Grade)
	}
	if !Verdict(r) {
		t.Error("Verdict false at the threshold")
	}
	r.Gates = []result.GateResult{{Rule: "overall-min: 90", Passed: false}}
	if Verdict(r) {
		t.Error("Verdict true with a broken gate")
	}
	r.Gates = nil
	r.CriticalFailures = []string{"x/1"}
	Summarize(r, nil)
	if Verdict(r) || r.Grade.Label != checklist.DefaultGrades()[len(checklist.DefaultGrades())-1].Label {
		t.Errorf("critical failure: passed %v grade %q", Verdict(r), r.Grade.Label)
	}
}
