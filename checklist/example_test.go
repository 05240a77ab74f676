package checklist_test

import (
	"fmt"
	"log"

	"github.com/svcaudit/svcaudit/checklist"
)

// Parse a checklist written in YAML; its items with evidence are
// answered by documents, the others by an assessor.
func ExampleParse() {
	cl, err := checklist.Parse("repairs.yaml", []byte(`id: repairs
title: Repairs service standards
items:
  - id: timescales
    question: Do published standards give concrete timescales?
    evidence:
      any: ['within \d+ (working )?days']
  - id: told-before-missed
    question: Are people told before a promised date is missed?
`))
	if err != nil {
		log.Fatal(err)
	}
	for _, it := range cl.Items() {
		fmt.Println(it.FullID, it.Automated())
	}
	// Output:
	// repairs/timescales true
	// repairs/told-before-missed false
}

// Problems in a checklist are reported at their line and column.
func ExampleParse_error() {
	_, err := checklist.Parse("bad.yaml", []byte("id: bad\ntitle: Bad\nitems:\n  - id: x\n    weight: -1\n"))
	fmt.Println(err)
	// Output:
	// bad.yaml:4:5: item x has no question
	// bad.yaml:5:13: weight must be more than 0, not -1
}

// Resolve a built-in checklist by its id (a path loads a file instead).
func ExampleResolve() {
	cl, err := checklist.Resolve("keeps-promises")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cl.ID, cl.Automated())
	// Output:
	// keeps-promises true
}
