package rule

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/svcaudit/svcaudit/internal/document"
)

// proseStats counts a document's prose: its text without headings.
type proseStats struct {
	words, sentences, syllables int
}

func (p *proseStats) add(o proseStats) {
	p.words += o.words
	p.sentences += o.sentences
	p.syllables += o.syllables
}

// fleschEase is the Flesch reading ease.
func (p proseStats) fleschEase() float64 {
	if p.words == 0 || p.sentences == 0 {
		return 0
	}
	return 206.835 - 1.015*float64(p.words)/float64(p.sentences) - 84.6*float64(p.syllables)/float64(p.words)
}

// proseOf counts document i's prose, once per evaluation.
func (ev *evidence) proseOf(i int) proseStats {
	if ev.prose[i] == nil {
		p := measureProse(ev.docs[i])
		ev.prose[i] = &p
	}
	return *ev.prose[i]
}

// measureProse counts words, sentences and syllables over the document's
// units of prose (document.Sentence: a block, or a sentence within one,
// so that list items without full stops are sentences of their own, the
// same in every format). Headings are not prose, and neither are tables:
// the rows of a table read as one (Markdown, HTML, DOCX, ODT), and in
// formats that keep no tables (text, PDF), lines of figures without a
// full stop and the line of headers just above them.
func measureProse(d *document.Document) proseStats {
	var p proseStats
	cache := syllablePool.Get().(*syllableCache)
	defer syllablePool.Put(cache)
	table := figureLines(d)
	for i, s := range d.Sentences {
		if s.Heading || table[i] {
			continue
		}
		if _, ok := d.RowAt(s.Start); ok {
			continue
		}
		unit := d.Text[s.Start:s.End]
		words := 0
		eachWord(unit, func(start, end int) {
			words++
			p.syllables += cache.syllables(unit[start:end])
		})
		if words > 0 {
			p.words += words
			p.sentences++
		}
	}
	return p
}

// figureLines marks the units that are lines of a table laid out as text:
// two or more figures making a quarter of the words or more, with no
// closing full stop, and a unit of capitalised words without punctuation
// just before the first of them (the header).
func figureLines(d *document.Document) map[int]bool {
	var out map[int]bool
	for i, s := range d.Sentences {
		t := strings.TrimSpace(d.Text[s.Start:s.End])
		if t == "" || strings.ContainsAny(t[len(t)-1:], ".!?") {
			continue
		}
		words, figures := 0, 0
		for _, w := range strings.Fields(t) {
			words++
			if strings.ContainsAny(w, "0123456789") {
				figures++
			}
		}
		if figures < 2 || figures*4 < words {
			continue
		}
		if out == nil {
			out = map[int]bool{}
		}
		out[i] = true
		if i > 0 && !out[i-1] && headerLine(d.Text[d.Sentences[i-1].Start:d.Sentences[i-1].End]) {
			out[i-1] = true
		}
	}
	return out
}

// headerLine is a line of a few capitalised words and no punctuation.
func headerLine(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 || len(f) > 8 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, ".,;:!?") {
			return false
		}
	}
	return true
}

// syllableCache remembers the syllables of short words, which prose
// repeats: a direct-mapped table, each slot the last word that hashed to
// it. Words are kept as copies, so a cache holds no document.
type syllableCache struct {
	slots [1024]struct {
		word  [15]byte
		n     uint8 // len(word)
		count uint8
	}
}

var syllablePool = sync.Pool{New: func() any { return new(syllableCache) }}

func (c *syllableCache) syllables(word string) int {
	if len(word) > 15 || len(word) == 0 {
		return syllables(word)
	}
	h := uint32(2166136261)
	for i := 0; i < len(word); i++ {
		h = (h ^ uint32(word[i])) * 16777619
	}
	s := &c.slots[h&1023]
	if int(s.n) == len(word) && string(s.word[:s.n]) == word {
		return int(s.count)
	}
	n := syllables(word)
	if n > 255 {
		return n
	}
	s.n = uint8(copy(s.word[:], word))
	s.count = uint8(n)
	return n
}

