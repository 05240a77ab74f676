package document

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/responses"
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

// TimeoutError is returned when reading a PDF takes longer than
// Limits.PDFTimeout.
type TimeoutError struct{ Limit time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("reading it took longer than the limit of %s", e.Limit)
}

// MemoryError is returned when PDFium needs more memory for a PDF than
// Limits.PDFMemory allows (a form that draws itself, deeply nested
// content).
type MemoryError struct{ Limit int64 }

func (e *MemoryError) Error() string {
	return fmt.Sprintf("reading it needs more memory than the limit of %s", HumanSize(e.Limit))
}

// isTrap reports whether err is PDFium stopping on a WebAssembly trap (an
// abort, an out-of-bounds access) rather than reporting an error itself.
func isTrap(err error) bool {
	return strings.Contains(err.Error(), "wasm error:")
}

// trimTrap drops the WebAssembly stack trace from a trap's message: the
// function numbers mean nothing to a reader.
func trimTrap(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, " wasm stack trace:"); i >= 0 {
		rest := msg[i:]
		tail := ""
		if j := strings.LastIndex(rest, ")"); j >= 0 && strings.HasSuffix(strings.TrimSpace(rest), ")") {
			tail = ")"
		}
		return errors.New(msg[:i] + tail)
	}
	return err
}

// pdfMemorySize is the size of the WebAssembly memory of inst, when the
// engine lets it be seen (go-pdfium keeps the module in an exported field
// of its implementation).
func pdfMemorySize(inst pdfium.Pdfium) (size uint32, ok bool) {
	defer func() {
		if recover() != nil {
			size, ok = 0, false
		}
	}()
	v := reflect.ValueOf(inst.GetImplementation())
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return 0, false
	}
	mod := v.FieldByName("Module")
	if !mod.IsValid() || mod.IsNil() {
		return 0, false
	}
	m := mod.MethodByName("Memory")
	if !m.IsValid() {
		return 0, false
	}
	out := m.Call(nil)
	if len(out) != 1 || out[0].IsNil() {
		return 0, false
	}
	sz, ok := out[0].Interface().(interface{ Size() uint32 })
	if !ok {
		return 0, false
	}
	return sz.Size(), true
}

// The PDFium pool is started on the first PDF and shared by the rest, so
// that a run without PDFs pays nothing for it (compiling the 6 MB WebAssembly
// module takes about two seconds, or a few milliseconds from the on-disk
// compilation cache).
// One pool is kept per memory limit (a run has one; tests try several).
var pdfPools struct {
	mu    sync.Mutex
	pools map[int64]*pdfPoolEntry
}

type pdfPoolEntry struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

func getPDFPool(memLimit int64) (pdfium.Pool, error) {
	return pdfPoolEntryFor(memLimit).start(memLimit)
}

// pdfPoolEntryFor is the pool entry for memLimit, made if there is none.
func pdfPoolEntryFor(memLimit int64) *pdfPoolEntry {
	pdfPools.mu.Lock()
	defer pdfPools.mu.Unlock()
	if pdfPools.pools == nil {
		pdfPools.pools = map[int64]*pdfPoolEntry{}
	}
	e := pdfPools.pools[memLimit]
	if e == nil {
		e = &pdfPoolEntry{}
		pdfPools.pools[memLimit] = e
	}
	return e
}

// start starts the entry's pool, once, and waits for it.
func (e *pdfPoolEntry) start(memLimit int64) (pdfium.Pool, error) {
	e.once.Do(func() {
		cache := ""
		if dir, err := os.UserCacheDir(); err == nil {
			cache = filepath.Join(dir, "svcaudit", "wazero")
		}
		e.pool, e.err = newPDFPool(cache, runtime.GOMAXPROCS(0), memLimit)
	})
	return e.pool, e.err
}

// StartPDF starts, in the background, the PDF reader that Read and Parse
// use for lim, so that a run that knows it will read a PDF can start the
// engine (about 0.1 s of CPU from the compilation cache, mostly wazero
// decoding and validating the module) while it does other work, such as
// compiling its rules. Reading a PDF waits for the start to finish, and
// gets its error if it failed, as without StartPDF.
func StartPDF(lim Limits) {
	lim = lim.withDefaults()
	e := pdfPoolEntryFor(lim.PDFMemory)
	go e.start(lim.PDFMemory) //nolint:errcheck // the reader that waits for it gets the error
}

