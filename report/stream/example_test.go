package stream_test

import (
	"context"
	"log"
	"os"

	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/report/stream"
)

// Check a document and write the check's report as GitHub annotations,
// each Result as it is judged.
func ExampleWriter() {
	dir, err := os.MkdirTemp("", "stream-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	back, _ := os.Getwd()
	defer os.Chdir(back)
	if err := os.Chdir(dir); err != nil {
		log.Fatal(err)
	}
	list := []byte("id: repairs\ntitle: Repairs\nitems:\n  - id: timescales\n    question: Do standards give timescales?\n    evidence:\n      any: ['within \\d+ days']\n")
	if err := os.WriteFile("repairs.yaml", list, 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("charter.md", []byte("We will reply promptly.\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	prep, err := svcaudit.PrepareCheck(svcaudit.CheckOptions{
		Paths:      []string{"charter.md"},
		Checklists: []string{"repairs.yaml"},
	})
	if err != nil {
		log.Fatal(err)
	}
	w := stream.NewWriter(os.Stdout, "github", stream.Options{Checklists: prep.Checklists()})
	prep.OnResults = w.Add
	run, err := prep.Run(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	rep := &stream.Report{Errors: run.Errors, Checklists: run.Checklists, Tally: w.Tally()}
	if err := w.Close(rep); err != nil {
		log.Fatal(err)
	}
	// Output:
	// ::error file=charter.md,title=repairs/timescales::no evidence that: Do standards give timescales? ("within \d+ days" did not match)
	// ::error file=charter.md,title=repairs::charter.md scored 0.0%: below 50%25
	// 1 document checked, 1 below 50%
}
