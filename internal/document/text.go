package document

import "strings"

// parseText reads plain text: lines of a paragraph are joined with a space,
// and a blank line ends a block. Line and column are exact in the source.
func parseText(s string) *builder {
	b := newBuilder(s)
	r := lineReader{s: s}
	for {
		line, n, ok := r.next()
		if !ok {
			break
		}
		t := strings.TrimLeft(line, " \t")
		if strings.TrimSpace(t) == "" {
			b.brk()
			continue
		}
		b.space()
		b.add(strings.TrimRight(t, " \t\f\v"), Position{Line: n, Column: 1 + len(line) - len(t)})
	}
	return b
}
