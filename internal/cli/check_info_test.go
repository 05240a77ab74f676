package cli

import (
	"path/filepath"
	"testing"
	"time"
)

// Only JSON shows the findings that support a pass: judge keeps them for
// it and has the rules skip them otherwise, with the same verdict.
func TestJudgeInfoFindings(t *testing.T) {
	corpus(t, 1, 0)
	o := &CheckOptions{Checklists: []string{"demo.yaml"}, Now: time.Now}
	pl, err := makePlan(o)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("docs", "d00", "doc00000.md")
	for _, keepInfo := range []bool{true, false} {
		out := judge(o, pl.forDocument(path), nil, path, 0, keepInfo)
		if len(out.errs) > 0 || len(out.results) != 1 {
			t.Fatalf("keepInfo %v: errors %v, %d results", keepInfo, out.errs, len(out.results))
		}
		r := out.results[0]
		if !r.Passed || len(r.Items) != 1 {
			t.Fatalf("keepInfo %v: passed %v, %d items; want a pass of 1 item", keepInfo, r.Passed, len(r.Items))
		}
		infos := 0
		for _, f := range r.Items[0].Findings {
			if f.Severity == "info" {
				infos++
			}
		}
		if keepInfo && infos == 0 {
			t.Error("for JSON, want the info finding that supports the pass")
		}
		if !keepInfo && infos != 0 {
			t.Errorf("for other formats, want no info findings, got %d", infos)
		}
	}
}
