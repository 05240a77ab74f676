package report

import (
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSX fills for the RAG ratings, light enough for black text.
var ragFill = map[string]string{"green": "C6E7CE", "amber": "FCE3B6", "red": "F6C4C0"}

type xlsxStyles struct {
	header, num, wrap, bold, date int
	rag, ragNum, ragWordNum       map[string]int
}

func newStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{rag: map[string]int{}, ragNum: map[string]int{}, ragWordNum: map[string]int{}}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	oneDP := "0.0"
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1D2330"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	s.num = mk(&excelize.Style{CustomNumFmt: &oneDP})
	s.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	isoDate := "yyyy-mm-dd"
	s.date = mk(&excelize.Style{CustomNumFmt: &isoDate})
	// in a fixed order, so that the same report gives the same file
	// (ranging over ragFill numbered the styles in map order)
	for _, rag := range []string{"green", "amber", "red"} {
		color := ragFill[rag]
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		s.rag[rag] = mk(&excelize.Style{Fill: fill})
		s.ragNum[rag] = mk(&excelize.Style{Fill: fill, CustomNumFmt: &oneDP})
		// The rating in words beside the number, which stays a number:
		// a printout in black and white loses nothing.
		withWord := `0.0" ` + ragWord(rag) + `"`
		s.ragWordNum[rag] = mk(&excelize.Style{Fill: fill, CustomNumFmt: &withWord})
	}
	return s, err
}

// sheet streams rows to one worksheet (excelize's StreamWriter: a
// thousand audits' items are written in a fraction of the time cell-by-cell
// writes take), keeping the first error.
type sheet struct {
	sw  *excelize.StreamWriter
	row int
	err error
}

// newSheet starts a worksheet: column widths, a styled header row frozen
// at the top.
func newSheet(f *excelize.File, name string, st *xlsxStyles, widths []float64, cols ...string) *sheet {
	s := &sheet{}
	s.sw, s.err = f.NewStreamWriter(name)
	// Runs of equal widths in one call: excelize rewrites its column list
	// on every call.
	for i := 0; i < len(widths); {
		j := i
		for j+1 < len(widths) && widths[j+1] == widths[i] {
			j++
		}
		if s.err == nil {
			s.err = s.sw.SetColWidth(i+1, j+1, widths[i])
		}
		i = j + 1
	}
	if s.err == nil {
		s.err = s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c}
	}
	s.add(head...)
	return s
}

// add writes the next row. A *float64 that is nil leaves its cell empty.
func (s *sheet) add(cells ...any) { s.addRow(nil, cells...) }

// addTall writes the next row at a height, in points.
func (s *sheet) addTall(height float64, cells ...any) {
	s.addRow([]excelize.RowOpts{{Height: height}}, cells...)
}

func (s *sheet) addRow(opts []excelize.RowOpts, cells ...any) {
	if s.err != nil {
		return
	}
	s.row++
	for i, c := range cells {
		switch x := c.(type) {
		case *float64:
			if x == nil {
				cells[i] = nil
			} else {
				cells[i] = *x
			}
		case excelize.Cell:
			if p, ok := x.Value.(*float64); ok {
				if p == nil {
					x.Value = nil
				} else {
					x.Value = *p
				}
				cells[i] = x
			}
		}
	}
	ref, _ := excelize.CoordinatesToCellName(1, s.row)
	s.err = s.sw.SetRow(ref, cells, opts...)
}

func (s *sheet) flush() error {
	if s.err != nil {
		return s.err
	}
	return s.sw.Flush()
}

func styled(id int, v any) excelize.Cell { return excelize.Cell{StyleID: id, Value: v} }

