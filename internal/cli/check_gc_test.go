package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcSettings reads the collector's settings without changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestBoundMemory(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		wantPercent int
		wantLimit   int64
	}{
		{"streamed", nil, streamGCPercent, streamMemLimit},
		{"user GOGC", map[string]string{"GOGC": "400"}, 100, math.MaxInt64},
		{"user GOMEMLIMIT", map[string]string{"GOMEMLIMIT": "1GiB"}, 100, math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The test binary's own settings (GOGC and GOMEMLIMIT are
			// read at start-up, so setting them here changes only what
			// boundMemory sees).
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
			restore := boundMemory()
			p, l := gcSettings()
			restore()
			if p != tt.wantPercent || l != tt.wantLimit {
				t.Errorf("while judging: GOGC %d, limit %d; want %d, %d", p, l, tt.wantPercent, tt.wantLimit)
			}
			if p, l := gcSettings(); p != 100 || l != math.MaxInt64 {
				t.Errorf("after: GOGC %d, limit %d; want them restored to 100, no limit", p, l)
			}
		})
	}
}
