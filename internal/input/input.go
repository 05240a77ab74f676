// Package input reads the files svcaudit is given besides documents —
// checklists and their include: files, answers, configurations, waivers,
// actions registers, Results and baselines — through one bounded reader:
// only a regular file is read (a named pipe, a device or a socket is
// refused without blocking), and only up to a size limit, checked before
// reading, so that `report /dev/zero` or a 2 GiB sparse Result fails at
// once instead of filling the memory.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync/atomic"
)

// DefaultLimit is the largest input file read unless the limit is raised
// (the command line's --max-input-size): 64 MiB, beyond a checklist of
// 100,000 items (about 10 MiB) or a check's Results for 10,000 documents.
const DefaultLimit int64 = 64 << 20

var limit atomic.Int64

func init() { limit.Store(DefaultLimit) }

// SetLimit sets the size limit of Read (n <= 0 restores the default).
func SetLimit(n int64) {
	if n <= 0 {
		n = DefaultLimit
	}
	limit.Store(n)
}

// Limit returns the size limit of Read.
func Limit() int64 { return limit.Load() }

// TooLargeError is returned when a file is over the size limit.
type TooLargeError struct {
	File        string
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: file is %s, over the limit of %s for an input file", e.File, humanSize(e.Size), humanSize(e.Limit))
}

// NotRegularError is returned for a path that is not a regular file.
type NotRegularError struct {
	File string
	Kind string // "a named pipe", "a device", "a socket", "a folder"
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s: not a regular file (%s): refusing to read it", e.File, e.Kind)
}

// Read reads the regular file at path, of at most Limit() bytes.
func Read(path string) ([]byte, error) { return ReadLimit(path, Limit()) }

// ReadLimit reads the regular file at path, of at most max bytes. The
// file is opened without blocking (O_NONBLOCK where the system has it), so
// a named pipe swapped in after a check cannot hang the reader either.
func ReadLimit(path string, max int64) ([]byte, error) {
	if fi, err := os.Stat(path); err == nil {
		if err := regular(path, fi); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	if fi.Size() > max {
		return nil, &TooLargeError{File: path, Size: fi.Size(), Limit: max}
	}
	data, err := readAll(io.LimitReader(f, max+1), min(fi.Size(), max)+1)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		// it grew while being read
		return nil, &TooLargeError{File: path, Size: int64(len(data)), Limit: max}
	}
	return data, nil
}

func regular(path string, fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return &NotRegularError{File: path, Kind: "a folder"}
	case m&fs.ModeNamedPipe != 0:
		return &NotRegularError{File: path, Kind: "a named pipe"}
	case m&fs.ModeSocket != 0:
		return &NotRegularError{File: path, Kind: "a socket"}
	case m&fs.ModeDevice != 0:
		return &NotRegularError{File: path, Kind: "a device"}
	}
	return &NotRegularError{File: path, Kind: "not a file"}
}

// IsLimit reports whether err is (or wraps) a TooLargeError.
func IsLimit(err error) bool {
	var e *TooLargeError
	return errors.As(err, &e)
}

func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	s := fmt.Sprintf("%.1f", float64(n)/float64(div))
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s + " " + string("KMGTPE"[exp]) + "iB"
}

// readAll is io.ReadAll into a buffer of size bytes to begin with (the
// file's size and one, as os.ReadFile does), so that reading a file takes
// one allocation rather than a dozen doublings and copies.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
