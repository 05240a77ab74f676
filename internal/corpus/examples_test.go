package corpus

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
)

// TestExampleProfiles checks the example profiles load, include the
// built-ins and set the gates and bands examples/README.md describes.
func TestExampleProfiles(t *testing.T) {
	tests := []struct {
		file     string
		sections int
		gates    []checklist.GateKind
		bands    []float64
	}{
		{"care-ratings.yaml", 4, []checklist.GateKind{checklist.SectionMin, checklist.NoCriticalFailures}, []float64{88, 63, 39, 0}},
		{"charter-mark.yaml", 6, []checklist.GateKind{checklist.SectionMin, checklist.NoCriticalFailures, checklist.MaxPartials, checklist.OverallMin}, []float64{90, 70, 50, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cl, err := checklist.Load(filepath.Join("../../examples/checklists", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(cl.Sections) != tt.sections {
				t.Errorf("%d sections, want %d", len(cl.Sections), tt.sections)
			}
			var gates []checklist.GateKind
			for _, g := range cl.Gates {
				gates = append(gates, g.Kind)
			}
			if len(gates) != len(tt.gates) {
				t.Fatalf("gates %v, want %v", gates, tt.gates)
			}
			for i := range gates {
				if gates[i] != tt.gates[i] {
					t.Errorf("gate %d is %s, want %s", i, gates[i], tt.gates[i])
				}
			}
			if len(cl.Grades) != len(tt.bands) {
				t.Fatalf("%d bands, want %d", len(cl.Grades), len(tt.bands))
			}
			for i, b := range cl.Grades {
				if b.Min != tt.bands[i] {
					t.Errorf("band %s starts at %v, want %v", b.Label, b.Min, tt.bands[i])
				}
			}
		})
	}
}

// TestExampleAnswers checks the example answers files name only items of
// their checklist and answers on its scale.
func TestExampleAnswers(t *testing.T) {
	files, err := filepath.Glob("../../examples/answers/*.yaml")
	if err != nil || len(files) < 2 {
		t.Fatalf("want at least two example answers files, got %v (%v)", files, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			f, err := answers.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			cl, err := checklist.Resolve(f.Checklist)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Check(cl); err != nil {
				t.Error(err)
			}
			if f.Subject == "" || len(f.Answers) == 0 {
				t.Errorf("subject %q with %d answers", f.Subject, len(f.Answers))
			}
		})
	}
}

// seedRef is how an item cites its source: the seed file and the post title.
var seedRef = regexp.MustCompile(`^seeds/\d{3}_[0-9a-f]{16}\.txt \([^)]+\): \S`)

// codeRef is how an item of a published code cites its source: the code,
// the provision (its ref), must or should, and the source's address.
var codeRef = regexp.MustCompile(`^[^,]+\(\d{4}\), provision (\S+) \((must|should)\): https://\S+$`)

// TestBuiltinSources checks every built-in item cites the seed it comes
// from, or, for an item of a published code (one with a ref), its provision
// and the source's address, with must for a critical item and should for
// another.
func TestBuiltinSources(t *testing.T) {
	cls, err := checklist.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range cls {
		for _, it := range cl.Items() {
			if it.Checklist != cl.ID {
				continue // an included item, checked in its own checklist
			}
			if it.Ref != "" {
				m := codeRef.FindStringSubmatch(it.Source)
				switch {
				case m == nil:
					t.Errorf("%s: source %q does not cite its code, provision and address", it.FullID, it.Source)
				case m[1] != it.Ref:
					t.Errorf("%s: source cites provision %s, but its ref is %s", it.FullID, m[1], it.Ref)
				case (m[2] == "must") != it.Critical:
					t.Errorf("%s: source says %s, but critical is %v", it.FullID, m[2], it.Critical)
				}
				continue
			}
			if !seedRef.MatchString(it.Source) {
				t.Errorf("%s: source %q does not cite a seed file and title", it.FullID, it.Source)
			}
		}
	}
}
