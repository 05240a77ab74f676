package report

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/svcaudit/svcaudit/internal/safe"
)

// safeCell neutralises text a spreadsheet would run as a formula
// (safe.CSVCell): a cell that begins with = + - @, white space or a control
// character gets a leading apostrophe. Numbers the report writes itself are left alone.
func safeCell(s string) string { return safe.CSVCell(s) }

func numCell(v *float64) string {
	if v == nil {
		return ""
	}
	return num(*v)
}

// renderCSV writes one row per subject and section (or item, with By
// "item"), for spreadsheets.
func renderCSV(out io.Writer, v *view, opts Options) error {
	if opts.BOM {
		if _, err := io.WriteString(out, "\ufeff"); err != nil {
			return err
		}
	}
	w := csv.NewWriter(out)
	if v.By == "item" {
		_ = w.Write([]string{"subject", "checklist", "date", "item", "ref", "section", "question", "outcome", "answer", "score", "weight",
			"critical", "source", "note", "evidence", "waiver_owner", "waiver_reason", "waiver_expires", "baseline_score", "change", "open_actions"})
		for ci, c := range v.Subjects {
			acts := map[string][]string{}
			if v.HasActions {
				for _, f := range v.Audit(ci).Failures {
					for _, act := range f.Actions {
						acts[f.ID] = append(acts[f.ID], act.ID+" "+act.Owner+" due "+act.DueText())
					}
				}
			}
			for _, it := range c.r.Items() {
				var base *float64
				if c.base != nil {
					if b := c.base.find(it.ID); b != nil {
						base = b.scoreOf()
					}
				}
				var wo, wr, we string
				if it.Waiver != nil {
					wo, wr, we = it.Waiver.Who(), it.Waiver.Reason, it.Waiver.Until()
				}
				crit := ""
				if it.Critical {
					crit = "yes"
				}
				rec := []string{c.Subject, c.Checklist, c.Date, it.ID, it.Ref, it.Section, it.Question, string(it.Outcome), it.Answer}
				for i := range rec {
					rec[i] = safeCell(rec[i])
				}
				rec = append(rec, numCell(it.Score), trimNum(it.Weight), crit, string(it.Source),
					safeCell(it.Note), safeCell(strings.Join(evidenceOf(it), "; ")), safeCell(wo), safeCell(wr), safeCell(we),
					numCell(base), deltaNum(diff(it.Score, base)), safeCell(strings.Join(acts[it.ID], "; ")))
				_ = w.Write(rec)
			}
		}
	} else {
		_ = w.Write([]string{"subject", "checklist", "date", "section", "title", "score", "grade", "rag", "earned", "possible",
			"baseline_score", "change", "overall_score", "overall_grade", "passed"})
		for ci, c := range v.Subjects {
			for _, r := range v.Rows {
				ce := r.Cells[ci]
				if ce.Missing {
					continue
				}
				var earned, possible string
				if si := sectionIndex(c.r, r.ID); si >= 0 {
					earned, possible = trimNum(c.r.Sections[si].Earned), trimNum(c.r.Sections[si].Possible)
				}
				_ = w.Write([]string{safeCell(c.Subject), safeCell(c.Checklist), safeCell(c.Date), safeCell(r.ID), safeCell(r.Title),
					numCell(ce.Score), safeCell(ce.Grade), ce.RAG, earned, possible, numCell(ce.Base), deltaNum(ce.Delta),
					num(c.Score), safeCell(c.Grade), yesNo(c.Passed)})
			}
		}
	}
	w.Flush()
	return w.Error()
}

func deltaNum(d *float64) string {
	if d == nil {
		return ""
	}
	return num(*d)
}
