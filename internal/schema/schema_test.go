package schema

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestMain checks, before any test runs and so right after every package
// init of the test binary, that no schema was compiled at start-up:
// compiling is paid by the first Validate only, never by `svcaudit check
// one.md` or `svcaudit version`.
func TestMain(m *testing.M) {
	mu.Lock()
	n := len(compiled)
	mu.Unlock()
	if n != 0 {
		fmt.Fprintf(os.Stderr, "schema: %d schemas compiled during package initialisation; compile on first Validate\n", n)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// reset forgets the compiled schemas.
func reset() {
	mu.Lock()
	clear(compiled)
	mu.Unlock()
}

func TestCompileOnFirstValidate(t *testing.T) {
	reset()
	if _, err := Get("result"); err != nil {
		t.Fatal(err)
	}
	_ = Names()
	mu.Lock()
	n := len(compiled)
	mu.Unlock()
	if n != 0 {
		t.Fatalf("Get and Names compiled %d schemas, want none", n)
	}
	// Validation errors are fine here: the point is which schemas compile.
	_ = Validate("waivers", []byte(`{}`))
	mu.Lock()
	_, waivers := compiled["waivers"]
	n = len(compiled)
	mu.Unlock()
	if !waivers || n != 1 {
		t.Fatalf("after Validate(waivers): waivers compiled %v, %d schemas compiled; want only waivers", waivers, n)
	}
}

func TestEverySchemaCompiles(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			reset()
			err := Validate(name, []byte(`{}`))
			var verr *jsonschema.ValidationError
			if err != nil && !errors.As(err, &verr) {
				t.Fatalf("Validate(%s): %v, want nil or a validation error", name, err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, schema, data, wantErr string
	}{
		{"unknown schema", "nope", `{}`, `no schema "nope"`},
		{"not JSON", "waivers", `{`, "not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.schema, []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Validate(%s, %q) = %v, want an error containing %q", tt.schema, tt.data, err, tt.wantErr)
			}
		})
	}
}

// BenchmarkFirstValidate is what the first Validate of a run pays for
// compiling the result schema (every schema is loaded, so that one may
// $ref another).
func BenchmarkFirstValidate(b *testing.B) {
	for b.Loop() {
		reset()
		_ = Validate("result", []byte(`{}`))
	}
}
