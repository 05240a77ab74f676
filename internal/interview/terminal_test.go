package interview

import (
	"bytes"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
)

// TestTerminalScreenIsSanitised: escape sequences in a checklist's
// question, guidance, section title or scale labels (OSC 52 writes the
// clipboard, OSC 8 makes a link, CSI 2J clears the screen) never reach the
// interview's screen; their text does.
func TestTerminalScreenIsSanitised(t *testing.T) {
	osc52 := "\x1b]52;c;ZXZpbA==\x07"
	osc8 := "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"
	clear := "\x1b[2J\x1b[H"
	it := &checklist.Item{ID: "a" + clear, FullID: "x/a", Question: "Do you reply?" + osc52 + osc8, Guidance: "Look" + clear + "\nhere"}
	q := Question{Item: it, Section: "Replies" + osc8, N: 1, Total: 1,
		Choices: []checklist.Choice{{Value: "yes", Label: "Yes" + osc52}, {Value: "no", Label: "No"}}}
	var out bytes.Buffer
	term := &Terminal{In: strings.NewReader("1\n\n"), Out: &out, Accessible: true}
	if _, err := term.Ask(q); err != nil {
		t.Fatal(err)
	}
	screen := out.String()
	for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "evil.example", "ZXZpbA=="} {
		if strings.Contains(screen, bad) {
			t.Errorf("the screen carries %q:\n%q", bad, screen)
		}
	}
	if !strings.Contains(screen, "Replieslink") || !strings.Contains(screen, "yes      Yes") {
		t.Errorf("the text around the escapes is lost:\n%q", screen)
	}
	// the description (question and guidance) the full-screen form shows
	if d := oneLine(it.Question + " " + it.Guidance); strings.ContainsAny(d, "\x1b\x07") || !strings.Contains(d, "Do you reply?link Look here") {
		t.Errorf("description = %q", d)
	}
}
