package document

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// maxRatio is the highest compression ratio accepted for an entry of more
// than ratioFloor bytes. Real office XML compresses about 5–30 times; zip
// bombs reach a thousand and more.
const (
	maxRatio   = 200
	ratioFloor = 1 << 20
)

// UnzipLimitError reports an archive that unpacks to more than allowed:
// over Limits.MaxUnzipped (Limit set), or so much larger than it is
// packed that it is a likely zip bomb (Limit 0).
type UnzipLimitError struct {
	Msg   string
	Limit int64
}

func (e *UnzipLimitError) Error() string { return e.Msg }

// zipBudget is what may still be read out of one archive.
type zipBudget struct {
	left  int64 // bytes left of Limits.MaxUnzipped
	limit int64
}

// officeZip is an office document's archive, read within the limits: every
// entry opened through it counts against one budget.
type officeZip struct {
	zr  *zip.Reader
	bud *zipBudget
}

// openOffice opens data as the archive of an office document; kind names it
// in the error ("a DOCX document").
func openOffice(data []byte, lim Limits, kind string) (*officeZip, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a valid zip archive (%v); the file is corrupt or not %s", err, kind)
	}
	return &officeZip{zr: zr, bud: &zipBudget{left: lim.MaxUnzipped, limit: lim.MaxUnzipped}}, nil
}

// entry returns the archive's entry called name, or nil.
func (z *officeZip) entry(name string) *zip.File {
	for _, f := range z.zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// open opens the entry called name through the budget; found is false (and
// the error nil) when the archive has no such entry.
func (z *officeZip) open(name string) (rc io.ReadCloser, found bool, err error) {
	f := z.entry(name)
	if f == nil {
		return nil, false, nil
	}
	rc, err = z.bud.openEntry(f)
	return rc, true, err
}

// openEntry opens f for reading through the budget: the bytes actually
// read count against the limit, whatever the header claims, and an absurd
// compression ratio is refused.
func (bud *zipBudget) openEntry(f *zip.File) (io.ReadCloser, error) {
	if f.CompressedSize64 > 0 && f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/f.CompressedSize64 > maxRatio {
		return nil, &UnzipLimitError{Msg: fmt.Sprintf("%s unpacks %d times larger than it is packed (%s from %s): refusing a likely zip bomb",
			f.Name, f.UncompressedSize64/f.CompressedSize64, HumanSize(int64(f.UncompressedSize64)), HumanSize(int64(f.CompressedSize64)))}
	}
	if int64(f.UncompressedSize64) > bud.left {
		return nil, bud.overErr(f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot open %s in the archive: %v", f.Name, err)
	}
	return &limitedEntry{rc: rc, lr: io.LimitedReader{R: rc, N: bud.left + 1}, bud: bud, f: f}, nil
}

func (bud *zipBudget) overErr(name string) error {
	return &UnzipLimitError{Msg: fmt.Sprintf("%s unpacks to more than the limit of %s", name, HumanSize(bud.limit)), Limit: bud.limit}
}

// limitedEntry reads an entry through an io.LimitedReader set to the
// remaining budget, plus one byte to tell "at the limit" from "over it".
type limitedEntry struct {
	rc  io.ReadCloser
	lr  io.LimitedReader
	bud *zipBudget
	f   *zip.File
	n   int64
}

func (e *limitedEntry) Read(p []byte) (int, error) {
	n, err := e.lr.Read(p)
	e.n += int64(n)
	e.bud.left -= int64(n)
	if e.bud.left < 0 {
		return n, e.bud.overErr(e.f.Name)
	}
	if e.n > ratioFloor && e.f.CompressedSize64 > 0 && uint64(e.n)/e.f.CompressedSize64 > maxRatio {
		return n, &UnzipLimitError{Msg: fmt.Sprintf("%s unpacks more than %d times larger than it is packed: refusing a likely zip bomb", e.f.Name, maxRatio)}
	}
	if err != nil && err != io.EOF {
		return n, fmt.Errorf("%s is corrupt: %v", e.f.Name, err)
	}
	return n, err
}

func (e *limitedEntry) Close() error { return e.rc.Close() }

// para is an open paragraph of an office document: its number (the block's
// Line), the next rune's Column, where its text starts in the builder and
// its heading level (0: not a heading).
type para struct {
	num, col, start, level int
}

// paraStack keeps the paragraphs open while an office document's XML is
// read (they nest: a paragraph in a footnote or a text box within one).
type paraStack struct {
	b    *builder
	open []para
	n    int // paragraphs begun so far
}

// push begins a paragraph, a new block, and returns it to set its level.
func (s *paraStack) push() *para {
	s.n++
	s.b.brk()
	s.open = append(s.open, para{num: s.n, col: 1, start: s.b.offset()})
	return &s.open[len(s.open)-1]
}

// top is the innermost open paragraph, or nil.
func (s *paraStack) top() *para {
	if len(s.open) == 0 {
		return nil
	}
	return &s.open[len(s.open)-1]
}

// text adds text to the innermost open paragraph; outside one it is dropped.
func (s *paraStack) text(t string) {
	p := s.top()
	if p == nil || t == "" {
		return
	}
	s.b.add(t, Position{Line: p.num, Column: p.col})
	p.col += utf8.RuneCountInString(t)
}

// pop ends the innermost paragraph, marking it a heading if it has a level.
func (s *paraStack) pop() {
	p := s.top()
	if p == nil {
		return
	}
	s.open = s.open[:len(s.open)-1]
	if p.level > 0 {
		s.b.heading(p.level, p.start)
	}
	s.b.brk()
}
