package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/result"
)

// TestLimitAdvice checks that only the command line words a document's
// limit as advice about the flag that raises it: in check's file errors
// and in an error printed on its own.
func TestLimitAdvice(t *testing.T) {
	errs := []result.FileError{
		{File: "big.html", Message: "file is 50 MiB, over the limit of 32 MiB", Err: &document.TooLargeError{Path: "big.html", Size: 50 << 20, Limit: 32 << 20}},
		{File: "a.docx", Message: "cannot read DOCX: x unpacks to more than the limit of 1 KiB", Err: &document.UnzipLimitError{Limit: 1024}},
		{File: "b.docx", Message: "cannot read DOCX: refusing a likely zip bomb", Err: &document.UnzipLimitError{}},
		{File: "c.pdf", Message: "cannot read PDF: reading it took longer than the limit of 1s", Err: &document.TimeoutError{Limit: time.Second}},
		{File: "e.pdf", Message: "cannot read PDF: reading it needs more memory than the limit of 256 MiB", Err: &document.MemoryError{Limit: 256 << 20}},
		{File: "d.md", Message: "cannot read: permission denied"},
	}
	adviseLimits(errs)
	want := []string{
		"file is 50 MiB, over the limit of 32 MiB (raise it with --max-file-size)",
		"cannot read DOCX: x unpacks to more than the limit of 1 KiB (raise it with --max-unzipped if the document is genuine)",
		"cannot read DOCX: refusing a likely zip bomb",
		"cannot read PDF: reading it took longer than the limit of 1s (raise it with --pdf-timeout, or convert the PDF to text first (e.g. pdftotext))",
		"cannot read PDF: reading it needs more memory than the limit of 256 MiB (raise it with --pdf-memory if the document is genuine, or convert the PDF to text first (e.g. pdftotext))",
		"cannot read: permission denied",
	}
	for i, e := range errs {
		if e.Message != want[i] {
			t.Errorf("%s: %q, want %q", e.File, e.Message, want[i])
		}
	}
	var out bytes.Buffer
	printError(&out, &diag.Error{Pos: diag.Pos{File: "big.html"}, Msg: "file is 50 MiB, over the limit of 32 MiB", Err: &document.TooLargeError{Limit: 32 << 20}})
	if !strings.Contains(out.String(), "svcaudit: hint: raise it with --max-file-size\n") {
		t.Errorf("printed:\n%s", out.String())
	}
}
