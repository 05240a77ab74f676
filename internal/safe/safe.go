// Package safe makes text from checklists, answers, Results, documents and
// file names safe to print: in a terminal, a text log read by a CI runner,
// a Markdown table, a CSV cell or an XML attribute. Every renderer of
// svcaudit takes its escaping from here, so that one fix reaches every
// format.
//
// Text is data, never control: escape sequences (CSI, OSC, DCS and two-byte
// ESC sequences) are removed whole, so an OSC 8 link loses its address too;
// other C0 and C1 controls, bidi overrides and isolates, the Unicode line
// and paragraph separators, U+FFFE, U+FFFF and lone surrogates are dropped.
package safe

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// escapes matches terminal escape sequences: CSI ("ESC [ ... final"),
// OSC, DCS, SOS, PM and APC strings ("ESC ] ... BEL" or "... ESC \"), their
// C1 forms, and two-byte escapes.
var escapes = regexp.MustCompile("\x1b\\[[0-9:;<=>?]*[ -/]*[@-~]?" +
	"|\x1b[\\]PX^_][^\x07\x1b\u009c]*(?:\x07|\x1b\\\\|\u009c)?" +
	"|[\u009d\u0090\u0098\u009e\u009f][^\x07\x1b\u009c]*(?:\x07|\x1b\\\\|\u009c)?" +
	"|\u009b[0-9:;<=>?]*[ -/]*[@-~]?" +
	"|\x1b[ -/]*[0-~]?")

// IsBidi reports whether r is a bidi override, embedding, isolate or mark.
func IsBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// unsafeRune reports whether r is dropped by Text (newline and tab are
// kept by Text and turned into spaces by Line).
func unsafeRune(r rune) bool {
	return (unicode.IsControl(r) && r != '\n' && r != '\t') || IsBidi(r) ||
		r == '\u2028' || r == '\u2029' || r == '\ufffe' || r == '\uffff' || unicode.Is(unicode.Cs, r)
}

func needsText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return true
		}
		if c >= 0x80 {
			for _, r := range s[i:] {
				if unsafeRune(r) || r == utf8.RuneError {
					return true
				}
			}
			return false
		}
	}
	return false
}

// Text returns s without escape sequences or unsafe characters; newlines
// and tabs are kept, so it suits text printed on lines of its own (a
// description, a list of problems). Invalid UTF-8 becomes U+FFFD.
func Text(s string) string {
	if !needsText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\ufffd")
	s = escapes.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		if r == '\r' {
			return -1
		}
		if unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}

// Line returns s as Text does, on one line: every line break (LF, CR, CRLF,
// U+2028, U+2029) and tab becomes a space. Use it for every field printed
// inside a line: a file name, a subject, a grade label, a question, a note.
func Line(s string) string {
	if !needsLine(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\ufffd")
	s = escapes.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\u2028', '\u2029':
			return ' '
		}
		if unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}

func needsLine(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return true
		}
		if c >= 0x80 {
			for _, r := range s[i:] {
				if unsafeRune(r) || r == utf8.RuneError {
					return true
				}
			}
			return false
		}
	}
	return false
}

// Compact returns s on one line with controls, bidi controls and other
// invisible formatting characters (Unicode category Cf: zero-width spaces
// and joiners) removed and every run of white space made one space: the
// form of a snippet quoted from a document.
func Compact(s string) string {
	if isCompact(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			// printable ASCII, the common case
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(byte(r))
			continue
		}
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Cs, r):
			// controls, bidi overrides and isolates, zero-width characters
			continue
		}
		if space {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// isCompact reports whether s is printable ASCII with single spaces only,
// which Compact would return unchanged.
func isCompact(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f || c == ' ' && i > 0 && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// IsInvisible reports whether Compact drops r: a control, an invisible
// formatting character or an invalid byte.
func IsInvisible(r rune) bool {
	return r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}
