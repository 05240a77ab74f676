package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/wrap"
)

// TableOptions shape the terminal table.
type TableOptions struct {
	// Width is the terminal width to fit; 0 means 120 columns.
	Width int
}

// Table writes the checklist as a terminal table: a header with the
// checklist's id, title, scale and grades, then one table per section. It
// fits opts.Width: prose wraps at spaces, and every section's table has the
// same columns. An item shows the id an answers file names it by: its short
// id when that is unambiguous in the checklist.
func Table(w io.Writer, cl *checklist.Checklist, opts TableOptions) error {
	width := opts.Width
	if width <= 0 {
		width = 120
	}
	var b strings.Builder
	para := func(s string) {
		b.WriteString(strings.Join(wrap.Lines(s, width), "\n") + "\n")
	}
	head := fmt.Sprintf("%s — %s", cl.ID, cl.Title)
	if cl.Version != "" {
		head += fmt.Sprintf(" (version %s)", cl.Version)
	}
	para(head)
	if cl.Description != "" {
		para(cl.Description)
	}
	para("Scale: " + scaleLine(cl.Scale))
	para("Grades: " + gradesLine(cl.Grades))
	if len(cl.Gates) > 0 {
		para("Gates: " + strings.Join(gateLines(cl.Gates), "; "))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}

	rows := map[*checklist.Section][][4]string{}
	var all [][4]string
	for _, s := range cl.Sections {
		for _, it := range s.Items {
			id := it.FullID
			if short := cl.Item(it.ID); short != nil && short.FullID == it.FullID {
				id = it.ID
			}
			if it.Ref != "" {
				id += " [" + it.Ref + "]"
			}
			if it.Critical {
				id += " (critical)"
			}
			q := it.Question
			if it.When != nil {
				q += " [" + Condition(it.When, cl.Scale) + "]"
			}
			by := "assessor"
			if it.Evidence != nil {
				by = Evidence(it.Evidence) // only a case log's: "case log: …"
				if it.Evidence.Documentary() {
					by = "documents: " + by
				}
			}
			r := [4]string{id, q, num(it.Weight), by}
			rows[s] = append(rows[s], r)
			all = append(all, r)
		}
	}
	cols := columnWidths(all, width)
	for _, s := range cl.Sections {
		head := s.Title + " (" + s.ID + ")"
		if s.Weight > 0 {
			head += fmt.Sprintf(", weight %s", num(s.Weight))
		}
		if _, err := fmt.Fprintf(w, "\n%s\n", strings.Join(wrap.Lines(head, width), "\n")); err != nil {
			return err
		}
		t := tablewriter.NewTable(w,
			tablewriter.WithRowAutoWrap(tw.WrapNone),
			tablewriter.WithHeaderAutoWrap(tw.WrapNone),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignLeft),
			tablewriter.WithColumnWidths(tw.NewMapper[int, int]().Set(0, cols[0]+2).Set(1, cols[1]+2).Set(2, cols[2]+2).Set(3, cols[3]+2)),
		)
		t.Header("ID", "Question", "Weight", "Answered by")
		for _, r := range rows[s] {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = strings.Join(wrap.Lines(c, cols[i]), "\n")
			}
			if err := t.Append(cells); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	return nil
}

// tableChrome is the width of a four-column table's borders and padding.
const tableChrome = 5 + 4*2

// columnWidths shares width between the id, question, weight and
// evidence columns: the weight column as wide as it needs, the id column
// as wide as the longest id up to a quarter of the width (or 20), and what is
// left to the question and evidence columns, each given no more than it
// needs so that the other may have the rest.
func columnWidths(rows [][4]string, width int) [4]int {
	var need [4]int
	need[0], need[1], need[2], need[3] = len("ID"), len("Question"), len("Weight"), len("Answered by")
	for _, r := range rows {
		for i, c := range r {
			need[i] = max(need[i], runewidth.StringWidth(c))
		}
	}
	// word is each column's longest word: an id, a ref or a pattern is
	// never broken inside, so the id column is at least as wide as its
	// longest id, and the evidence column as its longest pattern while the
	// question keeps 10 columns.
	var word [4]int
	for _, r := range rows {
		for i, c := range r {
			for _, f := range strings.Fields(c) {
				word[i] = max(word[i], runewidth.StringWidth(f))
			}
		}
	}
	var cols [4]int
	cols[2] = need[2]
	cols[0] = max(len("ID"), word[0], min(need[0], max(width/4, 20)))
	left := max(14, width-tableChrome-cols[0]-cols[2])
	least := min(10, left/2)
	cols[1] = min(need[1], max(least, left*11/20))
	cols[3] = min(need[3], max(least, left-cols[1], min(word[3], left-least)))
	cols[1] = min(need[1], max(least, left-cols[3]))
	return cols
}

func scaleLine(s checklist.Scale) string {
	parts := make([]string, len(s.Choices))
	for i, c := range s.Choices {
		if c.NA {
			parts[i] = fmt.Sprintf("%s (%s, left out)", c.Value, c.Label)
		} else {
			parts[i] = fmt.Sprintf("%s (%s, %s%s)", c.Value, c.Label, num(c.Score), ownLevel(c))
		}
	}
	return strings.Join(parts, ", ")
}

// ownLevel says what a choice means for its item when the scale says it
// (outcome:) and its score alone would say otherwise — full compliance
// that meets the item though it earns 75% — else "".
func ownLevel(c checklist.Choice) string {
	if c.Outcome == "" || c.Outcome == (checklist.Choice{Score: c.Score}).Level() {
		return ""
	}
	switch c.Outcome {
	case checklist.LevelPass:
		return ", meets the item"
	case checklist.LevelPartial:
		return ", partly meets the item"
	}
	return ", does not meet the item"
}

func gradesLine(bands []checklist.Band) string {
	parts := make([]string, len(bands))
	for i, b := range bands {
		parts[i] = fmt.Sprintf("%s from %s%% (%s)", b.Label, num(b.Min), b.RAG)
	}
	return strings.Join(parts, ", ")
}

func gateLines(gates []checklist.Gate) []string {
	out := make([]string, len(gates))
	for i, g := range gates {
		switch g.Kind {
		case checklist.SectionMin:
			switch len(g.Sections) {
			case 0:
				out[i] = fmt.Sprintf("every section scores at least %s%%", num(g.Min))
			case 1:
				out[i] = fmt.Sprintf("section %s scores at least %s%%", g.Sections[0], num(g.Min))
			default:
				out[i] = fmt.Sprintf("sections %s each score at least %s%%", strings.Join(g.Sections, ", "), num(g.Min))
			}
		case checklist.OverallMin:
			out[i] = fmt.Sprintf("overall score at least %s%%", num(g.Min))
		case checklist.MaxPartials:
			what := "each section"
			if len(g.Sections) > 0 {
				what = "each of sections " + strings.Join(g.Sections, ", ")
			}
			out[i] = fmt.Sprintf("%s has at most %d partial answers", what, g.Max)
		case checklist.NoCriticalFailures:
			out[i] = "no critical item fails"
		default:
			out[i] = string(g.Kind)
		}
	}
	return out
}
