package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// errNoTextLayer is returned for a PDF whose pages hold no text, such as a
// scan.
var errNoTextLayer = errors.New("it has no text layer (a scanned or image-only PDF?)")

// errEncrypted is returned for a password-protected PDF.
var errEncrypted = errors.New("it is encrypted (password-protected)")

// errPDFTimeout is returned when reading a PDF takes longer than allowed.
type errPDFTimeout struct{ d time.Duration }

func (e *errPDFTimeout) Error() string {
	return fmt.Sprintf("reading it took longer than the limit of %s", e.d)
}

// The PDFium pool is started on the first PDF and shared by the rest, so
// that a run without PDFs pays nothing for it (compiling the 6 MB WebAssembly
// module takes about two seconds, or a few milliseconds from the on-disk
// compilation cache).
var pdfPool struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

func getPDFPool() (pdfium.Pool, error) {
	pdfPool.once.Do(func() {
		rc := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithCloseOnContextDone(true) // lets Kill stop a PDF that hangs
		if dir, err := os.UserCacheDir(); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "svcaudit", "wazero")); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
		n := runtime.GOMAXPROCS(0)
		pdfPool.pool, pdfPool.err = webassembly.Init(webassembly.Config{
			MinIdle: 0, MaxIdle: n, MaxTotal: n,
			RuntimeConfig: rc,
			FSConfig:      wazero.NewFSConfig(), // no file system: documents are passed as bytes
			Stdout:        io.Discard,
			Stderr:        io.Discard,
			ReuseWorkers:  true,
		})
	})
	return pdfPool.pool, pdfPool.err
}

// parsePDF reads the text layer of a PDF with PDFium, page by page. Line is
// the line's number within its page, as PDFium breaks the page into lines,
// and Column counts runes within the line. The whole extraction has
// lim.PDFTimeout to finish; past it the PDFium instance is killed and the
// document reported as an error.
func parsePDF(data []byte, lim Limits) (*builder, int, error) {
	if !hasPDFTrailer(data) {
		if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\n\r "), []byte("%PDF-")) {
			return nil, 0, errors.New("not a PDF file (no %PDF- header)")
		}
		return nil, 0, errors.New("it is truncated or corrupt (no %%EOF at the end)")
	}
	pool, err := getPDFPool()
	if err != nil {
		return nil, 0, fmt.Errorf("cannot start the PDF reader: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lim.PDFTimeout)
	defer cancel()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, &errPDFTimeout{lim.PDFTimeout}
		}
		return nil, 0, fmt.Errorf("cannot start the PDF reader: %v", err)
	}
	type result struct {
		b     *builder
		pages int
		err   error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("the PDF reader failed on it (%v)", r)}
			}
		}()
		b, n, err := extractPDF(inst, data)
		ch <- result{b, n, err}
	}()
	select {
	case r := <-ch:
		inst.Close()
		return r.b, r.pages, r.err
	case <-ctx.Done():
		inst.Kill()
		return nil, 0, &errPDFTimeout{lim.PDFTimeout}
	}
}

// hasPDFTrailer reports whether "%%EOF" is near the end of data, where a
// complete PDF has it.
func hasPDFTrailer(data []byte) bool {
	return bytes.Contains(data[max(0, len(data)-2048):], []byte("%%EOF"))
}

func extractPDF(inst pdfium.Pdfium, data []byte) (*builder, int, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, 0, errEncrypted
		case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile):
			return nil, 0, errors.New("it is corrupt or not a PDF")
		}
		return nil, 0, fmt.Errorf("cannot open it (%v)", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, 0, fmt.Errorf("cannot count its pages (%v)", err)
	}
	if pc.PageCount == 0 {
		return nil, 0, errors.New("it has no pages: it is corrupt or truncated")
	}
	b := &builder{}
	chars := 0
	for i := 0; i < pc.PageCount; i++ {
		t, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return nil, 0, &pageErr{page: i + 1, err: err}
		}
		chars += pdfPage(b, t.Text, i+1)
	}
	if chars == 0 {
		return nil, pc.PageCount, errNoTextLayer
	}
	return b, pc.PageCount, nil
}

// pageErr is a failure on one page of a PDF.
type pageErr struct {
	page int
	err  error
}

func (e *pageErr) Error() string { return fmt.Sprintf("cannot read page %d (%v)", e.page, e.err) }

// pdfPage adds one page's text, each line a block, and returns how many
// non-space characters it had.
func pdfPage(b *builder, text string, page int) int {
	chars := 0
	r := lineReader{s: text}
	for {
		line, n, ok := r.next()
		if !ok {
			break
		}
		line = strings.ReplaceAll(line, "\u00a0", " ")
		t := strings.TrimLeft(line, " \t\f")
		t = strings.TrimRight(strings.ReplaceAll(t, "\x00", ""), " \t\f\u00ad")
		if t == "" {
			continue
		}
		b.brk()
		b.add(t, Position{Page: page, Line: n, Column: 1 + len(line) - len(strings.TrimLeft(line, " \t\f"))})
		chars += len(t)
	}
	b.brk()
	return chars
}
