package stream

import (
	"strings"
	"testing"
)

// Every check format shows an item's ref beside it.
func TestRefShown(t *testing.T) {
	withRef := func() *Report {
		rep := fixture()
		rep.Checklists[0].Sections[0].Items[0].Ref = "6.3"
		for _, r := range rep.Results {
			for i := range r.Items {
				if r.Items[i].ID == "keeps-promises/timescales" {
					r.Items[i].Ref = "6.3"
				}
			}
		}
		return rep
	}
	for format, want := range map[string][]string{
		"text":   {"keeps-promises/timescales (6.3)  vague promise"},
		"junit":  {`name="keeps-promises/timescales (6.3)"`},
		"github": {"title=keeps-promises/timescales (6.3)"},
		"sarif":  {`"ref": "6.3"`},
		"json":   {`"ref": "6.3"`},
	} {
		got := string(render(t, format, withRef()))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no %q in\n%s", format, w, got)
			}
		}
	}
	// SARIF: on the rule and on each of its results.
	if got := string(render(t, "sarif", withRef())); strings.Count(got, `"ref": "6.3"`) < 2 {
		t.Errorf("sarif: ref on %d objects, want the rule and its result", strings.Count(got, `"ref": "6.3"`))
	}
}
