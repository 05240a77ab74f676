package document

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlBlocks are the elements that start and end a block of text.
var htmlBlocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.Header: true, atom.Hr: true, atom.Html: true, atom.Legend: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.Option: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true,
	atom.Title: true, atom.Tr: true, atom.Ul: true,
}

// htmlIgnored are the elements whose content is not prose.
var htmlIgnored = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Textarea: true,
	atom.Title: true, // shown in the browser's tab, not on the page
}

// htmlHeadingLevel is 1–6 for h1–h6, else 0.
func htmlHeadingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// parseHTML streams the tokens of an HTML document, keeping the text with
// its line and column in the source. It tracks the position by scanning
// each token's raw bytes once, so time and memory are linear in the size
// of the file, even when it is all on one line.
func parseHTML(s string) *builder {
	b := &builder{}
	z := html.NewTokenizer(strings.NewReader(s))
	var (
		line, col = 1, 1
		prevCR    bool
		ignore    int // depth inside ignored elements
		headLevel int
		headStart int
	)
	advance := func(raw []byte) {
		for i := 0; i < len(raw); {
			c := raw[i]
			switch {
			case c == '\n':
				if !prevCR {
					line++
				}
				col, prevCR = 1, false
				i++
			case c == '\r':
				line++
				col, prevCR = 1, true
				i++
			case c < utf8.RuneSelf:
				col++
				prevCR = false
				i++
			default:
				_, n := utf8.DecodeRune(raw[i:])
				col++
				prevCR = false
				i += n
			}
		}
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// io.EOF: a strings.Reader has no other read error, and the
			// tokenizer recovers from any malformed markup.
			break
		}
		raw := z.Raw()
		switch tt {
		case html.TextToken:
			if ignore == 0 {
				htmlText(b, raw, line, col, prevCR)
			}
		case html.CommentToken:
			if ignore == 0 && len(raw) < maxDirective && bytes.Contains(raw, []byte(directivePrefix)) {
				b.comment(string(z.Text()), line)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case htmlIgnored[a]:
				if tt == html.StartTagToken {
					ignore++
				} else if tt == html.EndTagToken && ignore > 0 {
					ignore--
				}
			case ignore > 0:
			case htmlHeadingLevel(a) > 0:
				b.brk()
				if tt == html.StartTagToken {
					headLevel, headStart = htmlHeadingLevel(a), b.offset()
				} else if tt == html.EndTagToken && headLevel > 0 {
					b.heading(headLevel, headStart)
					headLevel = 0
				}
			case a == atom.Table && tt == html.StartTagToken:
				b.brk()
				b.table()
			case a == atom.Tr && tt == html.StartTagToken:
				b.row()
			case a == atom.Tr && tt == html.EndTagToken:
				b.endRow()
			case htmlBlocks[a]:
				b.brk()
			}
		}
		advance(raw)
	}
	return b
}

// htmlText adds a raw text token that starts at line, col: line breaks
// become single spaces, leading white space of a line is dropped, and
// character references are decoded, each run keeping its source column.
func htmlText(b *builder, raw []byte, line, col int, prevCR bool) {
	s := string(raw)
	for len(s) > 0 {
		i := indexLineEnd(s)
		piece := s
		if i >= 0 {
			piece = s[:i]
		}
		htmlLine(b, piece, line, col)
		if i < 0 {
			return
		}
		b.space()
		if s[i] == '\n' && prevCR && i == 0 {
			// "\r" ended the previous token; this "\n" completes it.
		} else {
			line++
		}
		prevCR = s[i] == '\r'
		s = s[i+1:]
		if prevCR && len(s) > 0 && s[0] == '\n' {
			s = s[1:]
			prevCR = false
		}
		col = 1
	}
}

// htmlLine adds one line of a text token.
func htmlLine(b *builder, s string, line, col int) {
	if b.atBlockStart() || b.endsWithSpace() {
		t := strings.TrimLeft(s, " \t\f")
		col += len(s) - len(t)
		s = t
	}
	for len(s) > 0 {
		amp := strings.IndexByte(s, '&')
		if amp < 0 {
			b.add(s, Position{Line: line, Column: col})
			return
		}
		b.add(s[:amp], Position{Line: line, Column: col})
		col += utf8.RuneCountInString(s[:amp])
		s = s[amp:]
		end := strings.IndexByte(s[:min(len(s), 40)], ';')
		if end > 1 {
			ref := s[:end+1]
			if dec := html.UnescapeString(ref); dec != ref {
				dec = strings.ReplaceAll(dec, "\u00a0", " ")
				b.add(dec, Position{Line: line, Column: col})
				col += utf8.RuneCountInString(ref)
				s = s[end+1:]
				continue
			}
		}
		b.add("&", Position{Line: line, Column: col})
		col++
		s = s[1:]
	}
}
