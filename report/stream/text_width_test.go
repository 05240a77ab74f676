package stream

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
	"github.com/svcaudit/svcaudit/result"
)

// On a terminal the text format fits its width: long lines wrap at
// spaces, later lines indented under the text, and a place and an item id
// are never broken; in a pipe (Width 0) every finding stays on one line.
func TestTextFitsTheTerminal(t *testing.T) {
	th := 50.0
	long := "found \"Please do not reply\" (anti-pattern): \"Please do not reply to this email as this mailbox is not monitored for replies\""
	r := &result.Result{Checklist: result.ChecklistRef{ID: "real-humans"}, Subject: "letters/arrears-reminder.md", Threshold: &th,
		Grade: result.Grade{Label: "Inadequate"},
		Items: []result.Item{{ID: "real-humans/no-reply", Outcome: result.Fail,
			Findings: []result.Finding{{File: "letters/arrears-reminder.md", Line: 14, Column: 1, Message: long, Severity: "error"}}}},
		Notices: []string{"the suppression of no-reply at letters/arrears-reminder.md:5 silenced nothing: remove it, or check the lines it covers"}}
	render := func(width int) string {
		var b bytes.Buffer
		if err := Render(&b, "text", &Report{Results: []*result.Result{r}}, Options{Width: width, FailUnderSetting: "--fail-under"}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, w := range []int{80, 100, 120} {
		out := render(w)
		for _, line := range strings.Split(out, "\n") {
			if n := runewidth.StringWidth(line); n > w {
				t.Errorf("width %d: line of %d columns: %q", w, n, line)
			}
		}
		if !strings.Contains(out, "    letters/arrears-reminder.md:14:1  real-humans/no-reply  found") {
			t.Errorf("width %d: the place and the item are not whole on the first line:\n%s", w, out)
		}
		if !strings.Contains(out, "\n      ") {
			t.Errorf("width %d: no indented continuation:\n%s", w, out)
		}
	}
	piped := render(0)
	if !strings.Contains(piped, "real-humans/no-reply  "+long+"\n") && !strings.Contains(piped, "real-humans/no-reply  found") {
		t.Errorf("piped: %s", piped)
	}
	for _, line := range strings.Split(piped, "\n") {
		if strings.HasPrefix(line, "      ") {
			t.Errorf("piped output was wrapped: %q", line)
		}
	}
}
