package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/result"
	"github.com/xuri/excelize/v2"
)

// Every format shows an item's ref beside it.
func TestRefShown(t *testing.T) {
	withRefs := func() []*result.Result {
		rs := load(t, "housing-2026-q2.json")
		for i := range rs[0].Items {
			switch rs[0].Items[i].ID {
			case "keeps-promises/reply-time":
				rs[0].Items[i].Ref = "6.3"
			case "complaints/ombudsman":
				rs[0].Items[i].Ref = "6.19"
			case "humans/phone":
				rs[0].Items[i].Ref = "3.1"
			case "humans/named":
				rs[0].Items[i].Ref = "4.1"
			}
		}
		return rs
	}
	for _, tc := range []struct {
		format, by string
		want       []string
	}{
		{"table", "", []string{"keeps-promises/reply-time (6.3)", "complaints/ombudsman (6.19)", "humans/phone (3.1)", "humans/named (4.1)"}},
		{"table", "item", []string{"keeps-promises/reply-time (6.3)"}},
		{"md", "", []string{"| keeps-promises/reply-time (6.3)<br>", "complaints/ombudsman (6.19)", "humans/phone (3.1)", "- humans/named (4.1):"}},
		{"md", "item", []string{"| keeps-promises/reply-time (6.3) |"}},
		{"html", "", []string{`<span class="id">keeps-promises/reply-time (6.3)</span>`, `<span class="id">humans/phone (3.1)</span>`}},
		{"csv", "item", []string{"item,ref,section", "keeps-promises/reply-time,6.3,timescales,"}},
		{"json", "", []string{`"ref": "6.3"`, `"ref": "6.19"`}},
	} {
		t.Run(tc.format+"/"+tc.by, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, withRefs(), Options{Format: tc.format, By: tc.by, Today: today}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("no %q in\n%s", w, buf.String())
				}
			}
		})
	}
	var buf bytes.Buffer
	if err := Render(&buf, withRefs(), Options{Format: "xlsx", Today: today}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]string{"B3": "keeps-promises/reply-time", "C3": "6.3", "C2": ""} {
		if got, _ := f.GetCellValue("Items", ref); got != want {
			t.Errorf("Items!%s = %q, want %q", ref, got, want)
		}
	}
}
