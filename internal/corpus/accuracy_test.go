package corpus

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// heldoutDir holds documents labelled by a careful reader and never used
// to tune the built-in items: the measure of their accuracy.
const heldoutDir = "../../testdata/heldout"

var (
	accuracy = flag.Bool("accuracy", false, "print the held-out accuracy table (docs/accuracy.md)")
	docsGlob = flag.String("docs", "", "score only the held-out documents whose names match one of these comma-separated globs (one batch, e.g. 'h14[1-9]-*,h1[5-7][0-9]-*,h180-*'); targets are then reported, not enforced")
)

// belowTarget lists the items whose held-out figures are known to miss
// the targets, so that the test reports them without failing; each is
// named in docs/accuracy.md. An item leaves the list when it is fixed on
// the tuning corpus (never on these documents).
var belowTarget = map[string]bool{
	"admits-mistakes/how-to-complain":        true,
	"earns-trust/recognises-history":         true,
	"keeps-promises/appointments":            true,
	"keeps-promises/timescales":              true,
	"plain-language/readability":             true,
	"personal-correspondence/direct-contact": true,
	"personal-correspondence/next-steps":     true,
	"published-feedback/you-said-we-did":     true,
	"real-humans/contact":                    true,
}

// Targets on the held-out part, per automated item.
const (
	minAgreement = 0.95
	minRecall    = 0.90
)

type itemScore struct {
	n, agree      int
	pos, found    int // labelled yes or partial; of those, not judged no
	judgedPos, tp int // judged yes or partial; of those, labelled so
	disagreements []string
}

func labelWord(o string) string {
	switch o {
	case "pass":
		return "yes"
	case "fail":
		return "no"
	}
	return o
}

// TestHeldOut runs the built-in automated items over the held-out
// documents and checks each item's agreement with the labels and its
// recall of the documents labelled yes or partial, and that no negative
// control passes as a service document.
func TestHeldOut(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(heldoutDir, "labels.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string]map[string]any
	if err := yaml.Unmarshal(data, &labels); err != nil {
		t.Fatalf("labels.yaml: %v", err)
	}
	entries, _ := os.ReadDir(heldoutDir)
	for _, e := range entries {
		if e.Name() != "labels.yaml" && labels[e.Name()] == nil {
			t.Errorf("%s has no labels", e.Name())
		}
	}
	set, byID := compile(t)
	scores := map[string]*itemScore{}
	names := make([]string, 0, len(labels))
	for n := range labels {
		if *docsGlob != "" && !matchAny(t, *docsGlob, n) {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		t.Fatalf("no held-out document matches -docs %q", *docsGlob)
	}
	sort.Strings(names)
	for _, name := range names {
		outcomes := evaluate(t, set, filepath.Join("../heldout", name))
		control := labels[name]["control"] == true
		passed, total := 0, 0
		for id, v := range labels[name] {
			if id == "control" {
				continue
			}
			want, _ := v.(string)
			if byID[id] == nil || (want != "yes" && want != "partial" && want != "no") {
				t.Errorf("%s: bad label %s: %v", name, id, v)
				continue
			}
			got := labelWord(outcomeWord(outcomes[id]))
			total++
			if got == "yes" {
				passed++
			}
			s := scores[id]
			if s == nil {
				s = &itemScore{}
				scores[id] = s
			}
			s.n++
			if got == want {
				s.agree++
			} else {
				s.disagreements = append(s.disagreements, fmt.Sprintf("%s: %s, labelled %s", name, got, want))
			}
			if want != "no" {
				s.pos++
				if got != "no" {
					s.found++
				}
			}
			if got != "no" {
				s.judgedPos++
				if want != "no" {
					s.tp++
				}
			}
		}
		if control && total > 0 && float64(passed)/float64(total) >= 0.6 {
			t.Errorf("negative control %s passes %d of %d items, as a service document would", name, passed, total)
		}
	}
	ids := make([]string, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	b.WriteString("| item | documents | agreement | recall | precision |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, id := range ids {
		s := scores[id]
		agree := float64(s.agree) / float64(s.n)
		recall, precision := 1.0, 1.0
		if s.pos > 0 {
			recall = float64(s.found) / float64(s.pos)
		}
		if s.judgedPos > 0 {
			precision = float64(s.tp) / float64(s.judgedPos)
		}
		fmt.Fprintf(&b, "| `%s` | %d | %.1f%% (%d/%d) | %.1f%% (%d/%d) | %.1f%% (%d/%d) |\n", id, s.n,
			100*agree, s.agree, s.n, 100*recall, s.found, s.pos, 100*precision, s.tp, s.judgedPos)
		if (agree < minAgreement || recall < minRecall) && (belowTarget[id] || *docsGlob != "") {
			t.Logf("below target (known): %s: agreement %.1f%%, recall %.1f%%:\n\t%s", id, 100*agree, 100*recall, strings.Join(s.disagreements, "\n\t"))
		} else if agree < minAgreement || recall < minRecall {
			t.Errorf("%s: agreement %.1f%%, recall %.1f%% (targets %.0f%%, %.0f%%):\n\t%s", id, 100*agree, 100*recall,
				100*minAgreement, 100*minRecall, strings.Join(s.disagreements, "\n\t"))
		}
	}
	if *accuracy {
		fmt.Print(b.String())
	}
}

// matchAny reports whether name matches one of the comma-separated globs.
func matchAny(t *testing.T, globs, name string) bool {
	t.Helper()
	for _, g := range strings.Split(globs, ",") {
		ok, err := filepath.Match(strings.TrimSpace(g), name)
		if err != nil {
			t.Fatalf("-docs %q: %v", globs, err)
		}
		if ok {
			return true
		}
	}
	return false
}
