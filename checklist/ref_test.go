package checklist

import (
	"encoding/json"
	"strings"
	"testing"
)

const refsYAML = `id: code
title: A code
items:
  - id: ack
    ref: "6.2"
    question: Acknowledged in time?
  - id: respond
    ref: 6.10
    question: Answered in time?
  - id: plain
    question: No ref?
`

func TestRefLookup(t *testing.T) {
	cl, err := Parse("code.yaml", []byte(refsYAML))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, want string }{
		{"6.2", "code/ack"},
		{"code/6.2", "code/ack"},
		{"6.10", "code/respond"}, // kept as written, not the number 6.1
		{"6.1", ""},
		{"ack", "code/ack"},
		{"code/ack", "code/ack"},
		{"other/6.2", ""},
		{"", ""},
	} {
		got := ""
		if it := cl.Item(tc.name); it != nil {
			got = it.FullID
		}
		if got != tc.want {
			t.Errorf("Item(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if cl.Item("plain").Ref != "" {
		t.Errorf("an item without ref: has one")
	}
	b, err := json.Marshal(cl)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"ref":"6.10"`) || strings.Count(string(b), `"ref"`) != 2 {
		t.Errorf("JSON form carries refs wrongly: %s", b)
	}
}

// An item id wins over another item's ref of the same text.
func TestRefIDFirst(t *testing.T) {
	cl, err := Parse("code.yaml", []byte("id: c\ntitle: C\nitems:\n  - id: a1\n    question: A?\n  - id: b\n    ref: a1\n    question: B?\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cl.Item("a1").FullID; got != "c/a1" {
		t.Errorf("Item(a1) = %s, want c/a1", got)
	}
}
