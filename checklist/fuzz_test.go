package checklist

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds Parse arbitrary bytes, seeded with every testdata file.
// Parse may reject its input; it must never panic, and an accepted
// checklist must be whole.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	inc, _ := filepath.Glob("testdata/inc/*.yaml")
	for _, file := range append(files, inc...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("id: x\ntitle: X\nitems: [{id: a, question: A, when: {item: a, answer: yes}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cl, err := Parse("fuzz.yaml", data)
		if err != nil {
			if cl != nil {
				t.Fatal("checklist returned with an error")
			}
			return
		}
		if cl.ID == "" || cl.Title == "" {
			t.Fatalf("accepted a checklist without id or title: %+v", cl)
		}
		for _, it := range cl.Items() {
			if it.ID == "" || it.Question == "" || it.Weight <= 0 {
				t.Fatalf("accepted an incomplete item: %+v", it)
			}
		}
	})
}
