package document

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one unit of prose: Text[Start:End], with no white space at
// either end. Units are worked out once, when the document is read, the
// same way in every format:
//
//   - every block (paragraph, heading, list item, table cell, PDF
//     paragraph) ends a unit, so bullet lines without full stops never run
//     into one sentence, and a heading is a unit of its own (Heading set);
//   - within a block a unit ends at ".", "!", "?" or "…" (after any closing
//     quotes or brackets) followed by white space and a capital, a digit,
//     a quote or an opening bracket, or by the end of the block;
//   - abbreviations ("e.g.", "i.e.", "Mr.", "Dr.", "No.", "St.", "approx.",
//     a single initial as in "J. Smith") and decimals ("2.5") do not end
//     a unit.
type Sentence struct {
	Start, End int
	// Heading is set when the unit is a heading.
	Heading bool
}

// Len is the unit's length in bytes.
func (s Sentence) Len() int { return s.End - s.Start }

// SentenceAt returns the unit containing byte offset off of Text, and
// false when off lies between units (white space, a block break) or
// outside Text.
func (d *Document) SentenceAt(off int) (Sentence, bool) {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return d.Sentences[i], true
	}
	return Sentence{}, false
}

// SentenceIndex is the index in Sentences of the unit containing off, or
// -1.
func (d *Document) SentenceIndex(off int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off })
	if i < len(d.Sentences) && d.Sentences[i].Start <= off {
		return i
	}
	return -1
}

// SentenceText is the text of s.
func (d *Document) SentenceText(s Sentence) string { return d.Text[s.Start:s.End] }

// AtLineStart reports whether off is where a line of the source begins
// (in every format: a block start is always one, and the plain-text and
// Markdown readers keep each source line's start even where they join a
// paragraph's lines).
func (d *Document) AtLineStart(off int) bool {
	i := sort.SearchInts(d.LineStarts, off)
	return i < len(d.LineStarts) && d.LineStarts[i] == off
}

// Span is a byte range [Start, End) of some text.
type Span struct{ Start, End int }

// Clauses splits a unit's text into clauses: at ";", at ":" and at a
// dash between spaces, and before ", but", ", unless", ", if", ", so",
// ", or", ", although", ", though", ", except", ", provided". Offsets are
// into s; each clause is trimmed of white space and of the comma.
func Clauses(s string) []Span {
	var out []Span
	start := 0
	emit := func(end, next int) {
		a, b := start, end
		for a < b && isSpaceByte(s[a]) {
			a++
		}
		for b > a && (isSpaceByte(s[b-1]) || s[b-1] == ',') {
			b--
		}
		if b > a {
			out = append(out, Span{a, b})
		}
		start = next
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';':
			emit(i, i+1)
		case ':':
			// not a time ("9:30") or a ratio
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
				continue
			}
			emit(i, i+1)
		case '-':
			if i > 0 && i+1 < len(s) && s[i-1] == ' ' && s[i+1] == ' ' {
				emit(i, i+1)
			}
		case ',':
			rest := strings.ToLower(strings.TrimLeft(s[i+1:], " "))
			for _, w := range clauseWords {
				if strings.HasPrefix(rest, w) && (len(rest) == len(w) || !isWordByte(rest[len(w)])) {
					emit(i, i+1)
					break
				}
			}
		case 0xe2: // "—" and "–" between spaces
			if strings.HasPrefix(s[i:], "—") || strings.HasPrefix(s[i:], "–") {
				if i > 0 && s[i-1] == ' ' {
					emit(i, i+3)
					i += 2
				}
			}
		}
	}
	emit(len(s), len(s))
	return out
}

var clauseWords = []string{"but", "unless", "if", "so", "or", "although", "though", "except", "provided", "while", "whereas"}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// abbreviations do not end a sentence when followed by ".", compared in
// lower case without the dot(s).
var abbreviations = map[string]bool{
	"e.g": true, "eg": true, "i.e": true, "ie": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "prof": true, "rev": true, "cllr": true, "sr": true, "jr": true, "st": true,
	"no": true, "nos": true, "vs": true, "v": true, "approx": true, "ref": true, "tel": true,
	"cf": true, "fig": true, "p": true, "pp": true, "para": true, "paras": true, "sec": true,
	"ch": true, "vol": true, "ext": true, "inc": true, "dept": true, "est": true, "min": true,
	"max": true, "mins": true, "hrs": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true,
	"dec": true, "mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true,
	"thurs": true, "fri": true, "sat": true, "sun": true, "a.m": true, "p.m": true, "n.b": true,
	"nb": true, "c": true, "ca": true, "viz": true, "al": true, "op": true, "art": true,
	"reg": true, "s": true, "ss": true, "cl": true,
}

// sentences splits Text into units: blocks at "\n" and at cuts (offsets,
// sorted, where a table cell begins without a "\n"), then sentences within
// each block.
func sentences(text string, cuts []int, headings []Heading) []Sentence {
	out := make([]Sentence, 0, strings.Count(text, "\n")+strings.Count(text, ". ")+1)
	hi := 0
	ci := 0
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		for hi < len(headings) && headings[hi].Off < off {
			hi++
		}
		heading := false
		if hi < len(headings) {
			h := headings[hi].Off
			// a heading's offset is its block's first non-space byte
			heading = h >= off && h < end && strings.TrimSpace(text[off:h]) == ""
		}
		// pieces between cuts within the block
		from := off
		for ci < len(cuts) && cuts[ci] <= off {
			ci++
		}
		for ci < len(cuts) && cuts[ci] < end {
			out = splitBlock(out, text, from, cuts[ci], heading)
			from = cuts[ci]
			ci++
		}
		out = splitBlock(out, text, from, end, heading)
		off = end + 1
	}
	return out
}

