package checklist

import (
	"strings"
	"testing"
)

func TestScaleSuggest(t *testing.T) {
	s := DefaultScale()
	for in, want := range map[string]string{
		"partly":         `partial ("Partly")`,
		"Partly":         `partial ("Partly")`,
		"YES":            `yes ("Yes")`,
		"parital":        `partial ("Partly")`,
		"not applicable": `na ("Not applicable")`,
		"banana":         "",
	} {
		if got := s.Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestItemWithoutQuestionNamed(t *testing.T) {
	src := "id: x\ntitle: X\nsections:\n  - id: s\n    title: S\n    items:\n      - id: phone\n"
	_, err := Parse("x.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "x.yaml:7:9: item phone has no question") {
		t.Fatalf("error %v: want it to name the item", err)
	}
}
