package svcaudit

import (
	"time"

	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/walk"
	"github.com/svcaudit/svcaudit/result"
)

// Limits protect a run from documents that would take too much memory or
// time. A zero field takes its default: 32 MiB per file, 64 MiB unzipped
// from a DOCX or ODT, 10 seconds and 256 MiB per PDF.
type Limits struct {
	// MaxFileSize is the largest document read, in bytes.
	MaxFileSize int64
	// MaxUnzipped is the most bytes read out of a zip-based document
	// (DOCX, ODT) in total.
	MaxUnzipped int64
	// PDFTimeout bounds the text extraction of one PDF.
	PDFTimeout time.Duration
	// PDFMemory bounds the memory the PDF engine may take for one PDF, in
	// bytes.
	PDFMemory int64
}

func (l Limits) document() document.Limits {
	return document.Limits{MaxFileSize: l.MaxFileSize, MaxUnzipped: l.MaxUnzipped, PDFTimeout: l.PDFTimeout, PDFMemory: l.PDFMemory}
}

// Found is what FindDocuments found.
type Found struct {
	// Files are the documents, sorted and without duplicates.
	Files []string
	// Errors are paths that could not be searched: unreadable folders,
	// broken links, link loops.
	Errors []result.FileError
}

// FindDocuments turns paths — files, folders searched recursively for
// documents of a supported format, and globs such as "docs/**/*.md" — into
// documents. Include, when set, keeps only the files found that match one
// of its globs; exclude drops files and prunes folders that match one.
// Files named explicitly are always taken. Paths that name nothing are a
// *MissingPathsError.
func FindDocuments(paths, include, exclude []string) (*Found, error) {
	found, err := walk.Expand(paths, walk.Options{Include: include, Exclude: exclude})
	if err != nil {
		return nil, &GlobError{Err: err}
	}
	if len(found.Missing) > 0 {
		return nil, &MissingPathsError{Paths: found.Missing}
	}
	return &Found{Files: found.Files, Errors: found.Errors}, nil
}

// Extensions are the file extensions of the documents svcaudit reads.
func Extensions() []string { return document.Extensions() }
