package rule

import (
	"strings"
	"testing"
)

// A finding keeps its snippet: the snippet is allocated at its own size,
// not at the most a snippet could need (4 × maxSnippet bytes).
func TestSnippetAllocatesItsSize(t *testing.T) {
	text := strings.Repeat("We aim to reply to every letter we receive ", 5) +
		"within 10 working days" + strings.Repeat(" and to tell you who is dealing with it", 5)
	start := strings.Index(text, "within")
	end := start + len("within 10 working days")
	s := snippet(text, start, end)
	if !strings.Contains(s, "within 10 working days") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Fatalf("snippet = %q", s)
	}
	r := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			snippet(text, start, end)
		}
	})
	// 80 runes of ASCII and two "…" fit the 96-byte size class.
	if got := r.AllocedBytesPerOp(); got > 96 {
		t.Errorf("snippet of %d bytes allocates %d bytes, want at most 96", len(s), got)
	}
	if got := r.AllocsPerOp(); got != 1 {
		t.Errorf("snippet allocates %d times, want 1", got)
	}
}

// BenchmarkSnippet is the snippet of one finding in a paragraph.
func BenchmarkSnippet(b *testing.B) {
	text := strings.Repeat("We aim to reply to every letter we receive ", 5) +
		"within 10 working days" + strings.Repeat(" and to tell you who is dealing with it", 5)
	start := strings.Index(text, "within")
	end := start + len("within 10 working days")
	b.ReportAllocs()
	for b.Loop() {
		snippet(text, start, end)
	}
}
