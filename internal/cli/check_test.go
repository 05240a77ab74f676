package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/document"
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
	o := &CheckOptions{Paths: []string{"docs"}, Checklists: []string{"demo.yaml"}, Format: "text", Now: time.Now}
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
	o := &CheckOptions{Paths: []string{"docs"}, Checklists: []string{"demo.yaml"}, Format: "text", Now: time.Now, Jobs: 1,
		onDone: func(done, total int) {
			if done == 5 {
				cancel()
			}
		}}
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
		o := &CheckOptions{Paths: []string{"docs"}, Checklists: []string{"demo.yaml"}, Format: "text", Output: "out.txt", Now: time.Now}
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
		o := &CheckOptions{Paths: []string{"docs"}, Checklists: []string{"demo.yaml"}, Format: "text", Now: time.Now}
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

// A document whose reading panics is reported as that document's error; the
// others are still checked.
func TestCheckPanicIsPerDocument(t *testing.T) {
	corpus(t, 10, 0)
	read := readDocument
	t.Cleanup(func() { readDocument = read })
	readDocument = func(path string, lim document.Limits) (*document.Document, error) {
		if strings.HasSuffix(path, "doc00003.md") {
			panic("boom")
		}
		return read(path, lim)
	}
	var out, errOut bytes.Buffer
	o := &CheckOptions{Paths: []string{"docs"}, Checklists: []string{"demo.yaml"}, Format: "text", Now: time.Now}
	if err := runCheck(context.Background(), Test(nil, &out, &errOut), &GlobalOptions{}, o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "doc00003.md: internal error, please report it: boom") || tail(out.String()) != "9 documents checked, all passed, 1 could not be read" {
		t.Errorf("output:\n%s", out.String())
	}
}

// Output follows the order of the files, whatever order the workers finish
// in: here the first document is held back until others are done.
func TestCheckOrderWhateverTheWorkers(t *testing.T) {
	corpus(t, 8, 0)
	read := readDocument
	t.Cleanup(func() { readDocument = read })
	release := make(chan struct{})
	readDocument = func(path string, lim document.Limits) (*document.Document, error) {
		if strings.HasSuffix(path, "doc00000.md") {
			<-release
		}
		return read(path, lim)
	}
	var once sync.Once
	var out, errOut bytes.Buffer
	o := &CheckOptions{Paths: []string{"docs"}, Checklists: []string{"demo.yaml"}, Format: "text", Now: time.Now, Jobs: 2,
		onDone: func(done, total int) {
			if done >= 3 {
				once.Do(func() { close(release) })
			}
		}}
	if err := runCheck(context.Background(), Test(nil, &out, &errOut), &GlobalOptions{}, o); err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "docs/") {
			subjects = append(subjects, line)
		}
	}
	if len(subjects) != 8 || !sort.StringsAreSorted(subjects) || !strings.HasSuffix(subjects[0], "doc00000.md") {
		t.Errorf("documents out of order: %v", subjects)
	}
}
