package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// Every --format is defined by enumFlag: the same help, completion and
// message, whatever the command.
func TestEveryFormatFlagIsAnEnum(t *testing.T) {
	root := NewRoot(Test(nil, &bytes.Buffer{}, &bytes.Buffer{}))
	seen := 0
	for _, cmd := range root.Commands() {
		f := cmd.Flags().Lookup("format")
		if f == nil {
			continue
		}
		seen++
		if !strings.Contains(f.Usage, ": ") || !strings.Contains(f.Usage, " or ") {
			t.Errorf("%s --format: help %q does not list the values as enumFlag does", cmd.Name(), f.Usage)
		}
		if _, ok := cmd.GetFlagCompletionFunc("format"); !ok {
			t.Errorf("%s --format: no completion", cmd.Name())
		}
	}
	if seen < 8 {
		t.Errorf("found --format on %d commands, want at least 8", seen)
	}
}

func TestEnumCheck(t *testing.T) {
	e := enum{what: "format", values: []string{"text", "json", "sarif"}}
	if err := e.check("json"); err != nil {
		t.Errorf("json: %v", err)
	}
	var u *UsageError
	if err := e.check("sarf"); !errors.As(err, &u) || u.Msg != `unknown format "sarf"` || u.Hint != `did you mean "sarif"? (use text, json or sarif)` {
		t.Errorf("sarf: %#v", err)
	}
	if err := e.check("yaml"); !errors.As(err, &u) || u.Hint != "use text, json or sarif" {
		t.Errorf("yaml: %#v", err)
	}
}
