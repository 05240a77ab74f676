package checklist

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/internal/schema"
)

// kindExamples gives, for every registered kind, evidence that sets it
// and how `svcaudit show` words it. TestKindExamples fails when a kind
// has none, so a new kind comes with its test.
var kindExamples = map[string]struct{ yaml, words string }{
	"any":         {`any: ['within \d+ days', 'rings']`, "any of 2 patterns"},
	"all":         {`all: 'ombudsman'`, "all: /ombudsman/"},
	"none":        {`none: ['as soon as possible']`, "none: /as soon as possible/"},
	"near":        {`near: {a: complain, b: ombudsman, within: 40}`, "/complain/ within 40 words of /ombudsman/"},
	"min":         {"any: x\n  min: 2", "any: /x/; at least 2 matches"},
	"heading":     {`heading: 'complaints?'`, "heading /complaints?/"},
	"readability": {`readability: {min: 60}`, "reading ease at least 60"},
	"jargon":      {`jargon: {max: 5, per: 1000, words: [leverage]}`, "jargon at most 5 per 1000 words"},
	"sentence": {"sentence:\n    - {all: ['apologi[sz]e'], who: organisation, commit: true}\n    - {any: [a, b], forbid: true, negated: true}\n    - {any: [x], what: in which we say x}",
		"a sentence with /apologi[sz]e/ by the organisation, a commitment; no sentence with 2 patterns, negated; a sentence in which we say x"},
	"timescale": {"timescale: {what: stage 1 response, event: respond, max: 10 working days, total: 20 working days}",
		"stage 1 response at most 10 working days (20 working days in total)"},
	"numbers": {"any: '\\d days'\n  numbers: words", "any: /\\d days/; numbers as words"},
	"case":    {"any: 'NHS'\n  case: sensitive", "any: /NHS/; case-sensitive"},
	"cases": {"cases: {stage: 2, interval: acknowledged-responded, limit: 20, extension: 10, only: extended, min: 90%}",
		"case log: 90% of stage 2 extended cases acknowledged to responded within 20 working days (an agreed extension of up to 10 more)"},
}

func parseEvidence(t *testing.T, ev string) *Evidence {
	t.Helper()
	src := "id: k\ntitle: K\nitems:\n  - id: i\n    question: Q?\n    evidence:\n      " +
		strings.ReplaceAll(ev, "\n", "\n    ") + "\n"
	cl, err := Parse("k.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%s:\n%s", src, formatErrors(err))
	}
	return cl.Items()[0].Evidence
}

// TestKindExamples checks that every registered kind reads its example,
// reports it as set, and words it for `svcaudit show`.
func TestKindExamples(t *testing.T) {
	for _, k := range Kinds() {
		ex, ok := kindExamples[k.Name]
		if !ok {
			t.Errorf("kind %s has no example in kindExamples", k.Name)
			continue
		}
		ev := parseEvidence(t, ex.yaml)
		if !k.Set(ev) {
			t.Errorf("%s: example does not set the kind", k.Name)
		}
		var parts []string
		for _, kk := range Kinds() {
			parts = append(parts, kk.Describe(ev)...)
		}
		if got := strings.Join(parts, "; "); got != ex.words {
			t.Errorf("%s: worded %q, want %q", k.Name, got, ex.words)
		}
		if got, want := ev.Documentary(), k.Documents || !k.Condition; got != want {
			t.Errorf("%s: Documentary() = %v, want %v", k.Name, got, want)
		}
	}
	for name := range kindExamples {
		if _, ok := LookupKind(name); !ok {
			t.Errorf("kindExamples has %s, which is not registered", name)
		}
	}
}

