package waiver

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/result"
	"go.yaml.in/yaml/v3"
)

func date(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseValid(t *testing.T) {
	src := `# waivers agreed at the October board
waivers:
  - item: real-humans/no-reply
    subject: "Housing*"
    owner: J. Smith
    reason: New letter templates ship in December.
    expires: 2026-12-31
  - item: timescales
    documents: "letters/**"
    owner: A. Patel
    reason: Letters are out of scope until the review.
    expires: "2027-03-31"
`
	got, err := Parse("waivers.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Waiver{
		{Item: "real-humans/no-reply", Subject: "Housing*", Owner: "J. Smith", Reason: "New letter templates ship in December.", Expires: date("2026-12-31"), Pos: diag.Pos{File: "waivers.yaml", Line: 3, Column: 5}},
		{Item: "timescales", Documents: "letters/**", Owner: "A. Patel", Reason: "Letters are out of scope until the review.", Expires: date("2027-03-31"), Pos: diag.Pos{File: "waivers.yaml", Line: 8, Column: 5}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Parse (-want +got):\n%s", d)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n", "waivers:\n", "waivers: []\n"} {
		ws, err := Parse("w.yaml", []byte(src))
		if err != nil || len(ws) != 0 {
			t.Errorf("Parse(%q) = %v, %v; want none, nil", src, ws, err)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	const ok = "    owner: J. Smith\n    reason: r\n    expires: 2026-12-31\n"
	tests := []struct {
		name string
		src  string
		want []string // each error as file:line:col: msg [hint]
	}{
		{"no owner", "waivers:\n  - item: a/b\n    reason: r\n    expires: 2026-12-31\n",
			[]string{"w.yaml:2:5: waiver for a/b has no owner"}},
		{"no reason", "waivers:\n  - item: a/b\n    owner: o\n    expires: 2026-12-31\n",
			[]string{"w.yaml:2:5: waiver for a/b has no reason"}},
		{"no date", "waivers:\n  - item: a/b\n    owner: o\n    reason: r\n",
			[]string{"w.yaml:2:5: waiver for a/b has no expires date"}},
		{"no item", "waivers:\n  - " + strings.TrimPrefix(ok, "    "),
			[]string{"w.yaml:2:5: waiver has no item"}},
		{"everything missing", "waivers:\n  - subject: x\n",
			[]string{"w.yaml:2:5: waiver has no item", "w.yaml:2:5: waiver has no owner", "w.yaml:2:5: waiver has no reason", "w.yaml:2:5: waiver has no expires date"}},
		{"empty owner", "waivers:\n  - item: a/b\n    owner: \"\"\n    reason: r\n    expires: 2026-12-31\n",
			[]string{"w.yaml:3:12: waiver for a/b has an empty owner"}},
		{"null owner", "waivers:\n  - item: a/b\n    owner:\n    reason: r\n    expires: 2026-12-31\n",
			[]string{"w.yaml:3:11: owner must be text"}},
		{"bad date", "waivers:\n  - item: a/b\n    owner: o\n    reason: r\n    expires: 31/12/2026\n",
			[]string{`w.yaml:5:14: expires "31/12/2026" is not a date: write it as YYYY-MM-DD`}},
		{"impossible date", "waivers:\n  - item: a/b\n    owner: o\n    reason: r\n    expires: 2026-02-30\n",
			[]string{`w.yaml:5:14: expires "2026-02-30" is not a date: write it as YYYY-MM-DD`}},
		{"unknown key", "waivers:\n  - item: a/b\n    ownr: o\n" + ok[len("    owner: J. Smith\n"):] + "    owner: o\n",
			[]string{`w.yaml:3:5: unknown key "ownr" in waiver [did you mean "owner"?]`}},
		{"key twice", "waivers:\n  - item: a/b\n" + ok + "    owner: K\n",
			[]string{`w.yaml:6:5: owner is set twice`}},
		{"duplicate", "waivers:\n  - item: a/b\n" + ok + "  - item: a/b\n" + ok,
			[]string{"w.yaml:6:5: duplicate waiver for a/b (first at line 2)"}},
		{"bad glob", "waivers:\n  - item: a/b\n    documents: \"letters/[\"\n" + ok,
			[]string{`w.yaml:3:16: documents "letters/[" is not a valid glob`}},
		{"not a list", "waivers: yes\n",
			[]string{"w.yaml:1:10: waivers must be a list"}},
		{"not a mapping", "waivers:\n  - a/b\n",
			[]string{"w.yaml:2:5: a waiver must be a mapping of item, owner, reason, expires and optionally subject or documents"}},
		{"unknown top key", "waiver:\n  - item: a/b\n",
			[]string{`w.yaml:1:1: unknown key "waiver" in waivers file [did you mean "waivers"?]`}},
		{"top not a mapping", "- item: a/b\n",
			[]string{"w.yaml:1:1: a waivers file is a mapping with a waivers: list"}},
		{"syntax", "waivers:\n  - item: [a\n",
			[]string{"w.yaml:2: did not find expected ',' or ']' (in the block that starts here)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, err := Parse("w.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded with %v; want errors", ws)
			}
			var got []string
			for _, e := range diag.Flatten(err) {
				s := e.Error()
				if e.Hint != "" {
					s += " [" + e.Hint + "]"
				}
				got = append(got, s)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("errors (-want +got):\n%s", d)
			}
		})
	}
}

func TestParseNode(t *testing.T) {
	src := "fail-under: 70\nwaivers:\n  - item: a/b\n    owner: o\n    reason: r\n    expires: 2026-12-31\n"
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	ws, err := ParseNode(".svcaudit.yaml", doc.Content[0].Content[3])
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Pos.String() != ".svcaudit.yaml:3:5" {
		t.Errorf("ParseNode = %+v", ws)
	}
}

func TestState(t *testing.T) {
	w := Waiver{Item: "real-humans/no-reply", Owner: "J. Smith", Expires: date("2026-12-31")}
	tests := []struct {
		now    time.Time
		warn   int
		state  State
		notice string
	}{
		{date("2026-10-01"), 30, Active, ""},
		{date("2026-11-30"), 30, Active, ""},
		{date("2026-12-01"), 30, Expiring, "waiver for real-humans/no-reply expires on 2026-12-31 (J. Smith), in 30 days"},
		{date("2026-12-02"), 30, Expiring, "waiver for real-humans/no-reply expires on 2026-12-31 (J. Smith), in 29 days"},
		{date("2026-12-30"), 30, Expiring, "waiver for real-humans/no-reply expires on 2026-12-31 (J. Smith), tomorrow"},
		// the expiry date is inclusive, whatever the hour or zone
		{time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), 30, Expiring, "waiver for real-humans/no-reply expires on 2026-12-31 (J. Smith), today"},
		{time.Date(2026, 12, 31, 23, 30, 0, 0, time.FixedZone("NZ", 13*3600)), 30, Expiring, "waiver for real-humans/no-reply expires on 2026-12-31 (J. Smith), today"},
		{date("2027-01-01"), 30, Expired, "waiver for real-humans/no-reply expired on 2026-12-31 (J. Smith)"},
		{date("2027-06-01"), 0, Expired, "waiver for real-humans/no-reply expired on 2026-12-31 (J. Smith)"},
		{date("2026-12-30"), 0, Active, ""},
		{date("2026-11-21"), 40, Expiring, "waiver for real-humans/no-reply expires on 2026-12-31 (J. Smith), in 40 days"},
	}
	for _, tt := range tests {
		t.Run(tt.now.Format(time.RFC3339)+"/"+tt.state.String(), func(t *testing.T) {
			if got := w.State(tt.now, tt.warn); got != tt.state {
				t.Errorf("State = %v, want %v", got, tt.state)
			}
			if got := w.Notice(tt.now, tt.warn); got != tt.notice {
				t.Errorf("Notice = %q, want %q", got, tt.notice)
			}
		})
	}
	if got, want := w.Message(), "waiver for real-humans/no-reply expired on 2026-12-31 (J. Smith)"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}

func TestMatch(t *testing.T) {
	ws := []Waiver{
		{Item: "real-humans/no-reply", Subject: "Housing*", Owner: "subject"},
		{Item: "keeps-promises/timescales", Documents: "letters/**", Owner: "docs"},
		{Item: "jargon", Owner: "short"},
		{Item: "admits-mistakes/apology", Owner: "everywhere"},
	}
	tests := []struct {
		item, subject string
		docs          []string
		want          string // owner of the match, "" for none
	}{
		{"real-humans/no-reply", "Housing repairs", nil, "subject"},
		{"real-humans/no-reply", "Council tax", nil, ""},
		{"real-humans/no-reply", "housing repairs", nil, ""}, // globs are case-sensitive
		{"real-humans/other", "Housing repairs", nil, ""},
		{"keeps-promises/timescales", "x", []string{"letters/a.md", "./letters/2026/b.docx"}, "docs"},
		{"keeps-promises/timescales", "x", []string{"letters/a.md", "policy.md"}, ""}, // every document must match
		{"keeps-promises/timescales", "x", nil, ""},
		{"plain-words/jargon", "x", nil, "short"},
		{"plain-words/jargon-free", "x", nil, ""},
		{"admits-mistakes/apology", "anything", []string{"any.md"}, "everywhere"},
	}
	for _, tt := range tests {
		t.Run(tt.item+"/"+tt.subject, func(t *testing.T) {
			got := ""
			if w := Match(ws, tt.item, tt.subject, tt.docs); w != nil {
				got = w.Owner
			}
			if got != tt.want {
				t.Errorf("Match = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestApply(t *testing.T) {
	cl := &checklist.Checklist{ID: "p", Sections: []*checklist.Section{{ID: "s", Items: []*checklist.Item{
		{ID: "a", FullID: "p/a"}, {ID: "b", FullID: "p/b"}, {ID: "c", FullID: "p/c"}, {ID: "d", FullID: "p/d"},
	}}}}
	ws := []Waiver{
		{Item: "p/a", Owner: "A", Reason: "ra", Expires: date("2027-06-30"), Pos: diag.Pos{File: "w.yaml", Line: 2}},
		{Item: "p/b", Owner: "B", Reason: "rb", Expires: date("2026-12-10"), Pos: diag.Pos{File: "w.yaml", Line: 7}},
		{Item: "p/c", Owner: "C", Reason: "rc", Expires: date("2026-11-01"), Pos: diag.Pos{File: "w.yaml", Line: 12}},
		{Item: "p/d", Subject: "Other", Owner: "D", Reason: "rd", Expires: date("2027-01-01")},
		{Item: "q/a", Owner: "Q", Reason: "rq", Expires: date("2026-01-01")}, // another checklist: no notice
	}
	waived, notices := Apply(ws, cl, "Housing", nil, date("2026-11-30"), DefaultWarnDays)
	wantWaived := map[string]result.Waiver{
		"p/a": {Owner: "A", Reason: "ra", Expires: "2027-06-30", File: "w.yaml", Line: 2},
		"p/b": {Owner: "B", Reason: "rb", Expires: "2026-12-10", File: "w.yaml", Line: 7},
	}
	if d := cmp.Diff(wantWaived, waived); d != "" {
		t.Errorf("waived (-want +got):\n%s", d)
	}
	wantNotices := []string{
		"waiver for p/b expires on 2026-12-10 (B), in 10 days",
		"waiver for p/c expired on 2026-11-01 (C)",
	}
	if d := cmp.Diff(wantNotices, notices); d != "" {
		t.Errorf("notices (-want +got):\n%s", d)
	}
}

func TestExpired(t *testing.T) {
	cl := &checklist.Checklist{ID: "p", Sections: []*checklist.Section{{ID: "s", Items: []*checklist.Item{
		{ID: "a", FullID: "p/a"}, {ID: "b", FullID: "p/b"}, {ID: "c", FullID: "p/c"},
	}}}}
	ws := []Waiver{
		{Item: "p/a", Owner: "A", Expires: date("2027-06-30")},                   // active
		{Item: "p/c", Owner: "C", Expires: date("2026-11-01")},                   // expired
		{Item: "b", Owner: "B", Expires: date("2026-11-29")},                     // expired, by short id
		{Item: "p/b", Subject: "Other", Owner: "D", Expires: date("2020-01-01")}, // another subject
		{Item: "q/a", Owner: "Q", Expires: date("2026-01-01")},                   // another checklist
		{Item: "p/c", Owner: "E", Expires: date("2026-11-30")},                   // its last day: still in force
	}
	var got []string
	for _, w := range ExpiredFor(ws, cl, "Housing", nil, date("2026-11-30")) {
		got = append(got, w.Message())
	}
	want := []string{"waiver for b expired on 2026-11-29 (B)", "waiver for p/c expired on 2026-11-01 (C)"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ExpiredFor (-want +got):\n%s", d)
	}
}

func FuzzParse(f *testing.F) {
	b, err := os.ReadFile("testdata/waivers.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("waivers:\n  - item: a/b\n    expires: [2026]\n"))
	f.Add([]byte("waivers: {}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := Parse("f.yaml", data)
		if err != nil {
			return
		}
		for _, w := range ws {
			if w.Item == "" || w.Owner == "" || w.Reason == "" || w.Expires.IsZero() {
				t.Fatalf("accepted an incomplete waiver: %+v", w)
			}
			_ = w.Covers("a/b", "s", []string{"x"})
		}
	})
}

func TestUnknown(t *testing.T) {
	ids := []string{"real-humans/no-reply", "keeps-promises/timescales"}
	ws := []Waiver{
		{Item: "real-humans/no-reply"},
		{Item: "timescales"},
		{Item: "real-humans/no-replies", Pos: diag.Pos{File: "w.yaml", Line: 9, Column: 5}},
		{Item: "timescale", Pos: diag.Pos{File: "w.yaml", Line: 14, Column: 5}},
		{Item: "other/thing", Pos: diag.Pos{File: "w.yaml", Line: 19, Column: 5}},
	}
	var got []string
	for _, e := range Unknown(ws, ids) {
		got = append(got, e.Error()+" ["+e.Hint+"]")
	}
	want := []string{
		`w.yaml:9:5: waiver for real-humans/no-replies names no known item [did you mean "real-humans/no-reply"?]`,
		`w.yaml:14:5: waiver for timescale names no known item [did you mean "timescales"?]`,
		`w.yaml:19:5: waiver for other/thing names no known item []`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Unknown (-want +got):\n%s", d)
	}
}

// A waiver may name an item by its ref, alone or after the checklist's id.
func TestApplyByRef(t *testing.T) {
	cl := &checklist.Checklist{ID: "code", Sections: []*checklist.Section{{ID: "s", Items: []*checklist.Item{
		{ID: "ack", FullID: "code/ack", Ref: "6.2", Checklist: "code"},
		{ID: "respond", FullID: "code/respond", Ref: "6.3", Checklist: "code"},
		{ID: "extend", FullID: "code/extend", Ref: "6.4", Checklist: "code"},
	}}}}
	src := "waivers:\n" +
		"  - item: 6.2\n    owner: A\n    reason: r\n    expires: 2027-01-01\n" +
		"  - item: code/6.3\n    owner: B\n    reason: r\n    expires: 2027-01-01\n" +
		"  - item: other/6.4\n    owner: C\n    reason: r\n    expires: 2027-01-01\n"
	ws, err := Parse("w.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	waived, _ := Apply(ws, cl, "Housing", nil, date("2026-11-30"), DefaultWarnDays)
	var got []string
	for id := range waived {
		got = append(got, id)
	}
	if d := cmp.Diff([]string{"code/ack", "code/respond"}, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); d != "" {
		t.Errorf("waived (-want +got):\n%s", d)
	}
	if u := Unknown(ws, []string{"code/ack", "code/6.2", "code/respond", "code/6.3"}); len(u) != 1 || !strings.Contains(u[0].Msg, "other/6.4") {
		t.Errorf("Unknown = %v, want only other/6.4", u)
	}
}
