package document

import (
	"encoding/xml"
	"io"
	"sort"
	"strings"
)

// officeComments collects the comments of a DOCX or ODT document: each is
// anchored to a range of paragraphs (a Word comment's range, an ODT
// annotation and its end) and its text is written apart from the prose.
// Those addressed to svcaudit become the Document's Directives, each
// covering its range (Comment.EndLine).
type officeComments struct {
	byID  map[string]*officeComment
	order []string
}

type officeComment struct {
	from, to int
	text     strings.Builder
}

func (c *officeComments) get(id string) *officeComment {
	if c.byID == nil {
		c.byID = map[string]*officeComment{}
	}
	oc := c.byID[id]
	if oc == nil {
		if len(c.byID) >= maxOfficeComments {
			return &officeComment{} // past the bound: read, not kept
		}
		oc = &officeComment{}
		c.byID[id] = oc
		c.order = append(c.order, id)
	}
	return oc
}

// maxOfficeComments bounds how many comments of one document are kept.
const maxOfficeComments = 10000

// start anchors comment id's range at paragraph para (the first time).
func (c *officeComments) start(id string, para int) {
	if oc := c.get(id); oc.from == 0 {
		oc.from = para
	}
}

// end ends comment id's range at paragraph para.
func (c *officeComments) end(id string, para int) {
	oc := c.get(id)
	if oc.from == 0 {
		oc.from = para
	}
	oc.to = max(oc.to, para)
}

// add appends text to comment id's text, within the bound a directive needs.
func (c *officeComments) add(id, s string) {
	if oc := c.get(id); oc.text.Len() < maxDirective {
		oc.text.WriteString(s)
	}
}

// directives hands the builder the comments addressed to svcaudit, in the
// order of the paragraphs they are anchored to.
func (c *officeComments) directives(b *builder) {
	var out []Comment
	for _, id := range c.order {
		oc := c.byID[id]
		text := strings.Join(strings.Fields(oc.text.String()), " ")
		if !strings.Contains(text, directivePrefix) || oc.from == 0 {
			continue
		}
		out = append(out, Comment{Line: oc.from, EndLine: max(oc.to, oc.from), Text: text})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	b.directives = append(b.directives, out...)
}

// para is the paragraph an anchor at this point of the XML belongs to: the
// open one, else the next to begin (a range that starts between
// paragraphs), or for an end, the last begun.
func (s *paraStack) anchor(end bool) int {
	if p := s.top(); p != nil {
		return p.num
	}
	if end {
		return max(s.n, 1)
	}
	return s.n + 1
}

// docxComments reads word/comments.xml: the text of each comment by id.
func docxComments(r io.Reader, c *officeComments) error {
	dec := xml.NewDecoder(r)
	var id string
	inText, paras := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlErr("word/comments.xml", dec, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "comment":
				id, paras = attr(t, "id"), 0
			case "p":
				if _, known := c.byID[id]; known && paras > 0 {
					c.add(id, " ")
				}
				paras++
			case "t":
				inText = true
			}
		case xml.EndElement:
			if t.Name.Space == wordNS && t.Name.Local == "t" {
				inText = false
			}
			if t.Name.Space == wordNS && t.Name.Local == "comment" {
				id = ""
			}
		case xml.CharData:
			if inText && id != "" {
				if _, known := c.byID[id]; known {
					c.add(id, string(t))
				}
			}
		}
	}
}