// TestSchemaMatchesKinds holds the published JSON Schema to the registry:
// the evidence object has a property for each kind and no other, and a
// kind's own mapping has exactly the kind's keys.
func TestSchemaMatchesKinds(t *testing.T) {
	b, err := schema.Get("checklist")
	if err != nil {
		t.Fatal(err)
	}
	type object struct {
		Properties           map[string]json.RawMessage `json:"properties"`
		AdditionalProperties *bool                      `json:"additionalProperties"`
		OneOf                []json.RawMessage          `json:"oneOf"`
	}
	var doc struct {
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var evidence object
	if err := json.Unmarshal(doc.Defs["evidence"], &evidence); err != nil {
		t.Fatal(err)
	}
	if evidence.AdditionalProperties == nil || *evidence.AdditionalProperties {
		t.Error("the schema's evidence allows keys the parser refuses")
	}
	if diff := cmp.Diff(sorted(kindNames()), sorted(keysOf(evidence.Properties))); diff != "" {
		t.Errorf("schema evidence properties (-registry +schema):\n%s", diff)
	}
	for _, k := range Kinds() {
		raw, ok := evidence.Properties[k.Name]
		if !ok || k.Keys == nil {
			continue
		}
		var o object
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatal(err)
		}
		if o.Properties == nil && len(o.OneOf) > 0 { // one rule, or a list of them
			if err := json.Unmarshal(o.OneOf[0], &o); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(sorted(k.Keys), sorted(keysOf(o.Properties))); diff != "" {
			t.Errorf("schema %s properties (-registry +schema):\n%s", k.Name, diff)
		}
		if o.AdditionalProperties == nil || *o.AdditionalProperties {
			t.Errorf("the schema's %s allows keys the parser refuses", k.Name)
		}
	}
}

// TestJSONMatchesKinds checks that `show --format json` has a key for
// every kind.
func TestJSONMatchesKinds(t *testing.T) {
	var tags []string
	rt := reflect.TypeOf(jsonEvidence{})
	for i := 0; i < rt.NumField(); i++ {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		tags = append(tags, name)
	}
	if diff := cmp.Diff(sorted(kindNames()), sorted(tags)); diff != "" {
		t.Errorf("JSON evidence keys (-registry +json):\n%s", diff)
	}
}

// TestJSONCases checks that `show --format json` writes cases evidence.
func TestJSONCases(t *testing.T) {
	ev := parseEvidence(t, kindExamples["cases"].yaml)
	b, err := json.Marshal(itemJSON(&Item{Evidence: ev}).Evidence)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"cases":{"stage":2,"interval":"acknowledged-responded","limit":20,"extension":10,"only":"extended","min":90}}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

var docRow = regexp.MustCompile("(?m)^\\| `([a-z]+)` \\| `([^|]*)` \\|")

// TestDocsTableListsKinds checks that docs/checklist-format.md's table of
// evidence keys has a row for each registered kind and no other, and that
// each row's example reads as that kind.
func TestDocsTableListsKinds(t *testing.T) {
	data, err := os.ReadFile("../docs/checklist-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "| key | example | passes when |")
	if !ok {
		t.Fatal("no table of evidence keys in docs/checklist-format.md")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var names []string
	for _, m := range docRow.FindAllStringSubmatch(table, -1) {
		names = append(names, m[1])
		k, ok := LookupKind(m[1])
		if !ok {
			continue
		}
		example := m[2]
		if !k.Condition {
			example = "any: x\n  " + example
		}
		if ev := parseEvidence(t, example); !k.Set(ev) {
			t.Errorf("the docs' example for %s does not set it: %s", m[1], m[2])
		}
	}
	if diff := cmp.Diff(kindNames(), names); diff != "" {
		t.Errorf("docs/checklist-format.md evidence table (-registry +docs):\n%s", diff)
	}
}

// TestRulesDocListsKinds checks that docs/rules.md's table of rule kinds
// has a row for each kind judged on documents.
func TestRulesDocListsKinds(t *testing.T) {
	data, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "| kind | holds when | findings |")
	if !ok {
		t.Fatal("no table of rule kinds in docs/rules.md")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	var names, want []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z]+)` \\|").FindAllStringSubmatch(table, -1) {
		names = append(names, m[1])
	}
	for _, k := range Kinds() {
		if k.Documents {
			want = append(want, k.Name)
		}
	}
	if diff := cmp.Diff(sorted(want), sorted(names)); diff != "" {
		t.Errorf("docs/rules.md rule kinds (-registry +docs):\n%s", diff)
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
