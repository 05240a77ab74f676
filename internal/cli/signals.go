package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/svcaudit/svcaudit/internal/atomicfile"
)

// The signals svcaudit handles, alike: SIGINT (Ctrl-C) and SIGTERM (what
// CI runners, timeout(1) and docker stop send).
var handledSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// signalExit is the exit code after sig: 128 + its number (130 for
// SIGINT, 143 for SIGTERM), as shells report a process a signal ended.
func signalExit(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + 2
}

func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// signals is what Main knows of the signals received while a command runs.
type signals struct {
	mu       sync.Mutex
	caught   os.Signal
	graceful bool // the command stops on its own when the context ends
	cancel   context.CancelFunc
	errOut   io.Writer
	exit     func(int)
}

type signalsKey struct{}

// withSignals returns a context ended by the first SIGINT or SIGTERM. A
// command that marks itself graceful (check, run: they stop handing out
// work, finish what they hold, write what was done and list what was not)
// is left to end by itself; any other command, and any command at a second
// signal, ends at once: temporary files are removed, what was not done is
// said, and the process exits 130 (SIGINT) or 143 (SIGTERM).
//
// exit ends the process (os.Exit; tests give their own).
func withSignals(parent context.Context, errOut io.Writer, exit func(int)) (context.Context, *signals, func()) {
	ctx, cancel := context.WithCancel(parent)
	s := &signals{cancel: cancel, errOut: errOut, exit: exit}
	ctx = context.WithValue(ctx, signalsKey{}, s)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, handledSignals...)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-ch:
				s.receive(sig)
			case <-done:
				return
			}
		}
	}()
	return ctx, s, func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
}

func (s *signals) receive(sig os.Signal) {
	s.mu.Lock()
	first := s.caught == nil
	if first {
		s.caught = sig
	}
	graceful := s.graceful
	s.mu.Unlock()
	s.cancel()
	if first && graceful {
		return
	}
	n := atomicfile.RemoveTemps()
	what := "no output was written"
	if n > 0 {
		what = fmt.Sprintf("%d unfinished output file(s) removed, the files they would replace left as they were", n)
	}
	fmt.Fprintf(s.errOut, "svcaudit: stopped by %s before finishing: %s\n", signalName(sig), what)
	s.exit(signalExit(sig))
}

// Signal returns the first signal received, or nil.
func (s *signals) Signal() os.Signal {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caught
}

// stopsGracefully marks the running command as one that ends by itself
// when ctx is cancelled by a signal (see withSignals). It is a no-op for a
// context that Main did not make (tests).
func stopsGracefully(ctx context.Context) {
	if s, ok := ctx.Value(signalsKey{}).(*signals); ok {
		s.mu.Lock()
		s.graceful = true
		s.mu.Unlock()
	}
}
