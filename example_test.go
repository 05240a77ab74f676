package svcaudit_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/result"
)

// exampleFolder makes a folder holding one policy document, and returns
// it; the examples work in it.
func exampleFolder() string {
	dir, err := os.MkdirTemp("", "svcaudit-example")
	if err != nil {
		log.Fatal(err)
	}
	policy := "# Complaints\n\nWe reply within 10 working days. Call us on 0300 123 4567.\n"
	if err := os.WriteFile(filepath.Join(dir, "policy.md"), []byte(policy), 0o644); err != nil {
		log.Fatal(err)
	}
	return dir
}

// Check a folder of documents against a built-in checklist's automated
// items: one Result per document.
func ExampleCheck() {
	dir := exampleFolder()
	defer os.RemoveAll(dir)
	run, err := svcaudit.Check(context.Background(), svcaudit.CheckOptions{
		Paths:      []string{dir},
		Checklists: []string{"keeps-promises"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range run.Results {
		fmt.Printf("%s against %s: %t\n", filepath.Base(r.Subject), r.Checklist.ID, len(r.Items) > 0)
	}
	fmt.Println("documents:", run.Documents, "errors:", len(run.Errors))
	// Output:
	// policy.md against keeps-promises: true
	// documents: 1 errors: 0
}

// Stream the Results as they are judged, in the order of the documents,
// rather than keep them.
func ExampleCheckOptions_onResults() {
	dir := exampleFolder()
	defer os.RemoveAll(dir)
	o := svcaudit.CheckOptions{Paths: []string{dir}, Checklists: []string{"real-humans"}}
	o.OnResults = func(rs []*result.Result) {
		for _, r := range rs {
			fmt.Println(filepath.Base(r.Subject), r.Checklist.ID)
		}
	}
	run, err := svcaudit.Check(context.Background(), o)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("kept:", len(run.Results), "judged:", run.Judged)
	// Output:
	// policy.md real-humans
	// kept: 0 judged: 1
}

// Audit one subject: the documents answer the automated items, and the
// items an assessor must answer are left unanswered here.
func ExampleAudit() {
	dir := exampleFolder()
	defer os.RemoveAll(dir)
	cl, err := checklist.Resolve("real-humans")
	if err != nil {
		log.Fatal(err)
	}
	ev, err := svcaudit.ReadEvidence(context.Background(), cl, []string{dir}, svcaudit.Limits{})
	if err != nil {
		log.Fatal(err)
	}
	r, err := svcaudit.Audit(context.Background(), svcaudit.AuditOptions{
		Checklist: cl, Evidence: ev, Subject: "Complaints service", Date: "2026-01-31",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Subject, r.Date, r.Checklist.ID, len(r.Documents), "document")
	// Output:
	// Complaints service 2026-01-31 real-humans 1 document
}
