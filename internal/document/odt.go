package document

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	odtTextNS   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odtStyleNS  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	odtOfficeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

// parseODT reads content.xml of an OpenDocument text. Each paragraph
// (text:p) and heading (text:h) is a block; Line is its number in the
// document and Column counts runes within it. Headings are text:h with
// their text:outline-level, and paragraphs in the Title style (directly or
// through an automatic style based on it), as level 1.
func parseODT(data []byte, lim Limits) (*builder, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, errors.New(strings.Replace(err.Error(), "a document", "an ODT document", 1))
	}
	bud := &zipBudget{left: lim.MaxUnzipped, limit: lim.MaxUnzipped}
	content := findEntry(zr, "content.xml")
	if content == nil {
		return nil, errors.New("content.xml is missing: not an OpenDocument text, or a corrupt one")
	}
	rc, err := bud.openEntry(content)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := &builder{}
	dec := xml.NewDecoder(rc)
	type para struct {
		num, col, start, level int
	}
	var (
		stack  []para
		paras  int
		skip   int                   // depth inside annotations and note citations
		parent = map[string]string{} // automatic style → its parent style
	)
	addText := func(s string) {
		if len(stack) == 0 || s == "" {
			return
		}
		p := &stack[len(stack)-1]
		b.add(s, Position{Line: p.num, Column: p.col})
		p.col += utf8.RuneCountInString(s)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlErr("content.xml", dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Space {
			case odtStyleNS:
				if t.Name.Local == "style" {
					parent[attr(t, "name")] = attr(t, "parent-style-name")
				}
				continue
			case odtOfficeNS:
				if t.Name.Local == "annotation" {
					skip = 1
				}
				continue
			case odtTextNS:
			default:
				continue
			}
			switch t.Name.Local {
			case "note-citation", "tracked-changes", "sequence-decls":
				skip = 1
			case "p", "h":
				paras++
				b.brk()
				p := para{num: paras, col: 1, start: b.offset()}
				if t.Name.Local == "h" {
					p.level = 1
					if n, err := strconv.Atoi(attr(t, "outline-level")); err == nil && n > 0 {
						p.level = min(n, 10)
					}
				} else if s := attr(t, "style-name"); s == "Title" || parent[s] == "Title" {
					p.level = 1
				}
				stack = append(stack, p)
			case "s":
				n, err := strconv.Atoi(attr(t, "c"))
				if err != nil || n < 1 {
					n = 1
				}
				addText(strings.Repeat(" ", min(n, 100)))
			case "tab", "line-break":
				addText(" ")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if t.Name.Space != odtTextNS || (t.Name.Local != "p" && t.Name.Local != "h") || len(stack) == 0 {
				continue
			}
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if p.level > 0 {
				b.heading(p.level, p.start)
			}
			b.brk()
		case xml.CharData:
			if skip == 0 {
				addText(string(t))
			}
		}
	}
	return b, nil
}
