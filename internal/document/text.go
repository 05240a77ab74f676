package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseText reads plain text: lines of a paragraph are joined with a space,
// and a blank line ends a block; a line that begins with a bullet or a
// list number ("- ", "* ", "• ", "1. ", "a) ") begins a block of its own,
// so that list items without full stops do not run into one sentence.
// A line laid out in columns (a table typed with spaces) is a block.
// In text with no blank lines and no line that continues a sentence (as
// word processors save it: one paragraph a line) every line is a block.
// A block of one short line without closing punctuation, followed by more
// text, is a heading ("How to complain"): the first at level 1, the rest
// at level 2. Line and
// column are exact in the source, and each line's start is kept
// (Document.LineStarts).
func parseText(s string) *builder {
	b := newBuilder(s)
	linePerBlock := onePerLine(s)
	r := lineReader{s: s}
	var (
		blockStart = -1 // Text offset where the block began
		blockLines int
		blockText  string
		headings   int
		prevCols   bool
	)
	endBlock := b.brk
	for {
		line, n, ok := r.next()
		if !ok {
			break
		}
		t := strings.TrimLeft(line, " \t")
		if strings.TrimSpace(t) == "" {
			endBlock()
			prevCols = false
			continue
		}
		col := 1 + len(line) - len(t)
		item := textListItem(t)
		// a line laid out in columns (a table typed with spaces or tabs)
		// is a block of its own, like the line after it
		cols := columnLine(t)
		if item || linePerBlock || cols || prevCols {
			endBlock()
		}
		if item {
			if m := listMarker(t); m > 0 && m < len(strings.TrimRight(t, " \t\f\v")) {
				t, col = t[m:], col+m
			}
		}
		t = strings.TrimRight(t, " \t\f\v")
		if b.atBlockStart() {
			// the block before was a heading if it was one short line
			if blockLines == 1 && textHeading(blockText) {
				headings++
				b.heading(min(headings, 2), blockStart)
			}
			blockStart, blockLines, blockText = b.offset(), 0, ""
		}
		b.space()
		b.add(t, Position{Line: n, Column: col})
		blockLines++
		blockText = t
		if item || cols {
			blockLines++ // a list item or a row is never a heading
		}
		prevCols = cols
	}
	return b
}

// columnLine reports whether a line is laid out in columns: a tab or a
// run of three spaces between its words.
func columnLine(t string) bool {
	t = strings.TrimSpace(t)
	return strings.Contains(t, "   ") || strings.ContainsRune(t, '\t')
}

// onePerLine reports whether text has no blank line between its lines
// (at least three of them) and no line that begins in lower case, as a
// wrapped sentence's next line would: each line is then a paragraph.
func onePerLine(s string) bool {
	r := lineReader{s: s}
	lines := 0
	blank := false
	for {
		line, _, ok := r.next()
		if !ok {
			break
		}
		t := strings.TrimSpace(line)
		if t == "" {
			if lines > 0 {
				blank = true
			}
			continue
		}
		if blank {
			return false
		}
		if c, _ := utf8.DecodeRuneInString(t); lines > 0 && unicode.IsLower(c) {
			return false
		}
		lines++
	}
	return lines >= 3
}

func startsUpper(t string) bool {
	c, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(c) || unicode.IsDigit(c)
}

// textHeading reports whether a one-line block reads as a heading: a few
// words from a capital, no closing punctuation, not a salutation or a
// closing.
func textHeading(t string) bool {
	if !startsUpper(t) || len(strings.Fields(t)) > 8 || strings.ContainsAny(t[len(t)-1:], ".,;:!?") {
		return false
	}
	w := strings.ToLower(strings.Fields(t)[0])
	switch w {
	case "dear", "yours", "hi", "hello", "regards", "best", "kind", "to", "from", "ref", "reference", "date":
		return false
	}
	return true
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
