package hostile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/report"
	"github.com/xuri/excelize/v2"
)

// TestReportXLSX: the workbook opens again, every sheet reads back, and no
// cell holds a formula that came from the data.
func TestReportXLSX(t *testing.T) {
	out := render(t, "xlsx", report.Options{By: "item"})
	f, err := excelize.OpenReader(bytes.NewReader([]byte(out)))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	seen := false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("sheet %s: %v", sheet, err)
		}
		for i, row := range rows {
			for j := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if formula, _ := f.GetCellFormula(sheet, cell); strings.Contains(formula, "cmd") || strings.Contains(formula, "SUM") {
					t.Errorf("%s!%s holds the formula %q from the data", sheet, cell, formula)
				}
				if strings.Contains(row[j], "calc") {
					seen = true
				}
			}
		}
	}
	if !seen {
		t.Error("the hostile text is not in the workbook")
	}
}
