package waiver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParse feeds Parse arbitrary bytes, seeded with the testdata files.
// Parse may reject its input; it must never panic, every error must name the
// file, and every accepted waiver must answer State and Message.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("waivers: &a [*a]\n"))
	f.Add([]byte("waivers:\n  - item: kp/x\n    owner: o\n    reason: r\n    expires: 2026-02-30\n    documents: ['[']\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := Parse("f.yaml", data)
		if err != nil {
			if ws != nil {
				t.Fatal("waivers returned with an error")
			}
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error does not name the file: %q", err)
			}
			return
		}
		now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		for _, w := range ws {
			_ = w.State(now, 30)
			_ = w.Message()
		}
		_ = Match(ws, "kp/x", "s", []string{"a.md"})
	})
}
