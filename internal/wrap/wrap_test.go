package wrap

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLines(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{"fits", "a short line", 20, []string{"a short line"}},
		{"breaks at spaces", "one two three four", 9, []string{"one two", "three", "four"}},
		{"folds white space", "one\n  two\tthree", 0, []string{"one two three"}},
		{"cuts a long word", "see /\\bwe\\s+(will|aim)/ now", 8, []string{"see", "/\\bwe\\s+", "(will|ai", "m)/ now"}},
		{"wide runes", "日本語の文", 4, []string{"日本", "語の", "文"}},
		{"empty", "", 10, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Lines(tt.in, tt.width)); diff != "" {
				t.Errorf("Lines(%q, %d) (-want +got):\n%s", tt.in, tt.width, diff)
			}
		})
	}
}

func TestHanging(t *testing.T) {
	got := Hanging("one two three four five", 3, 10)
	want := []string{"one", "two three", "four five"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Hanging (-want +got):\n%s", diff)
	}
}

func TestIndent(t *testing.T) {
	got := Indent("alpha beta gamma delta", 14, "    ")
	want := "alpha beta\n    gamma\n    delta"
	if got != want {
		t.Errorf("Indent = %q, want %q", got, want)
	}
}
