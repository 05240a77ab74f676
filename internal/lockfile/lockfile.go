// Package lockfile takes exclusive advisory locks on a file's companion
// "FILE.lock", with github.com/gofrs/flock (flock(2) on Unix, LockFileEx
// on Windows: no platform is left without a lock). The system releases a
// lock when its process dies, so a kill -9 never leaves a file locked; the
// stale lock file is simply locked again by the next process.
//
// The lock file is removed on release, while still locked; a process that
// locked the file just as it was removed finds, by comparing the file it
// holds with the one at the path, that it holds a removed file, and tries
// again. So two processes never hold the lock at once (removing the file
// after closing it, or before locking it, let five hold it together).
package lockfile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// ErrBusy is returned (wrapped) when another process holds the lock.
var ErrBusy = errors.New("locked by another process")

// Lock is a held lock.
type Lock struct {
	fl   *flock.Flock
	path string
}

// Path is the lock file's path.
func (l *Lock) Path() string { return l.path }

// TryLock locks path+".lock" if no other process holds it. When one does,
// the error wraps ErrBusy and names the holder's pid as the lock file
// records it.
func TryLock(path string) (*Lock, error) {
	lp := path + ".lock"
	for {
		l, ok, err := try(lp)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &BusyError{File: path, PID: holder(lp)}
		}
		if l != nil {
			return l, nil
		}
		// held a removed file: try again
	}
}

// LockContext waits for the lock on path+".lock" until ctx ends, trying
// every retry.
func LockContext(ctx context.Context, path string, retry time.Duration) (*Lock, error) {
	lp := path + ".lock"
	for {
		l, ok, err := try(lp)
		if err != nil {
			return nil, err
		}
		if ok && l != nil {
			return l, nil
		}
		if ok {
			continue // held a removed file
		}
		select {
		case <-ctx.Done():
			return nil, &BusyError{File: path, PID: holder(lp), Waited: true}
		case <-time.After(retry):
		}
	}
}

// try locks lp once. ok is false when another process holds it; l is nil
// with ok true when the file locked was removed meanwhile.
func try(lp string) (l *Lock, ok bool, err error) {
	fl := flock.New(lp, flock.SetPermissions(0o644))
	locked, err := fl.TryLock()
	if err != nil {
		fl.Close()
		return nil, false, fmt.Errorf("lock %s: %w", lp, err)
	}
	if !locked {
		fl.Close()
		return nil, false, nil
	}
	held, err := fl.Stat()
	if err != nil {
		fl.Close()
		return nil, false, fmt.Errorf("lock %s: %w", lp, err)
	}
	now, err := os.Stat(lp)
	if err != nil || !os.SameFile(held, now) {
		fl.Close()
		return nil, true, nil
	}
	// record the holder, for the message of a process refused
	if f, err := os.OpenFile(lp, os.O_WRONLY|os.O_TRUNC, 0); err == nil {
		f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
		f.Close()
	}
	return &Lock{fl: fl, path: lp}, true, nil
}

func holder(lp string) string {
	b, _ := os.ReadFile(lp)
	pid := strings.TrimSpace(string(b))
	if _, err := strconv.Atoi(pid); err != nil {
		return "unknown"
	}
	return pid
}

// Release removes the lock file, then unlocks it (in that order: see the
// package comment). It is safe to call twice, or on nil.
func (l *Lock) Release() {
	if l == nil || l.fl == nil {
		return
	}
	os.Remove(l.path)
	l.fl.Close() // unlocks
	l.fl = nil
}

// BusyError says who holds a lock.
type BusyError struct {
	File   string
	PID    string
	Waited bool
}

func (e *BusyError) Error() string {
	if e.Waited {
		return fmt.Sprintf("%s is locked by another svcaudit (pid %s), which did not finish in time", e.File, e.PID)
	}
	return fmt.Sprintf("%s is locked by another svcaudit (pid %s)", e.File, e.PID)
}

func (e *BusyError) Unwrap() error { return ErrBusy }
