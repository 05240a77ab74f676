package document

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

// errNoTextLayer is returned for a PDF whose pages hold no text, such as a
// scan.
var errNoTextLayer = errors.New("the PDF has no text to read")

// errEncrypted is returned for a password-protected PDF.
var errEncrypted = errors.New("the PDF is encrypted (password-protected)")

// errPDFTimeout is returned when reading a PDF takes longer than allowed.
type errPDFTimeout struct{ d time.Duration }

func (e *errPDFTimeout) Error() string {
	return fmt.Sprintf("reading the PDF took longer than the limit of %s", e.d)
}

// parsePDF reads a PDF's text layer page by page with a deadline: the
// reader runs in its own goroutine, and when the time is up the document
// is reported as an error while that goroutine is abandoned to finish on
// its own (a pure-Go reader cannot be interrupted).
func parsePDF(data []byte, lim Limits) (*builder, int, error) {
	type result struct {
		b     *builder
		pages int
		err   error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("the PDF is corrupt or uses a feature the reader does not support (%v)", r)}
			}
		}()
		b, n, err := readPDF(data)
		ch <- result{b, n, err}
	}()
	timer := time.NewTimer(lim.PDFTimeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		return r.b, r.pages, r.err
	case <-timer.C:
		return nil, 0, &errPDFTimeout{lim.PDFTimeout}
	}
}

// readPDF extracts the text of every page. Glyphs are grouped into lines by
// their baseline, in the order the page draws them (which is reading order
// for the PDFs word processors make); a gap wider than a fraction of the
// font size between two glyphs becomes a space. Line is the line's number
// within its page; Column counts runes within the line.
func readPDF(data []byte) (*builder, int, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		msg := err.Error()
		switch {
		case errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(msg, "encrypt"):
			return nil, 0, errEncrypted
		case strings.Contains(msg, "not a PDF"):
			return nil, 0, fmt.Errorf("not a PDF file, or a truncated one (%v)", err)
		}
		return nil, 0, fmt.Errorf("the PDF is corrupt or truncated (%v)", err)
	}
	b := &builder{}
	pages := r.NumPage()
	chars := 0
	for n := 1; n <= pages; n++ {
		p := r.Page(n)
		if p.V.IsNull() {
			continue
		}
		texts := p.Content().Text
		line, col := 0, 1
		var prev *pdf.Text
		for i := range texts {
			t := &texts[i]
			if t.S == "" {
				continue
			}
			newLine := prev == nil || math.Abs(t.Y-prev.Y) > math.Max(prev.FontSize, 1)*0.5 || t.X < prev.X-prev.FontSize
			if newLine {
				b.brk()
				line++
				col = 1
			} else if gap := t.X - (prev.X + prev.W); gap > math.Max(t.FontSize, 1)*0.15 && !b.endsWithSpace() && t.S != " " {
				b.add(" ", Position{Page: n, Line: line, Column: col})
				col++
			}
			s := t.S
			if newLine {
				s = strings.TrimLeft(s, " ")
			}
			b.add(s, Position{Page: n, Line: line, Column: col})
			col += len([]rune(s))
			chars += len(strings.TrimSpace(s))
			prev = t
		}
		b.brk()
	}
	if chars == 0 {
		return nil, pages, errNoTextLayer
	}
	return b, pages, nil
}
