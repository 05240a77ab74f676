package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// quickFixtures are the Results and check documents of the repository.
func quickFixtures(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, glob := range []string{"../../report/testdata/*.json", "../../report/stream/testdata/check.json", "../../internal/explain/testdata/*.json"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(`"schemaVersion"`)) {
				out[p] = b
			}
		}
	}
	if len(out) < 8 {
		t.Fatalf("only %d fixtures", len(out))
	}
	return out
}

// agree fails if Quick accepts data against a schema that Validate refuses.
func agree(t *testing.T, what string, data []byte) (quick bool) {
	t.Helper()
	name, ok := Quick(data, "result", "check")
	if ok {
		if err := Validate(name, data); err != nil {
			t.Fatalf("%s: Quick accepts it as a %s, Validate refuses it: %v\n%s", what, name, err, data)
		}
	}
	return ok
}

func TestQuickCompilesThePublishedSchemas(t *testing.T) {
	for _, name := range []string{"result", "check"} {
		if _, err := quickSchema(name); err != nil {
			t.Errorf("%s: %v (a keyword Quick does not know turns it off: teach it the keyword)", name, err)
		}
	}
	if _, err := quickSchema("checklist"); err == nil {
		t.Log("checklist schema compiles for Quick too")
	}
}

// TestQuickAcceptsTheFixtures: every valid fixture is accepted quickly (or
// Quick would save nothing), as the schema Validate accepts it as.
func TestQuickAcceptsTheFixtures(t *testing.T) {
	for path, data := range quickFixtures(t) {
		want := "result"
		if Validate("result", data) != nil {
			want = "check"
			if err := Validate("check", data); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		if name, ok := Quick(data, "result", "check"); !ok || name != want {
			t.Errorf("%s: Quick = %q, %v; want %q, true", path, name, ok, want)
		}
	}
}

// TestQuickNeverAcceptsWhatValidateRefuses changes each value of each
// fixture, one at a time, to values of every JSON type and to boundary
// numbers, removes each key and adds one, and checks that whatever Quick
// accepts Validate accepts too. It also checks that Quick refuses some of
// them (the mutations are not all harmless) and accepts some.
func TestQuickNeverAcceptsWhatValidateRefuses(t *testing.T) {
	repl := []any{nil, true, "x", "pass", json.Number("0"), json.Number("-1"), json.Number("1"), json.Number("2"),
		json.Number("1.0"), json.Number("1.5"), json.Number("100"), json.Number("100.5"), json.Number("-0.0001"),
		json.Number("1e2"), json.Number("12345678901234567890"), map[string]any{}, []any{}, []any{"x"}}
	var accepted, refused int
	seen := map[string]bool{} // a place is changed once, in its first fixture and array element
	for path, data := range quickFixtures(t) {
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var root any
		if err := d.Decode(&root); err != nil {
			t.Fatal(err)
		}
		root = trim(root) // every shape, in a tenth of the text
		try := func(what string) {
			b, err := json.Marshal(root)
			if err != nil {
				t.Fatal(err)
			}
			if agree(t, path+": "+what, b) {
				accepted++
			} else {
				refused++
			}
		}
		var walk func(v any, at string)
		walk = func(v any, at string) {
			switch v := v.(type) {
			case map[string]any:
				keys := make([]string, 0, len(v))
				for k := range v {
					keys = append(keys, k)
				}
				for _, k := range keys {
					old := v[k]
					if seen[at+"/"+k] {
						walk(old, at+"/"+k)
						continue
					}
					seen[at+"/"+k] = true
					for _, r := range repl {
						v[k] = r
						try(at + "/" + k)
					}
					delete(v, k)
					try(at + "/" + k + " removed")
					v[k] = old
					walk(old, at+"/"+k)
				}
				v["unknownKey"] = "x"
				try(at + " with an unknown key")
				delete(v, "unknownKey")
			case []any:
				for i, old := range v {
					if seen[at+"/[]"] {
						walk(old, at+"/[]")
						continue
					}
					seen[at+"/[]"] = true
					for _, r := range repl {
						v[i] = r
						try(at + "/[]")
					}
					v[i] = old
					walk(old, at+"/[]")
				}
			}
		}
		walk(root, "")
	}
	if accepted == 0 || refused == 0 {
		t.Fatalf("accepted %d, refused %d: the mutations do not exercise both sides", accepted, refused)
	}
	t.Logf("%d mutations accepted quickly, %d left to Validate", accepted, refused)
}

// trim cuts every array of v to its first two elements.
func trim(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = trim(e)
		}
	case []any:
		v = v[:min(len(v), 2)]
		for i, e := range v {
			v[i] = trim(e)
		}
		return v
	}
	return v
}

