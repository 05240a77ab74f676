package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseMarkdown reads Markdown into prose: block markers (headings, quotes,
// list bullets, table pipes) and inline markup (emphasis, code spans, link
// targets) are dropped, and what remains keeps its exact line and column.
// Paragraph lines are joined with a space; headings, list items, table rows
// and code lines are blocks of their own. YAML or TOML front matter is
// skipped. It is a reader for evidence, not a full CommonMark renderer.
func parseMarkdown(s string) *builder {
	b := newBuilder(s)
	r := lineReader{s: s}
	skipFrontMatter(&r)
	var (
		para      bool // a paragraph is open
		paraStart int  // its offset in Text
		listPara  bool // the open paragraph is a list item's
		fence     string
		comment   bool
		comText   strings.Builder // the open comment's text
		comLine   int             // and the line it began on
		inTable   bool
	)
	endPara := func() {
		if para {
			b.brk()
		}
		para = false
	}
	for {
		line, n, ok := r.next()
		if !ok {
			break
		}
		col := 1
		// Fenced code: each line its own block, fences dropped.
		if fence != "" {
			if t := strings.TrimSpace(line); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
				continue
			}
			b.brk()
			b.add(strings.TrimRight(line, " \t"), Position{Line: n, Column: 1})
			b.brk()
			continue
		}
		if comment {
			if end := strings.Index(line, "-->"); end >= 0 {
				comment = false
				comText.WriteString(line[:end])
				b.comment(comText.String(), comLine)
			} else if comText.Len() < maxDirective {
				comText.WriteString(line)
				comText.WriteByte('\n')
			}
			continue
		}
		// Block quotes: strip the markers and read what follows as usual.
		for {
			t := strings.TrimLeft(line, " ")
			if ind := len(line) - len(t); ind > 3 || !strings.HasPrefix(t, ">") {
				break
			}
			cut := len(line) - len(t) + 1
			if strings.HasPrefix(t[1:], " ") {
				cut++
			}
			line = line[cut:]
			col += cut
		}
		t := strings.TrimLeft(line, " \t")
		col += len(line) - len(t)
		t = strings.TrimRight(t, " \t")
		switch {
		case t == "":
			endPara()
			continue
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			endPara()
			fence = t[:3]
			continue
		case strings.HasPrefix(t, "<!--"):
			endPara()
			body := t[4:]
			if end := strings.Index(body, "-->"); end >= 0 {
				b.comment(body[:end], n)
				continue
			}
			comment, comLine = true, n
			comText.Reset()
			comText.WriteString(body)
			comText.WriteByte('\n')
			continue
		}
		if lvl, text, off := atxHeading(t); lvl > 0 {
			endPara()
			start := b.offset()
			inline(b, text, n, col+off)
			b.heading(lvl, start)
			b.brk()
			continue
		}
		if c := setextLevel(t); c > 0 && para && !listPara {
			b.heading(c, paraStart)
			endPara()
			continue
		}
		if isThematicBreak(t) {
			endPara()
			continue
		}
		item := false
		if off := listMarker(t); off > 0 {
			endPara()
			t = t[off:]
			col += off
			item = true
		}
		if isTableRow(t) {
			endPara()
			if !inTable {
				b.table()
				inTable = true
			}
			if !isTableDelimiter(t) {
				b.row()
				tableRow(b, t, n, col)
				b.endRow()
			}
			continue
		}
		inTable = false
		if !para {
			para, paraStart, listPara = true, b.offset(), item
		} else {
			b.space()
		}
		inline(b, t, n, col)
	}
	return b
}

// maxDirective bounds how much of a comment spanning many lines is kept:
// a directive is a line or two, and a huge comment must not cost memory.
const maxDirective = 4096

// skipFrontMatter skips a leading "---" … "---" (or "...") YAML block or a
// "+++" … "+++" TOML block; an unclosed one is left as text.
func skipFrontMatter(r *lineReader) {
	first, _, ok := r.next()
	if !ok {
		return
	}
	first = strings.TrimRight(first, " \t")
	if first != "---" && first != "+++" {
		*r = lineReader{s: r.s}
		return
	}
	for {
		line, _, ok := r.next()
		if !ok {
			*r = lineReader{s: r.s} // never closed: not front matter
			return
		}
		line = strings.TrimRight(line, " \t")
		if line == first || (first == "---" && line == "...") {
			return
		}
	}
}

// atxHeading recognises "## Title ##": level, the title and its byte offset
// in t.
func atxHeading(t string) (level int, text string, off int) {
	for level < len(t) && t[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(t) && t[level] != ' ' && t[level] != '\t') {
		return 0, "", 0
	}
	rest := t[level:]
	trimmed := strings.TrimLeft(rest, " \t")
	off = level + len(rest) - len(trimmed)
	// A closing run of '#' preceded by a space is not part of the title.
	end := strings.TrimRight(trimmed, "#")
	if end == "" || strings.HasSuffix(end, " ") || strings.HasSuffix(end, "\t") {
		trimmed = strings.TrimRight(end, " \t")
	}
	return level, trimmed, off
}

// setextLevel is 1 for a "===" underline, 2 for "---", else 0.
func setextLevel(t string) int {
	switch {
	case strings.Trim(t, "=") == "":
		return 1
	case strings.Trim(t, "-") == "":
		return 2
	}
	return 0
}

