package safe

import "io"

// EscapeJSON returns JSON text b with DEL (U+007F) and the C1 controls
// (U+0080–U+009F) written as \u escapes. encoding/json escapes only the C0
// controls, and a raw U+009B is a CSI to a terminal that reads C1 codes:
// JSON printed to a terminal or a CI log must carry controls as escapes,
// never raw. Outside strings JSON is plain ASCII, so the rewrite is always
// inside a string and means the same text. b is returned as it is when it
// holds none (the usual case), else a new slice.
func EscapeJSON(b []byte) []byte {
	i := firstControl(b)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i >= 0 {
		out = append(out, b[:i]...)
		if b[i] == 0x7f {
			out = append(out, `\u007f`...)
			b = b[i+1:]
		} else {
			out = append(out, '\\', 'u', '0', '0', hexDigit(b[i+1]>>4), hexDigit(b[i+1]&0xf))
			b = b[i+2:]
		}
		i = firstControl(b)
	}
	return append(out, b...)
}

// firstControl is the offset of the first DEL or UTF-8-encoded C1 control
// (0xC2 0x80–0x9F) in b, or -1.
func firstControl(b []byte) int {
	for i, c := range b {
		if c == 0x7f || (c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f) {
			return i
		}
	}
	return -1
}

func hexDigit(n byte) byte {
	return "0123456789abcdef"[n]
}

// JSONWriter wraps w so that JSON written through it carries DEL and C1
// controls as escapes (see EscapeJSON), for encoders that stream to w.
// A C1 control split across two writes is held until the next.
func JSONWriter(w io.Writer) io.Writer { return &jsonWriter{w: w} }

type jsonWriter struct {
	w       io.Writer
	pending bool // the last write ended with 0xC2
}

func (j *jsonWriter) Write(p []byte) (int, error) {
	n := len(p)
	if j.pending {
		p = append([]byte{0xc2}, p...)
		j.pending = false
	}
	if len(p) > 0 && p[len(p)-1] == 0xc2 {
		p, j.pending = p[:len(p)-1], true
	}
	if _, err := j.w.Write(EscapeJSON(p)); err != nil {
		return 0, err
	}
	return n, nil
}
