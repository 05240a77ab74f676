package explain

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/result"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestGolden(t *testing.T) {
	care := []checklist.Band{
		{Label: "Outstanding", Min: 90, RAG: checklist.Green},
		{Label: "Good", Min: 75, RAG: checklist.Green},
		{Label: "Requires improvement", Min: 50, RAG: checklist.Amber},
		{Label: "Inadequate", Min: 0, RAG: checklist.Red},
	}
	tests := []struct {
		name, file, part, format string
		bands                    []checklist.Band
	}{
		{"pooled", "pooled.json", "", "text", nil},
		{"pooled-md", "pooled.json", "", "md", nil},
		{"pooled-bands", "pooled.json", "", "text", care},
		{"weighted", "weighted.json", "", "text", nil},
		{"item-full", "pooled.json", "keeps-promises/vague", "text", nil},
		{"item-short", "pooled.json", "no-reply", "text", nil},
		{"item-followup", "pooled.json", "why-not", "md", nil},
		{"section", "pooled.json", "real-humans", "text", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := result.Read(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, r, tt.part, Options{Format: tt.format, Bands: tt.bands}); err != nil {
				t.Fatal(err)
			}
			ext := ".txt"
			if tt.format == "md" {
				ext = ".md"
			}
			golden := filepath.Join("testdata", tt.name+".golden"+ext)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), buf.String()); d != "" {
				t.Errorf("explanation (-want +got):\n%s", d)
			}
		})
	}
}

func TestUnknownPart(t *testing.T) {
	r, err := result.Read("testdata/pooled.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ part, msg, hint string }{
		{"timescale", `no item or section "timescale" in the result`, `did you mean "timescales"?`},
		{"real-human", `no item or section "real-human" in the result`, `did you mean "real-humans"?`},
		{"zzz", `no item or section "zzz" in the result`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.part, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, r, tt.part, Options{})
			es := diag.Flatten(err)
			if len(es) != 1 || es[0].Msg != tt.msg || es[0].Hint != tt.hint {
				t.Errorf("error = %v (hint %q), want %q (hint %q)", err, es[0].Hint, tt.msg, tt.hint)
			}
		})
	}
	// an ambiguous short id asks for the full one
	r.Items = append(r.Items, result.Item{ID: "other/phone", Section: "real-humans"})
	err = Write(&bytes.Buffer{}, r, "phone", Options{})
	if err == nil || !strings.Contains(err.Error(), `"phone" names 2 items: give the full id`) {
		t.Errorf("ambiguous: %v", err)
	}
}

// TestSanitize: escapes from the Result never reach the output, and a
// newline in a field never starts a line (so "::warning::" cannot begin
// one), in text and in Markdown.
func TestSanitize(t *testing.T) {
	r := &result.Result{Subject: "Evil\x1b[31m\n::warning::forged", Grade: result.Grade{Label: "Poor\n::error::x"}, Sections: []result.Section{}}
	for _, format := range []string{"text", "md"} {
		var buf bytes.Buffer
		if err := Write(&buf, r, "", Options{Format: format}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "\x1b") {
			t.Errorf("%s: escape kept:\n%q", format, buf.String())
		}
		for _, l := range strings.Split(buf.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "::") {
				t.Errorf("%s: a field starts a line: %q", format, l)
			}
		}
	}
}

// TestRecordedScoreDiffers: when the sections do not add up to the recorded
// score (unanswered items counted as zero elsewhere, say), the explanation
// says so rather than show sums that disagree.
func TestRecordedScoreDiffers(t *testing.T) {
	r, err := result.Read("testdata/pooled.json")
	if err != nil {
		t.Fatal(err)
	}
	r.Score = 64.3
	var buf bytes.Buffer
	if err := Write(&buf, r, "", Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "The Result records 64.3%; the figures above are rounded"; !strings.Contains(buf.String(), want) {
		t.Errorf("missing %q in:\n%s", want, buf.String())
	}
	r.Score = 69.2
	buf.Reset()
	_ = Write(&buf, r, "", Options{})
	if strings.Contains(buf.String(), "The Result records") {
		t.Errorf("note shown when the figures agree")
	}
}
