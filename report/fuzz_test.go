package report

import (
	"io"
	"os"
	"testing"

	"github.com/svcaudit/svcaudit/result"
)

// FuzzRender feeds Results decoded from arbitrary JSON to every format: a
// report may refuse a Result, never panic on one.
func FuzzRender(f *testing.F) {
	for _, n := range []string{"housing-2026-q2.json", "shard-a.json"} {
		b, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"schemaVersion":1,"sections":[{"id":"a"}],"items":[{"id":"x","section":"b","outcome":"fail","critical":true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := result.Decode("fuzz.json", data)
		if err != nil {
			return
		}
		for _, format := range Formats {
			_ = Render(io.Discard, []*result.Result{r, r}, Options{Format: format, Baseline: []*result.Result{r}})
		}
		_, _ = Merge([]*result.Result{r, r}, nil)
	})
}
