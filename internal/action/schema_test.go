package action

import (
	"os"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/internal/schema"
	"gopkg.in/yaml.v3"
)

func jsonable(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.Format(DateLayout)
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
	}
	return v
}

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
			if err := schema.ValidateValue("actions", jsonable(v)); err != nil {
				t.Error(err)
			}
		})
	}
	bad := map[string]any{"actions": []any{map[string]any{"id": "x", "item": "a/b", "subject": "s", "status": "closed", "raised": "2026-01-01"}}}
	if err := schema.ValidateValue("actions", bad); err == nil {
		t.Error("status closed validated")
	}
}
