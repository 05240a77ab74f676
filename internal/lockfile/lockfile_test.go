package lockfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestOneHolderUnderContention: many goroutines taking and releasing the
// lock (each through its own file descriptor, as processes would) never
// hold it two at once, and nothing is lost from a counter kept in a file
// by read-modify-write under the lock.
func TestOneHolderUnderContention(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "register.yaml")
	os.WriteFile(path, []byte("0"), 0o644)
	var holders, maxHolders atomic.Int32
	var wg sync.WaitGroup
	const workers, rounds = 8, 25
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				l, err := LockContext(context.Background(), path, time.Millisecond)
				if err != nil {
					t.Error(err)
					return
				}
				if n := holders.Add(1); n > maxHolders.Load() {
					maxHolders.Store(n)
				}
				b, _ := os.ReadFile(path)
				n := 0
				for _, c := range b {
					n = n*10 + int(c-'0')
				}
				time.Sleep(50 * time.Microsecond)
				os.WriteFile(path, []byte(itoa(n+1)), 0o644)
				holders.Add(-1)
				l.Release()
			}
		}()
	}
	wg.Wait()
	if maxHolders.Load() != 1 {
		t.Errorf("%d held the lock at once", maxHolders.Load())
	}
	b, _ := os.ReadFile(path)
	if string(b) != itoa(workers*rounds) {
		t.Errorf("counter = %s, want %d: updates lost", b, workers*rounds)
	}
	if _, err := os.Stat(path + ".lock"); err == nil {
		t.Error("lock file left after the last release")
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestTryLockBusy: a second TryLock is refused with the holder's pid; a
// lock file left by a dead process (not locked) is taken.
func TestTryLockBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	l, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = TryLock(path)
	var be *BusyError
	if !errors.As(err, &be) || !errors.Is(err, ErrBusy) || be.PID != itoa(os.Getpid()) {
		t.Fatalf("second TryLock: %v", err)
	}
	l.Release()
	// a stale lock file, as kill -9 leaves it: present, not locked
	os.WriteFile(path+".lock", []byte("99999\n"), 0o644)
	l, err = TryLock(path)
	if err != nil {
		t.Fatalf("stale lock not recovered: %v", err)
	}
	l.Release()
}

func TestLockContextTimesOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	l, _ := TryLock(path)
	defer l.Release()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := LockContext(ctx, path, 10*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Fatalf("err = %v", err)
	}
}
