// Command pdfcompare compares two PDF text extractors on accuracy and
// speed, to choose the one package document uses (see docs/pdf.md):
//
//   - github.com/ledongthuc/pdf, pure Go, with the line and word grouping
//     of package document (copied here: package document is internal);
//   - github.com/klippa-app/go-pdfium's WebAssembly build (PDFium compiled
//     to WASM, run by wazero; no cgo).
//
// Accuracy is measured against poppler's pdftotext: the share of its words
// each extractor gives in the same order (longest common subsequence), and
// whether the lines agree. Run it from this directory:
//
//	go run . -n 20 ../policy.pdf /tmp/long.pdf
//
// It is a separate module so that package document does not depend on
// go-pdfium.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/ledongthuc/pdf"
)

func main() {
	n := flag.Int("n", 10, "timed runs per file and extractor")
	flag.Parse()

	t0 := time.Now()
	pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1})
	if err != nil {
		panic(err)
	}
	inst, err := pool.GetInstance(30 * time.Second)
	if err != nil {
		panic(err)
	}
	fmt.Printf("go-pdfium wasm: pool start and first instance %v\n\n", time.Since(t0).Round(time.Millisecond))

	for _, path := range flag.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			panic(err)
		}
		ref := pdftotext(path)
		fmt.Printf("== %s (%d bytes)\n", path, len(data))
		for _, ex := range []struct {
			name string
			f    func([]byte) (string, error)
		}{
			{"ledongthuc/pdf", ledongthuc},
			{"go-pdfium wasm", func(b []byte) (string, error) { return pdfiumText(inst, b) }},
		} {
			text, err := ex.f(data)
			if err != nil {
				fmt.Printf("%-15s error: %v\n", ex.name, err)
				continue
			}
			start := time.Now()
			for i := 0; i < *n; i++ {
				ex.f(data)
			}
			per := time.Since(start) / time.Duration(*n)
			w := wordScore(words(text), words(ref))
			l := lineScore(lines(text), lines(ref))
			fmt.Printf("%-15s %8v/doc  words %5.1f%%  lines %5.1f%% (%d lines, pdftotext %d)\n",
				ex.name, per.Round(10*time.Microsecond), 100*w, 100*l, len(lines(text)), len(lines(ref)))
			if os.Getenv("SHOW") != "" {
				fmt.Println(text)
			}
		}
		fmt.Println()
	}
}

func pdftotext(path string) string {
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		panic(err)
	}
	return string(out)
}

// pdfiumText reads each page as package document does: one bulk text call
// per page and one font-size call per line (for headings).
func pdfiumText(inst pdfium.Pdfium, data []byte) (string, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return "", err
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i := 0; i < pc.PageCount; i++ {
		tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return "", err
		}
		n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
		if err != nil {
			return "", err
		}
		t, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: n.Count})
		if err != nil {
			return "", err
		}
		idx := 0
		for _, line := range strings.Split(t.Text, "\r\n") {
			inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: idx})
			idx += len([]rune(line)) + 2
		}
		inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
		b.WriteString(strings.ReplaceAll(t.Text, "\r\n", "\n"))
		b.WriteString("\n")
	}
	return b.String(), nil
}

// ledongthuc groups glyphs into lines as package document does.
func ledongthuc(data []byte) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for n := 1; n <= r.NumPage(); n++ {
		var prev *pdf.Text
		texts := r.Page(n).Content().Text
		for i := range texts {
			t := &texts[i]
			if t.S == "" {
				continue
			}
			if prev == nil || math.Abs(t.Y-prev.Y) > math.Max(prev.FontSize, 1)*0.5 || t.X < prev.X-prev.FontSize {
				b.WriteString("\n")
			} else if gap := t.X - (prev.X + prev.W); gap > math.Max(t.FontSize, 1)*0.15 && t.S != " " {
				b.WriteString(" ")
			}
			b.WriteString(t.S)
			prev = t
		}
		b.WriteString("\n")
	}
	return b.String(), nil
}

func words(s string) []string { return strings.Fields(s) }

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// wordScore is the longest common subsequence of got and want over len(want).
func wordScore(got, want []string) float64 {
	return float64(lcs(got, want)) / float64(max(len(want), 1))
}

// lineScore is the share of want's lines that got has, in order.
func lineScore(got, want []string) float64 {
	return float64(lcs(got, want)) / float64(max(len(want), 1))
}

func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
