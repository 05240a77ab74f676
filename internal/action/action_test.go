package action

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/result"
)

var update = flag.Bool("update", false, "rewrite golden files")

func date(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func res(subject string, outcomes ...string) *result.Result {
	r := &result.Result{Subject: subject}
	for i := 0; i+1 < len(outcomes); i += 2 {
		r.Items = append(r.Items, result.Item{ID: outcomes[i], Question: "Is " + outcomes[i] + " met?", Outcome: result.Outcome(outcomes[i+1])})
	}
	return r
}

// summary is an action reduced to what transitions change.
type summary struct {
	ID, Status, Raised, Closed, Due, Reopens string
}

func summarise(as []*Action) []summary {
	var out []summary
	for _, a := range as {
		s := summary{ID: a.ID, Status: string(a.Status), Raised: a.Raised.Format(DateLayout), Due: a.Due.Format(DateLayout), Reopens: a.Reopens}
		if !a.Closed.IsZero() {
			s.Closed = a.Closed.Format(DateLayout)
		}
		out = append(out, s)
	}
	return out
}

func TestUpdateTransitions(t *testing.T) {
	open := func(id, item, raised string) *Action {
		return &Action{ID: id, Item: item, Subject: "Housing", Status: Open, Raised: date(raised), Due: date(raised).AddDate(0, 0, 30)}
	}
	done := func(id, item, raised, closed string) *Action {
		a := open(id, item, raised)
		a.Status, a.Closed = Done, date(closed)
		return a
	}
	dropped := func(id, item, raised string) *Action {
		a := open(id, item, raised)
		a.Status = Dropped
		return a
	}
	tests := []struct {
		name    string
		before  []*Action
		result  *result.Result
		opts    Options
		after   []summary
		changes []string
	}{
		{
			name:    "raised for a failed item",
			result:  res("Housing", "kp/a", "fail", "kp/b", "pass", "kp/c", "partial", "kp/d", "na", "kp/e", "waived", "kp/f", "unanswered"),
			after:   []summary{{ID: "housing/kp/a", Status: "open", Raised: "2026-11-30", Due: "2026-12-30"}},
			changes: []string{"raised action housing/kp/a, due 2026-12-30"},
		},
		{
			name:   "partial raises with the option, due as set",
			result: res("Housing", "kp/a", "fail", "kp/c", "partial"),
			opts:   Options{Partial: true, DueDays: 14},
			after: []summary{
				{ID: "housing/kp/a", Status: "open", Raised: "2026-11-30", Due: "2026-12-14"},
				{ID: "housing/kp/c", Status: "open", Raised: "2026-11-30", Due: "2026-12-14"},
			},
			changes: []string{"raised action housing/kp/a, due 2026-12-14", "raised action housing/kp/c, due 2026-12-14"},
		},
		{
			name:   "kept open when it fails again: no duplicate",
			before: []*Action{open("housing/kp/a", "kp/a", "2026-08-01")},
			result: res("Housing", "kp/a", "fail"),
			after:  []summary{{ID: "housing/kp/a", Status: "open", Raised: "2026-08-01", Due: "2026-08-31"}},
		},
		{
			name:   "kept open while partial without the option",
			before: []*Action{open("housing/kp/a", "kp/a", "2026-08-01")},
			result: res("Housing", "kp/a", "partial"),
			after:  []summary{{ID: "housing/kp/a", Status: "open", Raised: "2026-08-01", Due: "2026-08-31"}},
		},
		{
			name:    "done when the item passes",
			before:  []*Action{open("housing/kp/a", "kp/a", "2026-08-01")},
			result:  res("Housing", "kp/a", "pass"),
			after:   []summary{{ID: "housing/kp/a", Status: "done", Raised: "2026-08-01", Due: "2026-08-31", Closed: "2026-11-30"}},
			changes: []string{"closed action housing/kp/a: kp/a now passes"},
		},
		{
			name:   "reopened as a new action when a done item fails again",
			before: []*Action{done("housing/kp/a", "kp/a", "2026-05-01", "2026-08-01")},
			result: res("Housing", "kp/a", "fail"),
			after: []summary{
				{ID: "housing/kp/a", Status: "done", Raised: "2026-05-01", Due: "2026-05-31", Closed: "2026-08-01"},
				{ID: "housing/kp/a#2", Status: "open", Raised: "2026-11-30", Due: "2026-12-30", Reopens: "housing/kp/a"},
			},
			changes: []string{"reopened action housing/kp/a#2 (after housing/kp/a), due 2026-12-30"},
		},
		{
			name: "third time numbers on",
			before: []*Action{
				done("housing/kp/a", "kp/a", "2026-02-01", "2026-03-01"),
				done("housing/kp/a#2", "kp/a", "2026-05-01", "2026-08-01"),
			},
			result: res("Housing", "kp/a", "fail"),
			after: []summary{
				{ID: "housing/kp/a", Status: "done", Raised: "2026-02-01", Due: "2026-03-03", Closed: "2026-03-01"},
				{ID: "housing/kp/a#2", Status: "done", Raised: "2026-05-01", Due: "2026-05-31", Closed: "2026-08-01"},
				{ID: "housing/kp/a#3", Status: "open", Raised: "2026-11-30", Due: "2026-12-30", Reopens: "housing/kp/a#2"},
			},
			changes: []string{"reopened action housing/kp/a#3 (after housing/kp/a#2), due 2026-12-30"},
		},
		{
			name:   "dropped stays dropped",
			before: []*Action{dropped("housing/kp/a", "kp/a", "2026-08-01")},
			result: res("Housing", "kp/a", "fail", "kp/a2", "pass"),
			after:  []summary{{ID: "housing/kp/a", Status: "dropped", Raised: "2026-08-01", Due: "2026-08-31"}},
		},
		{
			name:   "other subjects and items untouched",
			before: []*Action{open("housing/kp/z", "kp/z", "2026-08-01")},
			result: res("Council tax", "kp/z", "pass"),
			after:  []summary{{ID: "housing/kp/z", Status: "open", Raised: "2026-08-01", Due: "2026-08-31"}},
		},
		{
			name:   "waived, na and unanswered leave an open action open",
			before: []*Action{open("housing/kp/a", "kp/a", "2026-08-01"), open("housing/kp/b", "kp/b", "2026-08-01"), open("housing/kp/c", "kp/c", "2026-08-01")},
			result: res("Housing", "kp/a", "waived", "kp/b", "na", "kp/c", "unanswered"),
			after: []summary{
				{ID: "housing/kp/a", Status: "open", Raised: "2026-08-01", Due: "2026-08-31"},
				{ID: "housing/kp/b", Status: "open", Raised: "2026-08-01", Due: "2026-08-31"},
				{ID: "housing/kp/c", Status: "open", Raised: "2026-08-01", Due: "2026-08-31"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := &Register{Actions: tt.before}
			ch := UpdateWith(reg, tt.result, time.Date(2026, 11, 30, 17, 45, 0, 0, time.UTC), tt.opts)
			if d := cmp.Diff(tt.after, summarise(reg.Actions)); d != "" {
				t.Errorf("register (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.changes, ch.Lines(), cmpopts.EquateEmpty()); d != "" {
				t.Errorf("changes (-want +got):\n%s", d)
			}
			// a second run on the same result changes nothing
			if again := UpdateWith(reg, tt.result, date("2026-11-30"), tt.opts); !again.Empty() {
				t.Errorf("second run changed %v", again.Lines())
			}
		})
	}
}

func TestSlugAndID(t *testing.T) {
	tests := map[string]string{
		"Housing repairs service": "housing-repairs-service",
		"  Council Tax (North)! ": "council-tax-north",
		"Café & Bar":              "café-bar",
		"docs/letters/a.md":       "docs-letters-a-md",
		"!!!":                     "subject",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := ID("Housing", "kp/a", 1); got != "housing/kp/a" {
		t.Errorf("ID 1 = %q", got)
	}
	if got := ID("Housing", "kp/a", 2); got != "housing/kp/a#2" {
		t.Errorf("ID 2 = %q", got)
	}
}

func TestOverdueAndUrgency(t *testing.T) {
	today := date("2026-11-30")
	reg := &Register{Actions: []*Action{
		{ID: "d", Status: Done, Due: date("2026-01-01"), Closed: date("2026-02-01")},
		{ID: "late-a-little", Status: Open, Due: date("2026-11-29")},
		{ID: "due-today", Status: Open, Due: date("2026-11-30")},
		{ID: "late-a-lot", Status: Open, Due: date("2026-09-01")},
		{ID: "no-date", Status: Open},
		{ID: "later", Status: Open, Due: date("2027-01-10")},
		{ID: "x", Status: Dropped, Due: date("2026-01-01"), Closed: date("2026-03-01")},
	}}
	var ids []string
	for _, a := range reg.Overdue(today) {
		ids = append(ids, a.ID)
	}
	if d := cmp.Diff([]string{"late-a-lot", "late-a-little"}, ids); d != "" {
		t.Errorf("Overdue (-want +got):\n%s", d)
	}
	all := append([]*Action(nil), reg.Actions...)
	SortByUrgency(all, today)
	ids = nil
	for _, a := range all {
		ids = append(ids, a.ID)
	}
	if d := cmp.Diff([]string{"late-a-lot", "late-a-little", "due-today", "later", "no-date", "x", "d"}, ids); d != "" {
		t.Errorf("SortByUrgency (-want +got):\n%s", d)
	}
	if n := reg.Actions[3].DaysOverdue(today); n != 90 {
		t.Errorf("DaysOverdue = %d, want 90", n)
	}
}

// TestSaveRoundTrip: the register is written in its stable order, one block
// per action, comments kept, and reads back to the same actions.
func TestSaveRoundTrip(t *testing.T) {
	src, err := os.ReadFile("testdata/register.yaml")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := Parse("testdata/register.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	Update(reg, res("Housing repairs", "kp/timescales", "pass", "rh/no-reply", "fail"), date("2026-11-30"))
	path := filepath.Join(t.TempDir(), "actions.yaml")
	if err := Save(path, reg); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/register.golden.yaml"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("saved register (-want +got):\n%s", d)
	}
	back, err := Parse(path, got)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(summarise(reg.Actions), summarise(back.Actions)); d != "" {
		t.Errorf("read back (-want +got):\n%s", d)
	}
	// saving what was read changes nothing
	if again := Marshal(back); string(again) != string(got) {
		t.Errorf("second save differs:\n%s", cmp.Diff(string(got), string(again)))
	}
}

func TestUpdateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "actions.yaml")
	ch, err := UpdateFile(path, res("Housing", "kp/a", "fail", "kp/b", "fail"), date("2026-08-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Raised) != 2 {
		t.Fatalf("raised %v", ch.Lines())
	}
	ch, err = UpdateFile(path, res("Housing", "kp/a", "pass", "kp/b", "fail"), date("2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"closed action housing/kp/a: kp/a now passes"}, ch.Lines()); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
	reg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]summary{
		{ID: "housing/kp/a", Status: "done", Raised: "2026-08-01", Due: "2026-08-31", Closed: "2026-11-01"},
		{ID: "housing/kp/b", Status: "open", Raised: "2026-08-01", Due: "2026-08-31"},
	}, summarise(reg.Actions)); d != "" {
		t.Errorf("register (-want +got):\n%s", d)
	}
}

func TestParseMalformed(t *testing.T) {
	const ok = "    item: kp/a\n    subject: Housing\n    status: open\n    raised: 2026-08-01\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"no id", "actions:\n  - " + strings.TrimPrefix(ok, "    "), []string{"a.yaml:2:5: action has no id"}},
		{"no raised", "actions:\n  - id: x\n    item: kp/a\n    subject: Housing\n    status: open\n", []string{"a.yaml:2:5: action x has no raised date"}},
		{"empty raised", "actions:\n  - id: x\n    item: kp/a\n    subject: Housing\n    status: open\n    raised:\n", []string{"a.yaml:2:5: action x has no raised date"}},
		{"bad status", "actions:\n  - id: x\n" + strings.Replace(ok, "open", "closed", 1), []string{`a.yaml:5:13: status "closed" is not one of open, done, dropped`}},
		{"bad date", "actions:\n  - id: x\n" + ok + "    due: next week\n", []string{`a.yaml:7:10: due "next week" is not a date: write it as YYYY-MM-DD`}},
		{"unknown key", "actions:\n  - id: x\n" + ok + "    ownr: J\n", []string{`a.yaml:7:5: unknown key "ownr" in action [did you mean "owner"?]`}},
		{"duplicate id", "actions:\n  - id: x\n" + ok + "  - id: x\n" + ok, []string{`a.yaml:7:5: duplicate action id "x" (first at line 2)`}},
		{"not a list", "actions: 3\n", []string{"a.yaml:1:10: actions must be a list"}},
		{"unknown top key", "action: []\n", []string{`a.yaml:1:1: unknown key "action" in actions register [did you mean "actions"?]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("a.yaml", []byte(tt.src))
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

func TestOpenForAndAuditDate(t *testing.T) {
	reg := &Register{Actions: []*Action{
		{ID: "h/a#2", Subject: "H", Item: "a", Status: Open, Due: date("2026-12-01")},
		{ID: "h/a", Subject: "H", Item: "a", Status: Done},
		{ID: "h/a#3", Subject: "H", Item: "a", Status: Open, Due: date("2026-10-01")},
		{ID: "h/b", Subject: "H", Item: "b", Status: Open},
		{ID: "c/a", Subject: "C", Item: "a", Status: Open},
	}}
	var ids []string
	for _, a := range reg.OpenFor("H", "a", date("2026-11-01")) {
		ids = append(ids, a.ID)
	}
	if d := cmp.Diff([]string{"h/a#3", "h/a#2"}, ids); d != "" {
		t.Errorf("OpenFor (-want +got):\n%s", d)
	}
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	if got := AuditDate(&result.Result{Date: "2026-08-01"}, now); !got.Equal(date("2026-08-01")) {
		t.Errorf("AuditDate with a date = %v", got)
	}
	if got := AuditDate(&result.Result{Date: "soon"}, now); !got.Equal(date("2026-11-30")) {
		t.Errorf("AuditDate without a date = %v", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/register.yaml", "testdata/register.golden.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("actions:\n  - id: x\n    status: [open]\n"))
	f.Add([]byte("actions: {a: b}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		reg, err := Parse("f.yaml", data)
		if err != nil {
			return
		}
		// what parses saves, and what is saved parses to the same actions
		back, err := Parse("f.yaml", Marshal(reg))
		if err != nil {
			t.Fatalf("saved register does not parse: %v\n%s", err, Marshal(reg))
		}
		if len(back.Actions) != len(reg.Actions) {
			t.Fatalf("%d actions became %d", len(reg.Actions), len(back.Actions))
		}
	})
}
