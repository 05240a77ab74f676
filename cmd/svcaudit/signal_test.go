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

// TestInterviewSignals: SIGTERM (docker stop, a CI runner's cancel) stops
// the interview as Ctrl-C does, and so does SIGINT sent as a signal: the
// answers given are saved, it says how to resume, writes no Result,
// leaves no lock held, and exits 143 (130 for SIGINT). Before, it went on
// taking answers; then, on a loaded machine, it sometimes stayed on its
// question for good (the terminal library's own signal handler blocked its
// way out).
func TestInterviewSignals(t *testing.T) {
	if _, err := os.Stat("/dev/ptmx"); err != nil {
		t.Skip("no pseudo-terminals here")
	}
	bin := svcauditBin(t)
	for _, c := range []struct {
		name string
		sig  syscall.Signal
		code int
	}{{"SIGTERM", syscall.SIGTERM, 143}, {"SIGINT", syscall.SIGINT, 130}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "kp.yaml"), []byte(ptyChecklist), 0o644); err != nil {
				t.Fatal(err)
			}
			s := start(t, bin, dir, "run", "-c", "kp.yaml", "--subject", "Housing repairs", "--auditor", "A. Assessor", "-o", "result.json")
			at := s.expect(0, "Promises · 1/4")
			s.send(enter) // yes
			at = s.expect(at, "note (optional")
			s.send(enter)
			at = s.expect(at, "Promises · 2/4")
			time.Sleep(300 * time.Millisecond) // the question is on the screen, waiting
			s.cmd.Process.Signal(c.sig)
			err := waitExit(t, s, at)
			out := s.output()[at:]
			if !strings.Contains(out, "Run the same command again to resume.") {
				t.Errorf("does not say how to resume:\n%s", out)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code {
				t.Errorf("exit = %v, want %d", err, c.code)
			}
			if !strings.Contains(out, "stopped by a signal") {
				t.Errorf("does not say what was done:\n%s", out)
			}
			file := filepath.Join(dir, "kp-housing-repairs.answers.yaml")
			f, err := answers.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Answers) != 1 || f.Answers[0].Item != "timescales" {
				t.Errorf("answers after %s = %+v, want timescales alone", c.name, f.Answers)
			}
			if _, err := os.Stat(filepath.Join(dir, "result.json")); err == nil {
				t.Errorf("a Result was written after %s", c.name)
			}
			if _, err := os.Stat(file + ".lock"); err == nil {
				t.Errorf("the lock was left after %s", c.name)
			}
		})
	}
}

// TestInterviewSIGTERMAtAPrompt: a SIGTERM at a line of text asked before
// the questions (the auditor's name) ends the run as well.
func TestInterviewSIGTERMAtAPrompt(t *testing.T) {
	if _, err := os.Stat("/dev/ptmx"); err != nil {
		t.Skip("no pseudo-terminals here")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kp.yaml"), []byte(ptyChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, svcauditBin(t), dir, "run", "-c", "kp.yaml", "--subject", "Housing repairs", "-o", "result.json")
	at := s.expect(0, "Auditor: who is carrying out this audit?")
	time.Sleep(300 * time.Millisecond)
	s.cmd.Process.Signal(syscall.SIGTERM)
	err := waitExit(t, s, at)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Errorf("exit = %v, want 143:\n%s", err, s.output()[at:])
	}
	if !strings.Contains(s.output()[at:], "stopped by a signal") {
		t.Errorf("does not say what was done:\n%s", s.output()[at:])
	}
	if _, err := os.Stat(filepath.Join(dir, "result.json")); err == nil {
		t.Error("a Result was written after SIGTERM")
	}
}

// waitExit waits for the session's process to end, failing the test if it
// goes on for 30 seconds.
func waitExit(t *testing.T, s *session, at int) error {
	t.Helper()
	exited := make(chan error, 1)
	go func() { <-s.done; exited <- s.cmd.Wait() }()
	select {
	case err := <-exited:
		return err
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		t.Fatalf("the interview went on after the signal:\n%s", s.output()[at:])
	}
	return nil
}
