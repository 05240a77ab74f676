package document

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// parseDOCX reads word/document.xml of a DOCX archive. Each paragraph
// (w:p) is a block; Line is the paragraph's number in the document and
// Column counts runes within it. Headings come from the paragraph style
// (Title, Heading1…Heading9, or a style whose outline level is set in
// word/styles.xml) or a direct w:outlineLvl.
func parseDOCX(data []byte, lim Limits) (*builder, error) {
	z, err := openOffice(data, lim, "a DOCX document")
	if err != nil {
		return nil, err
	}
	if z.entry("word/document.xml") == nil {
		return nil, errors.New("word/document.xml is missing: not a Word document, or a corrupt one")
	}
	levels := map[string]int{}
	st, found, err := z.open("word/styles.xml")
	if err != nil {
		return nil, err
	}
	if found {
		err := docxStyles(st, levels)
		st.Close()
		if err != nil {
			return nil, err
		}
	}
	rc, _, err := z.open("word/document.xml")
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b := &builder{}
	paras := &paraStack{b: b}
	var comments officeComments
	dec := xml.NewDecoder(rc)
	var (
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
			case "tbl":
				b.table()
			case "tr":
				b.row()
			case "p":
				paras.push()
			case "pStyle":
				if p := paras.top(); p != nil {
					if l, ok := docxStyleLevel(attr(t, "val"), levels); ok {
						p.level = l
					}
				}
			case "outlineLvl":
				if n, err := strconv.Atoi(attr(t, "val")); err == nil && n < 9 && paras.top() != nil {
					paras.top().level = n + 1
				}
			case "t":
				inText = true
			case "commentRangeStart":
				comments.start(attr(t, "id"), paras.anchor(false))
			case "commentRangeEnd", "commentReference":
				comments.end(attr(t, "id"), paras.anchor(true))
			case "tab", "br", "cr", "noBreakHyphen":
				if !inText {
					s := " "
					if t.Name.Local == "noBreakHyphen" {
						s = "-"
					}
					paras.text(s)
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
				paras.pop()
			case "tr":
				b.endRow()
			}
		case xml.CharData:
			if inText && fallback == 0 {
				paras.text(string(t))
			}
		}
	}
	if len(comments.order) > 0 {
		cr, found, err := z.open("word/comments.xml")
		if err != nil {
			return nil, err
		}
		if found {
			err := docxComments(cr, &comments)
			cr.Close()
			if err != nil {
				return nil, err
			}
			comments.directives(b)
		}
	}
	return b, nil
}

// docxStyles reads word/styles.xml for the heading level of each paragraph
// style, from its outline level or its name ("heading 2", "Title"), so that
// headings are found whatever language the style ids are in.
func docxStyles(r io.Reader, levels map[string]int) error {
	dec := xml.NewDecoder(r)
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
