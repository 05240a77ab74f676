package report_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/result"
)

// exampleResult audits a one-item checklist on one document.
func exampleResult() *result.Result {
	cl, err := checklist.Parse("repairs.yaml", []byte(`id: repairs
title: Repairs
items:
  - id: timescales
    question: Do published standards give concrete timescales?
    evidence:
      any: ['within \d+ days']
`))
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "report-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	doc := filepath.Join(dir, "charter.md")
	if err := os.WriteFile(doc, []byte("We fix urgent repairs within 3 days.\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	ev, err := svcaudit.ReadEvidence(context.Background(), cl, []string{doc}, svcaudit.Limits{})
	if err != nil {
		log.Fatal(err)
	}
	r, err := svcaudit.Audit(context.Background(), svcaudit.AuditOptions{Checklist: cl, Evidence: ev, Subject: "Housing repairs", Date: "2026-01-31"})
	if err != nil {
		log.Fatal(err)
	}
	return r
}

// Render a Result as CSV, one row per section.
func ExampleRender() {
	r := exampleResult()
	if err := report.Render(os.Stdout, []*result.Result{r}, report.Options{Format: "csv"}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// subject,checklist,date,section,title,score,grade,rag,earned,possible,baseline_score,change,overall_score,overall_grade,passed
	// Housing repairs,repairs,2026-01-31,repairs,Repairs,100.0,Good,green,1,1,,,100.0,Good,yes
}

// Merge two audits of the same subject (two assessors' halves) into one.
func ExampleMerge() {
	a, b := exampleResult(), exampleResult()
	m, err := report.Merge([]*result.Result{a, b}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Subject, m.Score)
	// Output:
	// Housing repairs 100
}
