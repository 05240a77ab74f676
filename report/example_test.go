package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/schema"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/result"
)

// TestExamples scores the repository's example answers with package score,
// as `run` does, and checks that Rescore reaches the same numbers and that
// every format renders the Result. (No golden: the examples change with
// the checklists.)
func TestExamples(t *testing.T) {
	files, err := filepath.Glob("../examples/answers/*.yaml")
	if err != nil || len(files) == 0 {
		t.Skip("no example answers")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			a, err := answers.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			cl, err := checklist.Resolve(a.Checklist)
			if err != nil {
				t.Fatal(err)
			}
			r, err := score.Evaluate(cl, score.Input{Subject: a.Subject, Auditor: a.Auditor, Date: a.Date, Answers: a})
			if err != nil {
				t.Fatal(err)
			}
			b, err := result.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate("result", b); err != nil {
				t.Fatal(err)
			}

			again, _ := result.Decode(name, b)
			Rescore(again, cl.Grades)
			if diff := cmp.Diff(r, again, cmpopts.EquateEmpty(), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("Rescore differs from score.Evaluate (-score +rescore):\n%s", diff)
			}
			for _, f := range Formats {
				if err := Render(&bytes.Buffer{}, []*result.Result{r}, Options{Format: f, Bands: cl.Grades}); err != nil {
					t.Errorf("%s: %v", f, err)
				}
			}
		})
	}
}
