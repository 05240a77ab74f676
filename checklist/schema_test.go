package checklist

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcaudit/svcaudit/checklists"
	"github.com/svcaudit/svcaudit/internal/schema"
	"go.yaml.in/yaml/v3"
)

func validateYAML(t *testing.T, data []byte) error {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return schema.ValidateValue("checklist", v)
}

// TestSchemaAcceptsValid checks the published JSON Schema accepts every
// valid checklist: the testdata ones and every built-in.
func TestSchemaAcceptsValid(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid-*.yaml")
	inc, _ := filepath.Glob("testdata/inc/*.yaml")
	for _, file := range append(files, inc...) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := validateYAML(t, data); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
	for _, id := range BuiltinIDs() {
		data, err := fs.ReadFile(checklists.FS, id+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		if err := validateYAML(t, data); err != nil {
			t.Errorf("built-in %s: %v", id, err)
		}
	}
}

// TestSchemaRejects checks the schema catches what an editor should flag.
func TestSchemaRejects(t *testing.T) {
	for _, file := range []string{
		"invalid-unknown-key.yaml", "invalid-types.yaml", "invalid-weights.yaml", "invalid-grades-overlap.yaml",
		"invalid-scale.yaml", "invalid-gates.yaml", "invalid-evidence.yaml", "invalid-ids.yaml", "invalid-missing.yaml",
		"invalid-no-items.yaml", "invalid-not-mapping.yaml",
	} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			if err := validateYAML(t, data); err == nil {
				t.Errorf("schema accepts %s", file)
			}
		})
	}
}
