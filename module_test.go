package svcaudit_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// embedProgram is a program of another module that uses the public
// packages as a user would: it loads a built-in checklist, checks a
// document and renders a report.
const embedProgram = `package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/report/stream"
	"github.com/svcaudit/svcaudit/result"
)

func main() {
	cl, err := checklist.Resolve("real-humans")
	if err != nil {
		log.Fatal(err)
	}
	run, err := svcaudit.Check(context.Background(), svcaudit.CheckOptions{
		Paths: []string{"letter.md"}, Checklists: []string{cl.ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	var rs []*result.Result = run.Results
	if err := report.Render(os.Stdout, rs, report.Options{Format: "csv"}); err != nil {
		log.Fatal(err)
	}
	rep := &stream.Report{Results: rs, Errors: run.Errors, Checklists: run.Checklists}
	fmt.Println(stream.Summary(rep))
}
`

// An outside module can import checklist, result, report and svcaudit, and
// run a check with them.
func TestOutsideModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program of another module")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	repo, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/embed\n\ngo 1.26\n\nrequire github.com/svcaudit/svcaudit v0.0.0\n\nreplace github.com/svcaudit/svcaudit => " + repo + "\n"
	files := map[string]string{
		"go.mod":    gomod,
		"go.sum":    string(sum),
		"main.go":   embedProgram,
		"letter.md": "Dear Ms Patel,\n\nCall me on 0300 123 4567, 9am to 5pm.\n\nAmir Khan, Repairs\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(goBin, "run", "-mod=mod", ".")
	cmd.Dir = dir
	// Only what the module cache holds: the test must not reach the network.
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	s := string(out)
	if !strings.Contains(s, "subject,checklist,") || !strings.Contains(s, "letter.md,real-humans,") {
		t.Errorf("no CSV report of letter.md:\n%s", s)
	}
	if !strings.Contains(s, "1 document checked") {
		t.Errorf("no summary:\n%s", s)
	}
}
