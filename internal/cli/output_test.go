package cli

import (
	"testing"

	"github.com/spf13/cobra"
)

// Every command's -o takes "-" for standard output: each defines it with
// outputFlag, so that none writes a file named "-".
func TestEveryOutputFlagTakesDash(t *testing.T) {
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		if f := c.Flags().Lookup("output"); f != nil {
			n++
			if _, ok := f.Value.(outputValue); !ok {
				t.Errorf("%s: -o is not defined with outputFlag", c.CommandPath())
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRoot(quietIO()))
	if n < 7 {
		t.Errorf("found -o on %d commands, want check, report, run, show and the init commands", n)
	}
}

func TestOutputValue(t *testing.T) {
	var p string
	var std bool
	v := outputValue{&p, &std}
	if err := v.Set("out.json"); err != nil || p != "out.json" || std {
		t.Errorf("Set(out.json): %q %v %v", p, std, err)
	}
	if err := v.Set("-"); err != nil || p != "" || !std || !toStdout(p) {
		t.Errorf("Set(-): %q %v %v", p, std, err)
	}
	if err := v.Set(""); err == nil {
		t.Error(`Set(""): no error`)
	}
}
