package document

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPDFKillWhileRunning: a PDF stopped by the time limit while PDFium is
// still running in it (here a form that draws itself, stopped at 1 to 40
// ms) never frees the memory under the running code, which crashed the
// whole process; every such stop leaves the engine usable.
func TestPDFKillWhileRunning(t *testing.T) {
	hostile := hostilePDF()
	for i := 0; i < 40; i++ {
		lim := Limits{PDFMemory: 96 << 20, PDFTimeout: time.Duration(1+i%40) * time.Millisecond}
		_, err := Parse("hostile.pdf", hostile, lim)
		var to *TimeoutError
		var me *MemoryError
		if !errors.As(err, &to) && !errors.As(err, &me) {
			t.Fatalf("stop %d: error %v, want a timeout or the memory limit", i, err)
		}
	}
	data, err := os.ReadFile(filepath.Join("testdata", "policy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		doc, err := Parse("policy.pdf", data, Limits{PDFMemory: 96 << 20})
		if err != nil {
			t.Fatalf("after the stops: %v", err)
		}
		if doc.Pages != 2 {
			t.Errorf("pages = %d, want 2", doc.Pages)
		}
	}
}

// TestPDFEncryptedAfterRead: a password-protected PDF read by an engine
// instance that has just read another PDF is still reported as encrypted
// (its error code came back garbled, "unexpected error").
func TestPDFEncryptedAfterRead(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "policy.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := os.ReadFile(filepath.Join("testdata", "encrypted.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := Parse("policy.pdf", data, Limits{}); err != nil {
			t.Fatal(err)
		}
		if _, err := Parse("encrypted.pdf", enc, Limits{}); err == nil || !strings.Contains(err.Error(), "it is encrypted") {
			t.Fatalf("read %d: error %v, want it is encrypted", i, err)
		}
	}
}
