package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaErrorsStableOrder: a Result with several schema problems gets
// the same message at every reading, its problems and the missing
// properties in each sorted (they came in a different order from run to
// run).
func TestSchemaErrorsStableOrder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.json")
	data := `{"schemaVersion":1,"checklist":{"id":"kp"},"score":40,"grade":{"label":"x"},
	"sections":[{"id":"s"},{"id":"t"}],
	"items":[{"id":"a"},{"id":"b","outcome":"nope"},{"id":"c","weight":-1}]}`
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var first string
	for i := 0; i < 30; i++ {
		_, err := readResults([]string{p})
		if err == nil {
			t.Fatal("want a schema error")
		}
		if i == 0 {
			first = err.Error()
			continue
		}
		if err.Error() != first {
			t.Fatalf("reading %d:\n%s\nfirst:\n%s", i, err, first)
		}
	}
	t.Log(first)
	_, msg, _ := strings.Cut(first, "not a valid result: ")
	parts := strings.Split(msg, "; ")
	for i := 1; i < len(parts); i++ {
		if parts[i-1] > parts[i] {
			t.Errorf("problems not sorted: %q before %q", parts[i-1], parts[i])
		}
	}
	if len(parts) < 3 {
		t.Errorf("want several problems, got %q", msg)
	}
}
