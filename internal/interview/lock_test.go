package interview

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// TestLockOneHolder: five interviews racing for one answers file, again
// and again, never hold it two at once (the lock file was removed before
// it was closed, so under contention five held it together); a refused
// one gets ErrInUse.
func TestLockOneHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	var holders, most atomic.Int32
	var wg sync.WaitGroup
	for w := 0; w < 5; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				l, err := Acquire(path)
				if err != nil {
					if !errors.Is(err, ErrInUse) {
						t.Error(err)
					}
					continue
				}
				if n := holders.Add(1); n > most.Load() {
					most.Store(n)
				}
				holders.Add(-1)
				l.Release()
			}
		}()
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Fatalf("%d interviews held the lock at once", most.Load())
	}
	// kill -9 leaves the lock file, unlocked: the next interview takes it
	os.WriteFile(path+".lock", []byte("12345\n"), 0o644)
	l, err := Acquire(path)
	if err != nil {
		t.Fatalf("stale lock after kill -9: %v", err)
	}
	l.Release()
}
