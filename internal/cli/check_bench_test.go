package cli

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// benchCorpus returns the folder of bench/gen's inputs (checklist27.yaml,
// corpus1k), generating them once when missing. SVCAUDIT_BENCH_DIR names
// the folder (default: svcaudit-bench in the temporary folder, which
// `bash bench/run.sh` also fills).
func benchCorpus(b *testing.B) string {
	b.Helper()
	dir := os.Getenv("SVCAUDIT_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "svcaudit-bench")
	}
	if _, err := os.Stat(filepath.Join(dir, "corpus1k")); err == nil {
		return dir
	}
	cmd := exec.Command("go", "run", "./bench/gen", "-out", dir, "-large", "0")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go run ./bench/gen: %v\n%s", err, out)
	}
	return dir
}

// benchCheck runs `svcaudit check -q -c checklistN.yaml corpus1k`, as
// bench/run.sh times it, with the output thrown away.
func benchCheck(b *testing.B, patterns string) {
	benchCheckWith(b, []string{filepath.Join(benchCorpus(b), "checklist"+patterns+".yaml")})
}

// benchCheckWith runs check on the corpus with the checklists given (none:
// the default, every built-in).
func benchCheckWith(b *testing.B, checklists []string) {
	dir := benchCorpus(b)
	o := func() *CheckOptions {
		o := &CheckOptions{Format: "text"}
		o.Paths = []string{filepath.Join(dir, "corpus1k")}
		o.Checklists = checklists
		o.Now = time.Now
		return o
	}
	b.ReportAllocs()
	for b.Loop() {
		err := runCheck(context.Background(), Test(nil, io.Discard, io.Discard), &GlobalOptions{Quiet: true}, o())
		if err != nil && exitCode(err) != ExitFailed {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckCorpus27 is `check` on bench/gen's 1,000 documents with
// the 27-pattern checklist.
func BenchmarkCheckCorpus27(b *testing.B) { benchCheck(b, "27") }

// BenchmarkCheckCorpus300 is the same with 300 patterns.
func BenchmarkCheckCorpus300(b *testing.B) { benchCheck(b, "300") }

// BenchmarkCheckBuiltins is `svcaudit check` with its default checklists,
// every built-in, on the same corpus.
func BenchmarkCheckBuiltins(b *testing.B) { benchCheckWith(b, nil) }