// renderXLSX writes a workbook: a Summary sheet (one row per subject), a
// Comparison sheet (sections or items by subject, RAG fills) and an Items
// sheet. Scores are numbers, not text.
func renderXLSX(w io.Writer, v *view) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	props := &excelize.DocProperties{Title: v.Title, Subject: v.Period, Creator: "svcaudit"}
	if v.Produced != "" {
		props.Created = v.Produced + "T00:00:00Z"
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	cols := []string{"Subject", "Checklist", "Date", "Auditor", "Score", "Grade", "RAG", "Passed", "Change", "Failed gating rules"}
	widths := []float64{32, 22, 12, 20, 10, 24, 9, 9, 10, 40}
	league := v.Sort == "score"
	if league {
		cols, widths = append([]string{"Rank"}, cols...), append([]float64{7}, widths...)
	}
	sum := newSheet(f, "Summary", st, widths, cols...)
	for _, c := range v.Subjects {
		var failed []string
		for _, g := range c.r.Gates {
			if !g.Passed {
				failed = append(failed, strings.TrimSpace(g.Rule+" "+g.Detail))
			}
		}
		// Dates are stored as dates, so that a spreadsheet sorts and
		// filters them; a date that does not parse stays text.
		var date any = c.Date
		if d, err := time.Parse("2006-01-02", c.Date); err == nil {
			date = styled(st.date, d)
		}
		row := []any{c.Label, c.Checklist, date, c.Auditor, styled(st.ragNum[c.RAG], c.Score), styled(st.rag[c.RAG], c.Grade),
			styled(st.rag[c.RAG], ragWord(c.RAG)), yesNo(c.Passed), styled(st.num, c.Delta), strings.Join(failed, "; ")}
		if league {
			row = append([]any{c.Rank}, row...)
		}
		sum.add(row...)
	}
	if err := sum.flush(); err != nil {
		return err
	}

	if _, err := f.NewSheet("Comparison"); err != nil {
		return err
	}
	first := "Section"
	if v.By == "item" {
		first = "Item"
	}
	cols = []string{first + " id", first}
	widths = []float64{26, 44}
	for _, c := range v.Subjects {
		cols = append(cols, c.Label)
		widths = append(widths, 16)
	}
	cmp := newSheet(f, "Comparison", st, widths, cols...)
	write := func(id string, title any, cells []cell) {
		row := []any{id, title}
		for _, ce := range cells {
			switch {
			case ce.Score != nil:
				row = append(row, styled(st.ragWordNum[ce.RAG], ce.Score))
			case ce.Missing:
				row = append(row, nil)
			default:
				row = append(row, ce.Outcome)
			}
		}
		cmp.add(row...)
	}
	for _, r := range v.Rows {
		write(r.Name(), r.Title, r.Cells)
	}
	write("overall", styled(st.bold, "Overall"), v.Overall.Cells)
	if err := cmp.flush(); err != nil {
		return err
	}

	if _, err := f.NewSheet("Items"); err != nil {
		return err
	}
	items := newSheet(f, "Items", st, []float64{28, 34, 8, 50, 11, 10, 8, 8, 9, 12, 50, 50, 40},
		"Subject", "Item", "Ref", "Question", "Outcome", "Answer", "Score", "Weight", "Critical", "Source", "Note", "Evidence", "Waiver")
	for _, c := range v.Subjects {
		for _, it := range c.r.Items() {
			var crit, waiver any
			if it.Critical {
				crit = "yes"
			}
			if it.Waiver != nil {
				waiver = strings.TrimPrefix(it.Waiver.Describe(), "waived by ")
			}
			items.add(c.Label, it.ID, it.Ref, styled(st.wrap, it.Question), styled(st.rag[outcomeRAG(it.Outcome)], string(it.Outcome)),
				it.AnswerText(), styled(st.num, it.Score), it.Weight, crit, string(it.Source), styled(st.wrap, it.Note),
				styled(st.wrap, strings.Join(evidenceOf(it), "\n")), waiver)
		}
	}
	if err := items.flush(); err != nil {
		return err
	}
	// Summary, the first sheet, is already the active one; SetActiveSheet
	// would read every streamed sheet back.
	return f.Write(w)
}
