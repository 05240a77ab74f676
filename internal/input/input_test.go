package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRegular(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(p, []byte("x: 1\n"), 0o644)
	b, err := Read(p)
	if err != nil || string(b) != "x: 1\n" {
		t.Fatalf("Read = %q, %v", b, err)
	}
}

// TestSparseOverLimit: a 2 GiB sparse file is refused from its size alone,
// at once, naming the file and the limit.
func TestSparseOverLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.json")
	f, _ := os.Create(p)
	if err := f.Truncate(2 << 30); err != nil {
		t.Skip(err)
	}
	f.Close()
	_, err := Read(p)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != DefaultLimit || !strings.Contains(err.Error(), "big.json: file is 2 GiB, over the limit of 64 MiB") {
		t.Fatalf("err = %v", err)
	}
	SetLimit(3 << 30)
	defer SetLimit(0)
	if Limit() != 3<<30 {
		t.Fatal("SetLimit")
	}
}

func TestReadLimitExact(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a")
	os.WriteFile(p, []byte("12345"), 0o644)
	if _, err := ReadLimit(p, 5); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadLimit(p, 4); !IsLimit(err) {
		t.Fatalf("err = %v, want a limit", err)
	}
}

func TestFolderRefused(t *testing.T) {
	_, err := Read(t.TempDir())
	var nr *NotRegularError
	if !errors.As(err, &nr) || nr.Kind != "a folder" {
		t.Fatalf("err = %v", err)
	}
}
