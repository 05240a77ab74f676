package cli

import "testing"

// TestColorWanted: the order docs/terminal.md gives — --no-color, then
// NO_COLOR, then CLICOLOR_FORCE / FORCE_COLOR, then CLICOLOR=0, then the
// terminal.
func TestColorWanted(t *testing.T) {
	for _, c := range []struct {
		auto, flag bool
		env        map[string]string
		want       bool
	}{
		{true, false, nil, true},
		{false, false, nil, false},
		{true, true, nil, false},
		{true, false, map[string]string{"NO_COLOR": "1"}, false},
		{true, false, map[string]string{"NO_COLOR": ""}, true},
		{false, false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{false, false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{false, false, map[string]string{"FORCE_COLOR": "1"}, true},
		{false, false, map[string]string{"FORCE_COLOR": "3"}, true},
		{false, false, map[string]string{"FORCE_COLOR": "0"}, false},
		{false, false, map[string]string{"FORCE_COLOR": "false"}, false},
		{false, false, map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, false},
		{false, true, map[string]string{"CLICOLOR_FORCE": "1"}, false},
		{true, false, map[string]string{"CLICOLOR": "0"}, false},
		{false, false, map[string]string{"CLICOLOR": "0", "CLICOLOR_FORCE": "1"}, true},
		{true, false, map[string]string{"CLICOLOR": "1"}, true},
	} {
		get := func(k string) string { return c.env[k] }
		if got := colorWanted(c.auto, c.flag, get); got != c.want {
			t.Errorf("terminal %v, --no-color %v, env %v: colour %v, want %v", c.auto, c.flag, c.env, got, c.want)
		}
	}
}
