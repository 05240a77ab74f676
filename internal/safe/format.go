package safe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cellEscaper keeps a value inside one Markdown table cell and out of the
// markup: a backslash is doubled first, so that `\|` in the text cannot
// become an escaped backslash followed by a cell-ending pipe.
var cellEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>",
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\t", " ")

// MarkdownCell makes s safe inside a Markdown table cell (GitHub-flavoured):
// unsafe characters dropped (Text), backslashes and pipes escaped, line
// breaks written as <br>, and HTML's <, > and & as entities.
func MarkdownCell(s string) string {
	return cellEscaper.Replace(Text(s))
}

// inlineEscaper escapes every character that Markdown could read as
// markup at any place in a line of prose.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`, "#", `\#`, "~", `\~`,
)

// Markdown makes s safe as Markdown prose: unsafe characters dropped,
// every character of markup escaped (emphasis, code, links, raw HTML,
// headings, tables), newlines kept.
func Markdown(s string) string {
	return inlineEscaper.Replace(Text(s))
}

// MarkdownLine is Markdown on one line (Line, then Markdown's escapes).
func MarkdownLine(s string) string {
	return inlineEscaper.Replace(Line(s))
}

// codeEscaper keeps text inside a code span in a table cell: pipes still
// need escaping there, and a backtick would end the span.
var codeEscaper = strings.NewReplacer("|", `\|`, "`", "'")

// MarkdownCode makes s safe inside a `code span` in a table cell.
func MarkdownCode(s string) string {
	return codeEscaper.Replace(Line(s))
}

// CSVCell stops a spreadsheet from running a cell as a formula (CSV
// injection): a cell whose first character is = + - @, or that begins with
// white space or a control character (a tab, CR or newline before the =),
// gets a leading apostrophe. Numbers the program writes itself do not pass
// through here.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case strings.ContainsRune("=+-@", r), unicode.IsSpace(r), unicode.IsControl(r):
		return "'" + s
	case r == '\uff1d' || r == '\uff0b' || r == '\uff0d' || r == '\uff20':
		// fullwidth = + - @, which some spreadsheets read as their ASCII forms
		return "'" + s
	}
	return s
}

// Escaped returns s with every character that Text would drop written as
// a Go escape (\x1b, \n, \u202e), and backslashes doubled, so that two
// different names never print the same. It suits identifiers in formats
// that cannot carry controls (SARIF, JUnit XML) where dropping them would
// make two files collide.
func Escaped(s string) string {
	clean := true
	for _, r := range s {
		if r == '\\' || r == '\n' || r == '\t' || r == utf8.RuneError || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n' || r == '\t' || unsafeRune(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// proseEscaper keeps Markdown's own emphasis and lists but no HTML: raw
// tags and entities are written as text.
var proseEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;")

// MarkdownProse makes s safe as a Markdown paragraph written by a
// checklist's author (a description): unsafe characters dropped, line
// breaks kept, raw HTML (<script>, <img onerror=…>) and entities shown as
// text, while emphasis, lists and links keep their meaning.
func MarkdownProse(s string) string {
	return proseEscaper.Replace(Text(s))
}
