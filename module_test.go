package svcaudit_test

import (
	"encoding/json"
	"fmt"
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
	// The module requires what svcaudit requires, at the same versions, as
	// `go mod tidy` would write it: so the build needs only the modules the
	// repository's own build needs, all in the module cache, and never the
	// go.mod of a module pruned from svcaudit's graph (which a fresh cache
	// lacks, and GOPROXY=off cannot fetch).
	gomod := "module example.com/embed\n\ngo 1.26\n\nrequire github.com/svcaudit/svcaudit v0.0.0\n\nreplace github.com/svcaudit/svcaudit => " + repo + "\n" + requires(t, goBin, repo)
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
	// The module cache and the module proxy, as the repository's own build
	// has them (a fresh cache lacks the go.mod files of modules the
	// repository never builds, which -mod=mod may read): never the checksum
	// database, which CI cannot reach; svcaudit's go.sum holds the hashes.
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOSUMDB=off")
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

// requires is the require block of the repository's go.mod (as `go mod
// edit -json` reads it), every requirement marked indirect: the outside
// module imports none of them itself.
func requires(t *testing.T, goBin, repo string) string {
	t.Helper()
	cmd := exec.Command(goBin, "mod", "edit", "-json")
	cmd.Dir = repo
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go mod edit -json: %v", err)
	}
	var mod struct {
		Require []struct{ Path, Version string }
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("\nrequire (\n")
	for _, r := range mod.Require {
		fmt.Fprintf(&b, "\t%s %s // indirect\n", r.Path, r.Version)
	}
	b.WriteString(")\n")
	return b.String()
}
