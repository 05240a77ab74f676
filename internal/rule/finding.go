package rule

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/internal/result"
)

// Severities of findings.
const (
	severityError = "error"
	severityInfo  = "info"
)

// maxSnippet is the longest snippet, in runes, "…" included.
const maxSnippet = 80

// maxQuote is the longest matched text quoted in a message, in runes.
const maxQuote = 60

// at returns a finding at a match, with its place and snippet.
func (ev *evidence) at(rule, severity string, m match, msg string) result.Finding {
	d := ev.docs[m.doc]
	pos := d.Position(m.start)
	return result.Finding{
		Rule:     rule,
		File:     d.Path,
		Line:     pos.Line,
		Column:   pos.Column,
		Page:     pos.Page,
		Snippet:  snippet(d.Text, m.start, m.end),
		Message:  msg,
		Severity: severity,
	}
}

// whole returns a finding about the evidence as a whole: it names the
// document when there is one, and has no place.
func (ev *evidence) whole(rule, severity, msg string) result.Finding {
	f := result.Finding{Rule: rule, Message: msg, Severity: severity}
	if len(ev.docs) == 1 {
		f.File = ev.docs[0].Path
	}
	return f
}

// quote is a match's text fit for a message: cleaned, and cut short.
func quote(s string) string {
	s = strings.TrimSpace(clean(s))
	if utf8.RuneCountInString(s) > maxQuote {
		s = cutWords(s, maxQuote-1) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// snippet is the text around text[start:end], at most maxSnippet runes,
// cut at whole words with "…" where it was cut, control and bidi
// characters removed and whitespace runs made single spaces.
func snippet(text string, start, end int) string {
	m := strings.TrimSpace(clean(text[start:end]))
	n := utf8.RuneCountInString(m)
	if n >= maxSnippet {
		return cutWords(m, maxSnippet-1) + "…"
	}
	// Bytes of context looked at on each side: what the snippet has room
	// for, and some to spare for whitespace that cleaning collapses.
	ctx := maxSnippet - n + 16
	// Context comes from the match's own blocks (paragraph, heading, cell):
	// the text before and after a block break belongs to something else.
	blockStart := strings.LastIndexByte(text[:start], '\n') + 1
	blockEnd := len(text)
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
		blockEnd = end + i
	}
	lo := max(blockStart, start-ctx)
	for lo > blockStart && !utf8.RuneStart(text[lo]) {
		lo--
	}
	hi := min(blockEnd, end+ctx)
	for hi < blockEnd && !utf8.RuneStart(text[hi]) {
		hi++
	}
	left := []rune(clean(text[lo:start]))
	right := []rune(clean(text[end:hi]))
	budget := maxSnippet - n
	lb, rb := budget/2, budget-budget/2
	if len(right) < rb {
		lb, rb = lb+rb-len(right), len(right)
	}
	if len(left) < lb {
		rb, lb = min(len(right), rb+lb-len(left)), len(left)
	}
	var b strings.Builder
	if len(left) > lb || lo > blockStart {
		keep := left[len(left)-min(len(left), max(0, lb-1)):]
		if len(keep) < len(left) && left[len(left)-len(keep)-1] != ' ' {
			// drop the partial first word
			if i := indexSpace(keep); i >= 0 {
				keep = keep[i+1:]
			} else {
				keep = nil
			}
		}
		b.WriteString("…")
		b.WriteString(strings.TrimLeft(string(keep), " "))
	} else {
		b.WriteString(strings.TrimLeft(string(left), " "))
	}
	b.WriteString(m)
	if len(right) > rb || hi < blockEnd {
		keep := right[:min(len(right), max(0, rb-1))]
		if len(keep) < len(right) && right[len(keep)] != ' ' {
			if i := lastIndexSpace(keep); i >= 0 {
				keep = keep[:i]
			} else {
				keep = nil
			}
		}
		b.WriteString(strings.TrimRight(string(keep), " "))
		b.WriteString("…")
	} else {
		b.WriteString(strings.TrimRight(string(right), " "))
	}
	return b.String()
}

func indexSpace(r []rune) int {
	for i, c := range r {
		if c == ' ' {
			return i
		}
	}
	return -1
}

func lastIndexSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}

// cutWords cuts s to at most n runes, at a word boundary where there is
// one.
func cutWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	r = r[:n]
	if i := lastIndexSpace(r); i > n/2 {
		r = r[:i]
	}
	return strings.TrimRightFunc(string(r), unicode.IsSpace)
}

// clean removes control characters, bidi controls and other invisible
// formatting, and makes every run of whitespace one space.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			// printable ASCII, the common case
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(byte(r))
			continue
		}
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			// controls, bidi overrides and isolates, zero-width characters
			continue
		}
		if space {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// plural is n and a noun, singular or plural to agree with n.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// exprList joins pattern expressions for a message.
func exprList(set *Set, ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = set.patterns[id].expr
	}
	return strings.Join(parts, ", ")
}
