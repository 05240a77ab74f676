package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestReportMemory: the report runs under its memory limit and puts the
// previous one back; a GOGC or GOMEMLIMIT the user set is left alone.
func TestReportMemory(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	restore := reportMemory()
	if got := debug.SetMemoryLimit(-1); got < reportMemLimit || got == math.MaxInt64 {
		t.Errorf("limit during the report %d, want at least %d", got, reportMemLimit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after the report %d, want the previous one back", got)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	reportMemory()()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the limit was changed to %d", got)
	}
}
