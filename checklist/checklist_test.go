package checklist

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// formatErrors prints problems as validate does: one per line, hints
// indented below.
func formatErrors(err error) string {
	var b strings.Builder
	for _, e := range diag.Flatten(err) {
		b.WriteString(e.Error() + "\n")
		if e.Hint != "" {
			b.WriteString("\thint: " + e.Hint + "\n")
		}
	}
	return b.String()
}

// TestInvalid loads each testdata/invalid-*.yaml and compares every problem
// it reports, with position and hint, to the .err file beside it.
func TestInvalid(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid-*.yaml")
	if err != nil || len(files) < 20 {
		t.Fatalf("want at least 20 invalid cases, have %d (%v)", len(files), err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			cl, err := Load(file)
			if err == nil {
				t.Fatalf("Load(%s) = %s, want an error", file, cl.ID)
			}
			if cl != nil {
				t.Errorf("Load(%s) returned a checklist with its error", file)
			}
			got := formatErrors(err)
			golden := strings.TrimSuffix(file, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("errors differ (-want +got):\n%s", diff)
			}
			for _, e := range diag.Flatten(err) {
				if e.File == "" {
					t.Errorf("problem without a file: %v", e)
				}
			}
		})
	}
}

func TestValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid-*.yaml")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			if _, err := Load(file); err != nil {
				t.Fatalf("Load(%s):\n%s", file, formatErrors(err))
			}
		})
	}
}
