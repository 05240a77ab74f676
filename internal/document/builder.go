package document

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// builder accumulates a Document's Text and Segments. It starts a new
// segment only when the source position of the next piece does not follow
// on from the previous one, so that a long contiguous run costs one segment.
type builder struct {
	buf      []byte
	segs     []Segment
	headings []Heading
	// next is where the source would continue if the next piece is
	// contiguous with the last one.
	next    Position
	hasNext bool
	// lineStarts are offsets in buf where a source line begins; cuts are
	// offsets where a unit must end without a "\n" (a table cell's start).
	lineStarts []int
	cuts       []int
	rows       []Row
	rowStart   int // offset of the open row, or -1
	tables     int // tables begun so far
	rowsInTbl  int // rows of the current table so far
	lastLine   int // source line of the last piece added
	lastPage   int
	directives []Comment
}

// comment keeps a comment of the source that starts on line, when it is
// addressed to svcaudit.
func (b *builder) comment(text string, line int) {
	if strings.Contains(text, directivePrefix) {
		b.directives = append(b.directives, Comment{Line: line, Text: strings.TrimSpace(text)})
	}
}

// newBuilder returns a builder sized for the text of src, a Markdown or
// plain-text source: its Text is at most about as long as src, and it has
// about one segment per line. Growing the buffers piece by piece was a
// fifth of the CPU of reading a Markdown corpus.
func newBuilder(src string) *builder {
	lines := strings.Count(src, "\n")
	return &builder{
		buf:  make([]byte, 0, len(src)+1),
		segs: make([]Segment, 0, lines+lines/4+1),
	}
}

// add appends s, which starts at pos in the source and contains no "\n".
func (b *builder) add(s string, pos Position) {
	if s == "" {
		return
	}
	if !b.hasNext || pos != b.next {
		b.segs = append(b.segs, Segment{Off: len(b.buf), Page: pos.Page, Line: pos.Line, Column: pos.Column})
	}
	if b.atBlockStart() || pos.Line != b.lastLine || pos.Page != b.lastPage {
		if n := len(b.lineStarts); n == 0 || b.lineStarts[n-1] != len(b.buf) {
			b.lineStarts = append(b.lineStarts, len(b.buf))
		}
		b.lastLine, b.lastPage = pos.Line, pos.Page
	}
	b.buf = append(b.buf, s...)
	pos.Column += utf8.RuneCountInString(s)
	b.next, b.hasNext = pos, true
}

// space appends one space unless Text is at a block start or already ends
// in white space; it stands for source white space such as a line break
// inside a paragraph. The text after it starts a new segment.
func (b *builder) space() {
	if b.atBlockStart() || b.endsWithSpace() {
		return
	}
	b.buf = append(b.buf, ' ')
	b.hasNext = false
}

// brk ends the current block: the next text starts after a "\n".
func (b *builder) brk() {
	b.trimTrailingSpace()
	if b.atBlockStart() {
		return
	}
	b.buf = append(b.buf, '\n')
	b.hasNext = false
}

func (b *builder) atBlockStart() bool {
	return len(b.buf) == 0 || b.buf[len(b.buf)-1] == '\n'
}

func (b *builder) endsWithSpace() bool {
	if len(b.buf) == 0 {
		return false
	}
	c := b.buf[len(b.buf)-1]
	return c == ' ' || c == '\t'
}

// trimTrailingSpace drops white space at the end of the current block, and
// any segment that would start at or beyond the new end.
func (b *builder) trimTrailingSpace() {
	n := len(bytes.TrimRight(b.buf, " \t"))
	if n == len(b.buf) {
		return
	}
	b.buf = b.buf[:n]
	for len(b.segs) > 0 && b.segs[len(b.segs)-1].Off >= n {
		b.segs = b.segs[:len(b.segs)-1]
	}
	for len(b.lineStarts) > 0 && b.lineStarts[len(b.lineStarts)-1] >= n {
		b.lineStarts = b.lineStarts[:len(b.lineStarts)-1]
	}
	for len(b.cuts) > 0 && b.cuts[len(b.cuts)-1] >= n {
		b.cuts = b.cuts[:len(b.cuts)-1]
	}
	b.hasNext = false
}

// table begins a table: the next row is its header row.
func (b *builder) table() {
	b.tables++
	b.rowsInTbl = 0
	b.rowStart = -1
}

// row begins a table row (a block of its own).
func (b *builder) row() {
	if b.tables == 0 {
		b.table()
	}
	b.brk()
	b.rowStart = len(b.buf)
}

// endRow ends the open table row.
func (b *builder) endRow() {
	if b.rowStart < 0 || b.tables == 0 {
		return
	}
	b.trimTrailingSpace()
	if end := len(bytes.TrimRight(b.buf, "\n")); end > b.rowStart {
		b.rows = append(b.rows, Row{Start: b.rowStart, End: end, Table: b.tables - 1, Header: b.rowsInTbl == 0})
		b.rowsInTbl++
	}
	b.rowStart = -1
	b.brk()
}

// cut marks the current end of Text as the start of a new unit (a table
// cell) though no "\n" separates it from what went before.
func (b *builder) cut() {
	if b.atBlockStart() {
		return
	}
	if n := len(b.cuts); n == 0 || b.cuts[n-1] != len(b.buf) {
		b.cuts = append(b.cuts, len(b.buf))
	}
}

// heading records Text from off to the current end as a heading.
func (b *builder) heading(level, off int) {
	if off > len(b.buf) {
		return
	}
	raw := string(b.buf[off:])
	t := strings.TrimSpace(raw)
	if t == "" {
		return
	}
	off += len(raw) - len(strings.TrimLeft(raw, " \t\n"))
	b.headings = append(b.headings, Heading{Level: level, Text: t, Off: off})
}

// offset is the current length of Text.
func (b *builder) offset() int { return len(b.buf) }

// document finishes the Text (no trailing "\n") and returns the Document.
func (b *builder) document(path, format string) *Document {
	n := len(bytes.TrimRight(b.buf, "\n \t"))
	b.buf = b.buf[:n]
	for len(b.segs) > 0 && b.segs[len(b.segs)-1].Off >= n {
		b.segs = b.segs[:len(b.segs)-1]
	}
	for len(b.lineStarts) > 0 && b.lineStarts[len(b.lineStarts)-1] >= n {
		b.lineStarts = b.lineStarts[:len(b.lineStarts)-1]
	}
	rows := b.rows[:0]
	for _, r := range b.rows {
		if r.Start < n {
			r.End = min(r.End, n)
			rows = append(rows, r)
		}
	}
	b.rows = rows
	text := b.text()
	return &Document{Path: path, Format: format, Text: text, Segments: b.segs, Headings: b.headings,
		LineStarts: b.lineStarts, Sentences: sentences(text, b.cuts, b.headings), Rows: b.rows,
		Directives: b.directives}
}

// text returns the buffer as a string. When the buffer is no more than an
// eighth larger than its contents it becomes the string without a copy:
// the builder is done with it, and it is never written again. A buffer
// with more room is copied, so that a Document kept (check --together)
// holds only its text.
func (b *builder) text() string {
	n := len(b.buf)
	if n == 0 {
		return ""
	}
	if cap(b.buf)-n > n/8 {
		return string(b.buf)
	}
	s := unsafe.String(unsafe.SliceData(b.buf), n)
	b.buf = nil
	return s
}
