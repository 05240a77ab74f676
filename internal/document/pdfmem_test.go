package document

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostilePDF builds a one-page PDF whose page draws a form XObject that
// draws itself twice: a few hundred bytes that drive PDFium's memory up
// until something stops it.
func hostilePDF() []byte {
	stream := func(dict, body string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(body), body)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Fm1 4 0 R >> /Font << /F1 6 0 R >> >> /Contents 5 0 R >>",
		stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm1 4 0 R >> >>", "/Fm1 Do /Fm1 Do"),
		stream("", "BT /F1 12 Tf 72 720 Td (Hello) Tj ET /Fm1 Do"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestPDFMemoryLimit: a PDF that would take PDFium's memory without bound
// is stopped at the memory limit — long before the time limit — reported
// with the limit, and the engine reads the next PDF as before.
func TestPDFMemoryLimit(t *testing.T) {
	lim := Limits{PDFMemory: 96 << 20, PDFTimeout: 60 * time.Second}
	start := time.Now()
	_, err := Parse("hostile.pdf", hostilePDF(), lim)
	if err == nil || !strings.Contains(err.Error(), "hostile.pdf: cannot read PDF: reading it needs more memory than the limit of 96 MiB") {
		t.Fatalf("error %v, want the memory limit of 96 MiB", err)
	}
	var me *MemoryError
	if !errors.As(err, &me) || me.Limit != 96<<20 {
		t.Errorf("error %#v, want a MemoryError carrying the limit of 96 MiB", err)
	}
	if strings.Contains(err.Error(), "stack trace") {
		t.Errorf("error %q carries the engine's stack trace", err)
	}
	if d := time.Since(start); d > 50*time.Second {
		t.Errorf("stopped after %s: the time limit, not the memory limit, ended it", d)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "policy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ { // every instance of the pool
		doc, err := Parse("policy.pdf", data, lim)
		if err != nil {
			t.Fatalf("after the hostile PDF: %v", err)
		}
		if doc.Pages != 2 {
			t.Errorf("pages = %d, want 2", doc.Pages)
		}
	}
}

func TestTrimTrap(t *testing.T) {
	err := trimTrap(errors.New("cannot read page 1 (wasm error: unreachable wasm stack trace:  .$46(i32) i32  .$314(i32) ... maybe followed by omitted frames)"))
	if got, want := err.Error(), "cannot read page 1 (wasm error: unreachable)"; got != want {
		t.Errorf("trimTrap = %q, want %q", got, want)
	}
}

// StartPDF registers the reader for its limits at once and starts it in
// the background; a PDF read with those limits then uses it.
func TestStartPDF(t *testing.T) {
	lim := Limits{PDFMemory: 88 << 20} // a limit no other test uses
	if PDFStarted(lim) {
		t.Fatal("started before StartPDF")
	}
	StartPDF(lim)
	if !PDFStarted(lim) {
		t.Fatal("not started by StartPDF")
	}
	data, err := os.ReadFile("testdata/policy.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("policy.pdf", data, lim); err != nil {
		t.Fatal(err)
	}
}
