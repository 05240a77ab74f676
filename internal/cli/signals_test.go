//go:build unix

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/atomicfile"
)

// syncBuf is a buffer written by the signal goroutine and read by the test.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSIGTERMEndsAtOnceAndCleansUp: a command that does not stop by itself
// ends on SIGTERM at once with exit 143, its unfinished output's temporary
// file removed, and says so; SIGINT is the same with 130.
func TestSIGTERMEndsAtOnceAndCleansUp(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGTERM, 143, "SIGTERM"}, {syscall.SIGINT, 130, "SIGINT"}} {
		dir := t.TempDir()
		f, err := atomicfile.Create(filepath.Join(dir, "report.md"), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("half a report"))
		var errOut syncBuf
		exited := make(chan int, 1)
		ctx, _, stop := withSignals(context.Background(), &errOut, func(code int) { exited <- code })
		syscall.Kill(os.Getpid(), c.sig)
		select {
		case code := <-exited:
			if code != c.code {
				t.Errorf("%s: exit %d, want %d", c.name, code, c.code)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: not handled", c.name)
		}
		stop()
		if ctx.Err() == nil {
			t.Errorf("%s: the context was not ended", c.name)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: left %v", c.name, entries)
		}
		if msg := errOut.String(); !strings.Contains(msg, "svcaudit: stopped by "+c.name+" before finishing: 1 unfinished output file(s) removed") {
			t.Errorf("%s: said %q", c.name, msg)
		}
		f.Abort()
	}
}

// TestSIGTERMGraceful: a command that stops by itself (check, run) sees
// its context end and is left to finish; the exit code is 143.
func TestSIGTERMGraceful(t *testing.T) {
	var errOut syncBuf
	ctx, s, stop := withSignals(context.Background(), &errOut, func(code int) { t.Errorf("exit(%d) on the first signal of a graceful command", code) })
	defer stop()
	stopsGracefully(ctx)
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the context did not end")
	}
	if sig := s.Signal(); sig != syscall.SIGTERM || signalExit(sig) != 143 {
		t.Errorf("signal %v, exit %d", sig, signalExit(sig))
	}
	if errOut.String() != "" {
		t.Errorf("said %q before the command finished", errOut.String())
	}
}
