package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/schema"
)

const ptyChecklist = `id: kp
title: Keeps promises
sections:
  - id: promises
    title: Promises
    items:
      - id: timescales
        question: Do published standards give concrete timescales?
        guidance: Look for a number and a unit, not "promptly".
      - id: told-before
        question: Are people told before a promised date is missed?
  - id: listening
    title: Listening
    items:
      - id: acts
        question: Does the service act on what people say?
      - id: thanks
        question: Are people thanked for complaining?
`

// svcauditBin is the svcaudit command that TestMain puts on PATH for the
// scripts: this test binary, which runs cli.Main when called svcaudit, so
// that no test builds the command again.
func svcauditBin(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("svcaudit")
	if err != nil {
		t.Fatalf("svcaudit is not on PATH: %v", err)
	}
	return bin
}

// session is the binary running on a pseudo-terminal, its output gathered.
type session struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func start(t *testing.T, bin, dir string, args ...string) *session {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 100})
	if err != nil {
		t.Fatalf("start on a pty: %v", err)
	}
	s := &session{t: t, cmd: cmd, tty: tty, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			s.mu.Lock()
			s.out.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { cmd.Process.Kill(); tty.Close() })
	return s
}

// since returns the output after mark (a byte offset) and the new mark.
func (s *session) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// expect waits until the output after from holds want, and returns the
// offset just past it. It gives up (failing the test) after a generous
// wait, which only a hung interview reaches.
func (s *session) expect(from int, want string) int {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		out := s.output()
		if from <= len(out) {
			if i := strings.Index(out[from:], want); i >= 0 {
				return from + i + len(want)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("never saw %q; output:\n%s", want, s.output()[from:])
	return 0
}

func (s *session) send(keys string) {
	s.t.Helper()
	time.Sleep(100 * time.Millisecond) // let the form settle before typing
	if _, err := io.WriteString(s.tty, keys); err != nil {
		s.t.Fatal(err)
	}
}

const (
	enter = "\r"
	down  = "\x1b[B"
)

// TestInterviewSurvivesKill drives the interview as a person would on a
// terminal: it answers two items, kills the process hard, restarts it and
// checks that both answers survived and the interview resumed at the third.
func TestInterviewSurvivesKill(t *testing.T) {
	if _, err := os.Stat("/dev/ptmx"); err != nil {
		t.Skip("no pseudo-terminals here")
	}
	dir := t.TempDir()
	bin := svcauditBin(t)
	if err := os.WriteFile(filepath.Join(dir, "kp.yaml"), []byte(ptyChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "-c", "kp.yaml", "--subject", "Housing repairs", "--auditor", "A. Assessor", "-o", "result.json"}
	file := filepath.Join(dir, "kp-housing-repairs.answers.yaml")

	s := start(t, bin, dir, args...)
	at := s.expect(0, "Promises · 1/4")
	s.expect(at, "Look for a number and a unit")
	s.send(enter) // yes
	at = s.expect(at, "note (optional")
	s.send(enter) // no note
	at = s.expect(at, "Promises · 2/4")
	s.send(down + enter) // partial
	at = s.expect(at, "note (optional")
	s.send("two of five cases" + enter)
	s.expect(at, "Listening · 3/4")

	// a second interview on the same file is refused while this one runs
	s2 := start(t, bin, dir, args...)
	s2.expect(0, "is in use by another interview (pid ")
	<-s2.done

	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()

	f, err := answers.Load(file)
	if err != nil {
		t.Fatalf("answers after kill -9: %v", err)
	}
	got := map[string]string{}
	for _, a := range f.Answers {
		got[a.Item] = a.Value + "|" + a.Note
	}
	if got["timescales"] != "yes|" || got["told-before"] != "partial|two of five cases" || len(got) != 2 {
		t.Fatalf("answers after kill -9 = %v", got)
	}

	s = start(t, bin, dir, args...)
	at = s.expect(0, "Resuming: 2 of 4 answered.")
	at = s.expect(at, "Listening · 3/4")
	s.expect(at, "Does the service act on what people say?")
	s.send(down + down + enter) // no
	at = s.expect(at, "note (optional")
	s.send(enter)
	at = s.expect(at, "Listening · 4/4")
	s.send(enter) // yes
	at = s.expect(at, "note (optional")
	s.send(enter)
	s.expect(at, "wrote result.json")
	<-s.done
	s.cmd.Wait()

	b, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate("result", b); err != nil {
		t.Errorf("result.json: %v", err)
	}
	if !bytes.Contains(b, []byte(`"score": 62.5`)) {
		t.Errorf("result.json score, want 62.5:\n%s", b)
	}
	if _, err := os.Stat(file + ".lock"); err == nil {
		t.Error("lock file left behind after a clean finish")
	}
}

// TestInterviewSkipAndInterrupt: a skipped question says so in the log of
// answers, and Ctrl-C stops with what was given saved and how to resume.
func TestInterviewSkipAndInterrupt(t *testing.T) {
	if _, err := os.Stat("/dev/ptmx"); err != nil {
		t.Skip("no pseudo-terminals here")
	}
	dir := t.TempDir()
	bin := svcauditBin(t)
	if err := os.WriteFile(filepath.Join(dir, "kp.yaml"), []byte(ptyChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	s := start(t, bin, dir, "run", "-c", "kp.yaml", "--subject", "Housing repairs", "--auditor", "A. Assessor")
	at := s.expect(0, "Promises · 1/4")
	s.send(down + down + down + down + enter) // skip
	at = s.expect(at, "1/4 timescales: skipped")
	at = s.expect(at, "Promises · 2/4")
	s.send(enter) // yes
	at = s.expect(at, "note (optional")
	s.send(enter)
	at = s.expect(at, "Listening · 3/4")
	s.send("\x03") // Ctrl-C
	s.expect(at, "Run the same command again to resume.")
	<-s.done
	if err := s.cmd.Wait(); s.cmd.ProcessState.ExitCode() != 130 {
		t.Errorf("Ctrl-C in the interview: %v, want exit status 130", err)
	}
	f, err := answers.Load(filepath.Join(dir, "kp-housing-repairs.answers.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Answers) != 1 || f.Answers[0].Item != "told-before" {
		t.Errorf("answers after Ctrl-C = %+v, want told-before alone", f.Answers)
	}
}

// TestInterviewNewAnswersFile: --answers naming a file that does not exist
// starts the interview on a terminal, which writes it; with no --auditor
// the interview asks who audits and saves the name before the first
// question; Ctrl-C at the auditor's prompt or at a question exits 130 with
// every answer given kept.
func TestInterviewNewAnswersFile(t *testing.T) {
	if _, err := os.Stat("/dev/ptmx"); err != nil {
		t.Skip("no pseudo-terminals here")
	}
	dir := t.TempDir()
	bin := svcauditBin(t)
	if err := os.WriteFile(filepath.Join(dir, "kp.yaml"), []byte(ptyChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "new.answers.yaml")
	args := []string{"run", "-c", "kp.yaml", "--answers", "new.answers.yaml", "--subject", "Housing repairs", "-o", "result.json"}
	exit := func(s *session) int {
		<-s.done
		s.cmd.Wait()
		return s.cmd.ProcessState.ExitCode()
	}

	// Ctrl-C at the auditor's prompt: the file exists, nothing else is lost
	s := start(t, bin, dir, args...)
	at := s.expect(0, "Answers are saved to new.answers.yaml after every answer.")
	s.expect(at, "Auditor: who is carrying out this audit?")
	s.send("\x03")
	s.expect(at, "Run the same command with --interactive to resume.")
	if code := exit(s); code != 130 {
		t.Errorf("Ctrl-C at the auditor's prompt: exit %d, want 130\n%s", code, s.output())
	}

	// the file exists now, so it is resumed with --interactive
	args = append(args, "--interactive")
	s = start(t, bin, dir, args...)
	at = s.expect(0, "Auditor: who is carrying out this audit?")
	s.send("A. Assessor" + enter)
	at = s.expect(at, "Promises · 1/4")
	s.send(enter) // yes
	at = s.expect(at, "note (optional")
	s.send(enter)
	at = s.expect(at, "Promises · 2/4")
	s.send("\x03") // Ctrl-C
	s.expect(at, "svcaudit: interrupted: every answer given is saved in new.answers.yaml; no Result written")
	if code := exit(s); code != 130 {
		t.Errorf("Ctrl-C at a question: exit %d, want 130", code)
	}
	f, err := answers.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if f.Auditor != "A. Assessor" || len(f.Answers) != 1 || f.Answers[0].Item != "timescales" || f.Answers[0].Value != "yes" {
		t.Errorf("answers after Ctrl-C: auditor %q, %+v", f.Auditor, f.Answers)
	}
	if _, err := os.Stat(filepath.Join(dir, "result.json")); err == nil {
		t.Error("a Result was written by an interrupted interview")
	}

	// resumed, the auditor is not asked again
	s = start(t, bin, dir, args...)
	at = s.expect(0, "Resuming: 1 of 4 answered.")
	s.expect(at, "Promises · 2/4")
	if strings.Contains(s.output(), "Auditor:") {
		t.Errorf("the auditor was asked again on resuming:\n%s", s.output())
	}
	s.send("\x03")
	exit(s)
}
