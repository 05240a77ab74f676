package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/result"
)

// benchResults writes n Result files to a temporary folder: the quarterly
// audit of report/testdata (9 items in 3 sections, 5 KB), each under its
// own subject with its answers turned, so that scores and grades differ,
// and returns their paths.
func benchResults(b *testing.B, n int) []string {
	b.Helper()
	base, err := result.Read(filepath.Join("..", "..", "report", "testdata", "housing-2026-q2.json"))
	if err != nil {
		b.Fatal(err)
	}
	levels := []struct {
		score   float64
		outcome result.Outcome
	}{{100, result.Pass}, {50, result.Partial}, {0, result.Fail}}
	dir := b.TempDir()
	paths := make([]string, n)
	for i := range paths {
		r := *base
		r.Subject = fmt.Sprintf("Service %05d", i)
		r.Items = slices.Clone(base.Items)
		for j := range r.Items {
			if r.Items[j].Score != nil {
				l := levels[(i+j)%len(levels)]
				r.Items[j].Score, r.Items[j].Outcome = &l.score, l.outcome
			}
		}
		r.Sections = slices.Clone(base.Sections)
		report.Rescore(&r, nil)
		paths[i] = filepath.Join(dir, fmt.Sprintf("r%05d.json", i))
		data, err := result.Marshal(&r)
		if err == nil {
			err = os.WriteFile(paths[i], data, 0o644)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return paths
}

// BenchmarkReport10k is `svcaudit report` over 10,000 Result files in
// each format, the output thrown away: the reading (each file read,
// decoded and validated against the schema) and the rendering.
func BenchmarkReport10k(b *testing.B) {
	paths := benchResults(b, 10000)
	for _, format := range []string{"table", "csv", "json", "md", "html", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out")
			b.ReportAllocs()
			for b.Loop() {
				o := &ReportOptions{Inputs: paths, Format: format, By: "section", Output: out, Force: true, Now: time.Now}
				if err := runReport(Test(nil, io.Discard, io.Discard), o); err != nil {
					b.Fatal(err)
				}
			}
			_ = os.Remove(out)
		})
	}
}

// BenchmarkReportGenerated is `svcaudit report` over 10,000 Results of
// bench/resultgen (service-charter: 36 items in 4 sections, ~20 KB each,
// 2,500 services over 4 quarters; bench/report.sh times the same end to
// end) in each format, the output written to a file. SVCAUDIT_BENCH_RESULTS
// names a folder of them to use instead of writing them (they take a
// while to write): go run ./bench/resultgen -n 10000 -out DIR.
func BenchmarkReportGenerated(b *testing.B) {
	var paths []string
	if dir := os.Getenv("SVCAUDIT_BENCH_RESULTS"); dir != "" {
		paths, _ = filepath.Glob(filepath.Join(dir, "r*.json"))
	}
	if len(paths) == 0 {
		paths = generateResults(b, b.TempDir(), 10000, 4, 1)
	}
	for _, format := range []string{"text", "md", "html", "csv", "xlsx", "json"} {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out")
			b.ReportAllocs()
			for b.Loop() {
				o := &ReportOptions{Inputs: paths, Format: format, By: "section", Output: out, Force: true, Now: time.Now}
				if err := runReport(Test(nil, io.Discard, io.Discard), o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
