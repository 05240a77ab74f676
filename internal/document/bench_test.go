package document

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
)

// benchFile reads a fixture once for a benchmark.
func benchFile(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func benchParse(b *testing.B, name string, data []byte) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(name, data, Limits{MaxFileSize: 1 << 30}); err != nil {
			b.Fatal(err)
		}
	}
}

// repeat makes a larger document of the same kind.
func repeat(data []byte, size int) []byte {
	var buf bytes.Buffer
	for buf.Len() < size {
		buf.Write(data)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func BenchmarkMarkdown(b *testing.B) {
	benchParse(b, "x.md", repeat(benchFile(b, "policy.md"), 20<<10))
}

func BenchmarkText(b *testing.B) {
	benchParse(b, "x.txt", repeat(benchFile(b, "crlf.txt"), 20<<10))
}

func BenchmarkHTML(b *testing.B) {
	benchParse(b, "x.html", repeat(benchFile(b, "policy.html"), 20<<10))
}

// BenchmarkHTMLOneLine50MB reads a 50 MB page that is all on one line.
func BenchmarkHTMLOneLine50MB(b *testing.B) {
	var buf bytes.Buffer
	for buf.Len() < 50<<20 {
		buf.WriteString(`<p class="x">Complaints policy &amp; <b>three working days</b></p>`)
	}
	benchParse(b, "x.html", buf.Bytes())
}

func BenchmarkDOCX(b *testing.B) { benchParse(b, "x.docx", benchFile(b, "policy.docx")) }

func BenchmarkODT(b *testing.B) { benchParse(b, "x.odt", benchFile(b, "policy.odt")) }

// BenchmarkPDF reads the two-page fixture with a warm PDFium pool.
func BenchmarkPDF(b *testing.B) {
	data := benchFile(b, "policy.pdf")
	if _, err := Parse("x.pdf", data, Limits{}); err != nil { // start the pool
		b.Fatal(err)
	}
	benchParse(b, "x.pdf", data)
}

// BenchmarkPDFFile reads the PDF at $SVCAUDIT_BENCH_PDF with the engine
// warm: bench/codes.sh's 20-page policy, say, whose reading is most of
// what a check of it costs. Skipped when the variable is not set.
func BenchmarkPDFFile(b *testing.B) {
	path := os.Getenv("SVCAUDIT_BENCH_PDF")
	if path == "" {
		b.Skip("SVCAUDIT_BENCH_PDF is not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Parse("x.pdf", data, Limits{}); err != nil { // start the pool
		b.Fatal(err)
	}
	benchParse(b, "x.pdf", data)
}

// BenchmarkPDFPoolStart is the one-off cost of the first PDF of a run:
// compiling PDFium's WebAssembly module without a compilation cache, and
// instantiating it once.
func BenchmarkPDFPoolStart(b *testing.B) {
	for b.Loop() {
		startPool(b, "")
	}
}

// BenchmarkPDFPoolStartCached is the same from a warm on-disk cache, as on
// every run after the first.
func BenchmarkPDFPoolStartCached(b *testing.B) {
	dir := b.TempDir()
	startPool(b, dir) // fill the cache
	for b.Loop() {
		startPool(b, dir)
	}
}

// startPool starts a pool of one instance and opens a PDF with it.
func startPool(b *testing.B, cache string) {
	data := benchFile(b, "policy.pdf")
	pool, err := newPDFPool(cache, 1, DefaultLimits().PDFMemory)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	inst, err := pool.GetInstance(time.Minute)
	if err != nil {
		b.Fatal(err)
	}
	defer inst.Close()
	if _, err := inst.OpenDocument(&requests.OpenDocument{File: &data}); err != nil {
		b.Fatal(err)
	}
}
