package rule

import (
	"unicode"
	"unicode/utf8"
)

// A word is a run of letters and digits, with apostrophes and hyphens
// inside it ("don't", "twenty-one" are one word each).

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-'
}

// eachWord calls fn with the byte offsets of every word of text.
func eachWord(text string, fn func(start, end int)) {
	eachWordWhile(text, func(start, end int) bool { fn(start, end); return true })
}

// eachWordWhile is eachWord that stops when fn returns false.
func eachWordWhile(text string, fn func(start, end int) bool) {
	start := -1
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && isJoiner(r) && i+n < len(text) && startsWord(text[i+n:]):
			// inside a word
		default:
			if start >= 0 {
				if !fn(start, i) {
					return
				}
				start = -1
			}
		}
		i += n
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// countWords counts the words of text, stopping once there are more than
// limit.
func countWords(text string, limit int) int {
	n := 0
	eachWordWhile(text, func(int, int) bool { n++; return n <= limit })
	return n
}
