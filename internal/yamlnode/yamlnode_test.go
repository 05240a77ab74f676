package yamlnode

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/internal/diag"
	"go.yaml.in/yaml/v3"
)

// messages writes errors as file:line:col: msg [hint].
func messages(errs diag.List) []string {
	var out []string
	for _, e := range errs {
		s := e.Error()
		if e.Hint != "" {
			s += " [" + e.Hint + "]"
		}
		out = append(out, s)
	}
	return out
}

func TestDecodeAndRoot(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantRoot bool
		wantErr  []string
	}{
		{"empty", "", false, nil},
		{"null", "~\n", false, nil},
		{"mapping", "a: 1\n", true, nil},
		{"syntax error", "a: [1\n", false, []string{"f.yaml:2: did not find expected ',' or ']' (in the block that starts here)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode("f.yaml", []byte(tt.src))
			if d := cmp.Diff(tt.wantErr, messages(diag.Flatten(err))); d != "" {
				t.Errorf("errors (-want +got):\n%s", d)
			}
			if got := Root(doc) != nil; got != tt.wantRoot {
				t.Errorf("root found %v, want %v", got, tt.wantRoot)
			}
		})
	}
}

func TestFieldsAndKeys(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("item: a\nowner: o\nitem: b\nonwer: x\nwhen: 2026-02-30\n"), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Content[0]
	var errs diag.List
	fields, ok := Fields("f.yaml", m, &errs)
	if ok || len(fields) != 4 {
		t.Errorf("Fields: %d fields, ok %v; want 4, false", len(fields), ok)
	}
	UnknownKey(&errs, "f.yaml", fields[2].Key, "waiver", []string{"item", "owner"})
	if _, ok := Date(&errs, "f.yaml", fields[3].Value, "when", fields[3].Value.Value); ok {
		t.Error("Date accepted 2026-02-30")
	}
	d, ok := Date(&errs, "f.yaml", fields[0].Value, "when", "2026-02-28")
	if !ok || !d.Equal(time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Date = %v, %v", d, ok)
	}
	want := []string{
		"f.yaml:3:1: item is set twice",
		`f.yaml:4:1: unknown key "onwer" in waiver [did you mean "owner"?]`,
		`f.yaml:5:7: when "2026-02-30" is not a date: write it as YYYY-MM-DD`,
	}
	if d := cmp.Diff(want, messages(errs)); d != "" {
		t.Errorf("errors (-want +got):\n%s", d)
	}
	if v := Value(m, "owner"); v == nil || v.Value != "o" {
		t.Errorf("Value(owner) = %v", v)
	}
	if Value(m, "none") != nil {
		t.Error("Value found a missing key")
	}
}

func TestPlain(t *testing.T) {
	v := map[string]any{"a": []any{time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), "x"}}
	want := map[string]any{"a": []any{"2026-12-31", "x"}}
	if d := cmp.Diff(want, Plain(v)); d != "" {
		t.Errorf("Plain (-want +got):\n%s", d)
	}
}
