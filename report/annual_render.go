package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// annualMarkdown writes the annual report as Markdown for a board paper.
func annualMarkdown(out io.Writer, v *annualView) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "# %s\n\n", md(v.Title))
	if v.Subject != "" {
		fmt.Fprintf(w, "**%s**", md(v.Subject))
		if v.Period != "" {
			fmt.Fprintf(w, " · cases received %s", md(v.Period))
		}
		fmt.Fprint(w, "\n\n")
	}
	fmt.Fprintf(w, "Self-assessment against %s on %s: %s (%s).\n", md(v.Checklist), md(v.Date), v.Score, md(v.Grade.Label))

	fmt.Fprint(w, "\n## Performance measures\n\n")
	if len(v.Measures) == 0 {
		fmt.Fprint(w, "No case log was measured: the audit was run without one.\n")
	} else {
		if v.HasBaseline {
			fmt.Fprintf(w, "| Measure | This year | Counts | Last year (%s) | Change |\n|---|---:|---:|---:|---:|\n", md(v.BaselineDate))
		} else {
			fmt.Fprint(w, "| Measure | This year | Counts |\n|---|---:|---:|\n")
		}
		for _, m := range v.Measures {
			fmt.Fprintf(w, "| %s — %s | %s | %s |", md(m.ID), md(m.Title), m.Value, md(m.Counts))
			if v.HasBaseline {
				fmt.Fprintf(w, " %s | %s |", md(m.Last), md(m.Change))
			}
			fmt.Fprintln(w)
		}
	}
	for _, t := range v.Trends {
		fmt.Fprintf(w, "\n### Monthly trend: %s\n\nThe promise: %s%% within the timescale.\n\n| Month | Within | Responded | %% within | Against the promise |\n|---|---:|---:|---:|---|\n",
			md(t.ID), num(t.Promise))
		for _, m := range t.Months {
			mark := "met"
			if m.Value < t.Promise {
				mark = fmt.Sprintf("%s points short", num(t.Promise-m.Value))
			}
			fmt.Fprintf(w, "| %s | %d | %d | %s%% | %s |\n", md(m.Key), m.Numerator, m.Denominator, num(m.Value), mark)
		}
	}

	fmt.Fprint(w, "\n## Self-assessment summary\n\n")
	for i, c := range v.Counts {
		if i > 0 {
			fmt.Fprint(w, " · ")
		}
		fmt.Fprintf(w, "%s: %d", c.Outcome, c.N)
	}
	fmt.Fprintln(w)
	if len(v.NotMet) > 0 {
		fmt.Fprint(w, "\n### Provisions not met\n\n| Provision | Requirement | Outcome | From the case log |\n|---|---|---|---|\n")
		for _, it := range v.NotMet {
			ref := it.Ref
			if ref == "" {
				ref = it.ID
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", md(ref), md(it.Question), md(it.Outcome), md(it.Measure))
		}
	} else {
		fmt.Fprint(w, "\nEvery provision assessed was met.\n")
	}

	fmt.Fprint(w, "\n## Categories most complained about\n\n")
	if len(v.Categories) == 0 {
		fmt.Fprint(w, "The case log has no Category column.\n")
	} else {
		fmt.Fprint(w, "| Category | Stage 1 | Stage 2 |\n|---|---:|---:|\n")
		for _, c := range v.Categories {
			fmt.Fprintf(w, "| %s | %d | %d |\n", md(c.Key), c.Stage1, c.Stage2)
		}
	}

	fmt.Fprint(w, "\n## Late cases\n\n")
	if len(v.Late) == 0 {
		fmt.Fprint(w, "No case measured was late or open past its due date.\n")
	}
	for _, l := range v.Late {
		ref := l.Ref
		if ref == "" {
			ref = l.ID
		}
		fmt.Fprintf(w, "- **%s** %s — %s: %d late", md(ref), md(l.Question), md(l.Measure), l.Counted)
		if l.Open > 0 {
			fmt.Fprintf(w, ", %d open past due", l.Open)
		}
		if len(l.Late) > 0 {
			fmt.Fprintf(w, " (%s", md(strings.Join(l.Late, ", ")))
			if l.More > 0 {
				fmt.Fprintf(w, " and %d more", l.More)
			}
			fmt.Fprint(w, ")")
		}
		fmt.Fprintln(w)
	}

	fmt.Fprint(w, "\n## Actions register\n\n")
	if len(v.Actions) == 0 {
		fmt.Fprint(w, "No action is recorded: no actions register was given.\n")
	} else {
		fmt.Fprint(w, "| Action | Provision | What | Owner | Due | Status |\n|---|---|---|---|---|---|\n")
		for _, a := range v.Actions {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", md(a.ID), md(a.Item), md(a.Description), md(a.Owner), md(a.DueText()), md(a.Status))
		}
	}

	fmt.Fprint(w, "\n## The governing body's response\n\n")
	if len(v.Response) == 0 {
		fmt.Fprint(w, "_To be completed by the governing body: its response to this report, to be published beside it._\n")
	}
	for _, p := range v.Response {
		fmt.Fprintf(w, "%s\n\n", md(strings.ReplaceAll(p, "\n", " ")))
	}
	if len(v.Notes) > 0 {
		fmt.Fprint(w, "\n## Notes\n\n")
		for _, n := range v.Notes {
			fmt.Fprintf(w, "- %s\n", md(n))
		}
	}
	if v.Holidays != "" {
		fmt.Fprintf(w, "\nWorking days are Monday to Friday less the bank holidays of %s.\n", md(v.Holidays))
	}
	return w.Flush()
}

