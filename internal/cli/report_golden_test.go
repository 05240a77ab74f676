package cli

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/resultgen"
	"github.com/svcaudit/svcaudit/result"
)

// generateResults writes n Results of resultgen (seed, periods) to dir as
// bench/resultgen does, and returns their paths in order.
func generateResults(t testing.TB, dir string, n, periods int, seed uint64) []string {
	t.Helper()
	var paths []string
	err := resultgen.Generate(resultgen.Options{N: n, Periods: periods, Seed: seed}, func(i int, r *result.Result) error {
		p := filepath.Join(dir, fmt.Sprintf("r%05d.json", i))
		paths = append(paths, p)
		return result.Write(p, r)
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestReportGeneratedGolden is the differential test of the report's
// reading and rendering: 240 generated Results (60 services over 4
// quarters), and with --sort score and 120 baselines, in every format, by
// section and by item, must give the bytes that the build before the
// streaming report (main at 3125439) gave for the same inputs:
//
//	SVCAUDIT_UPDATE_GOLDEN=1 go test ./internal/cli -run TestReportGeneratedGolden
//
// run at that commit (with this test and internal/resultgen added) wrote
// testdata/report-generated.sha256; the HTML sums were recorded again the
// same way at main 9bfadd1, whose HTML guard against "::" lines changed
// the pages, when main was merged. The outputs are megabytes, so their
// SHA-256 sums are kept; an XLSX or DOCX file's sum is of its entries,
// sorted by name (excelize writes the sheets in map order, so the zip's
// order varies from run to run; the contents do not). A failing case
// writes its output to SVCAUDIT_KEEP_OUTPUT, to diff against an older
// build's.
func TestReportGeneratedGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 360 Results and 28 reports")
	}
	golden := filepath.Join("testdata", "report-generated.sha256")
	update := os.Getenv("SVCAUDIT_UPDATE_GOLDEN") != ""
	want := map[string]string{}
	if update {
		for _, by := range []string{"item", "section"} {
			for _, f := range []string{"csv", "docx", "html", "json", "md", "text", "xlsx"} {
				want[by+"."+f], want[by+"-score-base."+f] = "", ""
			}
		}
	} else {
		sums, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
			sum, name, _ := strings.Cut(l, "  ")
			want[name] = sum
		}
	}
	got := map[string]string{}
	dir := t.TempDir()
	in, base := filepath.Join(dir, "in"), filepath.Join(dir, "base")
	for _, d := range []string{in, base} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	inputs := generateResults(t, in, 240, 4, 1)
	baseline := generateResults(t, base, 120, 2, 2)
	now := func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) }
	keep := os.Getenv("SVCAUDIT_KEEP_OUTPUT")
	var names []string
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			stem, format, _ := strings.Cut(name, ".")
			o := &ReportOptions{Inputs: inputs, Format: format, By: strings.TrimSuffix(stem, "-score-base"), Force: true, Now: now}
			if strings.HasSuffix(stem, "-score-base") {
				o.Sort, o.Baseline = "score", baseline
			}
			o.Output = filepath.Join(t.TempDir(), name)
			if err := runReport(Test(nil, io.Discard, io.Discard), o); err != nil {
				t.Fatal(err)
			}
			out, err := os.ReadFile(o.Output)
			if err != nil {
				t.Fatal(err)
			}
			check := func(how string, out []byte) {
				sum := goldenSum(t, format, out)
				if update {
					got[name] = sum
					return
				}
				if sum != want[name] {
					saved := ""
					if keep != "" {
						saved = filepath.Join(keep, name)
						_ = os.WriteFile(saved, out, 0o644)
					}
					t.Errorf("%s: %s differs from the golden sum (%d bytes; set SVCAUDIT_KEEP_OUTPUT=DIR to keep it) %s", name, how, len(out), saved)
				}
			}
			check("the file", out)
			if format == "text" || format == "md" || format == "json" {
				// to standard output too: the same bytes
				var stdout bytes.Buffer
				o.Output = ""
				if err := runReport(Test(nil, &stdout, io.Discard), o); err != nil {
					t.Fatal(err)
				}
				check("standard output", stdout.Bytes())
			}
		})
	}
	if update {
		var b strings.Builder
		for _, name := range names {
			fmt.Fprintf(&b, "%s  %s\n", got[name], name)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// goldenSum is the SHA-256 of out in hex; of a zip (xlsx, docx), of its
// entries' names and contents in the order of their names.
func goldenSum(t *testing.T, format string, out []byte) string {
	t.Helper()
	h := sha256.New()
	if format != "xlsx" && format != "docx" {
		h.Write(out)
		return hex.EncodeToString(h.Sum(nil))
	}
	z, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	files := append([]*zip.File(nil), z.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, f.UncompressedSize64)
		if _, err := io.Copy(h, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestReportBadFileAmongMany: a report over many Results, one of them
// broken or not a valid Result, names the first bad file in the order
// given and leaves the output file it would have replaced as it was, in
// every format (the Results are read and prepared in parallel before
// anything is written).
func TestReportBadFileAmongMany(t *testing.T) {
	dir := t.TempDir()
	paths := generateResults(t, dir, 120, 4, 3)
	if err := os.WriteFile(paths[40], []byte(`{"schemaVersion": 1, "subject": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths[90], []byte(`{"schemaVersion": 1,`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "board.out")
	for _, format := range []string{"text", "md", "html", "csv", "xlsx", "json", "docx"} {
		if err := os.WriteFile(out, []byte("saved before"), 0o644); err != nil {
			t.Fatal(err)
		}
		o := &ReportOptions{Inputs: paths, Format: format, By: "section", Output: out, Force: true, Now: time.Now}
		err := runReport(Test(nil, io.Discard, io.Discard), o)
		if err == nil || !strings.HasPrefix(err.Error(), paths[40]+": ") {
			t.Errorf("%s: error %v, want one naming %s first", format, err, paths[40])
		}
		if b, _ := os.ReadFile(out); string(b) != "saved before" {
			t.Errorf("%s: the saved output was changed: %.40q", format, b)
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "*"))
		if len(left) != 1 {
			t.Errorf("%s: files left beside the output: %v", format, left)
		}
	}
}
