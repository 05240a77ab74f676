package cli

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// reportMemLimit is the soft memory limit of a report: 10,000 Results of
// 36 items hold 70-90 MB live, and the collector's default goal (twice
// the live heap) took the process to 200-250 MiB; under the limit it
// collects sooner instead. A report whose live heap outgrows it would
// have the collector run all but continuously, so the limit follows the
// live heap up (reportMemory's grow), staying a quarter above it.
const reportMemLimit = 120 << 20

// reportMemory sets the report's memory limit and returns grow, which
// raises it when the live heap nears it (called now and then as Results
// are read, and before rendering), and restore, which puts back the
// previous limit. A user who sets GOGC or GOMEMLIMIT keeps their settings:
// then both do nothing.
func reportMemory() (grow, restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, func() {}
	}
	prev := debug.SetMemoryLimit(reportMemLimit)
	var mu sync.Mutex
	limit := int64(reportMemLimit)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	grow = func() {
		mu.Lock()
		defer mu.Unlock()
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if want := int64(sample[0].Value.Uint64()) * 5 / 4; want > limit {
			limit = want
			debug.SetMemoryLimit(limit)
		}
	}
	return grow, func() { debug.SetMemoryLimit(prev) }
}
