package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestListFitsTerminal: on a terminal list's table fits the width, its
// title and source columns wrapped; piped it is drawn whole.
func TestListFitsTerminal(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{
		"a-checklist-with-a-rather-long-file-name.yaml": "id: long\ntitle: A checklist whose title runs on for quite some way\nitems:\n  - id: a\n    question: A?\n",
	})
	for _, width := range []int{0, 80} {
		var out bytes.Buffer
		ios := Test(nil, &out, &bytes.Buffer{})
		ios.Width = width
		if err := runList(ios, &ListOptions{Dirs: []string{filepath.Join(dir)}, Format: "table"}); err != nil {
			t.Fatal(err)
		}
		widest := 0
		for _, line := range strings.Split(out.String(), "\n") {
			widest = max(widest, runewidth.StringWidth(line))
		}
		if width > 0 && widest > width {
			t.Errorf("width %d: a line of %d columns:\n%s", width, widest, out.String())
		}
		if width == 0 && !strings.Contains(out.String(), "A checklist whose title runs on for quite some way") {
			t.Errorf("piped, the title should be whole:\n%s", out.String())
		}
	}
}
