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
				fn(start, i)
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

// countWords counts the words of text.
func countWords(text string) int {
	n := 0
	eachWord(text, func(int, int) { n++ })
	return n
}
