package stance

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// guardedAll lists every guarded expression with the bare one it stands for.
func guardedAll() map[string][2]any {
	loadGuards()
	return map[string][2]any{
		"orgSubject":           {guards.orgSubject, orgSubject},
		"readerDuty":           {guards.readerDuty, readerDuty},
		"timeLimit":            {guards.timeLimit, timeLimit},
		"readerReceives":       {guards.readerReceives, readerReceives},
		"bareReceives":         {guards.bareReceives, bareReceives},
		"readerActs":           {guards.readerActs, readerActs},
		"commitModal":          {guards.commitModal, commitModal},
		"presentVerb":          {guards.presentVerb, presentVerb},
		"hedges":               {guards.hedges, hedges},
		"targetWords":          {guards.targetWords, targetWords},
		"negation":             {guards.negation, negation},
		"conditionWords":       {guards.conditionWords, conditionWords},
		"faultCondition":       {guards.faultCondition, faultCondition},
		"readerConditionWords": {guards.readerConditionWords, readerConditionWords},
	}
}

// checkGuards compares each guarded expression with the bare one on
// every clause-like part of text: from each break to each later one.
func checkGuards(t *testing.T, text string) {
	t.Helper()
	h := scanGuards(text)
	cuts := []int{0}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case ' ', ',', ';', ':':
			cuts = append(cuts, i, i+1)
		}
	}
	cuts = append(cuts, len(text))
	if len(cuts) > 6 {
		cuts = append(cuts[:3], cuts[len(cuts)-3:]...)
	}
	for name, p := range guardedAll() {
		g, re := p[0].(*guarded), p[1].(*regexp.Regexp)
		for _, lo := range cuts {
			for _, hi := range cuts {
				if hi < lo {
					continue
				}
				want := re.MatchString(text[lo:hi])
				if got := g.match(&h, text, lo, hi); got != want {
					t.Fatalf("%s on %q: guarded %v, bare %v", name, text[lo:hi], got, want)
				}
				if want && !g.possible(&h, lo, hi) {
					t.Fatalf("%s on %q: the guard rules out a match", name, text[lo:hi])
				}
				if lo == 0 || hi == len(text) {
					wantLoc := re.FindStringIndex(text[lo:hi])
					if gotLoc := g.find(&h, text, lo, hi); !slices.Equal(gotLoc, wantLoc) {
						t.Fatalf("%s on %q: guarded finds %v, bare %v", name, text[lo:hi], gotLoc, wantLoc)
					}
				}
			}
		}
	}
}

// TestGuards runs every guarded expression and its bare form on the
// sentences of the corpus and of the codes' cases: the guards must never
// change a result.
func TestGuards(t *testing.T) {
	var files []string
	for _, glob := range []string{"../../testdata/corpus/*.md", "../../testdata/corpus/*.txt", "../../testdata/heldout/*.md", "../../testdata/codes/*.md"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("found %d corpus files, want the corpus", len(files))
	}
	n := 0
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range splitSentences(string(b)) {
			if seen[s] {
				continue
			}
			seen[s] = true
			checkGuards(t, s)
			n++
		}
	}
	for _, s := range []string{
		"If we get something wrong, we will say sorry and put it right.",
		"I will call you back; you must reply within 28 days.",
		"WE WILL NOT APOLOGISE, UNLESS YOU PAY THE FEE.",
		"Our ſtaff will call you: it is the Kelvin K rule.",
		"Can we call you back within an hour?",
		"",
	} {
		checkGuards(t, s)
	}
	t.Logf("%d sentences", n)
}

// splitSentences is a rough split at full stops and line breaks: enough
// to give the guards sentence-sized texts.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, s := range strings.SplitAfter(line, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// TestGuardsGuard checks that the guards do guard: each has literals to
// look for, and orgSubject's one-letter "I" is split from its words.
func TestGuardsGuard(t *testing.T) {
	for name, p := range guardedAll() {
		g := p[0].(*guarded)
		for _, part := range g.parts {
			if part.needs == nil {
				t.Errorf("%s: a part with no guard: %s", name, part.re)
			}
		}
	}
	if n := len(guards.orgSubject.parts); n < 10 {
		t.Errorf("orgSubject in %d parts, want one per branch", n)
	}
	if !guards.hedges.ordered || !guards.orgSubject.ordered {
		t.Error("hedges and orgSubject: the branches' matches should give the leftmost-first one")
	}
	// A sentence with none of the words runs none of the expressions.
	h := scanGuards("Opening hours 8am to 6pm.")
	if guards.readerReceives.possible(&h, 0, 25) || guards.hedges.possible(&h, 0, 25) {
		t.Error("the guards let through a sentence with none of their words")
	}
}

func FuzzGuards(f *testing.F) {
	f.Add("If we get something wrong, we will say sorry and put it right.")
	f.Add("You must complain within 12 months, unless you pay: we’ll not call.")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 300 {
			return
		}
		checkGuards(t, s)
	})
}
