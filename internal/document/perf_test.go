package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// thematicBreakRef is the first, allocating isThematicBreak, kept as the
// reference the allocation-free one must agree with.
func thematicBreakRef(t string) bool {
	s := strings.ReplaceAll(strings.ReplaceAll(t, " ", ""), "\t", "")
	if len(s) < 3 {
		return false
	}
	c := s[0]
	return (c == '-' || c == '*' || c == '_') && strings.Trim(s, string(c)) == ""
}

func TestIsThematicBreak(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"---", true},
		{"***", true},
		{"___", true},
		{"- - -", true},
		{"*\t*\t*", true},
		{"_____________", true},
		{"--", false},
		{"- -", false},
		{"-*-", false},
		{"--_", false},
		{"---a", false},
		{"a---", false},
		{"", false},
		{"   ", false},
		{"===", false},
		{"—————", false}, // em dashes are not '-'
		{"- - - x", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isThematicBreak(tt.in); got != tt.want {
				t.Errorf("isThematicBreak(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if ref := thematicBreakRef(tt.in); ref != tt.want {
				t.Errorf("reference(%q) = %v, want %v", tt.in, ref, tt.want)
			}
		})
	}
	// Every string of up to five bytes from the interesting alphabet.
	alphabet := []byte{'-', '*', '_', ' ', '\t', 'a', 0xE2}
	var gen func(prefix []byte)
	gen = func(prefix []byte) {
		if got, want := isThematicBreak(string(prefix)), thematicBreakRef(string(prefix)); got != want {
			t.Errorf("isThematicBreak(%q) = %v, reference %v", prefix, got, want)
		}
		if len(prefix) == 5 {
			return
		}
		for _, c := range alphabet {
			gen(append(prefix, c))
		}
	}
	gen(nil)
	if n := testing.AllocsPerRun(100, func() { _ = isThematicBreak("* * * * *") }); n != 0 {
		t.Errorf("isThematicBreak allocates %v times per call, want 0", n)
	}
}

func FuzzIsThematicBreak(f *testing.F) {
	for _, s := range []string{"---", "* * *", "_ _\t_", "-*-", "ab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isThematicBreak(s), thematicBreakRef(s); got != want {
			t.Errorf("isThematicBreak(%q) = %v, reference %v", s, got, want)
		}
	})
}

// Read reads text in place and hands over the builder's buffer without a
// copy; the Document must be the same as Parse's, which copies.
func TestReadSameAsParse(t *testing.T) {
	md := string(benchData(t, "policy.md"))
	cases := map[string]string{
		"policy.md":    md,
		"big.md":       strings.Repeat(md+"\n", 40),
		"bom.md":       "\xEF\xBB\xBF# Title\n\nWithin 3 days.\n",
		"latin1.md":    "# Caf\xe9\n\nA r\xe9sum\xe9.\n",
		"empty.md":     "",
		"blank.md":     "\n\n   \n",
		"crlf.txt":     string(benchData(t, "crlf.txt")),
		"policy.html":  string(benchData(t, "policy.html")),
		"trailing.txt": "one\n\ntwo   \n\n\n",
	}
	dir := t.TempDir()
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Read(p, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := Parse(p, []byte(content), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read differs from Parse (-Parse +Read):\n%s", diff)
			}
		})
	}
}

// The Text of a Document holds no more memory than it needs: a builder
// whose buffer has much room to spare copies it.
func TestBuilderText(t *testing.T) {
	b := &builder{buf: make([]byte, 0, 100)}
	b.add("short", Position{Line: 1, Column: 1})
	if s := b.text(); s != "short" {
		t.Fatalf("text = %q", s)
	}
	if b.buf == nil {
		t.Error("a buffer with room to spare was handed over, want a copy")
	}
	b = &builder{buf: make([]byte, 0, 8)}
	b.add("eight ch", Position{Line: 1, Column: 1})
	if s := b.text(); s != "eight ch" {
		t.Fatalf("text = %q", s)
	}
	if b.buf != nil {
		t.Error("a full buffer was copied, want it handed over")
	}
}

func benchData(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// BenchmarkIsThematicBreak is the check made on every line of Markdown:
// an ordinary line of prose, which is not a break.
func BenchmarkIsThematicBreak(b *testing.B) {
	line := "We will acknowledge your complaint within three working days and reply"
	b.Run("now", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			isThematicBreak(line)
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			thematicBreakRef(line)
		}
	})
}

// BenchmarkRead reads a ~20 KB Markdown file from disk, as check does.
func BenchmarkRead(b *testing.B) {
	p := filepath.Join(b.TempDir(), "x.md")
	data := repeat(benchFile(b, "policy.md"), 20<<10)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(p, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestIndexLineEnd(t *testing.T) {
	ref := func(s string) int {
		for i := 0; i < len(s); i++ {
			if s[i] == '\n' || s[i] == '\r' {
				return i
			}
		}
		return -1
	}
	for _, s := range []string{"", "abc", "a\nb", "a\r\nb", "a\rb\nc", "ab\ncd\re", "\r", "\n", "\n\r", "x\ry"} {
		if got, want := indexLineEnd(s), ref(s); got != want {
			t.Errorf("indexLineEnd(%q) = %d, want %d", s, got, want)
		}
	}
}
