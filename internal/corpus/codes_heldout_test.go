package corpus

import (
	"fmt"
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

// codesHeldoutDir holds complaints policies written on the wording
// families of real published policies and labelled per provision before
// the codes' checklists were run on them. They are never used to tune the
// rules. codesTuningDir holds documents made and labelled the same way
// whose misses the rules have been tuned on (with testdata/codes/*.yaml):
// they are held to the same bar, so that no tuning undoes another.
const (
	codesHeldoutDir = "../../testdata/codes/heldout"
	codesTuningDir  = "../../testdata/codes/tuning"
)

// minCodeAgreement is the bar for each automated provision on the
// held-out policies of its checklist.
const minCodeAgreement = 0.90

// codesBelowTarget lists the provisions (set, checklist and ref) whose
// agreement is known to miss the bar, with the agreement measured when
// they were listed: the test reports them without failing while they hold
// that figure, and fails if one gets worse. Each is named, with its figure
// and why, in docs/codes.md. A provision leaves the list when the tuning
// wording covers its family and its figure meets the bar (the test says
// so).
var codesBelowTarget = map[string]float64{
	"heldout:housing-ombudsman-code/1.2":  14.0 / 16,
	"heldout:housing-ombudsman-code/1.3":  14.0 / 16,
	"heldout:housing-ombudsman-code/2.4":  14.0 / 16,
	"heldout:housing-ombudsman-code/3.2":  14.0 / 16,
	"heldout:housing-ombudsman-code/5.3":  13.0 / 16,
	"heldout:housing-ombudsman-code/6.11": 14.0 / 16,
	"heldout:housing-ombudsman-code/6.13": 14.0 / 16,
	"heldout:housing-ombudsman-code/6.19": 14.0 / 16,
	"heldout:housing-ombudsman-code/6.2":  14.0 / 16,
	"heldout:lgsco-code/3.4":              10.0 / 12,
	"heldout:lgsco-code/4.1":              10.0 / 12,
	"tuning:lgsco-code/2.1":               5.0 / 6,
	"tuning:lgsco-code/3.4":               5.0 / 6,
	"tuning:lgsco-code/6.8":               5.0 / 6,
	"tuning:lgsco-code/6.17":              5.0 / 6,
}

type codeLabels struct {
	Checklist string   `yaml:"checklist"`
	Pass      []string `yaml:"pass"`
	Fail      []string `yaml:"fail"`
}

// TestCodesHeldOut runs the automated provisions of both codes over the
// held-out policies, and over the tuning ones, and checks each provision's
// agreement with the labels. With -accuracy it prints the per-provision
// tables for docs/codes.md; with -docs it scores only the documents whose
// names match (one batch, e.g. 'ho-1[6-9]-*,ho-2[01]-*,lg-1[6-9]-*') and
// reports the bar without enforcing it.
func TestCodesHeldOut(t *testing.T) {
	for _, set := range []struct{ name, dir string }{{"heldout", codesHeldoutDir}, {"tuning", codesTuningDir}} {
		t.Run(set.name, func(t *testing.T) { measureCodes(t, set.name, set.dir) })
	}
}

// measureCodes measures one labelled set of policies.
func measureCodes(t *testing.T, setName, dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "labels.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var labels map[string]codeLabels
	if err := yaml.Unmarshal(data, &labels); err != nil {
		t.Fatalf("labels.yaml: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "labels.yaml" {
			if _, ok := labels[e.Name()]; !ok {
				t.Errorf("%s has no labels", e.Name())
			}
		}
	}
	type score struct {
		n, agree      int
		pos, found    int
		disagreements []string
	}
	scores := map[string]*score{}
	sets := map[string]*rule.Set{}
	automated := map[string][]*checklist.Item{}
	var total, agreed int
	names := make([]string, 0, len(labels))
	for n := range labels {
		if *docsGlob != "" && !matchAny(t, *docsGlob, n) {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		if *docsGlob != "" {
			t.Skipf("no %s document matches -docs %q", setName, *docsGlob)
		}
		t.Fatalf("%s has no labelled documents", dir)
	}
	sort.Strings(names)
	for _, name := range names {
		lab := labels[name]
		set := sets[lab.Checklist]
		if set == nil {
			cl, err := checklist.Resolve(lab.Checklist)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, it := range cl.Items() {
				if it.Automated() {
					automated[lab.Checklist] = append(automated[lab.Checklist], it)
				}
			}
			if set, err = rule.Compile(automated[lab.Checklist]); err != nil {
				t.Fatal(err)
			}
			sets[lab.Checklist] = set
		}
		want := map[string]bool{}
		known := map[string]bool{}
		for _, it := range automated[lab.Checklist] {
			known[it.Ref] = true
		}
		for _, ref := range lab.Pass {
			want[ref] = true
		}
		for _, ref := range append(append([]string(nil), lab.Pass...), lab.Fail...) {
			if !known[ref] {
				t.Errorf("%s: %s is not an automated provision of %s", name, ref, lab.Checklist)
			}
		}
		for _, ref := range lab.Fail {
			if want[ref] {
				t.Errorf("%s: %s labelled both pass and fail", name, ref)
			}
		}
		doc, err := document.Read(filepath.Join(dir, name), document.DefaultLimits())
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		outcomes := set.Evaluate(doc)
		for _, it := range automated[lab.Checklist] {
			key := lab.Checklist + "/" + it.Ref
			s := scores[key]
			if s == nil {
				s = &score{}
				scores[key] = s
			}
			got := outcomes[it.FullID].Passed
			s.n++
			total++
			if got == want[it.Ref] {
				s.agree++
				agreed++
			} else {
				var why []string
				for _, f := range outcomes[it.FullID].Findings {
					why = append(why, f.Message)
				}
				s.disagreements = append(s.disagreements, fmt.Sprintf("%s: %s, labelled %s %s", name,
					map[bool]string{true: "pass", false: "fail"}[got], map[bool]string{true: "pass", false: "fail"}[want[it.Ref]],
					strings.Join(why, "; ")))
			}
			if want[it.Ref] {
				s.pos++
				if got {
					s.found++
				}
			}
		}
	}
	keys := make([]string, 0, len(scores))
	for k := range scores {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %d documents, all provisions: %.1f%% (%d/%d)\n\n", setName, len(names), 100*float64(agreed)/float64(total), agreed, total)
	b.WriteString("| provision | documents | agreement | labelled pass, found |\n| --- | ---: | ---: | ---: |\n")
	for _, k := range keys {
		s := scores[k]
		agree := float64(s.agree) / float64(s.n)
		known, below := codesBelowTarget[setName+":"+k]
		fmt.Fprintf(&b, "| `%s` | %d | %.0f%% (%d/%d) | %d/%d |\n", k, s.n, 100*agree, s.agree, s.n, s.found, s.pos)
		switch {
		case *docsGlob != "":
			// One batch: the figures are reported, the bar is not enforced.
			if agree < minCodeAgreement {
				t.Logf("below target (batch): %s: %.0f%%:\n\t%s", k, 100*agree, strings.Join(s.disagreements, "\n\t"))
			}
		case agree < minCodeAgreement && below && agree < known-1e-9:
			t.Errorf("%s: agreement %.0f%%, worse than the %.0f%% it is known to be below the target at:\n\t%s", k, 100*agree, 100*known, strings.Join(s.disagreements, "\n\t"))
		case agree < minCodeAgreement && below:
			t.Logf("below target (known): %s: %.0f%%:\n\t%s", k, 100*agree, strings.Join(s.disagreements, "\n\t"))
		case agree < minCodeAgreement:
			t.Errorf("%s: agreement %.0f%% (target %.0f%%):\n\t%s", k, 100*agree, 100*minCodeAgreement, strings.Join(s.disagreements, "\n\t"))
		case below:
			t.Errorf("%s meets the target (%.0f%%): take it off codesBelowTarget", k, 100*agree)
		}
	}
	for k := range codesBelowTarget {
		if set, ref, _ := strings.Cut(k, ":"); *docsGlob == "" && set == setName && scores[ref] == nil {
			t.Errorf("codesBelowTarget lists %s, which was not measured", k)
		}
	}
	if *accuracy {
		fmt.Print(b.String() + "\n")
	}
}
