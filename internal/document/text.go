package document

import "strings"

// parseText reads plain text: lines of a paragraph are joined with a space,
// and a blank line ends a block; a line that begins with a bullet or a
// list number ("- ", "* ", "• ", "1. ", "a) ") begins a block of its own,
// so that list items without full stops do not run into one sentence.
// Line and column are exact in the source, and each line's start is kept
// (Document.LineStarts).
func parseText(s string) *builder {
	b := newBuilder(s)
	r := lineReader{s: s}
	for {
		line, n, ok := r.next()
		if !ok {
			break
		}
		t := strings.TrimLeft(line, " \t")
		if strings.TrimSpace(t) == "" {
			b.brk()
			continue
		}
		col := 1 + len(line) - len(t)
		if textListItem(t) {
			b.brk()
			if m := listMarker(t); m > 0 && m < len(strings.TrimRight(t, " \t\f\v")) {
				t, col = t[m:], col+m
			}
		}
		b.space()
		b.add(strings.TrimRight(t, " \t\f\v"), Position{Line: n, Column: col})
	}
	return b
}

// textListItem reports whether a plain-text line (without its indent)
// begins with a list bullet or number.
func textListItem(t string) bool {
	if listMarker(t) > 0 {
		return true
	}
	for _, m := range []string{"•", "●", "▪", "◦", "‣", "–", "—", "·"} {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	// "a) ", "(a) ", "(1) ", "i) "
	i := 0
	if i < len(t) && t[i] == '(' {
		i++
	}
	j := i
	for j < len(t) && j-i < 4 && ('a' <= t[j] && t[j] <= 'z' || '0' <= t[j] && t[j] <= '9') {
		j++
	}
	return j > i && j+1 < len(t) && t[j] == ')' && t[j+1] == ' '
}