//go:embed annual.tmpl
var annualTmplText string

var annualTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("annual").Funcs(template.FuncMap{
		"num":   num,
		"short": func(p, v float64) string { return num(p - v) },
	}).Parse(annualTmplText))
})

func annualHTML(w io.Writer, v *annualView) error {
	return annualTmpl().Execute(w, v)
}

// annualXLSX writes the annual report as a workbook: one sheet per part.
func annualXLSX(w io.Writer, v *annualView) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Measures"); err != nil {
		return err
	}
	ms := newSheet(f, "Measures", st, []float64{16, 60, 12, 10, 12, 12, 12}, "Measure", "Title", "This year", "Numerator", "Denominator", "Last year", "Change")
	for _, m := range v.Measures {
		ms.add(m.ID, m.Title, m.Value, m.Num, m.Den, m.Last, m.Change)
	}
	if err := ms.flush(); err != nil {
		return err
	}
	steps := []struct {
		name   string
		widths []float64
		cols   []string
		rows   func(*sheet)
	}{
		{"Monthly", []float64{16, 10, 10, 12, 12, 12}, []string{"Measure", "Month", "Within", "Responded", "% within", "Promise %"}, func(s *sheet) {
			for _, t := range v.Trends {
				for _, m := range t.Months {
					s.add(t.ID, m.Key, m.Numerator, m.Denominator, styled(st.num, m.Value), styled(st.num, t.Promise))
				}
			}
		}},
		{"Not met", []float64{12, 36, 70, 12, 40}, []string{"Provision", "Item", "Requirement", "Outcome", "From the case log"}, func(s *sheet) {
			for _, it := range v.NotMet {
				s.add(it.Ref, it.ID, styled(st.wrap, it.Question), it.Outcome, it.Measure)
			}
		}},
		{"Categories", []float64{30, 10, 10}, []string{"Category", "Stage 1", "Stage 2"}, func(s *sheet) {
			for _, c := range v.Categories {
				s.add(c.Key, c.Stage1, c.Stage2)
			}
		}},
		{"Late cases", []float64{12, 36, 20, 10, 12}, []string{"Provision", "Item", "Case", "Late", "Open past due"}, func(s *sheet) {
			for _, l := range v.Late {
				for _, ref := range l.Late {
					s.add(l.Ref, l.ID, ref, "yes", "")
				}
				if l.More > 0 {
					s.add(l.Ref, l.ID, fmt.Sprintf("and %d more", l.More), l.More, "")
				}
				if l.Open > 0 {
					s.add(l.Ref, l.ID, "open cases past due", "", l.Open)
				}
			}
		}},
		{"Actions", []float64{12, 30, 60, 20, 24, 10}, []string{"Action", "Item", "What", "Owner", "Due", "Status"}, func(s *sheet) {
			for _, a := range v.Actions {
				s.add(a.ID, a.Item, styled(st.wrap, a.Description), a.Owner, a.DueText(), a.Status)
			}
		}},
		{"Response", []float64{100}, []string{"The governing body's response"}, func(s *sheet) {
			if len(v.Response) == 0 {
				s.add("To be completed by the governing body.")
			}
			for _, p := range v.Response {
				s.add(styled(st.wrap, p))
			}
		}},
	}
	for _, step := range steps {
		if _, err := f.NewSheet(step.name); err != nil {
			return err
		}
		s := newSheet(f, step.name, st, step.widths, step.cols...)
		step.rows(s)
		if err := s.flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}
