package rule

import (
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
)

// TestKindsRegistered checks that every kind of the checklist registry
// that documents answer has exactly one compiler here, and that the
// conditions report in the order they always have.
func TestKindsRegistered(t *testing.T) {
	have := map[string]int{}
	for _, k := range kinds {
		have[k.name]++
	}
	for _, k := range checklist.Kinds() {
		switch {
		case k.Documents && have[k.Name] != 1:
			t.Errorf("kind %s: %d compilers registered, want 1", k.Name, have[k.Name])
		case !k.Documents && have[k.Name] != 0:
			t.Errorf("kind %s is not judged on documents, yet has a compiler", k.Name)
		}
		delete(have, k.Name)
	}
	for name := range have {
		t.Errorf("compiler %s has no kind in the checklist registry", name)
	}
	var order []string
	for _, k := range kinds {
		order = append(order, k.name)
	}
	want := []string{"any", "all", "min", "none", "near", "heading", "readability", "jargon", "sentence", "timescale"}
	if len(order) != len(want) {
		t.Fatalf("report order %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("report order %v, want %v", order, want)
		}
	}
}

// TestRegisterRefusesUnknownKind checks that a compiler for a kind the
// checklist parser does not know cannot be registered.
func TestRegisterRefusesUnknownKind(t *testing.T) {
	for _, name := range []string{"no-such-kind", "cases", "case"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("register(%q) did not panic", name)
				}
			}()
			saved := kinds
			defer func() { kinds = saved }()
			register(kind{name: name})
		}()
	}
}
