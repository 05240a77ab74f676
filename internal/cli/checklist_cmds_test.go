package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
)

func writeTestChecklists(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const goodChecklist = "id: good\ntitle: Good\nitems:\n  - id: a\n    question: A?\n  - id: b\n    question: B?\n    evidence: {any: [x]}\n"

func TestRunValidate(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{
		"good.yaml": goodChecklist,
		"bad.yaml":  "id: bad\ntitle: Bad\nitems:\n  - id: a\n    question: A?\n    weight: 0\n",
	})
	good, bad := filepath.Join(dir, "good.yaml"), filepath.Join(dir, "bad.yaml")
	tests := []struct {
		name    string
		files   []string
		quiet   bool
		wantOut string
		wantErr string
	}{
		{"valid", []string{good}, false, "ok  " + good + "  (good, 2 items, 1 automated)\n", ""},
		{"quiet", []string{good}, true, "", ""},
		{"invalid and valid", []string{bad, good}, false, "ok  " + good + "  (good, 2 items, 1 automated)\n",
			bad + ":6:13: weight must be more than 0, not 0\n1 problem in 1 of 2 files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := runValidate(Test(nil, &out, &errOut), &GlobalOptions{Quiet: tt.quiet}, &ValidateOptions{Files: tt.files, Format: "text"})
			if diff := cmp.Diff(tt.wantOut, out.String()); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.wantErr {
				t.Errorf("error = %q, want %q", got, tt.wantErr)
			}
			if err != nil && exitCode(err) != ExitBad {
				t.Errorf("exit code %d, want 2", exitCode(err))
			}
		})
	}
}

func TestRunValidateJSON(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{
		"good.yaml": goodChecklist,
		"bad.yaml":  "id: bad\ntitle: Bad\nitems:\n  - id: a\n    wieght: 2\n    question: A?\n",
	})
	good, bad := filepath.Join(dir, "good.yaml"), filepath.Join(dir, "bad.yaml")
	var out bytes.Buffer
	err := runValidate(Test(nil, &out, &out), &GlobalOptions{}, &ValidateOptions{Files: []string{good, bad}, Format: "json"})
	if err == nil || err.Error() != "1 problem in 1 of 2 files" || exitCode(err) != ExitBad {
		t.Errorf("err = %v", err)
	}
	var got validateReport
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	want := validateReport{
		Files:    []validateFile{{File: good, OK: true, ID: "good", Items: 2, Automated: 1}, {File: bad}},
		Problems: diag.List{{Pos: diag.Pos{File: bad, Line: 5, Column: 5}, Msg: `unknown key "wieght" in item`, Hint: `did you mean "weight"?`}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestRunListJSON(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{"good.yaml": goodChecklist, "notes.txt": "x"})
	var out bytes.Buffer
	if err := runList(Test(nil, &out, &out), &ListOptions{Dirs: []string{dir}, Format: "json"}); err != nil {
		t.Fatal(err)
	}
	var entries []listEntry
	if err := json.Unmarshal(out.Bytes(), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(checklist.BuiltinIDs())+1 {
		t.Fatalf("entries = %+v", entries)
	}
	want := listEntry{ID: "good", Title: "Good", Items: 2, Automated: 1, Source: filepath.Join(dir, "good.yaml")}
	if diff := cmp.Diff(want, entries[len(entries)-1]); diff != "" {
		t.Error(diff)
	}
}

func TestRunShowFormats(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{"good.yaml": goodChecklist})
	file := filepath.Join(dir, "good.yaml")
	for format, want := range map[string]string{
		"table": "good — Good\n",
		"md":    "# Good\n",
		"json":  "{\n  \"id\": \"good\",",
	} {
		t.Run(format, func(t *testing.T) {
			var out bytes.Buffer
			if err := runShow(Test(nil, &out, &out), &ShowOptions{Checklist: file, Format: format}); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(out.String(), want) {
				t.Errorf("output starts %q, want %q", out.String()[:min(40, out.Len())], want)
			}
		})
	}
	err := runShow(Test(nil, &bytes.Buffer{}, &bytes.Buffer{}), &ShowOptions{Checklist: file, Format: "pdf"})
	if _, ok := err.(*UsageError); !ok {
		t.Errorf("bad format: err = %v, want a UsageError", err)
	}
}

// TestWriteNewFileAsks checks that on a terminal an existing file is
// replaced only when the user agrees, and never without one.
func TestWriteNewFileAsks(t *testing.T) {
	tests := []struct {
		name     string
		tty      bool
		force    bool
		answer   string
		wantErr  bool
		wantBody string
	}{
		{"not a terminal", false, false, "", true, "old"},
		{"force", false, true, "", false, "new"},
		{"terminal, yes", true, false, "y\n", false, "new"},
		{"terminal, no", true, false, "n\n", true, "old"},
		{"terminal, nothing", true, false, "", true, "old"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.yaml")
			os.WriteFile(path, []byte("old"), 0o644)
			var errOut bytes.Buffer
			ios := Test(strings.NewReader(tt.answer), &bytes.Buffer{}, &errOut)
			ios.InTTY, ios.ErrTTY = tt.tty, tt.tty
			err := writeNewFile(ios, path, []byte("new"), tt.force)
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error %v", err, tt.wantErr)
			}
			body, _ := os.ReadFile(path)
			if string(body) != tt.wantBody {
				t.Errorf("file holds %q, want %q", body, tt.wantBody)
			}
			if tt.tty && !strings.Contains(errOut.String(), "Replace it? [y/N]") {
				t.Errorf("no question asked: %q", errOut.String())
			}
		})
	}
}

func TestStarterValidates(t *testing.T) {
	for _, id := range []string{"my-checklist", "housing-repairs", "x"} {
		if _, err := checklist.Parse(id+".yaml", starterFor(id)); err != nil {
			t.Errorf("starter for %s:\n%v", id, err)
		}
	}
	if got := slug("Housing Repairs (2026)"); got != "housing-repairs-2026" {
		t.Errorf("slug = %q", got)
	}
}
