package walk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/result"
)

// tree makes files (ending "/" for a folder) under a temporary folder and
// changes into it, so that paths read as a user would type them.
func tree(t *testing.T, files ...string) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range files {
		if strings.HasSuffix(f, "/") {
			must(t, os.MkdirAll(f, 0o755))
			continue
		}
		must(t, os.MkdirAll(filepath.Dir(f), 0o755))
		must(t, os.WriteFile(f, []byte("text\n"), 0o644))
	}
}

func TestExpand(t *testing.T) {
	files := []string{
		"docs/charter.md", "docs/complaints.html", "docs/logo.png", "docs/old/v1.md",
		"docs/drafts/new.docx", "docs/a/b/c/deep.pdf", "notes.txt", "policy.odt",
		"node_modules/x/readme.md", ".git/config.md", "empty/",
	}
	tests := []struct {
		name  string
		paths []string
		opt   Options
		want  []string
		miss  []string
	}{
		{"folder", []string{"docs"}, Options{}, []string{
			"docs/a/b/c/deep.pdf", "docs/charter.md", "docs/complaints.html", "docs/drafts/new.docx", "docs/old/v1.md",
		}, nil},
		{"current folder skips VCS", []string{"."}, Options{Exclude: []string{"node_modules"}}, []string{
			"docs/a/b/c/deep.pdf", "docs/charter.md", "docs/complaints.html", "docs/drafts/new.docx", "docs/old/v1.md", "notes.txt", "policy.odt",
		}, nil},
		{"named file of any type", []string{"docs/logo.png", "./notes.txt"}, Options{}, []string{"docs/logo.png", "notes.txt"}, nil},
		{"named file ignores exclude", []string{"notes.txt"}, Options{Exclude: []string{"*.txt"}}, []string{"notes.txt"}, nil},
		{"exclude by name prunes folders", []string{"docs"}, Options{Exclude: []string{"old", "drafts"}}, []string{
			"docs/a/b/c/deep.pdf", "docs/charter.md", "docs/complaints.html",
		}, nil},
		{"exclude by path", []string{"docs"}, Options{Exclude: []string{"a/**", "docs/old/*.md"}}, []string{
			"docs/charter.md", "docs/complaints.html", "docs/drafts/new.docx",
		}, nil},
		{"include", []string{"docs"}, Options{Include: []string{"*.md", "*.pdf"}}, []string{
			"docs/a/b/c/deep.pdf", "docs/charter.md", "docs/old/v1.md",
		}, nil},
		{"glob", []string{"docs/*"}, Options{}, []string{
			"docs/a/b/c/deep.pdf", "docs/charter.md", "docs/complaints.html", "docs/drafts/new.docx", "docs/old/v1.md",
		}, nil},
		{"doublestar glob", []string{"**/*.md"}, Options{Exclude: []string{"node_modules"}}, []string{
			"docs/charter.md", "docs/old/v1.md",
		}, nil},
		{"duplicates once", []string{"docs/charter.md", "docs", "docs/*.md"}, Options{Include: []string{"*.md"}}, []string{
			"docs/charter.md", "docs/old/v1.md",
		}, nil},
		{"missing", []string{"nope.md", "docs/*.xls", "notes.txt"}, Options{}, []string{"notes.txt"}, []string{"nope.md", "docs/*.xls"}},
		{"empty folder", []string{"empty"}, Options{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree(t, files...)
			res, err := Expand(tt.paths, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, res.Files); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.miss, res.Missing); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
		})
	}
}

func TestExpandBadGlob(t *testing.T) {
	if _, err := Expand([]string{"."}, Options{Exclude: []string{"a[b"}}); err == nil {
		t.Fatal("want an error for a bad exclude glob")
	}
}

func TestSymlinkLoop(t *testing.T) {
	tree(t, "docs/a.md", "docs/sub/b.md", "other/c.md")
	must(t, os.Symlink("..", "docs/sub/up"))                 // loop
	must(t, os.Symlink("../../other", "docs/sub/side"))      // a link to elsewhere: followed
	must(t, os.Symlink("../other", "docs/side2"))            // the same folder again: once
	must(t, os.Symlink("missing.md", "docs/broken.md"))      // broken
	must(t, os.Symlink("missing-dir", "docs/broken-folder")) // broken, not a document name
	res, err := Expand([]string{"docs"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"docs/a.md", "docs/side2/c.md", "docs/sub/b.md"}
	if diff := cmp.Diff(want, res.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	wantErr := []result.FileError{
		{File: "docs/broken-folder", Message: "broken symbolic link"},
		{File: "docs/broken.md", Message: "broken symbolic link"},
		{File: "docs/sub/up", Message: "symbolic link loop: leads back to a folder that contains it"},
	}
	if diff := cmp.Diff(wantErr, res.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestSelfLoopNamed(t *testing.T) {
	tree(t, "x/")
	must(t, os.Symlink("loop", "loop"))
	res, err := Expand([]string{"loop"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || res.Errors[0].File != "loop" {
		t.Fatalf("want one error for the self link, got %+v (missing %v)", res.Errors, res.Missing)
	}
}

func TestUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any folder")
	}
	tree(t, "docs/a.md", "docs/locked/b.md")
	must(t, os.Chmod("docs/locked", 0))
	t.Cleanup(func() { os.Chmod("docs/locked", 0o755) })
	res, err := Expand([]string{"docs"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"docs/a.md"}, res.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	want := []result.FileError{{File: "docs/locked", Message: "permission denied"}}
	if diff := cmp.Diff(want, res.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
