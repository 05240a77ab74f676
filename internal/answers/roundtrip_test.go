package answers

import (
	"path/filepath"
	"testing"
)

func TestRoundTripLeadingNewline(t *testing.T) {
	for _, note := range []string{"\nafter a blank line", "\n\ntwo", "line\n", " lead space", "trail space ", "\ttab", "a\n\nb\n", "\n", "\n  indented", "  \nx", "\r\nx", "x\n  y", "\n- item", "\u00a0\nx", "\n\n"} {
		p := filepath.Join(t.TempDir(), "a.yaml")
		f := &File{Checklist: "kp", Subject: "\nS", Answers: []Answer{{Item: "kp/a", Value: "yes", Note: note}}}
		if err := Save(p, f); err != nil {
			t.Fatal(err)
		}
		g, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if g.Answers[0].Note != note || g.Subject != "\nS" {
			t.Errorf("note %q came back %q (subject %q)", note, g.Answers[0].Note, g.Subject)
		}
	}
}

// FuzzRoundTrip: any note, subject and auditor saved come back as saved.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"\nafter a blank line", "\n\n", "a\n\nb\n", " x", "\tx", "#x", "- x", "\r\nx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := filepath.Join(t.TempDir(), "a.yaml")
		in := &File{Checklist: "kp", Subject: s, Auditor: s, Answers: []Answer{{Item: "kp/a", Value: "yes", Note: s}}}
		if err := Save(p, in); err != nil {
			return // a text YAML cannot hold (invalid UTF-8) is refused, not mangled
		}
		out, err := Load(p)
		if err != nil {
			t.Fatalf("saved %q, cannot load it back: %v", s, err)
		}
		if out.Subject != s || out.Auditor != s || len(out.Answers) != 1 || out.Answers[0].Note != s {
			t.Fatalf("saved %q, loaded subject %q auditor %q answers %+v", s, out.Subject, out.Auditor, out.Answers)
		}
	})
}
