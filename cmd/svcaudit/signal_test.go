package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/answers"
)

// TestInterviewSIGTERM: SIGTERM (docker stop, a CI runner's cancel) stops
// the interview as Ctrl-C does: the answers given are saved, it says how
// to resume, writes no Result, leaves no lock held, and exits 143. Before,
// it went on taking answers.
func TestInterviewSIGTERM(t *testing.T) {
	if _, err := os.Stat("/dev/ptmx"); err != nil {
		t.Skip("no pseudo-terminals here")
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "svcaudit")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "kp.yaml"), []byte(ptyChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, bin, dir, "run", "-c", "kp.yaml", "--subject", "Housing repairs", "-o", "result.json")
	at := s.expect(0, "Promises · 1/4")
	s.send(enter) // yes
	at = s.expect(at, "note (optional")
	s.send(enter)
	at = s.expect(at, "Promises · 2/4")
	time.Sleep(500 * time.Millisecond) // let the form settle
	s.cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { <-s.done; exited <- s.cmd.Wait() }()
	var err error
	select {
	case err = <-exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("the interview went on after SIGTERM:\n%s", s.output()[at:])
	}
	if !strings.Contains(s.output()[at:], "Run the same command again to resume.") {
		t.Errorf("does not say how to resume:\n%s", s.output()[at:])
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Errorf("exit = %v, want 143", err)
	}
	if !strings.Contains(s.output(), "stopped by a signal") {
		t.Errorf("does not say what was done:\n%s", s.output())
	}
	f, err := answers.Load(filepath.Join(dir, "kp-housing-repairs.answers.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Answers) != 1 || f.Answers[0].Item != "timescales" {
		t.Errorf("answers after SIGTERM = %+v, want timescales alone", f.Answers)
	}
	if _, err := os.Stat(filepath.Join(dir, "result.json")); err == nil {
		t.Error("a Result was written after SIGTERM")
	}
}
