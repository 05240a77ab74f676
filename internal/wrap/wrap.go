package wrap

import (
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// Lines breaks s into lines at most width columns wide. Runs of white
// space, line breaks included, become one space; a word wider than width
// is cut. A width below 1 leaves s on one line.
func Lines(s string, width int) []string {
	return Hanging(s, width, width)
}

// Hanging is Lines with a first line first columns wide and the others
// rest columns wide, for text that follows a label on its first line.
func Hanging(s string, first, rest int) []string {
	width := first
	words := strings.Fields(s)
	if width < 1 {
		return []string{strings.Join(words, " ")}
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, w := range words {
		ww := runewidth.StringWidth(w)
		if curW > 0 && curW+1+ww <= width {
			cur.WriteByte(' ')
			cur.WriteString(w)
			curW += 1 + ww
			continue
		}
		if curW > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
			width = max(rest, 1)
		}
		for ww > width {
			head := runewidth.Truncate(w, width, "")
			if head == "" { // a rune wider than the line
				_, size := utf8.DecodeRuneInString(w)
				head = w[:size]
			}
			lines = append(lines, head)
			w = w[len(head):]
			ww = runewidth.StringWidth(w)
			width = max(rest, 1)
		}
		cur.WriteString(w)
		curW = ww
	}
	if curW > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// Indent wraps s to width and joins the lines with a line break, every line
// after the first starting with indent. The first line is taken to follow
// a prefix as wide as indent, so every line fits width.
func Indent(s string, width int, indent string) string {
	lines := Lines(s, width-runewidth.StringWidth(indent))
	if width < 1 {
		lines = Lines(s, 0)
	}
	return strings.Join(lines, "\n"+indent)
}
