package result

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode feeds Decode arbitrary bytes, seeded with the saved results in
// the report and explain testdata. Decode may reject its input; it must
// never panic, an error must name the file, and an accepted Result must
// encode again.
func FuzzDecode(f *testing.F) {
	for _, glob := range []string{"../report/testdata/*.json", "../internal/explain/testdata/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(`{"schemaVersion": 99}`))
	f.Add([]byte(`{"schemaVersion": 1, "sections": [{"items": [null]}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode("f.json", data)
		if err != nil {
			if r != nil {
				t.Fatal("result returned with an error")
			}
			if msg := err.Error(); len(msg) < 7 || msg[:7] != "f.json:" {
				t.Fatalf("error does not name the file: %q", msg)
			}
			return
		}
		if _, err := Marshal(r); err != nil {
			t.Fatalf("accepted result does not encode: %v", err)
		}
	})
}
