package gitchange

import (
	"slices"
	"testing"
)

func TestParseNameStatus(t *testing.T) {
	out := "M\x00a.md\x00R087\x00old.md\x00new.md\x00D\x00gone.md\x00C100\x00src.md\x00copy.md\x00A\x00added.md\x00T\x00link.md\x00"
	var got []string
	if err := parseNameStatus(out, func(p string) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	want := []string{"a.md", "new.md", "copy.md", "added.md", "link.md"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := parseNameStatus("R100\x00old.md\x00", func(string) {}); err == nil {
		t.Error("a rename without its new name: no error")
	}
	if err := parseNameStatus("", func(p string) { t.Errorf("empty output gave %q", p) }); err != nil {
		t.Error(err)
	}
}
