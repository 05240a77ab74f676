package hostile

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcaudit/svcaudit/internal/explain"
	"github.com/svcaudit/svcaudit/internal/race"
	"github.com/svcaudit/svcaudit/report"
	"github.com/svcaudit/svcaudit/report/stream"
	"github.com/svcaudit/svcaudit/result"
)

// FuzzRender decodes arbitrary bytes as a Result, as report, explain and
// check read them from a file, and renders every accepted Result in every
// format: a Result edited by hand or merged from shards may be odd (no
// sections, items of unknown sections, nil scores, negative weights); no
// renderer may panic on one.
func FuzzRender(f *testing.F) {
	for _, glob := range []string{"../../report/testdata/*.json", "../explain/testdata/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	hostile, _ := json.Marshal(hostileResult())
	f.Add(hostile)
	f.Add([]byte(`{"schemaVersion":1,"items":[{"id":"x","section":"nope","weight":-1}],"sections":[{"id":"s","score":null,"possible":0}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := result.Decode("f.json", data)
		if err != nil {
			return
		}
		for _, format := range report.Formats {
			for _, by := range []string{"section", "item"} {
				if race.Enabled && by == "item" && format == "docx" {
					// Its charts are drawn pixel by pixel, 1.4 s a
					// render under the race detector: by section
					// only then (without -race, both).
					continue
				}
				_ = report.Render(io.Discard, []*result.Result{r}, report.Options{Format: format, By: by})
			}
		}
		_ = report.Render(io.Discard, []*result.Result{r, r}, report.Options{Baseline: []*result.Result{r}})
		for _, format := range []string{"text", "md"} {
			_ = explain.Write(io.Discard, r, "", explain.Options{Format: format})
		}
		for _, format := range stream.Formats {
			_ = stream.Render(io.Discard, format, &stream.Report{Results: []*result.Result{r}}, stream.Options{})
		}
	})
}
