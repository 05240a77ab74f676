package walk

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExpand walks a tree of 10,000 documents in 100 folders.
func BenchmarkExpand(b *testing.B) {
	dir := b.TempDir()
	for i := range 10000 {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("doc%05d.md", i)), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Expand([]string{dir}, Options{Exclude: []string{"drafts", "**/old/**"}})
		if err != nil || len(res.Files) != 10000 {
			b.Fatalf("got %d files, %v", len(res.Files), err)
		}
	}
}
