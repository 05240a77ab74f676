package interview

import (
	"errors"
	"fmt"

	"github.com/svcaudit/svcaudit/internal/lockfile"
)

// ErrInUse is returned (wrapped) by Acquire when another interview holds
// the answers file.
var ErrInUse = errors.New("answers file in use")

// Lock is held on an answers file while an interview writes it.
type Lock struct{ l *lockfile.Lock }

// Acquire locks path (an answers file) against a second interview, with an
// advisory lock on path+".lock" (internal/lockfile, over gofrs/flock) that
// the system releases if the process dies, so a kill -9 never leaves the
// file locked.
func Acquire(path string) (*Lock, error) {
	l, err := lockfile.TryLock(path)
	var busy *lockfile.BusyError
	if errors.As(err, &busy) {
		return nil, fmt.Errorf("answers file %s is in use by another interview (pid %s): %w", path, busy.PID, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("lock answers file: %w", err)
	}
	return &Lock{l: l}, nil
}

// Release removes the lock file and unlocks it.
func (l *Lock) Release() {
	if l != nil {
		l.l.Release()
	}
}
