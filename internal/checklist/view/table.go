package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/svcaudit/svcaudit/internal/checklist"
)

// TableOptions shape the terminal table.
type TableOptions struct {
	// Width is the terminal width to fit; 0 means 120 columns.
	Width int
}

// Table writes the checklist as a terminal table: a header with the
// checklist's id, title, scale and grades, then one table per section.
func Table(w io.Writer, cl *checklist.Checklist, opts TableOptions) error {
	width := opts.Width
	if width <= 0 {
		width = 120
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s", cl.ID, cl.Title)
	if cl.Version != "" {
		fmt.Fprintf(&b, " (version %s)", cl.Version)
	}
	b.WriteString("\n")
	if cl.Description != "" {
		b.WriteString(strings.TrimSpace(cl.Description) + "\n")
	}
	fmt.Fprintf(&b, "Scale: %s\n", scaleLine(cl.Scale))
	fmt.Fprintf(&b, "Grades: %s\n", gradesLine(cl.Grades))
	if len(cl.Gates) > 0 {
		fmt.Fprintf(&b, "Gates: %s\n", strings.Join(gateLines(cl.Gates), "; "))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	for _, s := range cl.Sections {
		head := fmt.Sprintf("\n%s (%s)", s.Title, s.ID)
		if s.Weight > 0 {
			head += fmt.Sprintf(", weight %s", num(s.Weight))
		}
		if _, err := fmt.Fprintln(w, head); err != nil {
			return err
		}
		t := tablewriter.NewTable(w,
			tablewriter.WithRowMaxWidth(textWidth(s, width)),
			tablewriter.WithRowAutoWrap(tw.WrapNormal),
			tablewriter.WithHeaderAutoFormat(tw.Off),
			tablewriter.WithHeaderAlignment(tw.AlignLeft),
		)
		t.Header("ID", "Question", "Weight", "Answered by")
		for _, it := range s.Items {
			id := it.FullID
			if it.Critical {
				id += " (critical)"
			}
			q := it.Question
			if it.When != nil {
				q += " [" + Condition(it.When, cl.Scale) + "]"
			}
			by := "assessor"
			if it.Evidence != nil {
				by = "documents: " + Evidence(it.Evidence)
			}
			if err := t.Append(id, q, num(it.Weight), by); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	return nil
}

func scaleLine(s checklist.Scale) string {
	parts := make([]string, len(s.Choices))
	for i, c := range s.Choices {
		if c.NA {
			parts[i] = fmt.Sprintf("%s (%s, left out)", c.Value, c.Label)
		} else {
			parts[i] = fmt.Sprintf("%s (%s, %s)", c.Value, c.Label, num(c.Score))
		}
	}
	return strings.Join(parts, ", ")
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

// textWidth shares what the terminal width leaves, after the id and weight
// columns and the borders, between the question and evidence columns.
// (tablewriter's own WithMaxWidth leaves much of the width unused.)
func textWidth(s *checklist.Section, width int) int {
	idw := 2
	for _, it := range s.Items {
		n := len(it.FullID)
		if it.Critical {
			n += len(" (critical)")
		}
		idw = max(idw, n)
	}
	idw = min(idw, 40)
	return max(20, (width-13-6-idw)/2)
}
