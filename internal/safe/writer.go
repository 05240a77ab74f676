package safe

import (
	"io"
	"sync"
)

// Guard wraps w so that no line written through it begins, after any
// leading spaces and tabs, with a colon, and so never with "::": the start
// of a GitHub Actions workflow command (::add-mask::, ::stop-commands::,
// ::error::), which a CI runner obeys when a file name, a subject or a
// grade label printed at the start of a line carries one. Such a line gets
// a backslash before its first colon (`\::add-mask::x.md`), which a reader
// sees as an escape and Markdown renders as a plain colon. Every terminal
// and text format of svcaudit is written through a Guard; only `--format
// github` writes commands, and it escapes what it writes itself.
func Guard(w io.Writer) io.Writer {
	if _, ok := w.(*guard); ok {
		return w
	}
	return &guard{w: w}
}

// guard tracks, across writes, whether the next byte starts a line.
type guard struct {
	mu     sync.Mutex
	w      io.Writer
	inLine bool
	buf    []byte
}

func (g *guard) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := g.buf[:0]
	for _, c := range p {
		switch {
		case c == '\n' || c == '\r':
			g.inLine = false
		case g.inLine:
		case c == ':':
			out = append(out, '\\')
			g.inLine = true
		case c != ' ' && c != '\t':
			g.inLine = true
		}
		out = append(out, c)
	}
	g.buf = out[:0]
	if _, err := g.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Unwrap returns the writer under a Guard (for terminal checks on *os.File).
func Unwrap(w io.Writer) io.Writer {
	if g, ok := w.(*guard); ok {
		return g.w
	}
	return w
}
