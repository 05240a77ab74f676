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

// BenchmarkBoundMemory sets and restores the collector's settings as check
// does around a run, and fails when they are not those wanted: streamed
// settings unless the user set GOGC or GOMEMLIMIT, and the previous ones
// after. It is a benchmark, not a test, because the settings are the whole
// process's and would change under tests running in parallel.
func BenchmarkBoundMemory(b *testing.B) {
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
		b.Run(tt.name, func(b *testing.B) {
			// The test binary's own settings (GOGC and GOMEMLIMIT are
			// read at start-up, so setting them here changes only what
			// boundMemory sees).
			b.Setenv("GOGC", "")
			b.Setenv("GOMEMLIMIT", "")
			for k, v := range tt.env {
				b.Setenv(k, v)
			}
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
			var p int
			var l int64
			for b.Loop() {
				restore := boundMemory()
				p, l = gcSettings()
				restore()
			}
			if p != tt.wantPercent || l != tt.wantLimit {
				b.Errorf("while judging: GOGC %d, limit %d; want %d, %d", p, l, tt.wantPercent, tt.wantLimit)
			}
			if p, l := gcSettings(); p != 100 || l != math.MaxInt64 {
				b.Errorf("after: GOGC %d, limit %d; want them restored to 100, no limit", p, l)
			}
		})
	}
}
