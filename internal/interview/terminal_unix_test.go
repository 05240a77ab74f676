//go:build unix

package interview

import (
	"context"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
)

// lockedWriter is the form's screen, written by its program's goroutine.
type lockedWriter struct {
	mu sync.Mutex
	n  int
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n += len(p)
	return len(p), nil
}

// TestTerminalLeavesSignalsToItsContext: the full-screen form takes no
// signal itself. svcaudit's handler (internal/cli) owns SIGINT and SIGTERM
// and ends the Terminal's Context, which ends the question with Quit. The
// terminal library's own handler, when it was on, took the signal too and
// raced the Context: when it won, the form ended as if Enter had been
// pressed and the highlighted choice came back as an answer; when the
// Context won, the library's handler blocked for good and the interview
// stayed on its question. Here a SIGTERM alone must leave the question
// waiting, and ending the Context must end it with Quit.
func TestTerminalLeavesSignalsToItsContext(t *testing.T) {
	// keep the test process alive through its own SIGTERM
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, syscall.SIGTERM)
	defer signal.Stop(caught)

	in, feed := io.Pipe() // nothing is ever typed
	defer feed.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	term := &Terminal{In: in, Out: &lockedWriter{}, Context: ctx}
	q := Question{Item: &checklist.Item{ID: "a", FullID: "x/a", Question: "Do you reply?"}, Section: "Replies", N: 1, Total: 1,
		Choices: []checklist.Choice{{Value: "yes"}, {Value: "no"}}}
	type result struct {
		r   Reply
		err error
	}
	done := make(chan result, 1)
	go func() {
		r, err := term.Ask(q)
		done <- result{r, err}
	}()

	time.Sleep(300 * time.Millisecond) // the question is on the screen
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-caught
	select {
	case r := <-done:
		t.Fatalf("a signal the form should leave alone ended the question: %+v", r)
	case <-time.After(500 * time.Millisecond):
	}

	cancel()
	select {
	case r := <-done:
		if r.err != nil || r.r.Action != Quit {
			t.Errorf("after the Context ended: %+v, %v; want Quit", r.r, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the question went on after its Context ended")
	}
}

// TestAccessibleTerminalEndsWithItsContext: the accessible form reads its
// input line by line and does not watch the Context itself; ending the
// Context still ends the question with Quit (a SIGTERM in the interview
// with --accessible), without waiting for a line that never comes.
func TestAccessibleTerminalEndsWithItsContext(t *testing.T) {
	in, feed := io.Pipe()
	defer feed.Close()
	ctx, cancel := context.WithCancel(context.Background())
	term := &Terminal{In: in, Out: &lockedWriter{}, Context: ctx, Accessible: true}
	q := Question{Item: &checklist.Item{ID: "a", FullID: "x/a", Question: "Do you reply?"}, Section: "Replies", N: 1, Total: 1,
		Choices: []checklist.Choice{{Value: "yes"}, {Value: "no"}}}
	done := make(chan Reply, 1)
	go func() {
		r, _ := term.Ask(q)
		done <- r
	}()
	time.Sleep(200 * time.Millisecond)
	cancel()
	select {
	case r := <-done:
		if r.Action != Quit {
			t.Errorf("after the Context ended: %+v, want Quit", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the accessible question went on after its Context ended")
	}
	if _, err := term.Text("Auditor?", ""); err != ErrInterrupted {
		t.Errorf("Text after the Context ended: %v, want ErrInterrupted", err)
	}
}
