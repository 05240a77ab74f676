package view

import (
	"fmt"
	"io"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/safe"
)

// Markdown writes the checklist as a printable paper audit form: a header
// to fill in, how to answer and how answers score, then per section a table
// of items with a box to tick for each answer on the scale.
func Markdown(w io.Writer, cl *checklist.Checklist) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", cell(cl.Title))
	meta := "Checklist `" + code(cl.ID) + "`"
	if cl.Version != "" {
		meta += ", version " + cell(cl.Version)
	}
	if cl.Source != "" {
		meta += ". Source: " + cell(cl.Source)
	}
	b.WriteString(meta + ".\n\n")
	if cl.Description != "" {
		b.WriteString(safe.MarkdownProse(strings.TrimSpace(cl.Description)) + "\n\n")
	}
	b.WriteString("| Subject | Auditor | Date |\n| --- | --- | --- |\n|   |   |   |\n\n")

	b.WriteString("## How to answer\n\n")
	b.WriteString("Tick one box per question. Each answer earns a share of the item's weight:\n\n")
	for _, c := range cl.Scale.Choices {
		if c.NA {
			fmt.Fprintf(&b, "- **%s** (`%s`): not applicable, left out of the score\n", cell(c.Label), c.Value)
		} else {
			fmt.Fprintf(&b, "- **%s** (`%s`): %s%% of the weight%s\n", cell(c.Label), c.Value, num(c.Score*100), ownLevel(c))
		}
	}
	b.WriteString("\nGrades: " + cell(gradesLine(cl.Grades)) + ".")
	if hasCritical(cl) {
		b.WriteString(" A critical item (★) that fails caps the grade, whatever the score.")
	}
	b.WriteString("\n")
	if len(cl.Gates) > 0 {
		b.WriteString("\nThe audit passes only if:\n\n")
		for _, g := range gateLines(cl.Gates) {
			b.WriteString("- " + cell(g) + "\n")
		}
	}
	if cl.Automated() {
		b.WriteString("\nItems marked *Documents* can be answered by `svcaudit check` from the service's documents; the rule is summarised below the guidance. An assessor may still answer them by hand.\n")
	}

	boxes := answerBoxes(cl.Scale)
	for i, s := range cl.Sections {
		fmt.Fprintf(&b, "\n## %d. %s\n\n", i+1, cell(s.Title))
		if s.Weight > 0 {
			fmt.Fprintf(&b, "Section weight: %s.\n\n", num(s.Weight))
		}
		b.WriteString("| ID | Question | Guidance | Weight | Critical | Answer | Notes and evidence |\n")
		b.WriteString("| --- | --- | --- | ---: | :---: | --- | --- |\n")
		for _, it := range s.Items {
			var guide []string
			if it.Guidance != "" {
				guide = append(guide, cell(it.Guidance))
			}
			if it.When != nil {
				guide = append(guide, "*Follow-up: "+cell(Condition(it.When, cl.Scale))+".*")
			}
			if it.Evidence != nil {
				label := "*Documents:* `"
				if !it.Evidence.Documentary() {
					label = "*Evidence:* `" // only a case log's
				}
				guide = append(guide, label+code(Evidence(it.Evidence))+"`")
			}
			if it.Source != "" {
				guide = append(guide, "Source: "+cell(it.Source))
			}
			crit := ""
			if it.Critical {
				crit = "★"
			}
			id := "`" + it.FullID + "`"
			if it.Ref != "" {
				id += " (" + cell(it.Ref) + ")"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |   |\n",
				id, cell(it.Question), strings.Join(guide, "<br>"), num(it.Weight), crit, boxes)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func hasCritical(cl *checklist.Checklist) bool {
	for _, it := range cl.Items() {
		if it.Critical {
			return true
		}
	}
	return false
}

func answerBoxes(s checklist.Scale) string {
	parts := make([]string, len(s.Choices))
	for i, c := range s.Choices {
		label := c.Label
		if c.NA && (label == "Not applicable" || label == "not applicable") {
			label = "N/A"
		}
		parts[i] = "☐ " + cell(label)
	}
	return strings.Join(parts, " ")
}

// cell makes text safe inside a Markdown table cell: pipes escaped, line
// breaks as <br>, HTML angle brackets escaped.
func cell(s string) string { return safe.MarkdownCell(strings.TrimSpace(s)) }

// code makes rule text safe inside a code span in a table cell: pipes
// still need escaping there, and a backtick would end the span.
func code(s string) string { return safe.MarkdownCode(s) }
