package document

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

const (
	odtTextNS   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odtStyleNS  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	odtOfficeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	odtTableNS  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
)

// parseODT reads content.xml of an OpenDocument text. Each paragraph
// (text:p) and heading (text:h) is a block; Line is its number in the
// document and Column counts runes within it. Headings are text:h with
// their text:outline-level, and paragraphs in the Title style (directly or
// through an automatic style based on it), as level 1.
func parseODT(data []byte, lim Limits) (*builder, error) {
	z, err := openOffice(data, lim, "an ODT document")
	if err != nil {
		return nil, err
	}
	rc, found, err := z.open("content.xml")
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errors.New("content.xml is missing: not an OpenDocument text, or a corrupt one")
	}
	defer rc.Close()
	b := &builder{}
	paras := &paraStack{b: b}
	dec := xml.NewDecoder(rc)
	var (
		skip   int                   // depth inside annotations and note citations
		parent = map[string]string{} // automatic style → its parent style
		// note is the annotation being read (its name, or a number for
		// one without), whose text is a comment, not prose.
		note     string
		notes    officeComments
		numNotes int
		noteText int // depth inside the annotation's paragraphs (not its author or date)
	)
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
				if note != "" && t.Name.Space == odtTextNS && t.Name.Local == "p" {
					notes.add(note, " ")
					noteText++
				}
				continue
			}
			switch t.Name.Space {
			case odtStyleNS:
				if t.Name.Local == "style" {
					parent[attr(t, "name")] = attr(t, "parent-style-name")
				}
				continue
			case odtOfficeNS:
				switch t.Name.Local {
				case "annotation":
					skip = 1
					numNotes++
					note = attr(t, "name")
					if note == "" {
						note = "\x00" + strconv.Itoa(numNotes)
					}
					notes.start(note, paras.anchor(false))
					notes.end(note, paras.anchor(true))
				case "annotation-end":
					notes.end(attr(t, "name"), paras.anchor(true))
				}
				continue
			case odtTableNS:
				switch t.Name.Local {
				case "table":
					b.table()
				case "table-row":
					b.row()
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
				p := paras.push()
				if t.Name.Local == "h" {
					p.level = 1
					if n, err := strconv.Atoi(attr(t, "outline-level")); err == nil && n > 0 {
						p.level = min(n, 10)
					}
				} else if s := attr(t, "style-name"); s == "Title" || parent[s] == "Title" {
					p.level = 1
				}
			case "s":
				n, err := strconv.Atoi(attr(t, "c"))
				if err != nil || n < 1 {
					n = 1
				}
				paras.text(strings.Repeat(" ", min(n, 100)))
			case "tab", "line-break":
				paras.text(" ")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				if note != "" && t.Name.Space == odtTextNS && t.Name.Local == "p" && noteText > 0 {
					noteText--
				}
				if skip == 0 {
					note, noteText = "", 0
				}
				continue
			}
			if t.Name.Space == odtTextNS && (t.Name.Local == "p" || t.Name.Local == "h") {
				paras.pop()
			}
			if t.Name.Space == odtTableNS && t.Name.Local == "table-row" {
				b.endRow()
			}
		case xml.CharData:
			if skip == 0 {
				paras.text(string(t))
			} else if note != "" && noteText > 0 {
				notes.add(note, string(t))
			}
		}
	}
	notes.directives(b)
	return b, nil
}
