package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandHasExample: every command's help shows how to call it.
func TestEveryCommandHasExample(t *testing.T) {
	root := NewRoot(Test(nil, &bytes.Buffer{}, &bytes.Buffer{}))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || c.Hidden {
			return
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			if c.Name() == "completion" {
				continue // one example on completion covers its shells
			}
			walk(sub)
		}
	}
	walk(root)
}

// TestUsageMessages: bad arguments and unknown commands say what is wrong
// in one line, in the words of the usage line, and exit 2.
func TestUsageMessages(t *testing.T) {
	tests := []struct {
		args      []string
		err, hint string
	}{
		{[]string{"show"}, "missing CHECKLIST", "usage: svcaudit show CHECKLIST [flags]; see 'svcaudit show --help'"},
		{[]string{"show", "a", "b"}, "too many arguments: show takes CHECKLIST", ""},
		{[]string{"explain"}, "missing RESULT.json", ""},
		{[]string{"validate"}, "missing FILE", ""},
		{[]string{"list", "extra"}, `list takes no arguments, not "extra"`, ""},
		{[]string{"init", "checklist", "x"}, `init checklist takes no arguments, not "x"`, ""},
		{[]string{"version", "x"}, `version takes no arguments, not "x"`, ""},
		{[]string{"init", "bogus"}, `unknown kind of file "bogus"`, "give one of: answers, checklist, config; see 'svcaudit init --help'"},
		{[]string{"shwo"}, `unknown command "shwo" for "svcaudit"`, "did you mean 'svcaudit show'?"},
		{[]string{"bogus"}, `unknown command "bogus" for "svcaudit"`, "see 'svcaudit --help' for the commands"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Main(tt.args, Test(nil, &stdout, &stderr)); code != ExitBad {
				t.Errorf("exit %d, want %d", code, ExitBad)
			}
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if lines[0] != "svcaudit: error: "+tt.err {
				t.Errorf("error line = %q, want %q", lines[0], "svcaudit: error: "+tt.err)
			}
			if len(lines) != 2 || !strings.HasPrefix(lines[1], "svcaudit: hint: ") {
				t.Fatalf("want one hint line after the error:\n%s", stderr.String())
			}
			if tt.hint != "" && lines[1] != "svcaudit: hint: "+tt.hint {
				t.Errorf("hint line = %q, want %q", lines[1], "svcaudit: hint: "+tt.hint)
			}
		})
	}
}

// TestSharedFlagsSayTheSame: a flag several commands share (--force,
// --output, --format) has one shorthand on all of them, and --force one
// wording, so that help reads the same wherever it is.
func TestSharedFlagsSayTheSame(t *testing.T) {
	root := NewRoot(Test(nil, &bytes.Buffer{}, &bytes.Buffer{}))
	// check and report belong to other work; their wording is theirs
	skip := map[string]bool{"svcaudit check": true, "svcaudit report": true}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !skip[c.CommandPath()] {
			if f := c.LocalFlags().Lookup("force"); f != nil && f.Usage != "replace the --output file if it exists" {
				t.Errorf("%s --force says %q", c.CommandPath(), f.Usage)
			}
			if f := c.LocalFlags().Lookup("output"); f != nil && f.Shorthand != "o" {
				t.Errorf("%s --output has shorthand %q, want o", c.CommandPath(), f.Shorthand)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