// PDFStarted reports whether the PDF reader for lim has been started (by
// StartPDF or by a PDF read), whether or not the start has finished.
func PDFStarted(lim Limits) bool {
	lim = lim.withDefaults()
	pdfPools.mu.Lock()
	defer pdfPools.mu.Unlock()
	return pdfPools.pools[lim.PDFMemory] != nil
}

// wasmPage is the size of a WebAssembly memory page.
const wasmPage = 64 << 10

// newPDFPool starts a pool of up to n PDFium instances, each allowed at
// most memLimit bytes of WebAssembly memory: past it PDFium's allocations
// fail and the document is reported, however the PDF is built. cacheDir,
// when not empty, keeps the compiled module between runs.
func newPDFPool(cacheDir string, n int, memLimit int64) (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(uint32(min(memLimit/wasmPage, 65536))).
		WithCloseOnContextDone(true) // lets Kill stop a PDF that hangs
	if cacheDir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	return webassembly.Init(webassembly.Config{
		Context: experimental.WithMemoryAllocator(context.Background(), pdfAllocator(memLimit)),
		MinIdle: 0, MaxIdle: n, MaxTotal: n,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no file system: documents are passed as bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
		ReuseWorkers:  true,
	})
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
	pool, err := getPDFPool(lim.PDFMemory)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot start the PDF reader: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lim.PDFTimeout)
	defer cancel()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, &TimeoutError{lim.PDFTimeout}
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
		if r.err != nil && isTrap(r.err) {
			// PDFium aborted (a WebAssembly trap): the instance is not
			// used again. An abort with its memory near the limit is
			// that limit, reached.
			if size, ok := pdfMemorySize(inst); ok && int64(size) > lim.PDFMemory/2 {
				r.err = &MemoryError{Limit: lim.PDFMemory}
			} else {
				r.err = trimTrap(r.err)
			}
			inst.Kill()
			return nil, 0, r.err
		}
		inst.Close()
		return r.b, r.pages, r.err
	case <-ctx.Done():
		// The call may still be running: Kill interrupts it, and its
		// memory is kept until it has returned.
		returned := pdfKilling()
		inst.Kill()
		go func() { <-ch; returned() }()
		return nil, 0, &TimeoutError{lim.PDFTimeout}
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
		return nil, 0, pdfOpenError(inst, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, 0, fmt.Errorf("cannot count its pages (%v)", err)
	}
	if pc.PageCount == 0 {
		return nil, 0, errors.New("it has no pages: it is corrupt or truncated")
	}
	var lines []pdfLine
	for i := 0; i < pc.PageCount; i++ {
		ls, err := pdfPageLines(inst, doc.Document, i)
		if err != nil {
			return nil, 0, &pageErr{page: i + 1, err: err}
		}
		lines = append(lines, ls...)
	}
	if len(lines) == 0 {
		return nil, pc.PageCount, errNoTextLayer
	}
	levels := pdfHeadingLevels(lines)
	widest := map[int]int{} // page → longest line, in runes
	for _, l := range lines {
		widest[l.page] = max(widest[l.page], utf8.RuneCountInString(l.text))
	}
	b := &builder{}
	prevLevel := -1
	for i, l := range lines {
		lvl := levels[sizeKey(l.size)]
		if i == 0 || lvl > 0 || prevLevel > 0 || !pdfContinues(lines[i-1], l, widest[lines[i-1].page]) {
			b.brk()
		} else {
			b.space()
		}
		start := b.offset()
		b.add(l.text, Position{Page: l.page, Line: l.line, Column: l.col})
		if lvl > 0 {
			b.heading(lvl, start)
		}
		prevLevel = lvl
	}
	return b, pc.PageCount, nil
}

