package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/common/constants"
	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/dml"
	"github.com/gomutex/godocx/dml/dmlct"
	"github.com/gomutex/godocx/dml/dmlpic"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// The DOCX report is a board paper a secretary can drop into the pack and
// edit in Word or LibreOffice: real headings, tables with RAG fills and the
// rating in words, the HTML report's charts as pictures, A4 pages with 2 cm
// margins and numbered pages. It is written with gomutex/godocx (MIT, pure
// Go): tables, cell shading, pictures and section properties are in its
// API; the footer with the page number is a part this file adds.

// Page geometry, in twentieths of a point: A4, 2 cm margins.
const (
	a4W        = 11906
	a4H        = 16838
	a4Margin   = 1134
	docxTextW  = a4W - 2*a4Margin // 9638
	docxHeadBg = "1D2330"
)

type docxDoc struct {
	rd  *docx.RootDoc
	err error
	// textW is the width between the margins, in twentieths of a point:
	// docxTextW on a portrait page, more on a landscape one.
	textW int
}

// width is the text width of the page set up.
func (d *docxDoc) width() int {
	if d.textW == 0 {
		return docxTextW
	}
	return d.textW
}

// para adds a paragraph of runs; a run starting with "*" is bold.
func (d *docxDoc) para(runs ...string) *docx.Paragraph {
	p := d.rd.AddEmptyParagraph()
	for _, r := range runs {
		if strings.HasPrefix(r, "*") {
			p.AddText(r[1:]).Bold(true)
		} else {
			p.AddText(r)
		}
	}
	return p
}

func (d *docxDoc) heading(text string, level uint) {
	if _, err := d.rd.AddHeading(text, level); err != nil && d.err == nil {
		d.err = err
	}
}

// dcell is one table cell: lines of text (each its own paragraph), an
// optional fill and bold.
type dcell struct {
	lines []string
	fill  string
	bold  bool
}

func txt(s ...string) dcell { return dcell{lines: s} }

// ragCell is a score or grade with its RAG fill and the rating in words.
func ragCell(text, rag string) dcell {
	word := ragWord(rag)
	switch {
	case word == "":
		return txt(text)
	case text == "":
		return dcell{lines: []string{word}, fill: ragFill[rag]}
	}
	return dcell{lines: []string{text + " · " + word}, fill: ragFill[rag]}
}

// table adds a table the width of the text: a header row (when head is
// not nil) repeated on every page, rows that never split across pages.
// widths are fractions of the text width.
func (d *docxDoc) table(widths []float64, head []string, rows [][]dcell) {
	t := d.rd.AddTable()
	t.Style("TableGrid")
	t.Width(d.width(), stypes.TableWidthDxa)
	tw := make([]int, len(widths))
	grid := make([]uint64, len(widths))
	for i, f := range widths {
		tw[i] = int(f * float64(d.width()))
		grid[i] = uint64(tw[i])
	}
	t.Grid(grid...)
	t.Layout(stypes.TableLayoutFixed)
	on := stypes.OnOffTrue
	addRow := func(cells []dcell, header bool) {
		r := t.AddRow()
		for i, c := range cells {
			cl := r.AddCell()
			if i < len(tw) {
				cl.Width(tw[i], stypes.TableWidthDxa)
			}
			fill, bold := c.fill, c.bold
			if header {
				fill, bold = docxHeadBg, true
			}
			if fill != "" {
				cl.BackgroundColor(fill)
			}
			lines := c.lines
			if len(lines) == 0 {
				lines = []string{""}
			}
			for _, l := range lines {
				p := cl.AddEmptyPara()
				p.Spacing(0, 0)
				run := p.AddText(l).Size(10)
				if bold {
					run.Bold(true)
				}
				if header {
					run.Color("FFFFFF")
				}
			}
		}
		ct := t.GetCT()
		row := ct.RowContents[len(ct.RowContents)-1].Row
		if row.Property == nil {
			row.Property = &ctypes.RowProperty{}
		}
		row.Property.CantSplit = &ctypes.OnOff{Val: &on}
		if header {
			row.Property.Header = &ctypes.OnOff{Val: &on}
		}
	}
	if head != nil {
		hc := make([]dcell, len(head))
		for i, h := range head {
			hc[i] = txt(h)
		}
		addRow(hc, true)
	}
	for _, r := range rows {
		addRow(r, false)
	}
	// A little space after each table.
	d.rd.AddEmptyParagraph()
}

