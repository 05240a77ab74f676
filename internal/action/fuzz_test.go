package action

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParse feeds Parse arbitrary bytes, seeded with the testdata registers.
// Parse may reject its input; it must never panic, every error must name the
// file, and an accepted register must survive Marshal and Parse again.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("actions: &a [*a]\n"))
	f.Add([]byte("# c\nactions:\n  - id: a\n    item: kp/x\n    due: 2026-02-30\n    status: maybe\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := Parse("f.yaml", data)
		if err != nil {
			if reg != nil {
				t.Fatal("register returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error does not name the file: %q", err)
			}
			return
		}
		SortByUrgency(reg.Actions, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
		if _, err := Parse("again.yaml", Marshal(reg)); err != nil {
			t.Fatalf("a saved register does not parse again: %v\n%s", err, Marshal(reg))
		}
	})
}
