package explain

import (
	"fmt"
	"io"
	"strings"

	"github.com/svcaudit/svcaudit/internal/safe"
)

// kind is the kind of a block of an explanation.
type kind int

const (
	heading kind = iota
	para
	bullet
)

// block is one heading, paragraph or bullet of an explanation; level is the
// heading level (1, 2, 3) or the bullet's depth (0, 1).
type block struct {
	kind  kind
	level int
	text  string
}

// doc is an explanation, built once and rendered as text or Markdown.
type doc struct{ blocks []block }

func (d *doc) h(level int, format string, args ...any) {
	d.blocks = append(d.blocks, block{heading, level, fmt.Sprintf(format, args...)})
}

func (d *doc) p(format string, args ...any) {
	d.blocks = append(d.blocks, block{para, 0, fmt.Sprintf(format, args...)})
}

func (d *doc) li(depth int, format string, args ...any) {
	d.blocks = append(d.blocks, block{bullet, depth, fmt.Sprintf(format, args...)})
}

// text renders d for a terminal: headings underlined, bullets indented.
// Every block is one line: text from the Result is made safe with
// safe.Line, so a newline in a question or a note cannot start a line.
func (d *doc) text(w io.Writer) error {
	var b strings.Builder
	prev := -1
	for _, bl := range d.blocks {
		t := safe.Line(bl.text)
		if prev != -1 && !(bl.kind == bullet && prev == int(bullet)) {
			b.WriteString("\n")
		}
		switch bl.kind {
		case heading:
			b.WriteString(t + "\n")
			under := "="
			if bl.level > 1 {
				under = "-"
			}
			if bl.level < 3 {
				b.WriteString(strings.Repeat(under, len([]rune(t))) + "\n")
			}
		case para:
			b.WriteString(t + "\n")
		case bullet:
			b.WriteString(strings.Repeat("  ", bl.level) + "- " + indentLines(t, strings.Repeat("  ", bl.level)+"  ") + "\n")
		}
		prev = int(bl.kind)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdown renders d as Markdown, escaping the text taken from the Result.
func (d *doc) markdown(w io.Writer) error {
	var b strings.Builder
	prev := -1
	for _, bl := range d.blocks {
		t := safe.MarkdownLine(bl.text)
		if prev != -1 && !(bl.kind == bullet && prev == int(bullet)) {
			b.WriteString("\n")
		}
		switch bl.kind {
		case heading:
			b.WriteString(strings.Repeat("#", bl.level) + " " + t + "\n")
		case para:
			b.WriteString(t + "\n")
		case bullet:
			b.WriteString(strings.Repeat("  ", bl.level) + "- " + indentLines(t, strings.Repeat("  ", bl.level)+"  ") + "\n")
		}
		prev = int(bl.kind)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func indentLines(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}
