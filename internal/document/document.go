package document

import (
	"sort"
	"unicode/utf8"
)

// Document is a document's text, ready for the rule engine.
//
// Text holds the document's prose with blocks (paragraphs, headings, list
// items, table cells) separated by "\n". Segments map byte offsets of Text
// back to places in the source: each segment starts at Off and runs to the
// next one, and within a segment columns advance one per rune.
type Document struct {
	Path     string
	Format   string
	Text     string
	Segments []Segment
	Headings []Heading
	// Pages is the number of pages of a paginated format (PDF), else 0.
	Pages int
	// Sentences are the document's units of prose, in order, worked out
	// once when it is read (see Sentence for how Text is split). A rule
	// asks for the unit containing an offset with SentenceAt.
	Sentences []Sentence
	// LineStarts are the offsets in Text, in order, where a line of the
	// source begins: every block start, and in plain text and Markdown each
	// source line joined into a paragraph. See AtLineStart.
	LineStarts []int
	// Rows are the rows of the document's tables (Markdown, HTML, DOCX,
	// ODT), in order: Text[Start:End] holds the row's cells, each a unit
	// of Sentences. A table's first row is its header. See RowAt.
	Rows []Row
	// Directives are the comments of the source addressed to svcaudit
	// (those mentioning "svcaudit-"), in order: an HTML comment in
	// Markdown and HTML, a comment in DOCX, an annotation in ODT. Package
	// suppress reads them.
	Directives []Comment
}

// Comment is a comment of the source: its text between the comment's
// markers, and the line it starts on. A comment anchored to a range of the
// text (a Word comment, an ODT annotation) covers the lines (paragraphs)
// Line to EndLine; EndLine is 0 for a comment written in the text itself
// (Markdown, HTML), which covers what follows it.
type Comment struct {
	Line    int
	EndLine int
	Text    string
}

// directivePrefix marks a comment addressed to svcaudit; other comments are
// not kept.
const directivePrefix = "svcaudit-"

// Row is one table row: its span of Text, the table it belongs to (0-based,
// in order) and whether it is the table's header row.
type Row struct {
	Start, End int
	Table      int
	Header     bool
}

// RowAt returns the table row holding off, and false outside tables.
func (d *Document) RowAt(off int) (Row, bool) {
	i := sort.Search(len(d.Rows), func(i int) bool { return d.Rows[i].End > off })
	if i < len(d.Rows) && d.Rows[i].Start <= off {
		return d.Rows[i], true
	}
	return Row{}, false
}

// HeaderOf returns the header row of r's table, and false when r is the
// header itself or its table has none.
func (d *Document) HeaderOf(r Row) (Row, bool) {
	i := sort.Search(len(d.Rows), func(i int) bool { return d.Rows[i].Table >= r.Table })
	if i < len(d.Rows) && d.Rows[i].Table == r.Table && d.Rows[i].Header && d.Rows[i].Start != r.Start {
		return d.Rows[i], true
	}
	return Row{}, false
}

// Segment is a run of Text that came from one contiguous place in the source.
type Segment struct {
	Off    int // byte offset in Text
	Page   int // 1-based page, 0 for unpaginated formats
	Line   int // 1-based line in the source (or within the page)
	Column int // 1-based column, in runes
}

// Heading is a heading's text and where it is in Text.
type Heading struct {
	Level int
	Text  string
	Off   int
}

// Position is a resolved place in the source.
type Position struct {
	Page, Line, Column int
}

// Position maps a byte offset of Text to where it came from.
func (d *Document) Position(off int) Position {
	if len(d.Segments) == 0 {
		return Position{Line: 1, Column: 1}
	}
	i := sort.Search(len(d.Segments), func(i int) bool { return d.Segments[i].Off > off }) - 1
	if i < 0 {
		i = 0
	}
	s := d.Segments[i]
	if off > len(d.Text) {
		off = len(d.Text)
	}
	col := s.Column
	if off > s.Off {
		col += utf8.RuneCountInString(d.Text[s.Off:off])
	}
	return Position{Page: s.Page, Line: s.Line, Column: col}
}
