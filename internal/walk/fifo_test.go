//go:build unix

package walk

import (
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/result"
)

// A named pipe would block a reader for ever: it is reported, not taken.
func TestNamedPipe(t *testing.T) {
	tree(t, "docs/a.md")
	if err := syscall.Mkfifo("docs/pipe.md", 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	res, err := Expand([]string{"docs/pipe.md", "docs"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"docs/a.md"}, res.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	want := []result.FileError{{File: "docs/pipe.md", Message: "not a regular file"}}
	if diff := cmp.Diff(want, res.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
