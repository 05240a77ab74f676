//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCmds["signal"] = cmdSignal
	scriptCmds["copies"] = cmdCopies
}

// cmdSignal runs a command of the script's PATH and signals it once it is
// under way:
//
//	signal [-after DURATION] [-twice] TERM|INT GLOB exit CODE -- svcaudit ARGS...
//
// It waits until a file matching GLOB exists in the working folder (the
// command's temporary output: it is at work) and DURATION more, sends the
// signal (twice with -twice: the second one ends a command at once), and
// fails unless
// the command then ends, within a minute, with exit status CODE. The
// command's output becomes the script's stdout and stderr.
func cmdSignal(ts *testscript.TestScript, neg bool, args []string) {
	usage := "usage: signal [-after DURATION] [-twice] TERM|INT GLOB exit CODE -- CMD [ARGS...]"
	if neg {
		ts.Fatalf("unsupported: ! signal")
	}
	var after time.Duration
	if len(args) > 1 && args[0] == "-after" {
		var err error
		after, err = time.ParseDuration(args[1])
		ts.Check(err)
		args = args[2:]
	}
	twice := len(args) > 0 && args[0] == "-twice"
	if twice {
		args = args[1:]
	}
	if len(args) < 6 || args[2] != "exit" || args[4] != "--" {
		ts.Fatalf("%s", usage)
	}
	sig := map[string]syscall.Signal{"TERM": syscall.SIGTERM, "INT": syscall.SIGINT}[args[0]]
	if sig == 0 {
		ts.Fatalf("signal: unknown signal %q", args[0])
	}
	glob := args[1]
	want, err := strconv.Atoi(args[3])
	ts.Check(err)
	name, cmdArgs := args[5], args[6:]
	path, err := lookPath(ts.Getenv("PATH"), name)
	ts.Check(err)
	cmd := exec.Command(path, cmdArgs...)
	cmd.Dir = ts.MkAbs(".")
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "WORK", "NO_COLOR", "XDG_CACHE_HOME"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	ts.Check(cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(time.Minute)
	ended := func(err error) {
		fmt.Fprint(ts.Stdout(), stdout.String())
		fmt.Fprint(ts.Stderr(), stderr.String())
		var ee *exec.ExitError
		code := 0
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			ts.Fatalf("signal: %v", err)
		}
		if code != want {
			ts.Fatalf("signal: %s exited %d, want %d", name, code, want)
		}
	}
wait:
	for {
		if m, _ := filepath.Glob(filepath.Join(cmd.Dir, glob)); len(m) > 0 {
			break
		}
		select {
		case err := <-exited:
			ended(err)
			ts.Fatalf("signal: %s ended before %s appeared", name, glob)
		case <-deadline:
			cmd.Process.Kill()
			ts.Fatalf("signal: no %s after a minute", glob)
		case <-time.After(2 * time.Millisecond):
			continue wait
		}
	}
	time.Sleep(after)
	ts.Check(cmd.Process.Signal(sig))
	if twice {
		time.Sleep(20 * time.Millisecond)
		cmd.Process.Signal(sig)
	}
	select {
	case err := <-exited:
		ended(err)
	case <-deadline:
		cmd.Process.Kill()
		ts.Fatalf("signal: %s went on for a minute after SIG%s", name, args[0])
	}
}

func lookPath(pathList, name string) (string, error) {
	for _, dir := range filepath.SplitList(pathList) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s is not on the script's PATH", name)
}

// cmdCopies writes N copies of a file into a folder: copies FILE DIR N.
func cmdCopies(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: copies FILE DIR N")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	n, err := strconv.Atoi(args[2])
	ts.Check(err)
	dir := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(dir, 0o755))
	ext := filepath.Ext(args[0])
	base := strings.TrimSuffix(filepath.Base(args[0]), ext)
	for i := range n {
		ts.Check(os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%04d%s", base, i, ext)), data, 0o644))
	}
}
