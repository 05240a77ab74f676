package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSX fills for the RAG ratings, light enough for black text.
var ragFill = map[string]string{"green": "C6E7CE", "amber": "FCE3B6", "red": "F6C4C0"}

type xlsxStyles struct {
	header, num, wrap, bold int
	rag, ragNum             map[string]int
}

func newStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{rag: map[string]int{}, ragNum: map[string]int{}}
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
	for rag, color := range ragFill {
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		s.rag[rag] = mk(&excelize.Style{Fill: fill})
		s.ragNum[rag] = mk(&excelize.Style{Fill: fill, CustomNumFmt: &oneDP})
	}
	return s, err
}

// sheet writes rows to one worksheet, keeping the first error.
type sheet struct {
	f    *excelize.File
	name string
	err  error
}

func (s *sheet) set(col, row int, v any) {
	if s.err != nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err == nil {
		switch x := v.(type) {
		case *float64:
			if x == nil {
				return
			}
			err = s.f.SetCellFloat(s.name, ref, *x, -1, 64)
		case float64:
			err = s.f.SetCellFloat(s.name, ref, x, -1, 64)
		default:
			err = s.f.SetCellValue(s.name, ref, v)
		}
	}
	s.err = err
}

func (s *sheet) style(col, row, id int) {
	if s.err != nil || id == 0 {
		return
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	s.err = s.f.SetCellStyle(s.name, ref, ref, id)
}

// header writes a bold header row, freezes it and sets column widths.
func (s *sheet) header(st *xlsxStyles, widths []float64, cols ...string) {
	for i, c := range cols {
		s.set(i+1, 1, c)
		s.style(i+1, 1, st.header)
	}
	for i, w := range widths {
		if s.err == nil {
			col, _ := excelize.ColumnNumberToName(i + 1)
			s.err = s.f.SetColWidth(s.name, col, col, w)
		}
	}
	if s.err == nil {
		s.err = s.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

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
	sum := &sheet{f: f, name: "Summary"}
	sum.header(st, []float64{32, 22, 12, 20, 10, 24, 9, 9, 10, 40}, "Subject", "Checklist", "Date", "Auditor", "Score", "Grade", "RAG", "Passed", "Change", "Failed gating rules")
	for i, c := range v.Subjects {
		r := i + 2
		sum.set(1, r, c.Label)
		sum.set(2, r, c.Checklist)
		sum.set(3, r, c.Date)
		sum.set(4, r, c.Auditor)
		sum.set(5, r, c.Score)
		sum.style(5, r, st.ragNum[c.RAG])
		sum.set(6, r, c.Grade)
		sum.style(6, r, st.rag[c.RAG])
		sum.set(7, r, ragWord(c.RAG))
		sum.style(7, r, st.rag[c.RAG])
		sum.set(8, r, yesNo(c.Passed))
		sum.set(9, r, c.Delta)
		sum.style(9, r, st.num)
		var failed []string
		for _, g := range v.Audits[i].Gates {
			if !g.Passed {
				failed = append(failed, strings.TrimSpace(g.Rule+" "+g.Detail))
			}
		}
		sum.set(10, r, strings.Join(failed, "; "))
	}
	if sum.err != nil {
		return sum.err
	}

	if _, err := f.NewSheet("Comparison"); err != nil {
		return err
	}
	cmp := &sheet{f: f, name: "Comparison"}
	first := "Section"
	if v.By == "item" {
		first = "Item"
	}
	cols := []string{first + " id", first}
	widths := []float64{26, 44}
	for _, c := range v.Subjects {
		cols = append(cols, c.Label)
		widths = append(widths, 14)
	}
	cmp.header(st, widths, cols...)
	write := func(r int, id, title string, cells []cell) {
		cmp.set(1, r, id)
		cmp.set(2, r, title)
		for i, ce := range cells {
			if ce.Score == nil {
				if !ce.Missing {
					cmp.set(i+3, r, ce.Outcome)
				}
				continue
			}
			cmp.set(i+3, r, ce.Score)
			cmp.style(i+3, r, st.ragNum[ce.RAG])
		}
	}
	for i, row := range v.Rows {
		write(i+2, row.ID, row.Title, row.Cells)
	}
	last := len(v.Rows) + 2
	write(last, "overall", "Overall", v.Overall.Cells)
	cmp.style(2, last, st.bold)
	if cmp.err != nil {
		return cmp.err
	}

	if _, err := f.NewSheet("Items"); err != nil {
		return err
	}
	items := &sheet{f: f, name: "Items"}
	items.header(st, []float64{28, 34, 50, 11, 10, 8, 8, 9, 12, 50, 50, 40},
		"Subject", "Item", "Question", "Outcome", "Answer", "Score", "Weight", "Critical", "Source", "Note", "Evidence", "Waiver")
	r := 2
	for _, c := range v.Subjects {
		for _, it := range c.r.Items {
			items.set(1, r, c.Label)
			items.set(2, r, it.ID)
			items.set(3, r, it.Question)
			items.style(3, r, st.wrap)
			items.set(4, r, string(it.Outcome))
			items.style(4, r, st.rag[outcomeRAG(it.Outcome)])
			items.set(5, r, it.Answer)
			items.set(6, r, it.Score)
			items.style(6, r, st.num)
			items.set(7, r, it.Weight)
			if it.Critical {
				items.set(8, r, "yes")
			}
			items.set(9, r, string(it.Source))
			items.set(10, r, it.Note)
			items.style(10, r, st.wrap)
			items.set(11, r, strings.Join(evidenceOf(it), "\n"))
			items.style(11, r, st.wrap)
			if it.Waiver != nil {
				items.set(12, r, fmt.Sprintf("%s until %s: %s", it.Waiver.Owner, it.Waiver.Expires, it.Waiver.Reason))
			}
			r++
		}
	}
	if items.err != nil {
		return items.err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}
