package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/result"
)

var update = flag.Bool("update", false, "rewrite golden files")

func summaryResult() *result.Result {
	f := func(v float64) *float64 { return &v }
	t := 85.0
	return &result.Result{
		SchemaVersion: 1, Checklist: result.ChecklistRef{ID: "kp", Title: "Keeps promises", Version: "1"},
		Subject: "Housing | repairs\x1b[31m", Auditor: "A. Assessor", Date: "2026-11-20",
		Score: 55.6, Grade: result.Grade{Label: "Inadequate", RAG: "red"}, Threshold: &t,
		CriticalFailures: []string{"kp/apology"}, Unanswered: []string{"rh/named"},
		Gates: []result.GateResult{
			{Rule: "section-min: 70", Detail: "Real humans scored 33.3%, 36.7 points below 70%"},
			{Rule: "max-partials: 1", Passed: true}},
		Notices: []string{"waiver for kp/x expires on 2026-12-01 (Head of repairs)"},
		Sections: []result.Section{
			{ID: "kp", Title: "Keeps promises", Score: f(66.7), Grade: &result.Grade{Label: "Requires improvement", RAG: "amber"}},
			{ID: "rh", Title: "Real humans", Score: f(33.3), Grade: &result.Grade{Label: "Inadequate", RAG: "red"}},
			{ID: "na", Title: "Not asked"},
		},
		Items: []result.Item{
			{ID: "kp/apology", Question: "Do letters apologise?", Outcome: result.Fail, Critical: true},
			{ID: "kp/timescales", Question: "Are timescales published?", Outcome: result.Partial},
			{ID: "kp/kept", Question: "Are they kept?", Outcome: result.Pass},
			{ID: "rh/named", Question: "Is each case given a named contact?"},
		},
	}
}

func TestSummaryGolden(t *testing.T) {
	for _, tt := range []struct {
		name, format string
		color        bool
		width        int
	}{{"table", "table", false, 0}, {"table-color", "table", true, 0}, {"md", "md", false, 0},
		// A 44-column terminal: the lists wrap, their later lines indented.
		{"table-narrow", "table", false, 44}} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			ios := Test(nil, &out, &out)
			ios.Color = tt.color
			ios.Width = tt.width
			if err := printSummary(ios, summaryResult(), tt.format); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "summary-"+tt.name+".golden")
			if *update {
				os.WriteFile(golden, out.Bytes(), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), out.String()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