// picture adds a PNG, widthCm wide, keeping its aspect ratio.
func (d *docxDoc) picture(png []byte, pxW, pxH int, widthCm float64, name string) {
	rd := d.rd
	rd.ImageCount++
	file := fmt.Sprintf("image%d.png", rd.ImageCount)
	rd.FileMap.Store(constants.MediaPath+file, png)
	if err := rd.ContentType.AddExtension("png", "image/png"); err != nil && d.err == nil {
		d.err = err
	}
	id := fmt.Sprintf("rId%d", rd.Document.IncRelationID())
	rd.Document.DocRels.Relationships = append(rd.Document.DocRels.Relationships,
		&docx.Relationship{ID: id, Type: constants.SourceRelationshipImage, Target: "media/" + file})
	w := units.Inch(widthCm / 2.54).ToEmu()
	h := units.Emu(float64(w) * float64(pxH) / float64(pxW))
	inline := dml.NewInline(*dmlct.NewPostvSz2D(w, h), dml.DocProp{ID: uint64(rd.ImageCount), Name: name, Description: name},
		*dml.NewPicGraphic(dmlpic.NewPic(id, rd.ImageCount, w, h)))
	p := rd.AddEmptyParagraph()
	p.Justification(stypes.JustificationCenter)
	// The picture stays on the page of its caption.
	on := stypes.OnOffTrue
	p.GetCT().Property.KeepNext = &ctypes.OnOff{Val: &on}
	p.GetCT().Children = append(p.GetCT().Children, ctypes.ParagraphChild{Run: &ctypes.Run{
		Children: []ctypes.RunChild{{Drawing: &dml.Drawing{Inline: []dml.Inline{inline}}}}}})
}

func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// pageSetup makes the pages A4 with 2 cm margins and adds a footer with
// the title and "page N of M".
func (d *docxDoc) pageSetup(footer string) { d.setup(footer, false) }

