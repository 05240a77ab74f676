package action_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/action"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/score"
	"github.com/svcaudit/svcaudit/internal/waiver"
	"github.com/svcaudit/svcaudit/result"
)

// TestQuarter walks a quarter through the packages the run command wires
// together: the first audit raises actions, a waiver is agreed, the second
// audit closes two actions and shows the waived item, and once the waiver
// has expired the item counts again and the audit says so.
func TestQuarter(t *testing.T) {
	cl, err := checklist.Resolve("real-humans")
	if err != nil {
		t.Fatal(err)
	}
	items := cl.Items()
	if len(items) < 4 {
		t.Fatalf("real-humans has %d items", len(items))
	}
	a, b, c := items[0].FullID, items[1].FullID, items[2].FullID
	path := filepath.Join(t.TempDir(), "actions.yaml")
	audit := func(date string, given map[string]string, ws []waiver.Waiver) (*result.Result, []string) {
		t.Helper()
		day, _ := time.Parse("2006-01-02", date)
		af := &answers.File{Checklist: cl.ID, Subject: "Housing repairs", Date: date}
		for _, it := range items {
			v := "yes"
			if g, ok := given[it.FullID]; ok {
				v = g
			}
			af.Answers = append(af.Answers, answers.Answer{Item: it.FullID, Value: v})
		}
		in := score.Input{Subject: af.Subject, Date: date, Answers: af}
		var notices []string
		in.Waived, notices = waiver.Apply(ws, cl, in.Subject, nil, day, waiver.DefaultWarnDays)
		r, err := score.Evaluate(cl, in)
		if err != nil {
			t.Fatal(err)
		}
		return r, notices
	}
	update := func(r *result.Result) []string {
		t.Helper()
		ch, err := action.UpdateFile(path, r, action.AuditDate(r, time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		return ch.Lines()
	}

	// Q3: three items fail
	q3, _ := audit("2026-08-01", map[string]string{a: "no", b: "no", c: "no"}, nil)
	want := []string{
		"raised action housing-repairs/" + a + ", due 2026-08-31",
		"raised action housing-repairs/" + b + ", due 2026-08-31",
		"raised action housing-repairs/" + c + ", due 2026-08-31",
	}
	if d := cmp.Diff(want, update(q3)); d != "" {
		t.Errorf("Q3 (-want +got):\n%s", d)
	}
	if again := update(q3); len(again) != 0 {
		t.Errorf("re-run changed %v", again)
	}

	// a waiver for c, agreed until the end of November
	ws := []waiver.Waiver{{Item: c, Subject: "Housing*", Owner: "J. Smith", Reason: "New templates in November.", Expires: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}}

	// Q4: a and b now pass, c still fails but is waived
	q4, notices := audit("2026-11-01", map[string]string{c: "no"}, ws)
	want = []string{
		"closed action housing-repairs/" + a + ": " + a + " now passes",
		"closed action housing-repairs/" + b + ": " + b + " now passes",
	}
	if d := cmp.Diff(want, update(q4)); d != "" {
		t.Errorf("Q4 (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"waiver for " + c + " expires on 2026-11-30 (J. Smith), in 29 days"}, notices); d != "" {
		t.Errorf("Q4 notices (-want +got):\n%s", d)
	}
	for _, it := range q4.Items {
		if it.ID == c && (it.Outcome != result.Waived || it.Score != nil) {
			t.Errorf("waived item: %+v", it)
		}
	}
	reg, err := action.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	open := reg.OpenFor("Housing repairs", c, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if len(open) != 1 || !open[0].Overdue(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("the waived item's action should stay open and be overdue by December: %+v", open)
	}

	// December: the waiver has expired; c counts again and the audit says so
	dec, notices := audit("2026-12-01", map[string]string{c: "no"}, ws)
	if d := cmp.Diff([]string{"waiver for " + c + " expired on 2026-11-30 (J. Smith)"}, notices); d != "" {
		t.Errorf("December notices (-want +got):\n%s", d)
	}
	for _, it := range dec.Items {
		if it.ID == c && it.Outcome != result.Fail {
			t.Errorf("expired waiver still applies: %+v", it)
		}
	}
	if dec.Score >= q4.Score {
		t.Errorf("score %v did not fall from %v once the waiver expired", dec.Score, q4.Score)
	}
	if lines := update(dec); len(lines) != 0 {
		t.Errorf("December changed %v (the open action on c should be kept)", lines)
	}
	if !strings.HasPrefix(open[0].ID, "housing-repairs/") {
		t.Errorf("id %q", open[0].ID)
	}
}