// pdfOpenError words the failure to open a PDF. The engine reads PDFium's
// error code as a 64-bit number although it is 32 bits, so on an instance
// that has read a PDF before, the upper half may hold anything and the code
// comes back "unexpected": it is then asked for again and its low 32 bits
// read.
func pdfOpenError(inst pdfium.Pdfium, err error) error {
	code := responses.FPDF_GetLastErrorError(-1)
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword):
		code = responses.FPDF_GetLastErrorErrorPassword
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		code = responses.FPDF_GetLastErrorErrorSecurity
	case errors.Is(err, pdfiumerrors.ErrFormat):
		code = responses.FPDF_GetLastErrorErrorFormat
	case errors.Is(err, pdfiumerrors.ErrFile):
		code = responses.FPDF_GetLastErrorErrorFile
	case errors.Is(err, pdfiumerrors.ErrUnexpected):
		if e, lerr := inst.FPDF_GetLastError(&requests.FPDF_GetLastError{}); lerr == nil {
			code = responses.FPDF_GetLastErrorError(uint32(e.Error))
		}
	}
	switch code {
	case responses.FPDF_GetLastErrorErrorPassword, responses.FPDF_GetLastErrorErrorSecurity:
		return errEncrypted
	case responses.FPDF_GetLastErrorErrorFormat, responses.FPDF_GetLastErrorErrorFile:
		return errors.New("it is corrupt or not a PDF")
	}
	return fmt.Errorf("cannot open it (%v)", err)
}

// pdfContinues reports whether line next goes on with the paragraph of
// line prev, as PDFium lays out lines with no paragraph marks: it does
// unless next begins a list item or prev is short of the page's widest
// line (widest, in runes) by more than a fifth, as a paragraph's last
// line, a salutation or a bullet without a full stop is.
func pdfContinues(prev, next pdfLine, widest int) bool {
	if textListItem(strings.TrimLeft(next.text, " ")) {
		return false
	}
	return utf8.RuneCountInString(prev.text)*5 >= widest*4
}

// pdfLine is one line of a PDF page as PDFium lays it out.
type pdfLine struct {
	text            string
	page, line, col int
	size            float64 // font size of its first character, in points
}

// pdfPageLines reads the lines of page index (0-based) with the font size
// of each, from one bulk text call and one font call per line.
func pdfPageLines(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) ([]pdfLine, error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: index}}})
	if err != nil {
		return nil, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || n.Count <= 0 {
		return nil, err
	}
	txt, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, StartIndex: 0, Count: n.Count})
	if err != nil {
		return nil, err
	}
	// Character indexes of PDFium are runes of the text, line breaks
	// ("\r\n", generated) included.
	var out []pdfLine
	line, col, lineStart := 1, 1, 0 // lineStart: rune index of the line
	var cur []rune
	flush := func() {
		s := strings.TrimRight(strings.NewReplacer("\u00a0", " ", "\x00", "", "\ufffe", "").Replace(string(cur)), " \t\f\u00ad")
		t := strings.TrimLeft(s, " \t\f")
		if t != "" {
			lead := utf8.RuneCountInString(s) - utf8.RuneCountInString(t)
			size := 0.0
			if fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: lineStart + lead}); err == nil {
				size = fs.FontSize
			}
			out = append(out, pdfLine{text: t, page: index + 1, line: line, col: col + lead, size: size})
		}
		cur = cur[:0]
	}
	ri := 0
	prevCR := false
	for _, r := range txt.Text {
		switch {
		case r == '\n' && prevCR:
		case r == '\r' || r == '\n':
			flush()
			line++
		default:
			if len(cur) == 0 {
				lineStart = ri
			}
			cur = append(cur, r)
		}
		prevCR = r == '\r'
		ri++
	}
	flush()
	return out, nil
}

// sizeKey rounds a font size to half points, so that sizes that differ only
// by rounding are one size.
func sizeKey(size float64) int { return int(math.Round(size * 2)) }

// pdfHeadingLevels guesses headings from font sizes, as a PDF without tags
// gives nothing better: the size most of the text is set in is the body;
// each larger size (by 10% or more) is a heading level, the largest level 1.
func pdfHeadingLevels(lines []pdfLine) map[int]int {
	chars := map[int]int{}
	for _, l := range lines {
		chars[sizeKey(l.size)] += utf8.RuneCountInString(l.text)
	}
	body, most := 0, -1
	for k, n := range chars {
		if n > most || (n == most && k < body) {
			body, most = k, n
		}
	}
	var larger []int
	for k := range chars {
		if float64(k) >= float64(body)*1.1 && body > 0 {
			larger = append(larger, k)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(larger)))
	levels := map[int]int{}
	for i, k := range larger {
		levels[k] = min(i+1, 6)
	}
	return levels
}

// pageErr is a failure on one page of a PDF.
type pageErr struct {
	page int
	err  error
}

func (e *pageErr) Error() string { return fmt.Sprintf("cannot read page %d (%v)", e.page, e.err) }
