package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestExplainWrapsOnTerminal: on a terminal explain's prose fits its width,
// a bullet's later lines indented under its text; piped, lines are whole.
func TestExplainWrapsOnTerminal(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{
		"kp.yaml": runChecklist,
		"a.yaml": "checklist: kp\nsubject: Housing repairs service for the tenants of the northern estates\nanswers:\n" +
			"  timescales: {answer: partial, note: Ten routine repairs sampled from October; seven completed within twenty working days and three took longer than that.}\n  apology: yes\n  published: yes\n",
	})
	res := filepath.Join(dir, "r.json")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"run", "-q", "-c", filepath.Join(dir, "kp.yaml"), "--answers", filepath.Join(dir, "a.yaml"), "-o", res}, Test(nil, &stdout, &stderr)); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr.String())
	}
	for _, width := range []int{0, 60} {
		var out bytes.Buffer
		ios := Test(nil, &out, &stderr)
		ios.Width = width
		if err := runExplain(ios, &ExplainOptions{Result: res, Format: "text"}); err != nil {
			t.Fatal(err)
		}
		long := false
		for _, line := range strings.Split(out.String(), "\n") {
			if runewidth.StringWidth(line) > 60 {
				long = true
				if width > 0 {
					t.Errorf("width %d: line of %d columns: %q", width, runewidth.StringWidth(line), line)
				}
			}
		}
		if width == 0 && !long {
			t.Errorf("piped output should keep whole lines:\n%s", out.String())
		}
		if width > 0 && !strings.Contains(out.String(), "\n    ") {
			t.Errorf("a note's later lines should be indented under it:\n%s", out.String())
		}
	}
}
