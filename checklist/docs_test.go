package checklist

import (
	"os"
	"strings"
	"testing"
)

// TestDocsExample checks that the full example in docs/checklist-format.md
// validates, so the documentation cannot drift from the loader.
func TestDocsExample(t *testing.T) {
	data, err := os.ReadFile("../docs/checklist-format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	_, rest, ok := strings.Cut(doc, "## A full example")
	if !ok {
		t.Fatal("no full example")
	}
	_, rest, _ = strings.Cut(rest, "```yaml\n")
	example, _, _ := strings.Cut(rest, "```")
	cl, err := Parse("checklist-format.md", []byte(example))
	if err != nil {
		t.Fatalf("the documented example does not validate:\n%s", formatErrors(err))
	}
	if len(cl.Items()) != 4 || cl.Item("missed-explained").When.Item != "housing-repairs/told-before-missed" {
		t.Errorf("example loaded as %d items", len(cl.Items()))
	}
}

// TestReadmeExample checks the README's checklist example the same way.
func TestReadmeExample(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "## The checklist format")
	if !ok {
		t.Fatal("no checklist format section in the README")
	}
	_, rest, _ = strings.Cut(rest, "```yaml\n")
	example, _, _ := strings.Cut(rest, "```")
	cl, err := Parse("README.md", []byte(example))
	if err != nil {
		t.Fatalf("the README's example does not validate:\n%s", formatErrors(err))
	}
	if it := cl.Item("missed-put-right"); it == nil || it.When == nil || !cl.Item("timescales").Automated() {
		t.Errorf("the README's example lost its follow-up or its evidence: %d items", len(cl.Items()))
	}
}
