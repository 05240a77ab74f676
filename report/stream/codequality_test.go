package stream

import (
	"encoding/json"
	"testing"
)

// GitLab reads an array of issues, each with a description, a check name,
// a fingerprint unique to it, a severity GitLab knows and a location with
// a path and a first line.
func TestCodeQualityIssues(t *testing.T) {
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal(render(t, "codequality", fixture()), &issues); err != nil {
		t.Fatal(err)
	}
	// Two problems (the info finding is no problem) and two unreadable
	// documents.
	if len(issues) != 4 {
		t.Fatalf("%d issues, want 4", len(issues))
	}
	seen := map[string]bool{}
	severities := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	for _, is := range issues {
		if is.Description == "" || is.CheckName == "" || is.Location.Path == "" || is.Location.Lines.Begin < 1 || !severities[is.Severity] {
			t.Errorf("incomplete issue %+v", is)
		}
		if seen[is.Fingerprint] || len(is.Fingerprint) != 32 {
			t.Errorf("fingerprint %q repeated or malformed", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	if issues[0].CheckName != "keeps-promises/timescales" || issues[0].Location.Path != "docs/charter.md" || issues[0].Location.Lines.Begin != 3 || issues[0].Severity != "major" {
		t.Errorf("first issue %+v", issues[0])
	}
	// A critical item's problem is critical; a PDF's page line is no line
	// of the file.
	if issues[1].Severity != "critical" || issues[1].Location.Lines.Begin != 1 {
		t.Errorf("second issue %+v", issues[1])
	}
}

// A finding's key, and so its fingerprint, holds no line or column: text
// moved within the document keeps it; other text, item or document does
// not.
func TestFindingKeyIgnoresPlace(t *testing.T) {
	rep := fixture()
	r := rep.Results[1]
	it := &r.Items[0]
	f := it.Findings[0]
	f.Sentence = "We will reply promptly."
	key := keyOf(r, it, f)
	moved := f
	moved.Line, moved.Column = 40, 1
	moved.Sentence, moved.Snippet = "  We will\nreply PROMPTLY. ", "the line it is now on"
	if keyOf(r, it, moved) != key {
		t.Error("moving a finding changed its key")
	}
	other := f
	other.Sentence = "We reply when we can."
	if keyOf(r, it, other) == key {
		t.Error("another sentence has the same key")
	}
	if FindingKey("keeps-promises/plain", r.Subject, f) == key || FindingKey(it.ID, "docs/other.md", f) == key {
		t.Error("another item or document has the same key")
	}
	if FindingKey(it.ID, "./docs//charter.md", f) != key {
		t.Error("the same document written differently has another key")
	}
	if Fingerprint(key, 0) == Fingerprint(key, 1) {
		t.Error("a repeated finding has the fingerprint of the first")
	}
}
