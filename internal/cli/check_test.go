package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const demoChecklist = `id: demo
title: Demo checklist
items:
  - id: timescales
    question: Do published standards give concrete timescales?
    evidence:
      any: ['within \d+ (working )?days']
`

// corpus writes n documents under dir/docs, bad of which cannot be read
// (unreadable as a user; broken links as root, who reads anything).
func corpus(t *testing.T, n, bad int) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("demo.yaml", []byte(demoChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		sub := filepath.Join("docs", fmt.Sprintf("d%02d", i%100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(sub, fmt.Sprintf("doc%05d.md", i))
		if i < bad {
			if os.Geteuid() == 0 {
				if err := os.Symlink("missing.md", p); err != nil {
					t.Fatal(err)
				}
				continue
			}
			defer os.Chmod(p, 0o644)
		}
		if err := os.WriteFile(p, []byte("# Charter\n\nWe reply within 5 working days.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if i < bad {
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestCheckManyWithUnreadable(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 500
	}
	corpus(t, n, 100)
	var out, errOut bytes.Buffer
	o := checkOpts("text", "")
	err := runCheck(context.Background(), Test(nil, &out, &errOut), &GlobalOptions{}, o)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	want := fmt.Sprintf("%d documents checked, all passed, 100 could not be read\n", n-100)
	if !strings.HasSuffix(out.String(), want) {
		t.Errorf("summary: want %q, got tail %q", want, tail(out.String()))
	}
	if got := strings.Count(out.String(), "\n  docs/d"); got < 100 {
		t.Errorf("want the 100 unreadable documents listed, found %d lines", got)
	}
}

// An interrupted run stops its workers and reports what it did and did not
// check.
func TestCheckInterrupted(t *testing.T) {
	corpus(t, 40, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut bytes.Buffer
	o := checkOpts("text", "")
	o.Jobs = 1
	o.OnProgress = func(done, total int) {
		if done == 5 {
			cancel()
		}
	}
	err := runCheck(ctx, Test(nil, &out, &errOut), &GlobalOptions{}, o)
	if exitCode(err) != ExitFailed || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("want an interrupted failure, got %v", err)
	}
	s := out.String()
	if !strings.Contains(s, "not checked (the run was interrupted)") {
		t.Errorf("no list of what was not checked:\n%s", s)
	}
	var checked, unchecked int
	fmt.Sscanf(tail(s), "interrupted: %d documents checked, %d not checked", &checked, &unchecked)
	if checked < 5 || checked+unchecked != 40 {
		t.Errorf("summary %q: want at least 5 checked and the rest listed as not checked", tail(s))
	}
}

func TestCheckOutputAsk(t *testing.T) {
	corpus(t, 3, 0)
	if err := os.WriteFile("out.txt", []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		answer string
		wrote  bool
	}{{"n\n", false}, {"y\n", true}} {
		var out, errOut bytes.Buffer
		ios := Test(strings.NewReader(tt.answer), &out, &errOut)
		ios.InTTY, ios.ErrTTY = true, true
		o := checkOpts("text", "out.txt")
		err := runCheck(context.Background(), ios, &GlobalOptions{}, o)
		b, _ := os.ReadFile("out.txt")
		if got := string(b) != "keep"; got != tt.wrote {
			t.Errorf("answer %q: wrote = %v (err %v)", tt.answer, got, err)
		}
		if !strings.Contains(errOut.String(), "out.txt already exists. Replace it? [y/N]") {
			t.Errorf("no question asked: %q", errOut.String())
		}
	}
}

// checkOpts are the options of `check docs -c demo.yaml`.
func checkOpts(format, output string) *CheckOptions {
	o := &CheckOptions{Format: format, Output: output}
	o.Paths, o.Checklists, o.Now = []string{"docs"}, []string{"demo.yaml"}, time.Now
	return o
}

func tail(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndex(s, "\n")+1:]
}

// A terminal gets a progress bar on standard error when there are many
// documents; a pipe or --quiet gets none.
func TestCheckProgress(t *testing.T) {
	corpus(t, progressMin+1, 0)
	for _, tt := range []struct {
		tty, quiet, want bool
	}{{true, false, true}, {false, false, false}, {true, true, false}} {
		var out, errOut bytes.Buffer
		ios := Test(nil, &out, &errOut)
		ios.ErrTTY = tt.tty
		o := checkOpts("text", "")
		if err := runCheck(context.Background(), ios, &GlobalOptions{Quiet: tt.quiet}, o); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(errOut.String(), "checking"); got != tt.want {
			t.Errorf("tty %v quiet %v: progress shown = %v, want %v (%q)", tt.tty, tt.quiet, got, tt.want, errOut.String())
		}
		if strings.Contains(out.String(), "checking") {
			t.Errorf("progress on standard output")
		}
	}
}

// -o streams into a temporary file beside the output and renames it into
// place: nothing else is left in the folder.
func TestCheckOutputLeavesNoTemp(t *testing.T) {
	corpus(t, 3, 0)
	var out, errOut bytes.Buffer
	o := checkOpts("json", "report.json")
	if err := runCheck(context.Background(), Test(nil, &out, &errOut), &GlobalOptions{}, o); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "demo.yaml docs report.json" {
		t.Errorf("folder holds %v", names)
	}
	if fi, err := os.Stat("report.json"); err != nil || fi.Mode().Perm() != 0o644 || fi.Size() == 0 {
		t.Errorf("report.json: %v %v", fi, err)
	}
}
