package checklist

import (
	"regexp"
	"testing"
)

// TestCheckPattern checks CheckPattern agrees with regexp.Compile, which
// the rule engine uses, on what is a valid pattern.
func TestCheckPattern(t *testing.T) {
	tests := []struct {
		expr      string
		matchCase bool
		want      string
	}{
		{`within \d+ days`, false, ""},
		{`within (\d+ days`, false, "bad regular expression `within (\\d+ days`: missing closing )"},
		{`(?<=x)y`, false, "bad regular expression `(?<=x)y`: invalid named capture: `(?<=x)y`"},
		{`\1`, true, "bad regular expression `\\1`: invalid escape sequence"},
		{`((a{100}){100}){100}`, false, "bad regular expression `((a{100}){100}){100}`: invalid repeat count: `{100}`"},
		{`x{1001}`, true, "bad regular expression `x{1001}`: invalid repeat count: `{1001}`"},
		{`[[:alpha:]]+`, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			err := CheckPattern(tt.expr, tt.matchCase)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("CheckPattern(%q) = %q, want %q", tt.expr, got, tt.want)
			}
			full := tt.expr
			if !tt.matchCase {
				full = "(?i)" + full
			}
			if _, cerr := regexp.Compile(full); (cerr == nil) != (err == nil) {
				t.Errorf("regexp.Compile disagrees: %v", cerr)
			}
		})
	}
}