// setup is pageSetup, on a landscape page when landscape is set (a form of
// five wide columns).
func (d *docxDoc) setup(footer string, landscape bool) {
	rd := d.rd
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	field := func(code, shown string) string {
		const small = `<w:rPr><w:sz w:val="16"/></w:rPr>`
		return `<w:r>` + small + `<w:fldChar w:fldCharType="begin"/></w:r><w:r>` + small + `<w:instrText xml:space="preserve"> ` + code +
			` </w:instrText></w:r><w:r>` + small + `<w:fldChar w:fldCharType="separate"/></w:r><w:r>` + small + `<w:t>` + shown +
			`</w:t></w:r><w:r>` + small + `<w:fldChar w:fldCharType="end"/></w:r>`
	}
	ftr := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:ftr ` + ns + `><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>` +
		`<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">` + xmlText(footer) + ` · page </w:t></w:r>` +
		field("PAGE", "1") + `<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> of </w:t></w:r>` + field("NUMPAGES", "1") +
		`</w:p></w:ftr>`
	rd.FileMap.Store("word/footer1.xml", []byte(ftr))
	if err := rd.ContentType.AddOverride("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"); err != nil && d.err == nil {
		d.err = err
	}
	id := fmt.Sprintf("rId%d", rd.Document.IncRelationID())
	rd.Document.DocRels.Relationships = append(rd.Document.DocRels.Relationships,
		&docx.Relationship{ID: id, Type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer", Target: "footer1.xml"})
	w, h := uint64(a4W), uint64(a4H)
	var orient stypes.PageOrient
	d.textW = docxTextW
	if landscape {
		w, h = h, w
		orient = stypes.PageOrientLandscape
		d.textW = a4H - 2*a4Margin
	}
	m, hf, gutter := a4Margin, 567, 0
	rd.Document.Body.SectPr = &ctypes.SectionProp{
		FooterReference: &ctypes.FooterReference{Type: stypes.HdrFtrDefault, ID: id},
		PageSize:        &ctypes.PageSize{Width: &w, Height: &h, Orient: orient},
		PageMargin:      &ctypes.PageMargin{Top: &m, Bottom: &m, Left: &m, Right: &m, Header: &hf, Footer: &hf, Gutter: &gutter},
	}
}

// coreProps replaces the template's document properties (and drops its
// thumbnail) so that the file's title and date are the report's.
func (d *docxDoc) coreProps(title, date string) {
	rd := d.rd
	created := ""
	if date != "" {
		created = `<dcterms:created xsi:type="dcterms:W3CDTF">` + xmlText(date) + `T00:00:00Z</dcterms:created>`
	}
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlText(title) + `</dc:title><dc:creator>svcaudit</dc:creator>` + created + `</cp:coreProperties>`
	rd.FileMap.Store("docProps/core.xml", []byte(core))
	rd.FileMap.Delete("docProps/thumbnail.jpeg")
	var keep []*docx.Relationship
	for _, r := range rd.RootRels.Relationships {
		if !strings.HasSuffix(r.Type, "/thumbnail") {
			keep = append(keep, r)
		}
	}
	rd.RootRels.Relationships = keep
}

// renderDOCX writes the report as a Word document.
func renderDOCX(w io.Writer, v *view, opts Options) error {
	rd, err := godocx.NewDocument()
	if err != nil {
		return err
	}
	d := &docxDoc{rd: rd}
	produced := ""
	if !opts.Produced.IsZero() {
		produced = opts.Produced.Format("2006-01-02")
	}
	footer := v.Title
	if opts.Period != "" {
		footer += " · " + opts.Period
	}
	d.pageSetup(footer)
	d.coreProps(v.Title, produced)
	d.heading(v.Title, 0)

	if v.Single() {
		c := v.Subjects[0]
		a := v.Audit(0)
		rows := [][]dcell{{txt("Subject"), txt(c.Subject)}, {txt("Checklist"), txt(c.r.Checklist.Title + " (" + c.Checklist + ")")}}
		if opts.Period != "" {
			rows = append(rows, []dcell{txt("Period"), txt(opts.Period)})
		}
		if c.Date != "" {
			rows = append(rows, []dcell{txt("Audit date"), txt(c.Date)})
		}
		if c.Auditor != "" {
			rows = append(rows, []dcell{txt("Auditor"), txt(c.Auditor)})
		}
		if produced != "" {
			rows = append(rows, []dcell{txt("Report produced"), txt(produced)})
		}
		score := num(c.Score) + "%"
		if c.Delta != nil {
			score += "  (" + deltaText(c.Delta) + " since " + c.Baseline + ")"
		}
		rows = append(rows, []dcell{txt("Score"), {lines: []string{score}, bold: true, fill: ragFill[c.RAG]}},
			[]dcell{txt("Grade"), {lines: []string{c.Grade + " · " + ragWord(c.RAG)}, bold: true, fill: ragFill[c.RAG]}},
			[]dcell{txt("Passed"), txt(passedText(c.Passed, c.Critical(), a.Gates))})
		for i := range rows {
			rows[i][0].bold = true
		}
		d.table([]float64{0.28, 0.72}, nil, rows)
	} else {
		head := []string{"Subject", "Date", "Score", "Grade", "Passed"}
		widths := []float64{0.27, 0.13, 0.14, 0.22, 0.24}
		if v.Sort == "score" {
			head = append([]string{"Rank"}, head...)
			widths = scaleWidths(append([]float64{0.07}, widths...))
		}
		if v.HasBaseline {
			head = append(head, "Change")
			widths = scaleWidths(append(widths, 0.12))
		}
		var rows [][]dcell
		for _, c := range v.Subjects {
			r := []dcell{txt(c.Label), txt(c.Date), ragCell(num(c.Score), c.RAG), ragCell(c.Grade, c.RAG),
				txt(passedText(c.Passed, c.Critical(), c.r.Gates))}
			if v.Sort == "score" {
				r = append([]dcell{txt(itoa(c.Rank))}, r...)
			}
			if v.HasBaseline {
				r = append(r, txt(c.DeltaText()))
			}
			rows = append(rows, r)
		}
		if opts.Period != "" || produced != "" {
			var parts []string
			if opts.Period != "" {
				parts = append(parts, "Period: "+opts.Period)
			}
			if produced != "" {
				parts = append(parts, "Report produced: "+produced)
			}
			d.para(strings.Join(parts, ". ") + ".")
		}
		d.heading("Summary", 1)
		d.table(widths, head, rows)
	}

	// The charts, as in the HTML report.
	bc := bars(v)
	if img, err := barsPNG(bc, docxChartPt); err == nil {
		d.heading(bc.Title, 2)
		d.picture(img, int(bc.Width), int(bc.Height), docxChartCm, bc.Title)
		d.para("Shaded bands are the grade bands; each bar is labelled with its score and grade.").Style("Caption")
	} else {
		return err
	}

	docxGrid(d, v)

	if len(v.Trends) > 0 {
		lc := lines(v)
		img, err := linesPNG(lc, docxChartPt)
		if err != nil {
			return err
		}
		d.heading("Trend", 1)
		d.picture(img, int(lc.Width), int(lc.Height), docxChartCm, "Overall score by audit date")
		d.para("Overall score at each audit; shaded bands are the grade bands.").Style("Caption")
		var rows [][]dcell
		for _, t := range v.Trends {
			for _, p := range t.Points {
				rows = append(rows, []dcell{txt(t.Subject), txt(p.Date), ragCell(num(p.Score), p.RAG), ragCell(p.Grade, p.RAG)})
			}
		}
		d.table([]float64{0.4, 0.18, 0.14, 0.28}, []string{"Subject", "Date", "Score", "Grade"}, rows)
	}

	for a := range v.EachAudit() {
		docxAudit(d, v, a, opts)
	}
	d.para("Grade bands: " + bandsText(v.Bands) + ". Written by svcaudit.").Style("Caption")
	if d.err != nil {
		return d.err
	}
	return rd.Write(w)
}

// The charts fill the text width (17 cm).
const (
	docxChartCm = 17.0
	docxChartPt = docxChartCm / 2.54 * 72
)

func scaleWidths(w []float64) []float64 {
	var sum float64
	for _, f := range w {
		sum += f
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

func bandsText(bands []band) string {
	var parts []string
	for _, b := range bands {
		parts = append(parts, fmt.Sprintf("%s (%s) from %s%%", b.Label, ragWord(b.RAG), num(b.Min)))
	}
	return strings.Join(parts, "; ")
}

func docxGrid(d *docxDoc, v *view) {
	first := "Section"
	if v.By == "item" {
		first = "Item"
	}
	if v.Single() {
		d.heading(first+"s", 1)
		head := []string{first, "Score", "Grade"}
		widths := []float64{0.46, 0.18, 0.36}
		if v.HasBaseline {
			head = append(head, "Change")
			widths = []float64{0.4, 0.17, 0.31, 0.12}
		}
		line := func(label string, c cell, bold bool) []dcell {
			r := []dcell{{lines: []string{label}, bold: bold}, ragCell(c.Text(), c.RAG), ragCell(c.Grade, c.RAG)}
			if c.Grade == "" && c.RAG == "" {
				r[2] = txt("")
			}
			if v.HasBaseline {
				r = append(r, txt(c.DeltaText()))
			}
			return r
		}
		var rows [][]dcell
		for _, r := range v.Rows {
			rows = append(rows, line(rowLabel(v, r), r.Cells[0], false))
		}
		rows = append(rows, line("Overall", v.Overall.Cells[0], true))
		d.table(widths, head, rows)
		return
	}
	d.heading("Comparison by "+strings.ToLower(first), 1)
	head := []string{first}
	widths := []float64{0.3}
	for _, c := range v.Subjects {
		head = append(head, c.Label)
		widths = append(widths, 0.7/float64(len(v.Subjects)))
	}
	cellOf := func(c cell) dcell {
		s := c.Text()
		if dt := c.DeltaText(); dt != "" {
			s += " " + dt
		}
		return ragCell(s, c.RAG)
	}
	var rows [][]dcell
	for _, r := range v.Rows {
		row := []dcell{txt(rowLabel(v, r))}
		for _, c := range r.Cells {
			row = append(row, cellOf(c))
		}
		rows = append(rows, row)
	}
	o := []dcell{{lines: []string{"Overall"}, bold: true}}
	for _, c := range v.Overall.Cells {
		x := cellOf(c)
		x.bold = true
		o = append(o, x)
	}
	d.table(widths, head, append(rows, o))
}

func docxAudit(d *docxDoc, v *view, a audit, opts Options) {
	level := uint(1)
	if !v.Single() {
		d.heading(a.Subject, 1)
		level = 2
	}
	if len(a.Gates) > 0 {
		d.heading("Gating rules", level)
		var rows [][]dcell
		for _, g := range a.Gates {
			held := dcell{lines: []string{"yes"}, fill: ragFill["green"]}
			if !g.Passed {
				held = dcell{lines: []string{"no"}, fill: ragFill["red"], bold: true}
			}
			rows = append(rows, []dcell{txt(g.Rule), held, txt(g.Detail)})
		}
		d.table([]float64{0.3, 0.1, 0.6}, []string{"Rule", "Held", "Detail"}, rows)
	}
	if len(a.Notices) > 0 {
		d.heading("Notices", level)
		for _, n := range a.Notices {
			d.para(n).Style("ListBullet")
		}
	}
	if len(a.Changes) > 0 {
		d.heading("Changes since the baseline", level)
		var rows [][]dcell
		for _, ch := range a.Changes {
			rag := "green"
			if ch.Kind == "newly failed" {
				rag = "red"
			}
			rows = append(rows, []dcell{{lines: []string{ch.Kind}, fill: ragFill[rag]}, txt(ch.Name(), ch.Question), txt(ch.From), txt(ch.To)})
		}
		d.table([]float64{0.18, 0.54, 0.14, 0.14}, []string{"Change", "Item", "Was", "Now"}, rows)
	}
	d.heading("Failed and partial items", level)
	if len(a.Failures) == 0 {
		d.para("None.")
	} else if opts.Summary {
		d.para(failureCounts(a.Failures))
	} else {
		var rows [][]dcell
		for _, f := range a.Failures {
			outcome := dcell{lines: []string{f.Outcome}, fill: ragFill["amber"]}
			if f.Outcome == "fail" {
				outcome.fill = ragFill["red"]
			}
			if f.Critical {
				outcome.lines = []string{"critical " + f.Outcome}
				outcome.bold = true
			}
			ans := f.Answer
			if ans == "" {
				ans = f.Source
			} else {
				ans += " (" + f.Source + ")"
			}
			if f.Automated != "" {
				ans += "; documents said " + f.Automated
			}
			outcome.lines = append(outcome.lines, ans)
			detail := []string{}
			if f.Note != "" {
				detail = append(detail, "Note: "+f.Note)
			}
			for _, e := range f.Evidence {
				detail = append(detail, "• "+e)
			}
			for _, act := range f.Actions {
				detail = append(detail, "Action "+act.ID+": "+act.Description+" ("+act.Owner+", due "+act.dueClause()+")")
			}
			if len(detail) == 0 {
				detail = []string{"—"}
			}
			rows = append(rows, []dcell{txt(f.Name(), f.Question), outcome, txt(detail...)})
		}
		d.table([]float64{0.3, 0.17, 0.53}, []string{"Item", "Outcome", "Note, evidence and actions"}, rows)
	}
	if opts.Summary {
		return
	}
	if len(a.Actions) > 0 {
		d.heading("Other open actions", level)
		var rows [][]dcell
		for _, act := range a.Actions {
			due := txt(act.DueText())
			if act.IsOverdue() {
				due = dcell{lines: []string{act.DueText()}, fill: ragFill["red"], bold: true}
			}
			rows = append(rows, []dcell{txt(act.ID), txt(act.Item), txt(act.Description), txt(act.Owner), due})
		}
		d.table([]float64{0.14, 0.22, 0.34, 0.14, 0.16}, []string{"Action", "Item", "Description", "Owner", "Due"}, rows)
	}
	if len(a.Waived) > 0 {
		d.heading("Waived items", level)
		var rows [][]dcell
		for _, x := range a.Waived {
			rows = append(rows, []dcell{txt(x.Name(), x.Question), txt(x.Owner), txt(x.Reason), txt(x.Expires)})
		}
		d.table([]float64{0.34, 0.16, 0.34, 0.16}, []string{"Item", "Owner", "Reason", "Expires"}, rows)
	}
	if len(a.Unanswered) > 0 {
		d.heading("Unanswered items", level)
		for _, x := range a.Unanswered {
			d.para("*"+x.Name()+": ", x.Question).Style("ListBullet")
		}
	}
	if len(a.NotAsked) > 0 {
		d.heading("Follow-up questions not asked", level)
		for _, x := range a.NotAsked {
			d.para("*"+x.Name()+": ", x.Why).Style("ListBullet")
		}
	}
}
