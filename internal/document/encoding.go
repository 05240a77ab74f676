package document

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// htmlEncoding is the encoding an HTML page declares (<meta charset>).
func htmlEncoding(data []byte) encoding.Encoding {
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	return enc
}

// decodeWith turns the bytes of a text-based document into UTF-8: a UTF-8
// BOM is dropped, UTF-16 with a BOM is decoded, and bytes that are not
// valid UTF-8 are read as Windows-1252 (the usual encoding of such files),
// so that a legacy file is read rather than refused. binary reports a NUL
// byte in UTF-8 or single-byte text, the mark of a file that is not text.
//
// guess, when not nil, picks the encoding of text that is not UTF-8: for
// HTML, htmlEncoding reads what the page's <meta charset> declares
// (Shift_JIS, ISO-8859-2, …). With owned (data is the reader's own and
// never written again) valid UTF-8 is returned in place, not copied.
func decodeWith(data []byte, guess func([]byte) encoding.Encoding, owned bool) (text string, binary bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err == nil {
			return string(out), false
		}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", true
	}
	if utf8.Valid(data) {
		if owned && len(data) > 0 {
			return unsafe.String(unsafe.SliceData(data), len(data)), false
		}
		return string(data), false
	}
	var enc encoding.Encoding = charmap.Windows1252
	if guess != nil {
		if e := guess(data); e != nil && e != encoding.Nop {
			enc = e
		}
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil { // cannot happen: every byte maps to a rune
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), false
	}
	return string(out), false
}

// lineReader yields the lines of s with their 1-based numbers; "\r\n", "\r"
// and "\n" all end a line, and the terminator is not part of the line.
type lineReader struct {
	s    string
	pos  int
	line int
}

// next returns the next line, or ok false at the end.
func (r *lineReader) next() (line string, n int, ok bool) {
	if r.pos >= len(r.s) {
		return "", 0, false
	}
	rest := r.s[r.pos:]
	i := indexLineEnd(rest)
	r.line++
	if i < 0 {
		r.pos = len(r.s)
		return rest, r.line, true
	}
	line = rest[:i]
	r.pos += i + 1
	if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
		r.pos++
	}
	return line, r.line, true
}

// indexLineEnd is the index of the first '\r' or '\n' in s, or -1. It
// looks for '\n' and then for a '\r' before it, both with the vectorised
// strings.IndexByte: a byte loop was a twentieth of check's CPU.
func indexLineEnd(s string) int {
	n := strings.IndexByte(s, '\n')
	head := s
	if n >= 0 {
		head = s[:n]
	}
	if r := strings.IndexByte(head, '\r'); r >= 0 {
		return r
	}
	return n
}
