package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/result"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var today = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

func load(t testing.TB, names ...string) []*result.Result {
	t.Helper()
	var out []*result.Result
	for _, n := range names {
		r, err := result.Read(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func loadActions(t testing.TB) []Action {
	t.Helper()
	b, err := os.ReadFile("testdata/actions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var reg struct{ Actions []Action }
	if err := yaml.Unmarshal(b, &reg); err != nil {
		t.Fatal(err)
	}
	return reg.Actions
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from golden (-want +got):\n%s", name, diff)
	}
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name     string
		inputs   []string
		baseline []string
		by, sort string
		actions  bool
	}{
		{name: "one", inputs: []string{"housing-2026-q2.json"}, actions: true},
		{name: "one-by-item", inputs: []string{"housing-2026-q2.json"}, by: "item"},
		{name: "several", inputs: []string{"housing-2026-q2.json", "council-tax-2026-q2.json", "libraries-2026-q2.json"}, sort: "score"},
		{name: "several-by-item", inputs: []string{"council-tax-2026-q2.json", "libraries-2026-q2.json"}, by: "item", sort: "name"},
		{name: "baseline", inputs: []string{"housing-2026-q2.json"}, baseline: []string{"housing-2026-q1.json", "housing-2025-q4.json"}, actions: true},
		{name: "several-baseline", inputs: []string{"housing-2026-q2.json", "council-tax-2026-q2.json"}, baseline: []string{"housing-2026-q1.json"}},
	}
	formats := map[string]string{"table": "txt", "md": "md", "html": "html", "csv": "csv", "json": "json"}
	for _, c := range cases {
		for format, ext := range formats {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				opts := Options{Format: format, By: c.by, Sort: c.sort, Today: today}
				if c.baseline != nil {
					opts.Baseline = load(t, c.baseline...)
				}
				if c.actions {
					opts.Actions = loadActions(t)
				}
				var buf bytes.Buffer
				if err := Render(&buf, load(t, c.inputs...), opts); err != nil {
					t.Fatal(err)
				}
				golden(t, c.name+"."+ext, buf.Bytes())
			})
		}
	}
}
