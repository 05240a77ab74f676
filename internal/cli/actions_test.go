package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/schema"
)

func TestCSVAndMarkdownCells(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)":   "'=SUM(A1)",
		"+1":         "'+1",
		"-1":         "'-1",
		"@cmd":       "'@cmd",
		"\tx":        "'\tx",
		"plain = ok": "plain = ok",
		"":           "",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"a | b":       `a \| b`,
		"two\nlines":  "two<br>lines",
		"<script>":    "&lt;script&gt;",
		"esc\x1b[31m": "esc",
		`a\|b`:        `a\\\|b`,
	} {
		if got := mdCell(in); got != want {
			t.Errorf("mdCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestActionsJSONValidates(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "actions.yaml")
	src := "actions:\n  - id: h/a\n    item: kp/a\n    subject: H\n    owner: \"\"\n    due: 2026-10-01\n    status: open\n    raised: 2026-09-01\n"
	if err := os.WriteFile(reg, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	ios := Test(strings.NewReader(""), &out, &bytes.Buffer{})
	err := runActions(ios, &ActionsOptions{File: reg, Status: "all", Format: "json", Today: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"daysOverdue": 31`) {
		t.Errorf("not overdue by 31 days:\n%s", out.String())
	}
	if err := schema.Validate("actions", out.Bytes()); err != nil {
		t.Errorf("actions --format json does not validate: %v\n%s", err, out.String())
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"Housing*", "Housing repairs", true},
		{"housing*", "Housing repairs", true},
		{"*repairs", "Housing repairs", true},
		{"H?using", "Housing", true},
		{"Housing", "Housing repairs", false},
		{"*/letters/*", "docs/letters/a.md", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

// TestActionsTableFitsTerminal: on a terminal the description wraps so that
// the table fits.
func TestActionsTableFitsTerminal(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "actions.yaml")
	src := "actions:\n  - id: housing-repairs/keeps-promises/timescales\n    item: keeps-promises/timescales\n    subject: Housing repairs\n    description: Do published standards give concrete timescales for every service, in days or hours, not promptly?\n    owner: J. Smith\n    due: 2026-10-01\n    status: open\n    raised: 2026-09-01\n" +
		"  - id: housing-repairs-service/keeps-promises/told-before-missed\n    item: keeps-promises/told-before-missed\n    subject: Housing repairs service\n    description: When a promise is going to be missed, are people told before the date passes, with a reason and a new date?\n    due: 2026-10-01\n    status: open\n    raised: 2026-09-01\n"
	if err := os.WriteFile(reg, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{120, 100, 80, 0} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			var out bytes.Buffer
			ios := Test(strings.NewReader(""), &out, &bytes.Buffer{})
			ios.OutTTY, ios.Width = width > 0, width
			if width == 0 {
				width = 120 // piped: drawn for 120 columns (docs/terminal.md)
			}
			if err := runActions(ios, &ActionsOptions{File: reg, Status: "open", Format: "table", Today: time.Date(2026, 9, 2, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
				if n := len([]rune(line)); n > width {
					t.Errorf("line of %d columns on a %d-column terminal:\n%s", n, width, out.String())
					break
				}
			}
			// Ids are whole, never cut into fragments.
			for _, id := range []string{"housing-repairs/keeps-promises/timescales", "housing-repairs-service/keeps-promises/told-before-missed"} {
				if !strings.Contains(out.String(), id) {
					t.Errorf("id %s broken:\n%s", id, out.String())
				}
			}
			// A 57-column id leaves too little for the table at 120: the
			// list form, each id on its own line.
			if !strings.Contains(out.String(), "\nhousing-repairs/keeps-promises/timescales\n") {
				t.Errorf("ids not listed on lines of their own:\n%s", out.String())
			}
		})
	}
}
