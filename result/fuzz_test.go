package result

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
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
	f.Add([]byte(`{"schemaVersion": 1, "subject": "a", "Subject": "b", "score": 1e2}`))
	f.Add([]byte(`{"schemaVersion": 1, "subject": "\ud800 \u00e9", "items": [{"id": "x", "score": null}]}`))
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
		// Decode takes a faster decoder first: whatever it accepts, the
		// standard library reads the same way.
		var std Result
		if err := json.Unmarshal(data, &std); err != nil {
			t.Fatalf("accepted a Result the standard library refuses: %v", err)
		}
		if !reflect.DeepEqual(*r, std) {
			t.Fatalf("decoded %+v, the standard library %+v", *r, std)
		}
	})
}