// MaxSentence bounds a unit's length in bytes: a longer run of text with
// no sentence end (a table flattened into one line, a list without full
// stops, a hostile file that never ends its sentence) is cut at the last
// space before the bound. Real sentences are far shorter — the longest in
// the corpus is under 700 bytes — and every rule that reads a sentence
// then works within a bounded window, so its cost is linear in the
// document's size: 32 KiB of figures with no full stop took 4.3 s against
// one item that reads sentences, and 2 MB of it minutes.
const MaxSentence = 2000

// splitBlock appends the sentences of text[start:end], one block.
func splitBlock(out []Sentence, text string, start, end int, heading bool) []Sentence {
	emit := func(a, b int) {
		for a < b && isSpaceRune(text, a) {
			a += runeLen(text, a)
		}
		for b > a && isSpaceBefore(text, b) {
			b -= lastRuneLen(text[:b])
		}
		for b-a > MaxSentence {
			cut := a + MaxSentence
			for cut > a && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if sp := strings.LastIndexByte(text[a:cut], ' '); sp > MaxSentence/2 {
				cut = a + sp
			}
			e := cut
			for e > a && isSpaceBefore(text, e) {
				e -= lastRuneLen(text[:e])
			}
			out = append(out, Sentence{Start: a, End: e, Heading: heading})
			a = cut
			for a < b && isSpaceRune(text, a) {
				a += runeLen(text, a)
			}
		}
		if b > a {
			out = append(out, Sentence{Start: a, End: b, Heading: heading})
		}
	}
	if heading {
		emit(start, end)
		return out
	}
	from := start
	for i := start; i < end; i++ {
		c := text[i]
		var n int // length of the terminator
		switch {
		case c == '.' || c == '!' || c == '?':
			n = 1
		case c == 0xe2 && strings.HasPrefix(text[i:end], "…"):
			n = 3
		default:
			continue
		}
		j := i + n
		// more terminators and closing quotes or brackets
		for j < end {
			if k := closer(text[j:end]); k > 0 {
				j += k
				continue
			}
			if text[j] == '.' || text[j] == '!' || text[j] == '?' {
				j++
				continue
			}
			break
		}
		if j < end && !isSpaceRune(text, j) {
			i = j - 1
			continue
		}
		if c == '.' && n == 1 && j == i+1 && !endsSentence(text, from, i) {
			continue
		}
		// the next word must look like a new sentence
		k := j
		for k < end && isSpaceRune(text, k) {
			k += runeLen(text, k)
		}
		if k < end && !startsSentence(text[k:end]) {
			i = j - 1
			continue
		}
		emit(from, j)
		from = j
		i = j - 1
	}
	emit(from, end)
	return out
}

// endsSentence reports whether the "." at text[dot] ends a sentence,
// looking at the word before it (from is the sentence's start).
func endsSentence(text string, from, dot int) bool {
	w := dot
	for w > from && !isSpaceByte(text[w-1]) && text[w-1] != '(' && text[w-1] != '"' {
		w--
	}
	word := strings.ToLower(text[w:dot])
	if word == "" {
		return true
	}
	if abbreviations[word] {
		return false
	}
	// a single initial, as in "J. Smith"
	if r, n := utf8.DecodeRuneInString(text[w:dot]); n == dot-w && unicode.IsUpper(r) {
		return false
	}
	// dotted abbreviations such as "e.g" or "U.K" (the last dot is this one)
	if strings.Contains(word, ".") && len(word) <= 6 {
		return false
	}
	return true
}

// startsSentence reports whether s (not white space) can begin a sentence.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case strings.ContainsRune("\"'“‘([•*-–—£$€#", r):
		return true
	}
	return false
}

// closer is the length of a closing quote or bracket at the start of s.
func closer(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '"', '\'', ')', ']':
		return 1
	}
	for _, q := range []string{"”", "’", "»"} {
		if strings.HasPrefix(s, q) {
			return len(q)
		}
	}
	return 0
}

func isSpaceRune(text string, i int) bool {
	c := text[i]
	if c < utf8.RuneSelf {
		return isSpaceByte(c) || c == '\f' || c == '\v'
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r)
}

func isSpaceBefore(text string, i int) bool {
	c := text[i-1]
	if c < utf8.RuneSelf {
		return isSpaceByte(c) || c == '\f' || c == '\v'
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r)
}

func runeLen(text string, i int) int {
	if text[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(text[i:])
	return n
}

func lastRuneLen(s string) int {
	if s[len(s)-1] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeLastRuneInString(s)
	return n
}

// Index works out Sentences (and, where none were kept, LineStarts: each
// block's start) for a Document built by hand rather than read, such as
// one in a test. Documents from Read and Parse have them already.
func (d *Document) Index() {
	d.Sentences = sentences(d.Text, nil, d.Headings)
	if d.LineStarts == nil {
		for off := 0; off < len(d.Text); off++ {
			if off == 0 || d.Text[off-1] == '\n' {
				d.LineStarts = append(d.LineStarts, off)
			}
		}
	}
}