// isThematicBreak recognises "***", "- - -", "___": three or more of one of
// '-', '*', '_' and nothing else but spaces and tabs. It is called for
// every line, so it allocates nothing.
func isThematicBreak(t string) bool {
	var c byte
	n := 0
	for i := 0; i < len(t); i++ {
		switch ch := t[i]; ch {
		case ' ', '\t':
		case '-', '*', '_':
			if n > 0 && ch != c {
				return false
			}
			c = ch
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// listMarker is the length of a leading "- ", "* ", "+ ", "1. " or "1) "
// bullet, task box "[ ] " included, or 0.
func listMarker(t string) int {
	n := 0
	switch {
	case len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t'):
		n = 2
	default:
		i := 0
		for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		if i == 0 || i+1 >= len(t) || (t[i] != '.' && t[i] != ')') || (t[i+1] != ' ' && t[i+1] != '\t') {
			return 0
		}
		n = i + 2
	}
	for n < len(t) && (t[n] == ' ' || t[n] == '\t') {
		n++
	}
	if rest := t[n:]; len(rest) >= 4 && rest[0] == '[' && rest[2] == ']' && rest[3] == ' ' && strings.ContainsRune(" xX", rune(rest[1])) {
		n += 4
	}
	return n
}

func isTableRow(t string) bool {
	return strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 2
}

func isTableDelimiter(t string) bool {
	return strings.Trim(t, "|-: \t") == "" && strings.Contains(t, "-")
}

// tableRow adds the cells of "| a | b |" separated by spaces.
func tableRow(b *builder, t string, line, col int) {
	cells := strings.Split(t, "|")
	pos := 0
	for i, c := range cells {
		start := pos
		pos += len(c) + 1
		if i == 0 || (i == len(cells)-1 && strings.TrimSpace(c) == "") {
			continue
		}
		trimmed := strings.TrimLeft(c, " \t")
		cellCol := col + utf8.RuneCountInString(t[:start]) + len(c) - len(trimmed)
		trimmed = strings.TrimRight(trimmed, " \t")
		if trimmed == "" {
			continue
		}
		b.space()
		b.cut()
		inline(b, trimmed, line, cellCol)
	}
}

// inline adds one line of Markdown inline content starting at column col,
// dropping emphasis markers, code-span backticks, link targets, inline HTML
// tags and backslash escapes.
func inline(b *builder, s string, line, col int) {
	// Columns are tracked incrementally so a long line costs linear time.
	idx, c := 0, col
	colAt := func(i int) int {
		c += utf8.RuneCountInString(s[idx:i])
		idx = i
		return c
	}
	start := 0 // start of the pending literal run
	flush := func(end int) {
		if b.endsWithSpace() {
			// Dropped markup between two spaces leaves one space, not two.
			for start < end && s[start] == ' ' {
				start++
			}
		}
		if end > start {
			b.add(s[start:end], Position{Line: line, Column: colAt(start)})
		}
	}
	for i := 0; i < len(s); {
		// Most bytes are literal text: skip them in a tight loop.
		for i < len(s) && !inlineMarkup[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		ch := s[i]
		switch {
		case ch == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!<>|~", s[i+1]) >= 0:
			flush(i)
			start = i + 1
			i += 2
			continue
		case ch == '`', ch == '~' && i+1 < len(s) && s[i+1] == '~':
			flush(i)
			for i < len(s) && s[i] == ch {
				i++
			}
			start = i
			continue
		case ch == '*' || ch == '_':
			j := i
			for j < len(s) && s[j] == ch {
				j++
			}
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[j:])
			inWord := isWordRune(prev) && isWordRune(next)
			spaced := (i == 0 || unicode.IsSpace(prev)) && (j == len(s) || unicode.IsSpace(next))
			if (ch == '_' && inWord) || spaced {
				i = j
				continue
			}
			flush(i)
			start, i = j, j
			continue
		case ch == '!' && i+1 < len(s) && s[i+1] == '[':
			flush(i)
			start = i + 1
			i++
			continue
		case ch == '[':
			if close, after := linkEnd(s, i); close > 0 {
				flush(i)
				inline(b, s[i+1:close], line, colAt(i)+1)
				i, start = after, after
				continue
			}
		case ch == '<':
			if j := strings.IndexByte(s[i:min(len(s), i+300)], '>'); j > 1 {
				inner := s[i+1 : i+j]
				if strings.Contains(inner, "://") || (strings.Contains(inner, "@") && !strings.ContainsAny(inner, " \t")) {
					flush(i)
					b.add(inner, Position{Line: line, Column: colAt(i) + 1})
					i, start = i+j+1, i+j+1
					continue
				}
				if isTagStart(inner) {
					flush(i)
					i, start = i+j+1, i+j+1
					continue
				}
			}
		}
		i++
	}
	flush(len(s))
}

// inlineMarkup marks the bytes at which inline's switch may do something;
// every other byte is literal text.
var inlineMarkup = [256]bool{'\\': true, '`': true, '~': true, '*': true, '_': true, '!': true, '[': true, '<': true}

// linkEnd finds the "]" that closes the link text opened at s[open] and
// returns its index and the index just past the "(target)" or "[ref]" that
// follows, or 0 when this is not a link.
func linkEnd(s string, open int) (close, after int) {
	depth := 0
	// Link text longer than this is not worth the quadratic worst case of
	// a line full of '['.
	end := min(len(s), open+1000)
	for i := open; i < end; i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth > 0 {
				continue
			}
			if i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '[') {
				want := byte(')')
				if s[i+1] == '[' {
					want = ']'
				}
				if j := strings.IndexByte(s[i+2:], want); j >= 0 {
					return i, i + 2 + j + 1
				}
			}
			return 0, 0
		}
	}
	return 0, 0
}

func isTagStart(inner string) bool {
	if inner == "" {
		return false
	}
	c := inner[0]
	if c == '/' || c == '!' {
		return len(inner) > 1
	}
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
