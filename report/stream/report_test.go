package stream

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/schema"
	"github.com/svcaudit/svcaudit/result"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// hostile is text a document or checklist might carry to break an output:
// terminal escapes, control characters, XML's CDATA end, GitHub's command
// escapes and property separators, and a bidi override.
const hostile = "\x1b[31mred\x1b[0m ]]> <b>&amp; %0A 50%, a:b,c\r\n::error::x \x00\x07\u202eevil"

func f64(v float64) *float64 { return &v }

func fixture() *Report {
	th := f64(60)
	cl := &checklist.Checklist{ID: "keeps-promises", Title: "Keeps promises", Sections: []*checklist.Section{{ID: "keeps-promises", Items: []*checklist.Item{
		{ID: "timescales", FullID: "keeps-promises/timescales", Question: "Do published standards give concrete timescales?", Guidance: "Look for a number and a unit, not *promptly*.", Source: "Service please (seeds/003)", Evidence: &checklist.Evidence{}},
		{ID: "named-contact", FullID: "keeps-promises/named-contact", Question: "Is there a named contact?", Critical: true, Guidance: hostile, Source: hostile, Evidence: &checklist.Evidence{}},
		{ID: "plain", FullID: "keeps-promises/plain", Question: "Is it plain English?", Evidence: &checklist.Evidence{}},
	}}}}
	return complete(&Report{
		Threshold:  th,
		Checklists: []*checklist.Checklist{cl},
		Results: []*result.Result{
			{
				SchemaVersion: 1, Checklist: result.ChecklistRef{ID: "keeps-promises", Title: "Keeps promises"},
				Subject: "docs/report.pdf", Score: 0, Grade: result.Grade{Label: "Inadequate", RAG: "red"}, Threshold: th,
				CriticalFailures: []string{"keeps-promises/named-contact"}, Documents: []string{"docs/report.pdf"},
				Items: []result.Item{
					{ID: "keeps-promises/named-contact", Question: "Is there a named contact?", Outcome: result.Fail, Source: result.Automated, Weight: 1, Critical: true,
						Findings: []result.Finding{{Rule: "any", File: "docs/report.pdf", Page: 2, Line: 7, Column: 1, Message: "no match for any of the patterns"}}},
				},
			},
			{
				SchemaVersion: 1, Checklist: result.ChecklistRef{ID: "keeps-promises", Title: "Keeps promises"},
				Subject: "docs/charter.md", Score: 45, Grade: result.Grade{Label: "Inadequate", RAG: "red"}, Threshold: th,
				Documents: []string{"docs/charter.md"},
				Notices:   []string{"waiver for keeps-promises/plain expires on 2026-12-01 (" + hostile + ")"},
				Items: []result.Item{
					{ID: "keeps-promises/timescales", Question: "Do published standards give concrete timescales?", Outcome: result.Fail, Source: result.Automated, Weight: 1,
						Findings: []result.Finding{
							{Rule: "none", File: "docs/charter.md", Line: 3, Column: 5, Snippet: hostile, Message: "vague promise", Severity: "error"},
							{Rule: "any", File: "docs/charter.md", Line: 9, Column: 1, Snippet: "within 5 days", Message: "matched", Severity: "info"},
						}},
					{ID: "keeps-promises/named-contact", Question: "Is there a named contact?", Outcome: result.Pass, Source: result.Automated, Weight: 1, Critical: true},
					{ID: "keeps-promises/plain", Question: "Is it plain English?", Outcome: result.Waived, Source: result.Automated, Weight: 1,
						Waiver: &result.Waiver{Owner: "A. Owner", Reason: "rewrite under way", Expires: "2026-12-01"}},
				},
			},
			{
				SchemaVersion: 1, Checklist: result.ChecklistRef{ID: "keeps-promises", Title: "Keeps promises"},
				Subject: "docs/ok.md", Score: 100, Grade: result.Grade{Label: "Good", RAG: "green"}, Passed: true, Threshold: th,
				Documents: []string{"docs/ok.md"},
				Items: []result.Item{
					{ID: "keeps-promises/timescales", Question: "Do published standards give concrete timescales?", Outcome: result.Pass, Source: result.Automated, Weight: 1},
					{ID: "keeps-promises/plain", Question: "Is it plain English?", Outcome: result.NA, Source: result.Automated, Condition: "asked only when x is no"},
				},
			},
		},
		Errors: []result.FileError{
			{File: "docs/z-bomb.docx", Message: "unzipped size over the 64MiB limit"},
			{File: "docs/a" + hostile + ".md", Message: "permission denied"},
		},
	})
}

