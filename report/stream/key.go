package stream

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/svcaudit/svcaudit/result"
)

// FindingKey identifies a finding from one run to the next: its item, its
// document and its text (what was found, and the sentence it was found
// in), normalised: lower case, runs of spaces as one. It holds no line or
// column, so that text moved within a document, or a paragraph added
// above it, keeps its findings' keys. Two findings of one item in one
// document with the same text share a key; a baseline counts them.
func FindingKey(item, document string, f result.Finding) string {
	return item + "\x00" + slashClean(document) + "\x00" + normalise(f.Message) + "\x00" + normalise(contextOf(f))
}

// contextOf is the text around a finding that its key holds: its sentence,
// else its snippet.
func contextOf(f result.Finding) string {
	if f.Sentence != "" {
		return f.Sentence
	}
	return f.Snippet
}

func slashClean(path string) string { return filepath.ToSlash(filepath.Clean(path)) }

// keyOf is the FindingKey of a problem (see problems) of an item of r.
func keyOf(r *result.Result, it *result.Item, f result.Finding) string {
	doc := f.File
	if doc == "" {
		doc = r.Subject
	}
	return FindingKey(it.ID, doc, f)
}

// normalise lowers s and folds every run of white space into one space.
func normalise(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

// Fingerprint is a stable hexadecimal digest of a finding's key and n, its
// place among the findings of the same key (0 for the first): what GitLab
// Code Quality and SARIF's partialFingerprints take.
func Fingerprint(key string, n int) string {
	h := sha256.New()
	h.Write([]byte(key))
	if n > 0 {
		h.Write([]byte("\x00" + strconv.Itoa(n)))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
