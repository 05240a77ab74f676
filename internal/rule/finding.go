package rule

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/result"
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
	if ev.noInfo && severity == severityInfo {
		return result.Finding{Rule: rule, Message: msg, Severity: severity} // dropped
	}
	d := ev.docs[m.doc]
	pos := ev.position(m.doc, m.start)
	f := result.Finding{
		Rule:     rule,
		File:     d.Path,
		Line:     pos.Line,
		Column:   pos.Column,
		Page:     pos.Page,
		Snippet:  snippet(d.Text, m.start, m.end),
		Heading:  headingAbove(d, m.start),
		Sentence: sentenceOf(d, m.start),
		Message:  msg,
		Severity: severity,
	}
	if f.Sentence == f.Snippet {
		f.Sentence = "" // the snippet says it all
	}
	return f
}

// maxSentence is the longest sentence a finding quotes, in runes.
const maxSentence = 400

// headingAbove is the text of the nearest heading at or above byte off,
// cleaned, or "".
func headingAbove(d *document.Document, off int) string {
	i := sort.Search(len(d.Headings), func(i int) bool { return d.Headings[i].Off > off }) - 1
	if i < 0 {
		return ""
	}
	h := strings.TrimSpace(clean(d.Headings[i].Text))
	if utf8.RuneCountInString(h) > maxSnippet {
		h = cutWords(h, maxSnippet-1) + "…"
	}
	return h
}

// sentenceOf is the sentence holding byte off, cleaned and cut at
// maxSentence runes, or "" (off between sentences, or a heading).
func sentenceOf(d *document.Document, off int) string {
	s, ok := d.SentenceAt(off)
	if !ok || s.Heading {
		return ""
	}
	t := strings.TrimSpace(clean(d.Text[s.Start:s.End]))
	if utf8.RuneCountInString(t) > maxSentence {
		t = cutWords(t, maxSentence-1) + "…"
	}
	return t
}

// whole returns a finding about the evidence as a whole: it names the
// document when there is one, and has no place.
func (ev *evidence) whole(rule, severity, msg string) result.Finding {
	f := result.Finding{Rule: rule, Message: msg, Severity: severity}
	if len(ev.docs) == 1 {
		f.File = ev.docs[0].Path
		if ev.docs[0].Pages > 0 {
			// A paginated document's finding always names a page: one
			// about the whole document names its first.
			f.Page = 1
		}
	}
	return f
}