// complete fills the slices a Result always has (as score.Evaluate makes
// them), so that the JSON golden is a valid check document.
func complete(rep *Report) *Report {
	for _, r := range rep.Results {
		if r.CriticalFailures == nil {
			r.CriticalFailures = []string{}
		}
		if r.Sections == nil {
			r.Sections = []result.Section{}
		}
		for i := range r.Items {
			if r.Items[i].Findings == nil {
				r.Items[i].Findings = []result.Finding{}
			}
		}
	}
	return rep
}

func render(t *testing.T, format string, rep *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, format, rep, Options{WorkDir: mustAbs(t, "."), Version: "test"}); err != nil {
		t.Fatalf("render %s: %v", format, err)
	}
	return buf.Bytes()
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

var ext = map[string]string{"text": "txt", "json": "json", "junit": "xml", "sarif": "sarif", "github": "github.txt", "codequality": "codequality.json"}

func TestGolden(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, fixture())
			golden(t, "check."+ext[format], got)
			// No control character other than a newline reaches any
			// output, whatever the documents held.
			for i, c := range got {
				if (c < 0x20 && c != '\n') || c == 0x7f {
					t.Fatalf("control byte %#x at %d: %q", c, i, got[max(0, i-20):min(len(got), i+20)])
				}
			}
			// JSON is data and keeps the text as found (escaped); the others
			// are read by people and tools that may not.
			if format != "json" && bytes.Contains(got, []byte("\u202e")) {
				t.Errorf("bidi override in output")
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	rev := fixture()
	for i, j := 0, len(rev.Results)-1; i < j; i, j = i+1, j-1 {
		rev.Results[i], rev.Results[j] = rev.Results[j], rev.Results[i]
	}
	rev.Errors[0], rev.Errors[1] = rev.Errors[1], rev.Errors[0]
	for _, format := range Formats {
		if a, b := render(t, format, fixture()), render(t, format, rev); !bytes.Equal(a, b) {
			t.Errorf("%s: output depends on the input order", format)
		}
	}
}

func TestInterruptedAndEmpty(t *testing.T) {
	rep := fixture()
	rep.Results = rep.Results[2:]
	rep.Errors = nil
	rep.Interrupted = true
	rep.NotChecked = []string{"docs/z.md", "docs/y.md"}
	golden(t, "interrupted.txt", render(t, "text", rep))
	var c result.Check
	if err := json.Unmarshal(render(t, "json", rep), &c); err != nil {
		t.Fatal(err)
	}
	if c.Passed || len(c.Errors) != 2 || c.Errors[0].File != "docs/y.md" || c.Errors[0].Message != NotCheckedMessage {
		t.Errorf("json of an interrupted run = %+v", c)
	}
	if got := Summary(&Report{}); got != "0 documents checked" {
		t.Errorf("empty summary = %q", got)
	}
}

