package result

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"
)

// TestDecodeCompact: a decoded Result holds its lists at their length, and
// two Results of one checklist share one copy of its text.
func TestDecodeCompact(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "report", "testdata", "housing-2026-q2.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Decode("a.json", data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Decode("b.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Items) < 2 || cap(a.Items) != len(a.Items) || cap(a.Sections) != len(a.Sections) {
		t.Errorf("items %d of room %d, sections %d of room %d: want no spare room",
			len(a.Items), cap(a.Items), len(a.Sections), cap(a.Sections))
	}
	same := func(what, x, y string) {
		if x != y || unsafe.StringData(x) != unsafe.StringData(y) {
			t.Errorf("%s: %q and %q are two copies", what, x, y)
		}
	}
	same("question", a.Items[0].Question, b.Items[0].Question)
	same("item id", a.Items[1].ID, b.Items[1].ID)
	same("section title", a.Sections[0].Title, b.Sections[0].Title)
	same("checklist title", a.Checklist.Title, b.Checklist.Title)
	if a.Items[0].Findings == nil {
		t.Error(`"findings": [] became nil, which encodes as null`)
	}
}
