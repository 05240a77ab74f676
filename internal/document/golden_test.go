package document

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// phrases are looked up in every fixture; a phrase matches across any run
// of white space, as the rule engine matches it, so a phrase that wraps
// over lines in a PDF is still found.
var phrases = []string{
	"Complaints Policy",
	"three working days",
	"full reply",
	"independent review",
	"Zoë",
	"Contact details",
	"Telephone 0300",
	"Monday to Friday",
}

// TestGolden reads each fixture and compares its text, headings and the
// positions of chosen phrases with testdata/golden/NAME.golden.
func TestGolden(t *testing.T) {
	fixtures := []string{
		"policy.md", "crlf.txt", "policy.html",
		"policy.docx", "policy.odt", "policy.pdf",
	}
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			doc, err := Read(filepath.Join("testdata", name), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkSegments(t, doc)
			got := describe(doc)
			golden := filepath.Join("testdata", "golden", name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// describe renders what a Document says about its source, for goldens.
func describe(doc *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\npages: %d\n\n--- text\n%s\n\n--- headings\n", doc.Format, doc.Pages, doc.Text)
	for _, h := range doc.Headings {
		fmt.Fprintf(&b, "h%d %s %q\n", h.Level, where(doc.Position(h.Off)), h.Text)
	}
	b.WriteString("\n--- sentences\n")
	for _, s := range doc.Sentences {
		mark := ""
		if s.Heading {
			mark = "H "
		}
		fmt.Fprintf(&b, "%s%s %q\n", mark, where(doc.Position(s.Start)), doc.SentenceText(s))
	}
	b.WriteString("\n--- phrases\n")
	for _, p := range phrases {
		re := regexp.MustCompile(`(?i)` + strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`))
		locs := re.FindAllStringIndex(doc.Text, -1)
		if len(locs) == 0 {
			fmt.Fprintf(&b, "%q not found\n", p)
		}
		for _, l := range locs {
			fmt.Fprintf(&b, "%q at %s\n", p, where(doc.Position(l[0])))
		}
	}
	return b.String()
}

func where(p Position) string {
	if p.Page > 0 {
		return fmt.Sprintf("page %d line %d col %d", p.Page, p.Line, p.Column)
	}
	return fmt.Sprintf("line %d col %d", p.Line, p.Column)
}

// checkSegments checks the invariants every reader must keep: segments in
// increasing order, inside Text, with 1-based positions.
func checkSegments(t *testing.T, doc *Document) {
	t.Helper()
	last := -1
	for i, s := range doc.Segments {
		if s.Off <= last || s.Off >= len(doc.Text) || s.Line < 1 || s.Column < 1 {
			t.Fatalf("segment %d bad: %+v (previous off %d, text %d bytes)", i, s, last, len(doc.Text))
		}
		last = s.Off
	}
	for i, s := range doc.Sentences {
		if s.Start >= s.End || s.End > len(doc.Text) || i > 0 && s.Start < doc.Sentences[i-1].End {
			t.Fatalf("sentence %d bad: %+v", i, s)
		}
		if strings.ContainsRune(doc.SentenceText(s), '\n') {
			t.Fatalf("sentence %d runs over a block break: %q", i, doc.SentenceText(s))
		}
	}
	for i, off := range doc.LineStarts {
		if off < 0 || off >= len(doc.Text) || i > 0 && off <= doc.LineStarts[i-1] {
			t.Fatalf("line start %d bad: %d", i, off)
		}
	}
	for off := 0; off < len(doc.Text); off++ {
		if (off == 0 || doc.Text[off-1] == '\n') && !doc.AtLineStart(off) {
			t.Fatalf("block start %d is not a line start", off)
		}
	}
	for _, h := range doc.Headings {
		if h.Off < 0 || h.Off+len(h.Text) > len(doc.Text) || doc.Text[h.Off:h.Off+len(h.Text)] != h.Text {
			t.Fatalf("heading %+v does not match the text", h)
		}
	}
}
