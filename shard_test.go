package svcaudit

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/result"
)

// shardChecklist sets every kind of documentary rule, with limits that the
// corpus falls on both sides of from document to document: patterns that
// match hundreds of times (none's "and N more"), a min count, a jargon
// rate within its limit in all but over it in the shard with the jargon,
// near, heading, readability, sentence rules (one partial: hedged) and
// timescale rules, on a four-level scale with a max-partials gate.
const shardChecklist = `id: shard-kinds
title: Every rule kind
version: "1"
scale:
  - {value: best, label: Best practice, score: 1}
  - {value: full, label: Full compliance, score: 0.75}
  - {value: partial, label: Partial compliance, score: 0.4}
  - {value: none, label: Major non-compliance, score: 0}
gates:
  - max-partials: 0
items:
  - id: any-many
    question: Does any document name a time?
    evidence:
      any: ['\bwithin\b', '\bdays?\b', '\bweeks?\b']
  - id: all-spread
    question: Do the documents name the ombudsman and apologise?
    evidence:
      all: ['ombudsman', '\bsorry\b', '\bcharter\b']
  - id: none-common
    question: Do the documents avoid "the"?
    evidence:
      none: ['\bthe\b', '\bwe\b']
  - id: min-count
    question: Do the documents speak of complaints often?
    evidence:
      any: ['\bcomplain\w*']
      min: 400
  - id: near-pair
    question: Is the ombudsman named near a complaint?
    evidence:
      near: {a: 'complain\w*', b: 'ombudsman', within: 5}
  - id: heading-one
    question: Is there a complaints heading?
    evidence:
      heading: 'complaints?'
  - id: easy-read
    question: Are the documents easy to read?
    evidence:
      readability: {min: 55}
  - id: jargon-rate
    question: Do the documents avoid jargon?
    evidence:
      jargon: {max: 1.5, per: 1000, words: [going forward, leverage, stakeholder, touch base, reach out, customer journey]}
  - id: apologise
    question: Do the documents apologise?
    evidence:
      sentence:
        all: ['\b(apologi[sz]e|sorry)\b']
        who: organisation
        commit: true
  - id: aims
    question: Do the documents commit, not only aim?
    evidence:
      sentence:
        all: ['\baim\w*\s+to\b']
        who: organisation
        commit: true
  - id: respond
    question: Is a response promised within 10 working days?
    evidence:
      timescale:
        what: response
        event: 'respon[ds]\w*|\brepl(?:y|ies|ied)\b'
        max: '10 working days'
`

// Results of a check of a corpus split into shards, each checked
// together, merge into the Result of checking the whole together: the
// same score, outcomes, answers and findings, for 2, 3 and 8 shards taken
// round-robin (so that no shard's documents are a run of the whole's) and
// for two halves.
func TestShardsMergeAsTheWhole(t *testing.T) {
	corpusDir, err := filepath.Abs(filepath.Join("testdata", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("kinds.yaml", []byte(shardChecklist), 0o644); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() {
			files = append(files, filepath.Join(corpusDir, e.Name()))
		}
	}
	sort.Strings(files)
	lists := []string{"kinds.yaml", "keeps-promises", "admits-mistakes", "housing-ombudsman-code", "plain-language", "published-feedback", "real-humans"}
	check := func(paths []string) []*result.Result {
		t.Helper()
		run, err := Check(context.Background(), CheckOptions{Paths: paths, Checklists: lists, Together: true, Subject: "S"})
		if err != nil {
			t.Fatal(err)
		}
		// As saved and read back by `report --merge`.
		var out []*result.Result
		for _, r := range run.Results {
			b, err := result.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			back, err := result.Decode("shard.json", b)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, back)
		}
		return out
	}
	whole := check(files)
	if len(whole) != len(lists) {
		t.Fatalf("%d Results for %d checklists", len(whole), len(lists))
	}
	kinds := map[string]bool{}
	for _, r := range whole {
		for _, it := range r.Items {
			for _, tl := range it.Tally {
				kinds[tl.Kind] = true
			}
		}
	}
	for _, k := range checklist.Kinds() {
		if k.Documents && !kinds[k.Name] {
			t.Errorf("no item of the test judges a %s rule", k.Name)
		}
	}
	cls := map[string]*checklist.Checklist{}
	for _, ref := range lists {
		cl, err := checklist.Resolve(ref)
		if err != nil {
			t.Fatal(err)
		}
		cls[cl.ID] = cl
	}

	type split struct {
		name   string
		shards [][]string
	}
	var splits []split
	for _, n := range []int{2, 3, 8} {
		shards := make([][]string, n)
		for i, f := range files {
			shards[i%n] = append(shards[i%n], f)
		}
		splits = append(splits, split{name: "round-robin " + string(rune('0'+n)), shards: shards})
	}
	half := len(files) / 2
	splits = append(splits, split{name: "halves", shards: [][]string{files[:half], files[half:]}})

	differs := 0
	for _, sp := range splits {
		byList := map[string][]*result.Result{}
		for _, shard := range sp.shards {
			for _, r := range check(shard) {
				byList[r.Checklist.ID] = append(byList[r.Checklist.ID], r)
			}
		}
		for _, w := range whole {
			shards := byList[w.Checklist.ID]
			for _, s := range shards {
				if s.Score != w.Score {
					differs++
				}
			}
			m, err := report.MergeWith(shards, report.MergeOptions{Checklist: cls[w.Checklist.ID]})
			if err != nil {
				t.Fatalf("%s, %s: %v", sp.name, w.Checklist.ID, err)
			}
			compareResults(t, sp.name+", "+w.Checklist.ID, w, m)
		}
	}
	if differs == 0 {
		t.Error("every shard scored as the whole: the test shows nothing")
	}
}

// compareResults fails when merged differs from whole in what a report
// shows: score, grade, verdict, gates, documents, and each item's outcome,
// answer, score and findings.
func compareResults(t *testing.T, name string, whole, merged *result.Result) {
	t.Helper()
	if whole.Score != merged.Score || whole.Passed != merged.Passed || whole.Grade != merged.Grade {
		t.Errorf("%s: merged scored %v%% %v passed=%v, the whole %v%% %v passed=%v", name, merged.Score, merged.Grade, merged.Passed, whole.Score, whole.Grade, whole.Passed)
	}
	same := func(what string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			t.Errorf("%s: %s differ:\n whole:  %s\n merged: %s", name, what, ja, jb)
		}
	}
	same("gates", whole.Gates, merged.Gates)
	same("critical failures", whole.CriticalFailures, merged.CriticalFailures)
	same("documents", whole.Documents, merged.Documents)
	same("sections", whole.Sections, merged.Sections)
	same("notices", whole.Notices, merged.Notices)
	if len(whole.Items) != len(merged.Items) {
		t.Fatalf("%s: %d items merged, %d in the whole", name, len(merged.Items), len(whole.Items))
	}
	for i, w := range whole.Items {
		m := merged.Items[i]
		if w.ID != m.ID || w.Outcome != m.Outcome || w.Answer != m.Answer || w.AnswerLabel != m.AnswerLabel || !reflect.DeepEqual(w.Score, m.Score) || w.Source != m.Source {
			t.Errorf("%s: item %s merged %s %q (%s), the whole %s %q (%s)", name, w.ID, m.Outcome, m.Answer, m.Source, w.Outcome, w.Answer, w.Source)
		}
		same("findings of "+w.ID, w.Findings, m.Findings)
		if strings.Contains(m.Note, "CONFLICT") {
			t.Errorf("%s: %s merged as a conflict: %s", name, w.ID, m.Note)
		}
	}
}
