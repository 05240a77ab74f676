package cli

import (
	"strings"
	"unicode"
)

// Sanitize strips control characters and escape sequences from text that
// came from documents or checklists before it reaches a terminal. Newlines
// and tabs are kept.
func Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || r == '\u2028' || r == '\u2029' || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r), r == '\u2028', r == '\u2029', r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			// dropped: ESC, bidi overrides and other controls
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
