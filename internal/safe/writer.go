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
	// colon replaces a line's first colon; nil writes a backslash before it.
	colon []byte
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
			g.inLine = true
			if g.colon != nil {
				out = append(out, g.colon...)
				continue
			}
			out = append(out, '\\')
		case c != ' ' && c != '\t':
			g.inLine = true
		}
		out = append(out, c)
	}
	g.buf = out[:0]
	return passOn(g.w, out, len(p))
}

// Unwrap returns the writer under a Guard (for terminal checks on *os.File).
func Unwrap(w io.Writer) io.Writer {
	if g, ok := w.(*guard); ok {
		return g.w
	}
	return w
}

// GuardHTML is Guard for HTML: a line that would begin (after blanks) with
// a colon gets it as the character reference "&#58;", which a browser
// shows as the colon itself, so the page reads as it was written. The
// templates never begin a line of CSS or script with a colon (":root" sits
// after "<style>"), where a reference would not be read as one.
func GuardHTML(w io.Writer) io.Writer {
	return &guard{w: w, colon: []byte("&#58;")}
}

// GuardCSV is Guard for CSV: a line whose first field would begin with a
// colon has that field quoted (`"::add-mask::x.md",…`), which every CSV
// reader reads as the same text. A field quoted already, when a line of
// it (a cell of several lines) begins with a colon, gets the backslash a
// Guard gives, as no quoting can hide it. (encoding/csv ends every record
// with a newline, which closes a field the guard quoted.)
func GuardCSV(w io.Writer) io.Writer {
	return &csvGuard{w: w}
}

type csvGuard struct {
	mu      sync.Mutex
	w       io.Writer
	inLine  bool // past the start of the line
	quoted  bool // inside a quoted field
	closing bool // inside a field this guard opened a quote for
	buf     []byte
}

func (g *csvGuard) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := g.buf[:0]
	for _, c := range p {
		if g.closing && (c == ',' || c == '\n' || c == '\r') {
			out = append(out, '"')
			g.closing = false
		}
		switch {
		case c == '"':
			g.quoted = !g.quoted
			g.inLine = true
		case c == '\n' || c == '\r':
			g.inLine = false
		case g.inLine:
		case c == ':' && g.quoted:
			out = append(out, '\\')
			g.inLine = true
		case c == ':':
			out = append(out, '"')
			g.closing = true
			g.inLine = true
		case c != ' ' && c != '\t':
			g.inLine = true
		}
		out = append(out, c)
	}
	g.buf = out[:0]
	return passOn(g.w, out, len(p))
}

// passOn writes a guard's rewrite of a write of n bytes, and says n were
// written (the caller's bytes, not the rewrite's) or none on an error.
func passOn(w io.Writer, out []byte, n int) (int, error) {
	if _, err := w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}
