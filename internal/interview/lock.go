package interview

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ErrInUse is returned (wrapped) by Lock when another interview holds the
// answers file.
var ErrInUse = errors.New("answers file in use")

// Lock is held on an answers file while an interview writes it.
type Lock struct {
	f    *os.File
	path string
}

// Acquire locks path (an answers file) against a second interview, with an
// advisory lock on path+".lock" that the system releases if the process
// dies, so a kill -9 never leaves the file locked.
func Acquire(path string) (*Lock, error) {
	lp := path + ".lock"
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock answers file: %w", err)
	}
	if err := flock(f); err != nil {
		b, _ := os.ReadFile(lp)
		f.Close()
		pid := strings.TrimSpace(string(b))
		if _, perr := strconv.Atoi(pid); perr != nil {
			pid = "unknown"
		}
		return nil, fmt.Errorf("answers file %s is in use by another interview (pid %s): %w", path, pid, ErrInUse)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &Lock{f: f, path: lp}, nil
}

// Release unlocks and removes the lock file.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	os.Remove(l.path)
	l.f.Close()
	l.f = nil
}