// syllables estimates the syllables of an English word. It counts groups
// of vowels (a, e, i, o, u, and y after the first letter), then applies
// the rules of Greg Fast's Lingua::EN::Syllable and a few of its own:
//
//   - a final silent "e" does not count ("make"), unless it ends a
//     consonant + "le" ("table") or follows a vowel ("free");
//   - "-ed" after a consonant other than t or d is silent ("jumped");
//   - "-es" after vowel + consonant is silent ("makes"), except after
//     s, c, x, z, g, h ("boxes", "pages");
//   - "ia", "io", "iu", "ii", "ienc", "riet", "dien", three vowels in a row, a
//     leading "mc", "-ism", "[^l]lien", "coa" + d/g/l/x, and "ua" (not
//     after g or q) add one; "cial", "tia", "cius", "cious", "giu", "ion",
//     "iou", "-sia" and "-ely" take one away.
//
// Digits and other words without letters count as one syllable. It is a
// heuristic: right for about nine words in ten.
func syllables(word string) int {
	w := make([]byte, 0, len(word))
	for i := 0; i < len(word); {
		r, n := utf8.DecodeRuneInString(word[i:])
		i += n
		r = unicode.ToLower(foldAccent(r))
		if r >= 'a' && r <= 'z' {
			w = append(w, byte(r))
		}
	}
	if len(w) <= 3 {
		return 1
	}
	s := string(w)
	if n, ok := syllableExceptions[s]; ok {
		return n
	}
	if l := len(s); s[l-1] == 'e' && !strings.HasSuffix(word, "é") {
		consLE := s[l-2] == 'l' && !isVowel(s[l-3])
		if !consLE && !isVowel(s[l-2]) {
			s = s[:l-1]
		}
	}
	n := 0
	inVowel := false
	for i := 0; i < len(s); i++ {
		v := isVowel(s[i]) || (s[i] == 'y' && i > 0)
		if v && !inVowel {
			n++
		}
		inVowel = v
	}
	l := len(s)
	if l >= 4 && strings.HasSuffix(s, "ed") && !isVowel(s[l-3]) && s[l-3] != 'y' && s[l-3] != 't' && s[l-3] != 'd' {
		n--
	}
	if l >= 5 && strings.HasSuffix(s, "es") && !isVowel(s[l-3]) && !strings.ContainsRune("scxzghy", rune(s[l-3])) && (isVowel(s[l-4]) || s[l-4] == 'y') {
		n--
	}
	// Every one of these holds an "i": most words are spared the search.
	hasI := strings.IndexByte(s, 'i') >= 0
	if hasI {
		for _, sub := range []string{"cial", "tia", "cius", "cious", "giu", "ion", "iou"} {
			if strings.Contains(s, sub) {
				n--
			}
		}
		if strings.HasSuffix(s, "sia") {
			n--
		}
	}
	if l >= 4 && strings.HasSuffix(s, "ely") {
		n--
	}
	if hasI {
		for _, add := range []string{"ia", "riet", "dien", "iu", "io", "ii"} {
			if strings.Contains(s, add) {
				n++
			}
		}
		if strings.Contains(s, "ienc") {
			n++ // con-ve-ni-ence, au-di-ence
		}
	}
	if hasTripleVowel(s) {
		n++
	}
	if strings.HasPrefix(s, "mc") || strings.HasSuffix(s, "ism") || strings.HasSuffix(s, "dnt") {
		n++
	}
	if i := strings.Index(s, "lien"); hasI && i > 0 && s[i-1] != 'l' {
		n++
	}
	if strings.HasPrefix(s, "coa") && len(s) > 4 && strings.ContainsRune("dglx", rune(s[3])) {
		n++
	}
	for i := 1; i+2 < len(s); i++ {
		if s[i:i+2] == "ua" && s[i-1] != 'g' && s[i-1] != 'q' && !strings.ContainsRune("auieo", rune(s[i+2])) {
			n++
			break
		}
	}
	return max(n, 1)
}

// syllableExceptions are common words the rules get wrong.
var syllableExceptions = map[string]int{
	"business": 2, "every": 3, "everyone": 4, "evening": 3, "different": 3,
	"interest": 3, "people": 2, "whose": 1, "queue": 1, "queues": 1,
	"area": 3, "idea": 3, "being": 2, "doing": 2, "going": 2, "seeing": 2,
	"science": 2, "quiet": 2, "poem": 2, "real": 1, "really": 2,
	"video": 3, "create": 2, "created": 3, "creates": 2,
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

func hasTripleVowel(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			run++
			if run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// foldAccent maps common accented Latin letters to their base letter
// ("café" has the syllables of "cafe").
func foldAccent(r rune) rune {
	if r < 0xc0 || r > 0x17f {
		return r
	}
	const from = "àáâãäåèéêëìíîïòóôõöùúûüýÿÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝ"
	const to = "aaaaaaeeeeiiiiooooouuuuyyAAAAAAEEEEIIIIOOOOOUUUUY"
	i := 0
	for _, f := range from {
		if f == r {
			return rune(to[i])
		}
		i++
	}
	return r
}
