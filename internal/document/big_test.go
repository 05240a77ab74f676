package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLFiftyMBOneLine reads a 50 MB HTML page written on one line: under
// the default limits it is refused unread, naming the file and both sizes;
// with the limit raised it is read whole, and a phrase at its very end is
// placed on line 1 at the right column.
func TestHTMLFiftyMBOneLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	const size = 50 << 20
	const head, tail = "<html><body><p>", "the end</p></body></html>"
	body := strings.Repeat("word ", (size-len(head)-len(tail))/5)
	path := filepath.Join(t.TempDir(), "big.html")
	if err := os.WriteFile(path, []byte(head+body+tail), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("default limits", func(t *testing.T) {
		_, err := Read(path, Limits{})
		if err == nil {
			t.Fatal("a 50 MB file was read under the 32 MiB limit")
		}
		if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "file is 50 MiB, over the limit of 32 MiB") {
			t.Errorf("error %q, want the file and the limit", msg)
		}
	})
	t.Run("raised limit", func(t *testing.T) {
		doc, err := Read(path, Limits{MaxFileSize: 64 << 20})
		if err != nil {
			t.Fatal(err)
		}
		want := Position{Line: 1, Column: len(head) + len(body) + 1}
		if got := find(t, doc, "the end"); got != want {
			t.Errorf("position %+v, want %+v", got, want)
		}
	})
}
