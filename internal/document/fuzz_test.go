package document

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzLimits keep each fuzz input cheap.
var fuzzLimits = Limits{MaxFileSize: 4 << 20, MaxUnzipped: 8 << 20, PDFTimeout: 5 * time.Second}

// seed adds every testdata file with one of the extensions to the corpus.
func seed(f *testing.F, exts ...string) {
	for _, ext := range exts {
		files, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
		for _, file := range files {
			if strings.HasPrefix(filepath.Base(file), "bomb") {
				continue // each run would inflate megabytes: fuzzing slows to a crawl
			}
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// fuzzParse parses data as name and checks that the result, if any, keeps
// the invariants the rule engine relies on. A reader may reject input; it
// may never panic, and an error must be a *diag.Error naming the file.
func fuzzParse(t *testing.T, name string, data []byte) {
	doc, err := Parse(name, data, fuzzLimits)
	if err != nil {
		if err.Error() == "" {
			t.Fatal("empty error")
		}
		return
	}
	if err := invariants(doc); err != nil {
		t.Fatal(err)
	}
	// Every offset of Text maps to a position without panicking.
	for off := 0; off <= len(doc.Text); off += 1 + len(doc.Text)/64 {
		p := doc.Position(off)
		if p.Line < 1 || p.Column < 1 {
			t.Fatalf("position %+v at offset %d", p, off)
		}
	}
}

// invariants is checkSegments returning an error, for fuzzing.
func invariants(doc *Document) error {
	last := -1
	for i, s := range doc.Segments {
		if s.Off <= last || s.Off >= len(doc.Text) || s.Line < 1 || s.Column < 1 {
			return fmt.Errorf("segment %d bad: %+v (previous off %d, text %d bytes)", i, s, last, len(doc.Text))
		}
		last = s.Off
	}
	if len(doc.Text) > 0 && (len(doc.Segments) == 0 || doc.Segments[0].Off != 0) {
		return fmt.Errorf("text does not start with a segment: %+v", doc.Segments)
	}
	for _, h := range doc.Headings {
		if h.Off < 0 || h.Off+len(h.Text) > len(doc.Text) || doc.Text[h.Off:h.Off+len(h.Text)] != h.Text {
			return fmt.Errorf("heading %+v does not match the text", h)
		}
	}
	return nil
}

func FuzzMarkdown(f *testing.F) {
	seed(f, ".md", ".txt")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.md", data)
		fuzzParse(t, "f.txt", data)
	})
}

func FuzzHTML(f *testing.F) {
	seed(f, ".html")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.html", data) })
}

func FuzzDOCX(f *testing.F) {
	seed(f, ".docx")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.docx", data) })
}

func FuzzODT(f *testing.F) {
	seed(f, ".odt")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.odt", data) })
}

func FuzzPDF(f *testing.F) {
	seed(f, ".pdf")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "f.pdf", data) })
}
