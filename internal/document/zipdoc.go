package document

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// maxRatio is the highest compression ratio accepted for an entry of more
// than ratioFloor bytes. Real office XML compresses about 5–30 times; zip
// bombs reach a thousand and more.
const (
	maxRatio   = 200
	ratioFloor = 1 << 20
)

// errZipLimit reports an archive that unpacks to more than allowed.
type errZipLimit struct{ msg string }

func (e *errZipLimit) Error() string { return e.msg }

// zipBudget is what may still be read out of one archive.
type zipBudget struct {
	left  int64 // bytes left of Limits.MaxUnzipped
	limit int64
}

// openZip opens an office document's archive.
func openZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a valid zip archive (%v); the file is corrupt or not a %s", err, "document")
	}
	return zr, nil
}

// findEntry returns the archive entry called name, or nil.
func findEntry(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// openEntry opens f for reading through the budget: the bytes actually
// read count against the limit, whatever the header claims, and an absurd
// compression ratio is refused.
func (bud *zipBudget) openEntry(f *zip.File) (io.ReadCloser, error) {
	if f.CompressedSize64 > 0 && f.UncompressedSize64 > ratioFloor && f.UncompressedSize64/f.CompressedSize64 > maxRatio {
		return nil, &errZipLimit{fmt.Sprintf("%s unpacks %d times larger than it is packed (%s from %s): refusing a likely zip bomb",
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
	return &errZipLimit{fmt.Sprintf("%s unpacks to more than the limit of %s", name, HumanSize(bud.limit))}
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
		return n, &errZipLimit{fmt.Sprintf("%s unpacks more than %d times larger than it is packed: refusing a likely zip bomb", e.f.Name, maxRatio)}
	}
	if err != nil && err != io.EOF {
		return n, fmt.Errorf("%s is corrupt: %v", e.f.Name, err)
	}
	return n, err
}

func (e *limitedEntry) Close() error { return e.rc.Close() }
