package report

import (
	"io"
	"strings"

	"github.com/gomutex/godocx"
)

// assessmentDOCX writes the self-assessment form as a Word document: the
// form a landlord or council publishes and its board reviews, ready to
// edit. A landscape A4 page holds the five columns; the header rows repeat
// on every page and a provision never splits across pages; the Comply
// column carries its RAG fill and the word.
func assessmentDOCX(w io.Writer, a *assessment) error {
	rd, err := godocx.NewDocument()
	if err != nil {
		return err
	}
	d := &docxDoc{rd: rd}
	footer := a.Title
	if a.Period != "" {
		footer += " · " + a.Period
	}
	d.setup(footer, true)
	d.coreProps(a.Title, a.Date)
	d.heading(a.Title, 0)

	var head [][]dcell
	for _, kv := range a.header() {
		head = append(head, []dcell{{lines: []string{kv[0]}, bold: true}, txt(kv[1])})
	}
	d.table([]float64{0.2, 0.8}, nil, head)

	d.heading("Summary", 1)
	var sum [][]dcell
	for _, c := range a.Summary {
		sum = append(sum, []dcell{txt(c.Label), txt(itoa(c.N))})
	}
	d.table([]float64{0.75, 0.25}, []string{"Provisions", "Number"}, sum)

	widths := []float64{0.1, 0.29, 0.08, 0.25, 0.28}
	for _, s := range a.Sections {
		d.heading(s.Title, 1)
		rows := make([][]dcell, 0, len(s.Rows))
		for _, row := range s.Rows {
			comply := dcell{lines: []string{row.Comply}, fill: ragFill[complyRAG[row.Comply]], bold: row.Comply == complyNo || row.Comply == complyPartly}
			rows = append(rows, []dcell{{lines: []string{row.Provision}, bold: true}, txt(row.requirement()), comply,
				txt(nonEmpty(row.Evidence)...), txt(nonEmpty(row.Commentary)...)})
		}
		d.table(widths, assessColumns, rows)
	}
	if d.err != nil {
		return d.err
	}
	return rd.Write(w)
}

// nonEmpty is ss without its blank lines (a cell of none is one empty
// paragraph).
func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
