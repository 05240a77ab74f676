package corpus

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/rule"
)

const corpusDir = "../../testdata/corpus"

// minCases is the least number of corpus documents the test expects, so that
// a corpus emptied by accident does not pass quietly.
const minCases = 80

// expectations maps a document (relative to corpusDir) to the expected
// outcome ("pass", "partial" or "fail") of each built-in automated item it targets.
type expectations map[string]map[string]string

func loadExpectations(t *testing.T) expectations {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, "expect.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var exp expectations
	if err := yaml.Unmarshal(data, &exp); err != nil {
		t.Fatalf("expect.yaml: %v", err)
	}
	return exp
}

// builtinItems returns every automated item of the built-in checklists, once
// each (a profile such as service-charter repeats the items it includes).
func builtinItems(t *testing.T) (items []*checklist.Item, byID map[string]*checklist.Item) {
	t.Helper()
	cls, err := checklist.Builtins()
	if err != nil {
		t.Fatalf("load built-ins: %v", err)
	}
	byID = map[string]*checklist.Item{}
	for _, cl := range cls {
		for _, it := range cl.Items() {
			if !it.Automated() || byID[it.FullID] != nil {
				continue
			}
			byID[it.FullID] = it
			items = append(items, it)
		}
	}
	return items, byID
}

func compile(t *testing.T) (*rule.Set, map[string]*checklist.Item) {
	t.Helper()
	items, byID := builtinItems(t)
	set, err := rule.Compile(items)
	if err != nil {
		t.Fatalf("compile built-in evidence: %v", err)
	}
	return set, byID
}

func evaluate(t *testing.T, set *rule.Set, name string) map[string]rule.Outcome {
	t.Helper()
	doc, err := document.Read(filepath.Join(corpusDir, name), document.DefaultLimits())
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return set.Evaluate(doc)
}

// outcomeWord is an outcome as expect.yaml writes it.
func outcomeWord(o rule.Outcome) string {
	switch {
	case o.Passed:
		return "pass"
	case o.Partial:
		return "partial"
	}
	return "fail"
}

func TestCorpus(t *testing.T) {
	set, byID := compile(t)
	exp := loadExpectations(t)
	names := make([]string, 0, len(exp))
	for name := range exp {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			outcomes := evaluate(t, set, name)
			ids := make([]string, 0, len(exp[name]))
			for id := range exp[name] {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				want := exp[name][id]
				if want != "pass" && want != "partial" && want != "fail" {
					t.Errorf("%s: expectation %q is not pass, partial or fail", id, want)
					continue
				}
				if byID[id] == nil {
					t.Errorf("%s is not a built-in automated item", id)
					continue
				}
				out, ok := outcomes[id]
				if !ok {
					t.Errorf("%s: no outcome", id)
					continue
				}
				if got := outcomeWord(out); got != want {
					var why []string
					for _, f := range out.Findings {
						why = append(why, f.Rule+": "+f.Message+" "+f.Snippet)
					}
					t.Errorf("%s: got %s, want %s\n\t%s", id, got, want, strings.Join(why, "\n\t"))
				}
			}
		})
	}
}

// TestCorpusComplete checks every corpus document has expectations (so none
// is forgotten) and that the corpus is not trivially small.
func TestCorpusComplete(t *testing.T) {
	exp := loadExpectations(t)
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || e.Name() == "expect.yaml" {
			continue
		}
		n++
		if _, ok := exp[e.Name()]; !ok {
			t.Errorf("%s has no entry in expect.yaml", e.Name())
		}
		if !document.Supported(e.Name()) {
			t.Errorf("%s is not a supported document format", e.Name())
		}
	}
	if n < minCases {
		t.Errorf("corpus has %d documents, want at least %d", n, minCases)
	}
	for name := range exp {
		if _, err := os.Stat(filepath.Join(corpusDir, name)); err != nil {
			t.Errorf("expect.yaml names %s: %v", name, err)
		}
	}
}

// TestRequiredItems checks the automated items that CI configurations and
// board papers refer to exist under exactly these ids.
func TestRequiredItems(t *testing.T) {
	_, byID := builtinItems(t)
	for _, id := range []string{
		"keeps-promises/timescales",
		"admits-mistakes/apology",
		"admits-mistakes/hollow-apology",
		"admits-mistakes/escalation",
		"real-humans/contact",
		"real-humans/no-reply",
		"real-humans/personal",
		"published-feedback/performance",
		"published-feedback/you-said-we-did",
	} {
		if byID[id] == nil {
			t.Errorf("built-in automated item %s is missing", id)
		}
	}
}

// TestNotACharter checks that documents that are not service charters pass
// well under half of the service-charter profile's automated items, while a
// strong charter passes them all.
func TestNotACharter(t *testing.T) {
	set, _ := compile(t)
	profile, err := checklist.Resolve("service-charter")
	if err != nil {
		t.Fatalf("resolve service-charter: %v", err)
	}
	share := func(name string) float64 {
		outcomes := evaluate(t, set, name)
		total, passed := 0, 0
		for _, it := range profile.Items() {
			if !it.Automated() {
				continue
			}
			total++
			if outcomes[it.FullID].Passed {
				passed++
			}
		}
		if total == 0 {
			t.Fatal("service-charter has no automated items")
		}
		return float64(passed) / float64(total)
	}
	tests := []struct {
		name     string
		min, max float64
	}{
		{"../../examples/documents/strong-service-charter.md", 1, 1},
		{"../../examples/documents/privacy-notice.md", 0, 0.6},
		{"cookie-policy.md", 0, 0.6},
		{"../../examples/documents/vague-service-charter.md", 0, 0.6},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.name), func(t *testing.T) {
			if got := share(tt.name); got < tt.min || got > tt.max {
				t.Errorf("passes %.0f%% of service-charter's automated items, want %.0f%%–%.0f%%", got*100, tt.min*100, tt.max*100)
			}
		})
	}
}
