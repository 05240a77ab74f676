package action

import (
	"os"
	"testing"

	"github.com/svcaudit/svcaudit/internal/schema"
	"github.com/svcaudit/svcaudit/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// TestSchema: the registers in testdata, as written by hand and as saved,
// validate against the published schema.
func TestSchema(t *testing.T) {
	for _, file := range []string{"testdata/register.yaml", "testdata/register.golden.yaml"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				t.Fatal(err)
			}
			if err := schema.ValidateValue("actions", yamlnode.Plain(v)); err != nil {
				t.Error(err)
			}
		})
	}
	bad := map[string]any{"actions": []any{map[string]any{"id": "x", "item": "a/b", "subject": "s", "status": "closed", "raised": "2026-01-01"}}}
	if err := schema.ValidateValue("actions", bad); err == nil {
		t.Error("status closed validated")
	}
}