func TestQuickCases(t *testing.T) {
	data := quickFixtures(t)["../../report/testdata/housing-2026-q2.json"]
	if data == nil {
		t.Fatal("no housing-2026-q2.json")
	}
	set := func(f func(m map[string]any)) []byte {
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var m map[string]any
		if err := d.Decode(&m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	for _, c := range []struct {
		name  string
		data  []byte
		quick bool // Quick accepts it
		valid bool // Validate accepts it
	}{
		{"fixture", data, true, true},
		{"not JSON", []byte(`{"schemaVersion": 1,`), false, false},
		{"NaN", bytes.Replace(data, []byte(`"schemaVersion": 1`), []byte(`"schemaVersion": NaN`), 1), false, false},
		{"trailing data", append(append([]byte{}, data...), "{}"...), false, false},
		{"schemaVersion 0", set(func(m map[string]any) { m["schemaVersion"] = 0 }), false, false},
		{"schemaVersion 1.5", set(func(m map[string]any) { m["schemaVersion"] = 1.5 }), false, false},
		{"schemaVersion 1.0 (an integer, left to Validate)", set(func(m map[string]any) { m["schemaVersion"] = json.Number("1.0") }), false, true},
		{"schemaVersion 1e0 (left to Validate)", set(func(m map[string]any) { m["schemaVersion"] = json.Number("1e0") }), false, true},
		{"no subject", set(func(m map[string]any) { delete(m, "subject") }), false, false},
		{"subject a number", set(func(m map[string]any) { m["subject"] = 3 }), false, false},
		{"unknown key", set(func(m map[string]any) { m["extra"] = 3 }), false, false},
		{"score null", set(func(m map[string]any) { m["score"] = nil }), false, false},
		{"score 101", set(func(m map[string]any) { m["score"] = 101 }), false, false},
		{"score -0.5", set(func(m map[string]any) { m["score"] = -0.5 }), false, false},
		{"score 99.5", set(func(m map[string]any) { m["score"] = 99.5 }), true, true},
		{"an item's outcome unknown", set(func(m map[string]any) { m["items"].([]any)[0].(map[string]any)["outcome"] = "great" }), false, false},
		{"an item's outcome a number", set(func(m map[string]any) { m["items"].([]any)[0].(map[string]any)["outcome"] = 1 }), false, false},
	} {
		_, quick := Quick(c.data, "result")
		valid := Validate("result", c.data) == nil
		if quick != c.quick || valid != c.valid {
			t.Errorf("%s: Quick %v, Validate %v; want %v, %v", c.name, quick, valid, c.quick, c.valid)
		}
	}
}

// FuzzQuick: whatever Quick accepts, Validate accepts.
func FuzzQuick(f *testing.F) {
	for _, data := range quickFixtures(f) {
		f.Add(data)
	}
	f.Add([]byte(`{"schemaVersion":1,"passed":true,"results":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, "fuzz", data)
	})
}

func BenchmarkQuick(b *testing.B) {
	data, err := os.ReadFile("../../report/testdata/housing-2026-q2.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Quick", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := Quick(data, "result"); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("Validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := Validate("result", data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
