package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "new" {
		t.Fatalf("content = %q, want new", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("folder has %d entries, want 1 (no temp file left)", len(entries))
	}
}

func TestWriteToMissingFolderKeepsNothing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "missing", "a.yaml")
	if err := Write(p, []byte("x"), 0o644); err == nil {
		t.Fatal("want an error writing into a missing folder")
	}
}
