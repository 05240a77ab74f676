package document

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// parseDOCX reads word/document.xml of a DOCX archive. Each paragraph
// (w:p) is a block; Line is the paragraph's number in the document and
// Column counts runes within it. Headings come from the paragraph style
// (Title, Heading1…Heading9, or a style whose outline level is set in
// word/styles.xml) or a direct w:outlineLvl.
func parseDOCX(data []byte, lim Limits) (*builder, error) {
	zr, err := openZip(data)
	if err != nil {
		return nil, errors.New(strings.Replace(err.Error(), "a document", "a DOCX document", 1))
	}
	bud := &zipBudget{left: lim.MaxUnzipped, limit: lim.MaxUnzipped}
	main := findEntry(zr, "word/document.xml")
	if main == nil {
		return nil, errors.New("word/document.xml is missing: not a Word document, or a corrupt one")
	}
	levels := map[string]int{}
	if st := findEntry(zr, "word/styles.xml"); st != nil {
		if err := docxStyles(bud, st, levels); err != nil {
			return nil, err
		}
	}
	rc, err := bud.openEntry(main)
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
		stack    []para
		paras    int
		inText   bool
		fallback int // depth inside mc:Fallback, a copy of what mc:Choice holds
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlErr("word/document.xml", dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "Fallback" {
				fallback++
			}
			if fallback > 0 {
				continue
			}
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "p":
				paras++
				b.brk()
				stack = append(stack, para{num: paras, col: 1, start: b.offset()})
			case "pStyle":
				if len(stack) > 0 {
					if l, ok := docxStyleLevel(attr(t, "val"), levels); ok {
						stack[len(stack)-1].level = l
					}
				}
			case "outlineLvl":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil && n < 9 && len(stack) > 0 {
					stack[len(stack)-1].level = n + 1
				}
			case "t":
				inText = true
			case "tab", "br", "cr", "noBreakHyphen":
				if len(stack) > 0 && !inText {
					p := &stack[len(stack)-1]
					s := " "
					if t.Name.Local == "noBreakHyphen" {
						s = "-"
					}
					b.add(s, Position{Line: p.num, Column: p.col})
					p.col++
				}
			}
		case xml.EndElement:
			if t.Name.Local == "Fallback" && fallback > 0 {
				fallback--
				continue
			}
			if fallback > 0 || t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if len(stack) == 0 {
					continue
				}
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if p.level > 0 {
					b.heading(p.level, p.start)
				}
				b.brk()
			}
		case xml.CharData:
			if inText && fallback == 0 && len(stack) > 0 {
				p := &stack[len(stack)-1]
				s := string(t)
				b.add(s, Position{Line: p.num, Column: p.col})
				p.col += utf8.RuneCountInString(s)
			}
		}
	}
	return b, nil
}

// docxStyles reads word/styles.xml for the heading level of each paragraph
// style, from its outline level or its name ("heading 2", "Title"), so that
// headings are found whatever language the style ids are in.
func docxStyles(bud *zipBudget, f *zip.File, levels map[string]int) error {
	rc, err := bud.openEntry(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	id := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlErr("word/styles.xml", dec, err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Space != wordNS {
			continue
		}
		switch t.Name.Local {
		case "style":
			id = ""
			if attr(t, "type") == "paragraph" {
				id = attr(t, "styleId")
			}
		case "name":
			if id == "" {
				continue
			}
			if l, ok := docxStyleLevel(strings.ReplaceAll(attr(t, "val"), " ", ""), nil); ok {
				levels[id] = l
			}
		case "outlineLvl":
			if n, err := strconv.Atoi(attr(t, "val")); err == nil && n < 9 && id != "" {
				levels[id] = n + 1
			}
		}
	}
}

// docxStyleLevel maps a style id to a heading level.
func docxStyleLevel(id string, levels map[string]int) (int, bool) {
	if l, ok := levels[id]; ok {
		return l, true
	}
	low := strings.ToLower(id)
	if low == "title" {
		return 1, true
	}
	if rest, ok := strings.CutPrefix(low, "heading"); ok {
		if n, err := strconv.Atoi(rest); err == nil && n >= 1 && n <= 9 {
			return n, true
		}
	}
	return 0, false
}

// attr is the value of the attribute with this local name, or "".
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// xmlErr explains an error met while decoding an archive's XML part.
func xmlErr(part string, dec *xml.Decoder, err error) error {
	var syn *xml.SyntaxError
	if !errors.As(err, &syn) {
		return err // from reading the archive: a limit or corruption, already explained
	}
	line, _ := dec.InputPos()
	return fmt.Errorf("%s is not well-formed XML near line %d: %v", part, line, err)
}
