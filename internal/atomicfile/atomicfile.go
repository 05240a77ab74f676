// Package atomicfile writes files so that a crash, a Ctrl-C or a kill -9
// leaves either the old file or the new one, never a half-written mix.
//
// Only regular files are replaced. A device (such as /dev/null), a named
// pipe, a socket or one of the process's standard streams (/dev/stdout,
// /dev/fd/N, /proc/self/fd/N) is written in place and never replaced, so
// `-o /dev/null --force` does not turn the machine's /dev/null into a
// regular file. A symbolic link is followed: its target is replaced
// atomically and the link stays.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Write replaces path with data: it writes a temporary file in the same
// folder as path's target, syncs it and renames it over the target. A
// path that is not a regular file is written in place (see the package
// comment).
func Write(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}

// File is an output being written: to a temporary file beside its target,
// renamed over it by Commit, or, for a device, pipe or stream, to the
// target itself.
type File struct {
	f       *os.File
	path    string // as given, for messages
	target  string // the file to replace (symbolic links followed)
	perm    os.FileMode
	inPlace bool
	done    bool
}

// Create starts writing path. Write to the File, then Commit it; Abort
// (deferred) removes the temporary file if Commit was never reached.
func Create(path string, perm os.FileMode) (*File, error) {
	target, special, err := Resolve(path)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if special {
		// O_TRUNC is ignored by devices and pipes; no O_CREATE: it exists.
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		return &File{f: f, path: path, target: target, inPlace: true}, nil
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	live.Lock()
	live.m[f.Name()] = true
	live.Unlock()
	return &File{f: f, path: path, target: target, perm: perm}, nil
}

// live holds the temporary files not yet committed or aborted, for
// RemoveTemps.
var live = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

func forget(name string) {
	live.Lock()
	delete(live.m, name)
	live.Unlock()
}

// RemoveTemps removes every temporary file not yet committed or aborted,
// and returns how many: what a process ending on a signal calls, so that a
// SIGTERM never leaves a half-written ".NAME.tmp-*" behind. Outputs still
// being written fail from then on.
func RemoveTemps() int {
	live.Lock()
	defer live.Unlock()
	n := 0
	for name := range live.m {
		if os.Remove(name) == nil {
			n++
		}
		delete(live.m, name)
	}
	return n
}

// Write writes p to the output.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.f.Write(p)
	if err != nil {
		err = fmt.Errorf("write %s: %w", f.path, err)
	}
	return n, err
}

// TempName is the temporary file's path ("" when written in place).
func (f *File) TempName() string {
	if f.inPlace {
		return ""
	}
	return f.f.Name()
}

// Commit completes the output: the temporary file is synced and renamed
// over the target (or, in place, the target is closed).
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	if f.inPlace {
		f.done = true
		if err := f.f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		return nil
	}
	if err := f.f.Chmod(f.perm); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := f.f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := f.f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	// Under the lock, so that RemoveTemps (a signal) either removes the
	// file before the rename or finds it committed.
	live.Lock()
	defer live.Unlock()
	if !live.m[f.f.Name()] {
		os.Remove(f.f.Name())
		return fmt.Errorf("write %s: abandoned (interrupted)", f.path)
	}
	delete(live.m, f.f.Name())
	if err := os.Rename(f.f.Name(), f.target); err != nil {
		os.Remove(f.f.Name())
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	f.done = true
	return nil
}

// Abort abandons an output not committed: the temporary file is closed
// and removed (a device or pipe is only closed). It is safe to call after
// Commit.
func (f *File) Abort() {
	if f == nil || f.done {
		return
	}
	f.done = true
	f.f.Close()
	if !f.inPlace {
		forget(f.f.Name())
		os.Remove(f.f.Name())
	}
}

// maxLinks bounds the symbolic links followed (as the kernel's ELOOP does).
const maxLinks = 40

// Resolve returns the file that writing path would replace, with its
// symbolic links followed (a dangling link names the file to create), and
// whether it is special: not a regular file (a device, a named pipe, a
// socket) or one of the process's standard streams, which are written in
// place.
func Resolve(path string) (target string, special bool, err error) {
	if IsStream(path) {
		return path, true, nil
	}
	target = path
	for i := 0; ; i++ {
		fi, err := os.Lstat(target)
		if errors.Is(err, os.ErrNotExist) {
			return target, false, nil
		}
		if err != nil {
			return "", false, err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			if fi.IsDir() {
				return "", false, fmt.Errorf("is a folder")
			}
			return target, !fi.Mode().IsRegular() || isStdStream(fi), nil
		}
		if i == maxLinks {
			return "", false, fmt.Errorf("too many levels of symbolic links")
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", false, err
		}
		if IsStream(link) {
			return link, true, nil
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
}

// IsStream reports whether path names a standard stream or an open file
// descriptor (/dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N,
// /proc/self/fd/N, /proc/PID/fd/N), which must be written in place.
func IsStream(path string) bool {
	switch path {
	case "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/tty":
		return true
	}
	if strings.HasPrefix(path, "/dev/fd/") {
		return true
	}
	if rest, ok := strings.CutPrefix(path, "/proc/"); ok {
		if _, fd, ok := strings.Cut(rest, "/"); ok && strings.HasPrefix(fd, "fd/") {
			return true
		}
	}
	return false
}

// isStdStream reports whether fi is the file behind standard output or
// standard error (a shell's `> file` reached by another name).
func isStdStream(fi os.FileInfo) bool {
	for _, s := range []*os.File{os.Stdout, os.Stderr} {
		if s == nil {
			continue
		}
		if sfi, err := s.Stat(); err == nil && os.SameFile(fi, sfi) {
			return true
		}
	}
	return false
}

// SameFile reports whether paths a and b name one file, by identity (device
// and inode), following symbolic links: a document reached through a link,
// or by another spelling of its path, is the same input.
func SameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}

var _ io.Writer = (*File)(nil)
