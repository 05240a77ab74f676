package view

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mattn/go-runewidth"
	"github.com/svcaudit/svcaudit/checklist"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

// TestGolden renders the testdata checklists in every format and compares
// them with the golden files (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, name := range []string{"valid-full", "valid-profile", "valid-minimal"} {
		cl, err := checklist.Load(filepath.Join("..", "..", "checklist", "testdata", name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		formats := []struct {
			ext    string
			render func(*bytes.Buffer) error
		}{
			{"txt", func(b *bytes.Buffer) error { return Table(b, cl, TableOptions{Width: 100}) }},
			{"md", func(b *bytes.Buffer) error { return Markdown(b, cl) }},
			{"json", func(b *bytes.Buffer) error { return JSON(b, cl) }},
		}
		for _, f := range formats {
			t.Run(name+"."+f.ext, func(t *testing.T) {
				var b bytes.Buffer
				if err := f.render(&b); err != nil {
					t.Fatal(err)
				}
				golden(t, name+"."+f.ext, b.Bytes())
			})
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	cl, err := checklist.Parse("x.yaml", []byte("id: x\ntitle: A | B\nitems:\n  - id: a\n    question: \"Is <b>this</b> | that?\"\n    evidence: {any: ['(days|hours)`']}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Markdown(&b, cl); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"# A \\| B", "Is &lt;b&gt;this&lt;/b&gt; \\| that?", "`any: /(days\\|hours)'/`", "☐ Yes ☐ Partly ☐ No ☐ N/A"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestJSONRoundTrips(t *testing.T) {
	cl, err := checklist.Load("../../checklist/testdata/valid-full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := JSON(&b, cl); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Sections []struct {
			Items []struct {
				FullID    string `json:"fullId"`
				Automated bool   `json:"automated"`
			} `json:"items"`
		} `json:"sections"`
	}
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if it := v.Sections[0].Items[0]; it.FullID != "full/timescales" || !it.Automated {
		t.Errorf("first item = %+v", it)
	}
}

// TestTableFitsWidth renders every built-in checklist at several terminal
// widths: no line may be wider than the terminal.
func TestTableFitsWidth(t *testing.T) {
	cls, err := checklist.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range cls {
		for _, width := range []int{60, 80, 120} {
			t.Run(fmt.Sprintf("%s/%d", cl.ID, width), func(t *testing.T) {
				var b bytes.Buffer
				if err := Table(&b, cl, TableOptions{Width: width}); err != nil {
					t.Fatal(err)
				}
				for i, line := range strings.Split(b.String(), "\n") {
					if n := runewidth.StringWidth(line); n > width {
						t.Errorf("line %d is %d columns wide, more than %d: %s", i+1, n, width, line)
					}
				}
			})
		}
	}
}

// TestTableKeepsIDsWhole: an id, and at 100 columns and more every word of
// an item's evidence (its patterns), is never split across lines.
func TestTableKeepsIDsWhole(t *testing.T) {
	cls, err := checklist.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range cls {
		for _, width := range []int{80, 100, 120} {
			var b bytes.Buffer
			if err := Table(&b, cl, TableOptions{Width: width}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, s := range cl.Sections {
				for _, it := range s.Items {
					if !strings.Contains(out, it.ID) {
						t.Errorf("%s at %d: id %s split", cl.ID, width, it.ID)
					}
					if width < 100 || it.Evidence == nil {
						continue
					}
					for _, w := range strings.Fields(Evidence(it.Evidence)) {
						if runewidth.StringWidth(w) < width/3 && !strings.Contains(out, w) {
							t.Errorf("%s at %d: %q of %s split", cl.ID, width, w, it.ID)
						}
					}
				}
			}
		}
	}
}

// TestEveryKindShown checks that show's table and paper form word the
// kinds that read sentences, timescales and case logs, which they once
// left out, and that an item measured only from a case log is not said
// to be answered by documents.
func TestEveryKindShown(t *testing.T) {
	cl, err := checklist.Parse("x.yaml", []byte(`id: x
title: X
items:
  - id: apology
    question: Do we apologise?
    evidence:
      sentence: {all: ['apologi[sz]e'], who: organisation, commit: true}
  - id: reply
    question: Do we reply in time?
    evidence:
      timescale: {what: stage 1 response, event: respond, max: 10 working days}
  - id: record
    question: Did we reply in time?
    evidence:
      cases: {stage: 1, interval: acknowledged-responded, limit: 10, min: 95%}
`))
	if err != nil {
		t.Fatal(err)
	}
	var tb, md bytes.Buffer
	if err := Table(&tb, cl, TableOptions{Width: 400}); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&md, cl); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"documents: a sentence with /apologi[sz]e/ by the organisation, a commitment",
		"documents: stage 1 response at most 10 working days",
		"│ case log: 95% of stage 1 cases acknowledged to responded within 10 working days",
	} {
		if !strings.Contains(tb.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, tb.String())
		}
	}
	for _, want := range []string{
		"*Documents:* `a sentence with /apologi[sz]e/ by the organisation, a commitment`",
		"*Evidence:* `case log: 95% of stage 1 cases acknowledged to responded within 10 working days`",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("paper form lacks %q:\n%s", want, md.String())
		}
	}
}
