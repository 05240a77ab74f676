package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/internal/rule"
)

// formatsDir holds the same documents in every format: NAME.html and
// NAME.md written by hand with the same text, and NAME.docx, .odt, .pdf
// and .txt made from the HTML by LibreOffice (testdata/formats/make.sh).
const formatsDir = "../formats"

var formatExts = []string{".html", ".md", ".txt", ".docx", ".odt", ".pdf"}

var easeRE = regexp.MustCompile(`reading ease (-?\d+(\.\d+)?)`)

// TestFormatParity checks that every built-in automated item reaches the
// same outcome on a document whatever its format, that the Flesch
// reading ease of its prose is within 2 points of the HTML's, and that
// every finding placed in a PDF carries its page.
func TestFormatParity(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join(corpusDir, formatsDir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	var bases []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			bases = append(bases, strings.TrimSuffix(e.Name(), ".html"))
		}
	}
	if len(bases) < 6 {
		t.Fatalf("%d format-parity documents, want at least 6", len(bases))
	}
	set, byID := compile(t)
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	placed := 0 // findings placed in a PDF, so that the page check is not empty
	for _, base := range bases {
		t.Run(base, func(t *testing.T) {
			ref := evaluate(t, set, filepath.Join(formatsDir, base+".html"))
			refEase, ok := ease(ref["plain-language/readability"])
			if !ok {
				t.Fatalf("%s.html: no reading ease in %+v", base, ref["plain-language/readability"].Findings)
			}
			for _, ext := range formatExts[1:] {
				name := filepath.Join(formatsDir, base+ext)
				got := evaluate(t, set, name)
				for _, id := range ids {
					if w, g := outcomeWord(ref[id]), outcomeWord(got[id]); w != g {
						var why []string
						for _, f := range got[id].Findings {
							why = append(why, f.Message)
						}
						t.Errorf("%s%s: %s is %s, but %s as .html\n\t%s", base, ext, id, g, w, strings.Join(why, "\n\t"))
					}
				}
				if e, ok := ease(got["plain-language/readability"]); !ok {
					t.Errorf("%s%s: no reading ease", base, ext)
				} else if d := e - refEase; d > 2 || d < -2 {
					t.Errorf("%s%s: reading ease %.1f, %.1f as .html (more than 2 points apart)", base, ext, e, refEase)
				}
				if ext != ".pdf" {
					continue
				}
				for _, id := range ids {
					for _, f := range got[id].Findings {
						if f.Line > 0 {
							placed++
						}
						if f.Line > 0 && f.Page == 0 {
							t.Errorf("%s.pdf: %s: finding at line %d has no page: %s", base, id, f.Line, f.Message)
						}
					}
				}
			}
		})
	}
	if placed < 10 {
		t.Errorf("only %d findings placed in the PDFs: the page check needs more", placed)
	}
}

// ease reads the reading ease from the readability item's finding.
func ease(o rule.Outcome) (float64, bool) {
	for _, f := range o.Findings {
		if m := easeRE.FindStringSubmatch(f.Message); m != nil {
			v, err := strconv.ParseFloat(m[1], 64)
			return v, err == nil
		}
	}
	return 0, false
}