func TestSummary(t *testing.T) {
	pass := func(s string) *result.Result { return &result.Result{Subject: s, Passed: true, Documents: []string{s}} }
	below := func(s string) *result.Result {
		return &result.Result{Subject: s, Score: 10, Threshold: f64(60), Documents: []string{s}}
	}
	critical := func(s string) *result.Result {
		return &result.Result{Subject: s, Score: 90, Threshold: f64(60), CriticalFailures: []string{"x"}, Documents: []string{s}}
	}
	tests := []struct {
		name string
		rep  Report
		want string
	}{
		{"all passed", Report{Results: []*result.Result{pass("a"), pass("b")}}, "2 documents checked, all passed"},
		{"one", Report{Results: []*result.Result{pass("a")}}, "1 document checked, all passed"},
		{"below", Report{Threshold: f64(60), Results: []*result.Result{pass("a"), below("b"), below("c"), critical("d")},
			Errors: []result.FileError{{File: "e"}, {File: "f", Line: 1}, {File: "f", Line: 9}}}, "4 documents checked, 2 below 60%, 1 failed, 2 could not be read"},
		{"two checklists one document", Report{Threshold: f64(60), Results: []*result.Result{below("a"), critical("a")}}, "1 document checked, 1 below 60%"},
		{"together", Report{Together: true, Threshold: f64(60), Results: []*result.Result{{Subject: "together", Score: 5, Threshold: f64(60), Documents: []string{"a", "b", "c"}}}},
			"3 documents checked together: below 60%"},
		{"together passed", Report{Together: true, Results: []*result.Result{{Subject: "s", Passed: true, Documents: []string{"a", "b"}}}}, "2 documents checked together: passed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summary(&tt.rep); got != tt.want {
				t.Errorf("Summary = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSARIFSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	noChecklists := fixture()
	noChecklists.Checklists = nil
	for name, rep := range map[string]*Report{"fixture": fixture(), "empty": {}, "interrupted": {Interrupted: true, NotChecked: []string{"a b.md"}}, "no checklists": noChecklists} {
		t.Run(name, func(t *testing.T) {
			out := render(t, "sarif", rep)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF does not validate against the 2.1.0 schema: %v", err)
			}
			// GitHub code scanning needs every run to have results (even
			// empty) and every result a location with a relative URI.
			var log struct {
				Runs []struct {
					Results *[]struct {
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string } `json:"artifactLocation"`
							} `json:"physicalLocation"`
						} `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(out, &log); err != nil {
				t.Fatal(err)
			}
			if len(log.Runs) != 1 || log.Runs[0].Results == nil {
				t.Fatalf("want one run with a results array")
			}
			for _, r := range *log.Runs[0].Results {
				if len(r.Locations) == 0 || strings.HasPrefix(r.Locations[0].PhysicalLocation.ArtifactLocation.URI, "/") {
					t.Errorf("result without a relative location: %+v", r)
				}
			}
		})
	}
}

// TestJUnitStructure checks the JUnit output against the structure of the
// Jenkins/Ant JUnit schema: elements nest as the schema allows, required
// attributes are present, and counts add up.
func TestJUnitStructure(t *testing.T) {
	allowed := map[string][]string{
		"":           {"testsuites"},
		"testsuites": {"testsuite"},
		"testsuite":  {"properties", "testcase"},
		"properties": {"property"},
		"testcase":   {"failure", "error", "skipped"},
	}
	required := map[string][]string{
		"testsuites": {"tests", "failures", "errors"},
		"testsuite":  {"name", "tests", "failures", "errors", "skipped"},
		"testcase":   {"name", "classname"},
		"property":   {"name", "value"},
		"failure":    {"message", "type"},
		"error":      {"message", "type"},
	}
	out := render(t, "junit", fixture())
	dec := xml.NewDecoder(bytes.NewReader(out))
	var stack []string
	counts := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			name := tok.Name.Local
			if !contains(allowed[parent], name) {
				t.Errorf("<%s> inside <%s>", name, parent)
			}
			have := map[string]bool{}
			for _, a := range tok.Attr {
				have[a.Name.Local] = true
			}
			for _, a := range required[name] {
				if !have[a] {
					t.Errorf("<%s> lacks %s", name, a)
				}
			}
			counts[name]++
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	var doc junitSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != counts["testcase"] || doc.Failures != counts["failure"] || doc.Errors != counts["error"] || doc.Skipped != counts["skipped"] {
		t.Errorf("totals %+v do not match the elements %v", doc, counts)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"50% a:b, c", "50%25 a:b, c", "50%25 a%3Ab%2C c"},
		{"line\r\nnext", "line%0D%0Anext", "line  next"},
		{"%0A", "%250A", "%250A"},
	}
	for _, tt := range tests {
		if got := ghData(tt.in); got != tt.data {
			t.Errorf("ghData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := ghProp(tt.in); got != tt.prop {
			t.Errorf("ghProp(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ok", "ok"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1b]8;;http://x\x07link\x1b]8;;\x07", "link"},
		{"a\nb\tc\rd", "a b c d"},
		{"nul\x00bel\x07", "nulbel"},
		{"\u202eevil", "evil"},
		{"\u009b31mx", "x"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Render(io.Discard, "yaml", &Report{}, Options{}); err == nil {
		t.Fatal("want an error")
	}
}

func TestURI(t *testing.T) {
	wd := mustAbs(t, ".")
	tests := []struct{ in, want string }{
		{"docs/a b.md", "docs/a%20b.md"},
		{filepath.Join(wd, "x.md"), "x.md"},
		{"/elsewhere/x.md", "file:///elsewhere/x.md"},
		{"docs/50%.md", "docs/50%25.md"},
	}
	for _, tt := range tests {
		if got := uri(tt.in, wd); got != tt.want {
			t.Errorf("uri(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The JSON output is a check document as `svcaudit schema check` publishes.
func TestJSONSchema(t *testing.T) {
	for name, rep := range map[string]*Report{"fixture": fixture(), "empty": {}, "interrupted": {Interrupted: true, NotChecked: []string{"a.md"}}} {
		t.Run(name, func(t *testing.T) {
			if err := schema.Validate("check", render(t, "json", rep)); err != nil {
				t.Errorf("json output does not validate: %v", err)
			}
		})
	}
}

func TestTextQuiet(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, "text", fixture(), Options{Quiet: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "docs/ok.md") || !strings.Contains(buf.String(), "docs/charter.md") {
		t.Errorf("quiet text should list only the documents that failed:\n%s", buf.String())
	}
	if !strings.HasSuffix(buf.String(), "3 documents checked, 2 below 60%, 2 could not be read\n") {
		t.Errorf("quiet text keeps the full summary:\n%s", buf.String())
	}
}

// Text and annotations shorten a long message; JSON keeps it whole.
func TestLongMessage(t *testing.T) {
	long := strings.Repeat("pattern|", 100)
	rep := &Report{Results: []*result.Result{{Subject: "a.md", Documents: []string{"a.md"}, Items: []result.Item{
		{ID: "c/i", Outcome: result.Fail, Findings: []result.Finding{{Rule: "any", Message: long, Severity: "error"}}},
	}}}}
	for _, format := range []string{"text", "github"} {
		out := string(render(t, format, rep))
		if strings.Contains(out, long) || !strings.Contains(out, strings.Repeat("pattern|", 20)+"…") && !strings.Contains(out, "…") {
			t.Errorf("%s: long message not shortened:\n%s", format, out)
		}
	}
	if !strings.Contains(string(render(t, "json", rep)), long) {
		t.Errorf("json lost the whole message")
	}
}

// A Writer writes what Render writes, without holding the Results.
func TestStreamMatchesRender(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			rep := fixture()
			want := render(t, format, rep)
			var buf bytes.Buffer
			s := NewWriter(&buf, format, Options{WorkDir: mustAbs(t, "."), Version: "test", Checklists: rep.Checklists})
			bySubject := map[string][]*result.Result{}
			var subjects []string
			for _, r := range rep.Results {
				if bySubject[r.Subject] == nil {
					subjects = append(subjects, r.Subject)
				}
				bySubject[r.Subject] = append(bySubject[r.Subject], r)
			}
			sort.Strings(subjects)
			for _, sub := range subjects {
				s.Add(bySubject[sub])
			}
			tail := *rep
			tail.Results, tail.Tally = nil, s.Tally()
			if err := s.Close(&tail); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("stream differs from render (-want +got):\n%s", diff)
			}
			if tail.Passed() || tail.Checked() != 3 {
				t.Errorf("tally: passed %v, checked %d", tail.Passed(), tail.Checked())
			}
		})
	}
	if NewWriter(io.Discard, "yaml", Options{}) != nil {
		t.Error("an unknown format streams")
	}
}

// The JSON writer's document is Check's, whatever the order of its keys.
func TestJSONIsCheck(t *testing.T) {
	for name, rep := range map[string]*Report{"fixture": fixture(), "empty": {}, "errors only": {Errors: []result.FileError{{File: "a", Message: "x <&> y"}}}} {
		t.Run(name, func(t *testing.T) {
			var got, want any
			if err := json.Unmarshal(render(t, "json", rep), &got); err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(Check(rep))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-Check +written):\n%s", diff)
			}
		})
	}
}

// streamAll writes rep through a Writer, one subject at a time, as check
// does.
func streamAll(t *testing.T, format string, rep *Report, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	s := NewWriter(&buf, format, opt)
	bySubject := map[string][]*result.Result{}
	var subjects []string
	for _, r := range rep.Results {
		if bySubject[r.Subject] == nil {
			subjects = append(subjects, r.Subject)
		}
		bySubject[r.Subject] = append(bySubject[r.Subject], r)
	}
	sort.Strings(subjects)
	for _, sub := range subjects {
		s.Add(bySubject[sub])
	}
	tail := *rep
	tail.Results, tail.Tally = nil, s.Tally()
	if err := s.Close(&tail); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A SARIF stream writes its rules before it sees any result: an item of no
// checklist it was given has a result without a rule index.
func TestSARIFStreamUnknownItem(t *testing.T) {
	out := streamAll(t, "sarif", fixture(), Options{})
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Rules []any } `json:"driver"`
			} `json:"tool"`
			Results []map[string]any `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Tool.Driver.Rules) != 0 || len(log.Runs[0].Results) == 0 {
		t.Fatalf("runs = %+v", log.Runs)
	}
	for _, r := range log.Runs[0].Results {
		if _, ok := r["ruleIndex"]; ok || r["ruleId"] == nil {
			t.Errorf("result %v: want a ruleId and no ruleIndex", r)
		}
	}
}

// Without a usable temporary folder, JUnit keeps its suites in memory and
// writes the same document.
func TestJUnitStreamWithoutTempDir(t *testing.T) {
	rep := fixture()
	want := render(t, "junit", rep)
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	got := streamAll(t, "junit", rep, Options{})
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("(-render +stream):\n%s", diff)
	}
}
