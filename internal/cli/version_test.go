package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcaudit/svcaudit"
)

// TestOneVersion checks that every command reads svcaudit.Version — the
// variable -ldflags -X sets — when it runs: version, --version, and the
// tool stamped on a check's Results and on SARIF's driver.
func TestOneVersion(t *testing.T) {
	saved := svcaudit.Version
	svcaudit.Version = "v9.8.7-test"
	t.Cleanup(func() { svcaudit.Version = saved })
	for _, args := range [][]string{{"version"}, {"--version"}} {
		var out bytes.Buffer
		if code := Main(args, Test(nil, &out, &bytes.Buffer{})); code != 0 || out.String() != "svcaudit v9.8.7-test\n" {
			t.Errorf("%v: exit %d, %q", args, code, out.String())
		}
	}
	dir := t.TempDir()
	doc := filepath.Join(dir, "policy.md")
	if err := os.WriteFile(doc, []byte("# Complaints\n\nWe reply within 10 working days.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "sarif"} {
		var out, errOut bytes.Buffer
		Main([]string{"check", "-q", "-c", "keeps-promises", "--fail-under", "0", "-f", format, doc}, Test(nil, &out, &errOut))
		var v struct {
			Results []struct {
				Tool struct{ Version string }
			}
			Runs []struct {
				Tool struct{ Driver struct{ Version string } }
			}
		}
		if err := json.Unmarshal(out.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v\n%s%s", format, err, out.String(), errOut.String())
		}
		got := ""
		switch {
		case format == "json" && len(v.Results) > 0:
			got = v.Results[0].Tool.Version
		case format == "sarif" && len(v.Runs) > 0:
			got = v.Runs[0].Tool.Driver.Version
		}
		if got != "v9.8.7-test" {
			t.Errorf("check -f %s stamps version %q", format, got)
		}
	}
}
