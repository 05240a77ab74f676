package svcaudit_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	svcaudit "github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/checklist"
)

func TestAuditCases(t *testing.T) {
	cl, err := checklist.Parse("t.yaml", []byte(`id: t
title: T
items:
  - id: ack
    question: Acknowledged within 5 working days?
    evidence:
      cases: {stage: 1, interval: received-acknowledged, limit: 5, min: 50%}
`))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "log.csv")
	os.WriteFile(log, []byte("Reference,Stage,Received,Acknowledged,Responded\nA,1,2024-04-02,2024-04-03,\nB,1,2024-04-02,2024-04-19,\nC,9,2024-04-02,,\n"), 0o644)
	var problems []string
	asOf := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	r, err := svcaudit.Audit(context.Background(), svcaudit.AuditOptions{Checklist: cl, Now: func() time.Time { return asOf },
		Cases: &svcaudit.CaseLog{File: log, Homes: 100, OnProblem: func(p string) { problems = append(problems, p) }}})
	if err != nil {
		t.Fatal(err)
	}
	m := r.Items[0].Measure
	if m == nil || m.Cases != 2 || m.Within != 1 || r.Items[0].Outcome != "pass" {
		t.Fatalf("item %+v, measure %+v", r.Items[0], m)
	}
	if len(r.Measures) != 4 || r.Measures[0].ID != "CH01-stage1" || r.Measures[0].Value != 20 {
		t.Errorf("measures %+v", r.Measures)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], `log.csv:4: column "Stage"`) {
		t.Errorf("problems %q", problems)
	}
	if r.CaseLog == nil || r.CaseLog.Rows != 3 || r.CaseLog.Used != 2 {
		t.Errorf("case log %+v", r.CaseLog)
	}
	// Without the log, the item is left unanswered and a notice says why.
	r, err = svcaudit.Audit(context.Background(), svcaudit.AuditOptions{Checklist: cl, Now: func() time.Time { return asOf }})
	if err != nil {
		t.Fatal(err)
	}
	if r.Items[0].Outcome != "unanswered" || len(r.Notices) == 0 || !strings.Contains(r.Notices[0], "no log was given") {
		t.Errorf("without a log: %+v, notices %q", r.Items[0], r.Notices)
	}
}
