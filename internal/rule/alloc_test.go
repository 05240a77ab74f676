package rule

import (
	"strings"
	"testing"
)

// A snippet is the match with some context either side, elided with "…".
// (What it allocates, one string of its own size rather than of the most a
// snippet could need, BenchmarkSnippet reports.)
func TestSnippet(t *testing.T) {
	text := strings.Repeat("We aim to reply to every letter we receive ", 5) +
		"within 10 working days" + strings.Repeat(" and to tell you who is dealing with it", 5)
	start := strings.Index(text, "within")
	end := start + len("within 10 working days")
	s := snippet(text, start, end)
	if !strings.Contains(s, "within 10 working days") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Fatalf("snippet = %q", s)
	}
}

// BenchmarkSnippet is the snippet of one finding in a paragraph: one
// allocation, of the snippet's own size (80 runes of ASCII and two "…" fit
// the 96-byte size class, not 4 × maxSnippet bytes).
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