// quote is a text fit for a message, in double quotes: cleaned, cut
// short, and otherwise as written (no Go escaping, which doubles
// backslashes and confuses the people who read it).
func quote(s string) string {
	s = strings.TrimSpace(clean(s))
	if utf8.RuneCountInString(s) > maxQuote {
		s = cutWords(s, maxQuote-1) + "…"
	}
	return `"` + s + `"`
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
	// Breaks are looked for only as far as the context reaches (and a
	// little more, for a rune cut in two), so that a snippet costs the
	// same in a document on one line of 50 MB: a block reaching further is
	// treated as ending there, which still marks the cut with "…".
	const slack = utf8.UTFMax
	blockStart := max(0, start-ctx-slack)
	if i := strings.LastIndexByte(text[blockStart:start], '\n'); i >= 0 {
		blockStart += i + 1
	}
	blockEnd := min(len(text), end+ctx+slack)
	if i := strings.IndexByte(text[end:blockEnd], '\n'); i >= 0 {
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
	left, right := clean(text[lo:start]), clean(text[end:hi])
	nl, nr := utf8.RuneCountInString(left), utf8.RuneCountInString(right)
	budget := maxSnippet - n
	lb, rb := budget/2, budget-budget/2
	if nr < rb {
		lb, rb = lb+rb-nr, nr
	}
	if nl < lb {
		rb, lb = min(nr, rb+lb-nl), nl
	}
	// The pieces first, so that the snippet is allocated once at its size
	// (a finding keeps it).
	pre, post := "", ""
	if nl > lb || lo > blockStart {
		keep := lastRunes(left, min(nl, max(0, lb-1)))
		if len(keep) < len(left) && left[len(left)-len(keep)-1] != ' ' {
			// drop the partial first word
			if i := strings.IndexByte(keep, ' '); i >= 0 {
				keep = keep[i+1:]
			} else {
				keep = ""
			}
		}
		pre, left = "…", strings.TrimLeft(keep, " ")
	} else {
		left = strings.TrimLeft(left, " ")
	}
	if nr > rb || hi < blockEnd {
		keep := firstRunes(right, min(nr, max(0, rb-1)))
		if len(keep) < len(right) && right[len(keep)] != ' ' {
			if i := strings.LastIndexByte(keep, ' '); i >= 0 {
				keep = keep[:i]
			} else {
				keep = ""
			}
		}
		right, post = strings.TrimRight(keep, " "), "…"
	} else {
		right = strings.TrimRight(right, " ")
	}
	var b strings.Builder
	b.Grow(len(pre) + len(left) + len(m) + len(right) + len(post))
	b.WriteString(pre)
	b.WriteString(left)
	b.WriteString(m)
	b.WriteString(right)
	b.WriteString(post)
	return b.String()
}

// lastRunes is the end of s, k runes long.
func lastRunes(s string, k int) string {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// firstRunes is the start of s, k runes long.
func firstRunes(s string, k int) string {
	i := 0
	for ; k > 0 && i < len(s); k-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
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
	if isClean(s) {
		return s
	}
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

// isClean reports whether s is printable ASCII with single spaces only,
// which clean would return unchanged.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f || c == ' ' && i > 0 && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// plural is n and a noun, singular or plural to agree with n.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// maxShownPattern is the longest pattern, in runes, that a message shows;
// a longer one is named by its place in its list ("pattern 2 of 3").
const maxShownPattern = 40

// patternName names pattern p, number i (from 0) of n, for a message: the
// pattern as written, in quotes, when it is short, else its place.
func patternName(set *Set, p, i, n int) string {
	if s, ok := shortPattern(set, p); ok {
		return s
	}
	if n == 1 {
		return "the pattern"
	}
	return fmt.Sprintf("pattern %d of %d", i+1, n)
}

// shortPattern is pattern p as written, in quotes, and whether it is short
// enough to show.
func shortPattern(set *Set, p int) (string, bool) {
	expr := printable(set.patterns[p].expr)
	return `"` + expr + `"`, utf8.RuneCountInString(expr) <= maxShownPattern
}

// maxQuestion is the longest item question, in runes, that a message
// quotes.
const maxQuestion = 120

// question is an item's question fit for a message, or "" when there is
// none.
func question(it *checklist.Item) string {
	if it == nil {
		return ""
	}
	q := strings.TrimSpace(clean(it.Question))
	if utf8.RuneCountInString(q) > maxQuestion {
		q = cutWords(q, maxQuestion-1) + "…"
	}
	return q
}

// explain puts the item's question, when there is one, before a reason
// that names no pattern, so that the message says what was looked for:
//
//	no evidence that: Is there a heading for complaints? (no matching heading)
func explain(q, reason string) string {
	if q == "" {
		return reason
	}
	return fmt.Sprintf("no evidence that: %s (%s)", q, reason)
}

// explained returns the reason of a message that explain made with
// question q.
func explained(q, msg string) (reason string, ok bool) {
	if q == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(msg, "no evidence that: "+q+" (")
	if !ok || !strings.HasSuffix(rest, ")") {
		return "", false
	}
	return rest[:len(rest)-1], true
}

// thousands writes n with commas between groups of three digits: 1,000.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// decimal writes f with at most one decimal place, none when it is whole,
// and commas in the whole part: 7, 6.5, 1,250.
func decimal(f float64) string {
	s := strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil { // beyond int: leave as it is
		return s
	}
	if frac != "" {
		return thousands(n) + "." + frac
	}
	return thousands(n)
}

// printable escapes the control and formatting characters of a pattern
// written in a checklist, as Go would quote them, so that a message can
// show it as written otherwise.
func printable(s string) string {
	if strings.IndexFunc(s, notPrintable) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if notPrintable(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func notPrintable(r rune) bool {
	return r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}
