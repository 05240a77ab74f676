package document

import (
	"fmt"
	"time"
)

// Limits protect the user from documents that would take too much memory
// or time. A zero field means the default of DefaultLimits.
type Limits struct {
	// MaxFileSize is the largest file Read accepts, in bytes.
	MaxFileSize int64
	// MaxUnzipped is the most bytes read out of a zip-based document
	// (DOCX, ODT) in total, however small the archive.
	MaxUnzipped int64
	// PDFTimeout bounds the text extraction of one PDF.
	PDFTimeout time.Duration
	// PDFMemory bounds the memory the PDF engine may take for one PDF, in
	// bytes (rounded down to 64 KiB pages).
	PDFMemory int64
}

// DefaultLimits returns the limits used when none are given: 32 MiB per
// file, 64 MiB unzipped, 10 s and 256 MiB per PDF.
func DefaultLimits() Limits {
	return Limits{MaxFileSize: 32 << 20, MaxUnzipped: 64 << 20, PDFTimeout: 10 * time.Second, PDFMemory: 256 << 20}
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = d.MaxUnzipped
	}
	if l.PDFTimeout <= 0 {
		l.PDFTimeout = d.PDFTimeout
	}
	if l.PDFMemory <= 0 {
		l.PDFMemory = d.PDFMemory
	}
	return l
}

// HumanSize formats a byte count for people: "512 B", "1.5 KiB", "32 MiB".
func HumanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := fmt.Sprintf("%.1f", v)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s + " " + string("KMGTPE"[exp]) + "iB"
}
