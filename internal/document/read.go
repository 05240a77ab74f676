package document

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/svcaudit/svcaudit/internal/diag"
	"golang.org/x/text/encoding"
)

// formats maps file extensions to format names.
var formats = map[string]string{
	".md": "md", ".markdown": "md", ".mdown": "md", ".mkd": "md",
	".txt": "txt", ".text": "txt",
	".html": "html", ".htm": "html", ".xhtml": "html",
	".docx": "docx", ".odt": "odt", ".pdf": "pdf",
}

// FormatOf returns the format of path from its extension: "md", "txt",
// "html", "docx", "odt", "pdf", or "" when it is not a supported document.
func FormatOf(path string) string {
	return formats[strings.ToLower(filepath.Ext(path))]
}

// Extensions are the file extensions of the formats Read reads, sorted.
func Extensions() []string {
	out := make([]string, 0, len(formats))
	for ext := range formats {
		out = append(out, ext)
	}
	sort.Strings(out)
	return out
}

// Supported reports whether Read can read path, judging by its extension.
func Supported(path string) bool { return FormatOf(path) != "" }

// Read reads the document at path. A file larger than lim.MaxFileSize is
// refused before any of it is read.
func Read(path string, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	if FormatOf(path) == "" {
		return nil, unsupported(path)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "cannot read: " + pathErr(err)}
	}
	if st.IsDir() {
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "is a directory, not a document"}
	}
	if !st.Mode().IsRegular() {
		// A pipe or device could block or never end.
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "is not a regular file"}
	}
	if st.Size() > lim.MaxFileSize {
		return nil, tooLarge(path, st.Size(), lim.MaxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: "cannot read: " + pathErr(err)}
	}
	return parse(path, data, lim, true)
}

// Parse reads a document already in memory; path gives its name and, by
// its extension, its format. It never panics, whatever data holds.
func Parse(path string, data []byte, lim Limits) (doc *Document, err error) {
	return parse(path, data, lim, false)
}

// parse is Parse; owned says data is the reader's own (Read's), never
// written again, so that UTF-8 text is read in place rather than copied.
func parse(path string, data []byte, lim Limits, owned bool) (doc *Document, err error) {
	lim = lim.withDefaults()
	format := FormatOf(path)
	if format == "" {
		return nil, unsupported(path)
	}
	if int64(len(data)) > lim.MaxFileSize {
		return nil, tooLarge(path, int64(len(data)), lim.MaxFileSize)
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: fmt.Sprintf("cannot read %s: internal error: %v", format, r)}
		}
	}()
	var (
		b     *builder
		pages int
	)
	switch format {
	case "md", "txt", "html":
		var guess func([]byte) encoding.Encoding
		if format == "html" {
			guess = htmlEncoding
		}
		s, binary := decodeWith(data, guess, owned)
		if binary {
			return nil, (&diag.Error{Pos: diag.Pos{File: path}, Msg: "looks like a binary file, not " + formatName(format)}).
				WithHint("check the file's extension")
		}
		switch format {
		case "md":
			b = parseMarkdown(s)
		case "txt":
			b = parseText(s)
		default:
			b = parseHTML(s)
		}
	case "docx":
		b, err = parseDOCX(data, lim)
	case "odt":
		b, err = parseODT(data, lim)
	case "pdf":
		b, pages, err = parsePDF(data, lim)
	}
	if err != nil {
		return nil, wrapErr(path, format, err, lim)
	}
	doc = b.document(path, format)
	doc.Pages = pages
	return doc, nil
}

// TooLargeError is a document larger than Limits.MaxFileSize, refused
// before it is read.
type TooLargeError struct {
	Path        string
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %s, over the limit of %s", HumanSize(e.Size), HumanSize(e.Limit))
}

func tooLarge(path string, size, limit int64) error {
	e := &TooLargeError{Path: path, Size: size, Limit: limit}
	return &diag.Error{Pos: diag.Pos{File: path}, Msg: e.Error(), Err: e}
}

// wrapErr turns a reader's error into a diag.Error naming the file, with a
// hint for the errors a user can do something about. A limit's error is
// kept as the diag.Error's Err, for the command line to advise on.
func wrapErr(path, format string, err error, lim Limits) error {
	e := &diag.Error{Pos: diag.Pos{File: path}, Msg: fmt.Sprintf("cannot read %s: %v", formatName(format), err)}
	var zl *UnzipLimitError
	var to *TimeoutError
	var pm *MemoryError
	switch {
	case errors.As(err, &zl):
		e.Err = zl
	case errors.As(err, &to):
		e.Err = to
	case errors.As(err, &pm):
		e.Err = pm
	case errors.Is(err, errNoTextLayer):
		e.Msg = "cannot read PDF: it has no text layer (a scanned or image-only PDF?)"
		e.WithHint("it has no text layer; run OCR (e.g. ocrmypdf) first")
	case errors.Is(err, errEncrypted):
		e.WithHint("remove the password (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and check the copy")
	}
	return e
}

func formatName(format string) string {
	switch format {
	case "md":
		return "Markdown"
	case "txt":
		return "text"
	}
	return strings.ToUpper(format)
}

func unsupported(path string) error {
	return (&diag.Error{Pos: diag.Pos{File: path}, Msg: fmt.Sprintf("unsupported document type %q", filepath.Ext(path))}).
		WithHint("supported: .md, .markdown, .txt, .html, .htm, .docx, .odt, .pdf")
}

// pathErr is an os error without the path, which the diag.Error already
// names.
func pathErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
