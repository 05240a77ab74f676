package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func reportFixture(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs("../../report/testdata/housing-2026-q2.json")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestReportOutputAsksOnTerminal(t *testing.T) {
	for _, c := range []struct {
		answer    string
		overwrite bool
	}{{"y\n", true}, {"yes\n", true}, {"n\n", false}, {"\n", false}} {
		t.Run(strings.TrimSpace(c.answer), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "board.md")
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			ios := Test(strings.NewReader(c.answer), &stdout, &stderr)
			ios.InTTY, ios.ErrTTY = true, true
			err := runReport(ios, &ReportOptions{Inputs: []string{reportFixture(t)}, Output: out, By: "section", Now: time.Now})
			if !strings.Contains(stderr.String(), "board.md already exists. Replace it? [y/N]") {
				t.Errorf("no question asked: %q", stderr.String())
			}
			b, _ := os.ReadFile(out)
			if got := !bytes.Equal(b, []byte("old")); got != c.overwrite {
				t.Errorf("overwritten = %v, want %v (err %v)", got, c.overwrite, err)
			}
			if c.overwrite != (err == nil) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func TestReportColourOnlyOnTerminalStdout(t *testing.T) {
	for _, c := range []struct {
		name   string
		color  bool
		output bool
		want   bool
	}{{"terminal", true, false, true}, {"piped", false, false, false}, {"to a file", true, true, false}} {
		t.Run(c.name, func(t *testing.T) {
			var stdout bytes.Buffer
			ios := Test(strings.NewReader(""), &stdout, &bytes.Buffer{})
			ios.Color, ios.OutTTY = c.color, c.color
			o := &ReportOptions{Inputs: []string{reportFixture(t)}, By: "section", Now: time.Now}
			if c.output {
				o.Output = filepath.Join(t.TempDir(), "r.txt")
			}
			if err := runReport(ios, o); err != nil {
				t.Fatal(err)
			}
			text := stdout.String()
			if c.output {
				b, _ := os.ReadFile(o.Output)
				text = string(b)
			}
			if got := strings.Contains(text, "\x1b["); got != c.want {
				t.Errorf("colour = %v, want %v", got, c.want)
			}
		})
	}
}

func TestReportXLSXNotToTerminal(t *testing.T) {
	ios := Test(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
	ios.OutTTY = true
	err := runReport(ios, &ReportOptions{Inputs: []string{reportFixture(t)}, Format: "xlsx", By: "section", Now: time.Now})
	if err == nil || !strings.Contains(err.Error(), "xlsx is a binary format") {
		t.Errorf("err = %v", err)
	}
}

// TestReadResultsOrderAndFirstError: Results read in parallel keep the
// order of the files given (and of a check document's results), and of
// several bad files the first given is the one reported, whichever worker
// finished first.
func TestReadResultsOrderAndFirstError(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("..", "..", "report", "testdata", "housing-2026-q2.json"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i := range 40 {
		data := bytes.Replace(good, []byte(`"subject": "`), fmt.Appendf(nil, `"subject": "%02d `, i), 1)
		p := filepath.Join(dir, fmt.Sprintf("r%02d.json", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	rs, err := readResults(paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(paths) {
		t.Fatalf("%d Results, want %d", len(rs), len(paths))
	}
	for i, r := range rs {
		if want := fmt.Sprintf("%02d ", i); !strings.HasPrefix(r.Subject, want) {
			t.Fatalf("Result %d is %q, want the subject starting %q", i, r.Subject, want)
		}
	}
	for _, bad := range []int{7, 23, 31} {
		if err := os.WriteFile(paths[bad], []byte(`{"schemaVersion": 1, "subject": 3}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for range 5 {
		_, err := readResults(paths)
		if err == nil || !strings.HasPrefix(err.Error(), paths[7]+": ") {
			t.Fatalf("error %v, want the first bad file, %s", err, paths[7])
		}
	}
}
