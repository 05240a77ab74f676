package waiver

import (
	"os"
	"testing"

	"github.com/svcaudit/svcaudit/internal/schema"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// TestSchema: what Parse accepts, the published schema accepts, and what
// it rejects for missing fields the schema rejects too.
func TestSchema(t *testing.T) {
	for _, tt := range []struct {
		file  string
		valid bool
	}{
		{"testdata/waivers.yaml", true},
		{"testdata/invalid-no-owner.yaml", false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			_, perr := Parse(tt.file, data)
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			serr := schema.ValidateValue("waivers", yamlnode.Plain(v))
			if (perr == nil) != tt.valid || (serr == nil) != tt.valid {
				t.Errorf("Parse: %v; schema: %v; want valid=%v", perr, serr, tt.valid)
			}
		})
	}
}
