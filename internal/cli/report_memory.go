package cli

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// reportMemLimit is the soft memory limit of a report: 10,000 Results of
// 36 items hold 70-90 MB live, and the collector's default goal (twice
// the live heap) took the process to 200-250 MiB; under the limit it
// collects sooner instead. A report whose live heap outgrows it would
// have the collector run all but continuously, so the limit follows the
// live heap up (reportMemory), staying a quarter above it.
const reportMemLimit = 120 << 20

// reportMemory sets the report's memory limit, raising it every
// reportMemTick while the report runs if the live heap nears it, and
// returns restore, which stops that and puts back the previous limit. A
// user who sets GOGC or GOMEMLIMIT keeps their settings: then it does
// nothing.
func reportMemory() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(reportMemLimit)
	limit := int64(reportMemLimit)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(reportMemTick)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			if want := int64(sample[0].Value.Uint64()) * 5 / 4; want > limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		debug.SetMemoryLimit(prev)
	}
}

// reportMemTick is how often reportMemory looks at the live heap (as of
// the last collection: reading it costs next to nothing).
const reportMemTick = 20 * time.Millisecond
