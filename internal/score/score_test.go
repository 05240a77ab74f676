package score

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/schema"
	"github.com/svcaudit/svcaudit/result"
)

func it(cl, id string, w float64) *checklist.Item {
	return &checklist.Item{ID: id, FullID: cl + "/" + id, Question: id + "?", Weight: w, Checklist: cl}
}

// base: section kp (a w1, b w3, c w1 critical, d w1 automated) and rh (e w2, f w1).
func base() *checklist.Checklist {
	c := it("kp", "c", 1)
	c.Critical = true
	d := it("kp", "d", 1)
	d.Evidence = &checklist.Evidence{Any: []checklist.Pattern{{Expr: "x"}}}
	return &checklist.Checklist{ID: "kp", Title: "Keeps promises", Version: "2", Scale: checklist.DefaultScale(),
		Grades: checklist.DefaultGrades(),
		Sections: []*checklist.Section{
			{ID: "kp", Title: "Keeps promises", Items: []*checklist.Item{it("kp", "a", 1), it("kp", "b", 3), c, d}},
			{ID: "rh", Title: "Real humans", Items: []*checklist.Item{it("rh", "e", 2), it("rh", "f", 1)}},
		}}
}

func ans(kv ...string) *answers.File {
	f := &answers.File{Checklist: "kp"}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Answers = append(f.Answers, answers.Answer{Item: kv[i], Value: kv[i+1]})
	}
	return f
}

func pass() map[string]rule.Outcome {
	return map[string]rule.Outcome{"kp/d": {Passed: true, Findings: []result.Finding{{Rule: "any", File: "p.md", Line: 3, Message: "matched"}}}}
}
func fail() map[string]rule.Outcome {
	return map[string]rule.Outcome{"kp/d": {Passed: false, Findings: []result.Finding{{Rule: "any", Message: "no match"}}}}
}

func f64(v float64) *float64 { return &v }

// summary is the part of a Result a table row checks.
type summary struct {
	Score      float64
	Grade      string
	Passed     bool
	Critical   []string
	Unanswered []string
	Sections   map[string]*float64
}

func summarise(r *result.Result) summary {
	s := summary{Score: r.Score, Grade: r.Grade.Label, Passed: r.Passed, Critical: r.CriticalFailures, Unanswered: r.Unanswered,
		Sections: map[string]*float64{}}
	for _, sec := range r.Sections {
		s.Sections[sec.ID] = sec.Score
	}
	return s
}

func TestEvaluate(t *testing.T) {
	weighted := func() *checklist.Checklist {
		cl := base()
		cl.Sections[0].Weight, cl.Sections[1].Weight = 1, 3
		return cl
	}
	custom := func() *checklist.Checklist {
		cl := base()
		cl.Scale = checklist.Scale{Choices: []checklist.Choice{
			{Value: "4", Score: 1}, {Value: "3", Score: 0.75}, {Value: "2", Score: 0.5}, {Value: "1", Score: 0.25}, {Value: "0", Score: 0},
			{Value: "n/a", NA: true}}}
		return cl
	}
	tests := []struct {
		name string
		cl   *checklist.Checklist
		in   Input
		want summary
	}{
		{"all pass", base(), Input{Answers: ans("a", "yes", "b", "yes", "c", "yes", "e", "yes", "f", "yes"), Automated: pass()},
			summary{100, "Good", true, []string{}, nil, map[string]*float64{"kp": f64(100), "rh": f64(100)}}},
		{"all fail", base(), Input{Answers: ans("a", "no", "b", "no", "c", "no", "e", "no", "f", "no"), Automated: fail()},
			summary{0, "Inadequate", false, []string{"kp/c"}, nil, map[string]*float64{"kp": f64(0), "rh": f64(0)}}},
		{"partial credit by weight", base(), Input{Answers: ans("a", "yes", "b", "partial", "c", "yes", "e", "partial", "f", "no"), Automated: pass()},
			// kp: 1+1.5+1+1 = 4.5/6; rh: 1/3; total 5.5/9 = 61.1
			summary{61.1, "Requires improvement", true, []string{}, nil, map[string]*float64{"kp": f64(75), "rh": f64(33.3)}}},
		{"na leaves the denominator", base(), Input{Answers: ans("a", "yes", "b", "na", "c", "yes", "e", "na", "f", "no"), Automated: pass()},
			// kp 3/3, rh 0/1: 3/4
			summary{75, "Requires improvement", true, []string{}, nil, map[string]*float64{"kp": f64(100), "rh": f64(0)}}},
		{"section all na has no score", base(), Input{Answers: ans("a", "yes", "b", "yes", "c", "yes", "e", "na", "f", "na"), Automated: pass()},
			summary{100, "Good", true, []string{}, nil, map[string]*float64{"kp": f64(100), "rh": nil}}},
		{"critical caps the grade", base(), Input{Answers: ans("a", "yes", "b", "yes", "c", "no", "e", "yes", "f", "yes"), Automated: pass()},
			summary{88.9, "Inadequate", false, []string{"kp/c"}, nil, map[string]*float64{"kp": f64(83.3), "rh": f64(100)}}},
		{"critical partial is not a failure", base(), Input{Answers: ans("a", "yes", "b", "yes", "c", "partial", "e", "yes", "f", "yes"), Automated: pass()},
			summary{94.4, "Good", true, []string{}, nil, map[string]*float64{"kp": f64(91.7), "rh": f64(100)}}},
		{"unanswered zero", base(), Input{Answers: ans("a", "yes", "b", "yes", "e", "yes"), Automated: pass()},
			// kp: a1 b3 c0 d1 = 5/6; rh: 2/3 -> 7/9; c is critical and
			// unanswered, so the audit fails.
			summary{77.8, "Requires improvement", false, []string{}, []string{"kp/c", "rh/f"}, map[string]*float64{"kp": f64(83.3), "rh": f64(66.7)}}},
		{"unanswered skip", base(), Input{Answers: ans("a", "yes", "b", "yes", "e", "yes"), Automated: pass(), Options: Options{Unanswered: "skip"}},
			summary{100, "Good", true, []string{}, []string{"kp/c", "rh/f"}, map[string]*float64{"kp": f64(100), "rh": f64(100)}}},
		{"no documents: automated unanswered", base(), Input{Answers: ans("a", "yes", "b", "yes", "c", "yes", "e", "yes", "f", "yes")},
			summary{88.9, "Good", true, []string{}, []string{"kp/d"}, map[string]*float64{"kp": f64(83.3), "rh": f64(100)}}},
		{"override beats the documents", base(), Input{Answers: ans("a", "yes", "b", "yes", "c", "yes", "d", "no", "e", "yes", "f", "yes"), Automated: pass()},
			summary{88.9, "Good", true, []string{}, nil, map[string]*float64{"kp": f64(83.3), "rh": f64(100)}}},
		{"section weights", weighted(), Input{Answers: ans("a", "yes", "b", "yes", "c", "yes", "e", "no", "f", "yes"), Automated: pass()},
			// kp 100 ×1, rh 33.33 ×3 -> (100+100)/4 = 50
			summary{50, "Requires improvement", true, []string{}, nil, map[string]*float64{"kp": f64(100), "rh": f64(33.3)}}},
		{"section weights skip sections with nothing applicable", weighted(), Input{Answers: ans("a", "yes", "b", "no", "c", "yes", "e", "na", "f", "na"), Automated: pass()},
			summary{50, "Requires improvement", true, []string{}, nil, map[string]*float64{"kp": f64(50), "rh": nil}}},
		{"custom scale", custom(), Input{Answers: ans("a", "4", "b", "3", "c", "2", "e", "1", "f", "n/a"), Automated: pass()},
			// kp: 1 + 2.25 + 0.5 + 1 = 4.75/6; rh: 0.5/2 -> 5.25/8 = 65.625
			summary{65.6, "Requires improvement", true, []string{}, nil, map[string]*float64{"kp": f64(79.2), "rh": f64(25)}}},
		{"threshold", base(), Input{Answers: ans("a", "yes", "b", "partial", "c", "yes", "e", "partial", "f", "no"), Automated: pass(), Options: Options{Threshold: f64(70)}},
			summary{61.1, "Requires improvement", false, []string{}, nil, map[string]*float64{"kp": f64(75), "rh": f64(33.3)}}},
		{"nothing applicable", base(), Input{Answers: ans("a", "na", "b", "na", "c", "na", "d", "na", "e", "na", "f", "na")},
			summary{0, "Inadequate", true, []string{}, nil, map[string]*float64{"kp": nil, "rh": nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Evaluate(tt.cl, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, summarise(r)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			validate(t, r)
		})
	}
}

func validate(t *testing.T, r *result.Result) {
	t.Helper()
	if err := schema.ValidateValue("result", r); err != nil {
		t.Errorf("result does not validate against its schema: %v", err)
	}
}

func byID(r *result.Result, id string) result.Item {
	for _, i := range r.Items {
		if i.ID == id {
			return i
		}
	}
	return result.Item{}
}

func TestItems(t *testing.T) {
	in := Input{Answers: ans("a", "partial", "d", "no"), Automated: pass(),
		Waived: map[string]result.Waiver{"rh/e": {Owner: "Head of repairs", Reason: "new service", Expires: "2027-01-01"}}}
	in.Answers.Answers[0].Note = "half"
	r, err := Evaluate(base(), in)
	if err != nil {
		t.Fatal(err)
	}
	validate(t, r)
	fail := result.Fail
	want := map[string]result.Item{
		"kp/a": {ID: "kp/a", Section: "kp", Question: "a?", Outcome: result.Partial, Source: result.Manual, Answer: "partial", Score: f64(50), Weight: 1, Note: "half", Findings: []result.Finding{}},
		"kp/d": {ID: "kp/d", Section: "kp", Question: "d?", Outcome: result.Fail, Source: result.Overridden, Answer: "no", Score: f64(0), Weight: 1,
			Automated: ptr(result.Pass), Findings: pass()["kp/d"].Findings},
		"rh/e": {ID: "rh/e", Section: "rh", Question: "e?", Outcome: result.Waived, Source: result.Manual, Weight: 2, Findings: []result.Finding{},
			Waiver: &result.Waiver{Owner: "Head of repairs", Reason: "new service", Expires: "2027-01-01"}},
		"kp/c": {ID: "kp/c", Section: "kp", Question: "c?", Outcome: result.Unanswered, Source: result.Manual, Score: f64(0), Weight: 1, Critical: true, Findings: []result.Finding{}},
	}
	for id, w := range want {
		if d := cmp.Diff(w, byID(r, id)); d != "" {
			t.Errorf("%s (-want +got):\n%s", id, d)
		}
	}
	_ = fail
	// the waived item counts neither way: rh holds only f (unanswered, 0/1)
	if s := r.Sections[1]; s.Possible != 1 || s.Earned != 0 {
		t.Errorf("rh earned/possible = %v/%v, want 0/1", s.Earned, s.Possible)
	}

	// the documents alone: pass gives the scale's best answer with findings
	r, _ = Evaluate(base(), Input{Automated: pass()})
	if got := byID(r, "kp/d"); got.Outcome != result.Pass || got.Source != result.Automated || got.Answer != "yes" || len(got.Findings) != 1 || got.Automated != nil {
		t.Errorf("automated item: %+v", got)
	}
}

func ptr(o result.Outcome) *result.Outcome { return &o }

func TestAutomatedOnly(t *testing.T) {
	r, err := Evaluate(base(), Input{Automated: fail(), Options: Options{AutomatedOnly: true}})
	if err != nil {
		t.Fatal(err)
	}
	validate(t, r)
	if len(r.Items) != 1 || r.Items[0].ID != "kp/d" || r.Score != 0 || r.Sections[1].Score != nil || len(r.Unanswered) != 0 {
		t.Errorf("automated only: %+v", r)
	}
}

func TestRounding(t *testing.T) {
	tests := []struct {
		in, want float64
	}{
		{79.95, 80}, {79.94999, 79.9}, {62.25, 62.3}, {0.05, 0.1}, {100, 100}, {33.333333, 33.3}, {66.666666, 66.7}, {-0.05, -0.1},
	}
	for _, tt := range tests {
		if got := Round(tt.in); got != tt.want {
			t.Errorf("Round(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBandEdges(t *testing.T) {
	// one item of weight 2000: earned 1599 gives 79.95%, which rounds to 80.0
	// and so earns Good, the band the printed score shows.
	scale := checklist.Scale{Choices: []checklist.Choice{{Value: "hi", Score: 0.7995}, {Value: "lo", Score: 0.7994}, {Value: "edge", Score: 0.5}, {Value: "under", Score: 0.49949}}}
	cl := &checklist.Checklist{ID: "x", Scale: scale, Grades: checklist.DefaultGrades(),
		Sections: []*checklist.Section{{ID: "x", Items: []*checklist.Item{it("x", "a", 2000)}}}}
	for _, tt := range []struct {
		v     string
		score float64
		grade string
	}{{"hi", 80, "Good"}, {"lo", 79.9, "Requires improvement"}, {"edge", 50, "Requires improvement"}, {"under", 49.9, "Inadequate"}} {
		r, err := Evaluate(cl, Input{Answers: &answers.File{Answers: []answers.Answer{{Item: "a", Value: tt.v}}}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Score != tt.score || r.Grade.Label != tt.grade {
			t.Errorf("%s: %v %s, want %v %s", tt.v, r.Score, r.Grade.Label, tt.score, tt.grade)
		}
	}
}

func TestGates(t *testing.T) {
	gated := func(gs ...checklist.Gate) *checklist.Checklist {
		cl := base()
		cl.Gates = gs
		return cl
	}
	// kp: a yes, b partial(1.5), c yes, d pass -> 4.5/6 = 75; rh: e partial, f no -> 1/3 = 33.3
	in := Input{Answers: ans("a", "yes", "b", "partial", "c", "yes", "e", "partial", "f", "no"), Automated: pass()}
	tests := []struct {
		name string
		gate checklist.Gate
		want result.GateResult
	}{
		{"section-min holds", checklist.Gate{Kind: checklist.SectionMin, Min: 30},
			result.GateResult{Rule: "section-min: 30", Passed: true}},
		{"section-min broken", checklist.Gate{Kind: checklist.SectionMin, Min: 70},
			result.GateResult{Rule: "section-min: 70", Detail: "Real humans scored 33.3%, 36.7 points below 70%"}},
		{"section-min on named sections", checklist.Gate{Kind: checklist.SectionMin, Min: 80, Sections: []string{"kp"}},
			result.GateResult{Rule: "section-min: 80 (sections: kp)", Detail: "Keeps promises scored 75.0%, 5.0 points below 80%"}},
		{"overall-min holds", checklist.Gate{Kind: checklist.OverallMin, Min: 60},
			result.GateResult{Rule: "overall-min: 60", Passed: true}},
		{"overall-min broken", checklist.Gate{Kind: checklist.OverallMin, Min: 62.5},
			result.GateResult{Rule: "overall-min: 62.5", Detail: "overall score 61.1%, 1.4 points below 62.5%"}},
		{"max-partials holds", checklist.Gate{Kind: checklist.MaxPartials, Max: 1},
			result.GateResult{Rule: "max-partials: 1", Passed: true}},
		{"max-partials broken", checklist.Gate{Kind: checklist.MaxPartials, Max: 0},
			result.GateResult{Rule: "max-partials: 0", Detail: "Keeps promises has 1 partial answer, 1 more than the 0 allowed; Real humans has 1 partial answer, 1 more than the 0 allowed"}},
		{"no-critical-failures holds", checklist.Gate{Kind: checklist.NoCriticalFailures},
			result.GateResult{Rule: "no-critical-failures: true", Passed: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Evaluate(gated(tt.gate), in)
			if err != nil {
				t.Fatal(err)
			}
			validate(t, r)
			if d := cmp.Diff([]result.GateResult{tt.want}, r.Gates); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if r.Passed != tt.want.Passed {
				t.Errorf("Passed = %v, want %v", r.Passed, tt.want.Passed)
			}
		})
	}
	t.Run("no-critical-failures broken", func(t *testing.T) {
		r, _ := Evaluate(gated(checklist.Gate{Kind: checklist.NoCriticalFailures}), Input{Answers: ans("c", "no")})
		want := []result.GateResult{{Rule: "no-critical-failures: true", Detail: "critical item failed: kp/c"}}
		if d := cmp.Diff(want, r.Gates); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
	})
}

func TestFollowUps(t *testing.T) {
	cl := base()
	g := it("kp", "g", 1)
	g.When = &checklist.Condition{Item: "b", Answers: []string{"no", "partial"}}
	h := it("kp", "h", 1) // depends on the automated item
	h.When = &checklist.Condition{Item: "kp/d", Answers: []string{"no"}}
	cl.Sections[0].Items = append(cl.Sections[0].Items, g, h)
	tests := []struct {
		name    string
		in      Input
		g, h    result.Outcome
		gCond   string
		unanswd []string
	}{
		{"condition does not hold", Input{Answers: ans("a", "yes", "b", "yes", "c", "yes", "e", "yes", "f", "yes", "g", "no"), Automated: pass()},
			result.NA, result.NA, "asked only when b is no or partial", nil},
		{"condition holds, asked and answered", Input{Answers: ans("a", "yes", "b", "partial", "c", "yes", "e", "yes", "f", "yes", "g", "no"), Automated: fail()},
			result.Fail, result.Unanswered, "", []string{"kp/h"}},
		{"condition on an unanswered item", Input{},
			result.NA, result.NA, "asked only when b is no or partial", []string{"kp/a", "kp/b", "kp/c", "kp/d", "rh/e", "rh/f"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Evaluate(cl, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			validate(t, r)
			gi, hi := byID(r, "kp/g"), byID(r, "kp/h")
			if gi.Outcome != tt.g || hi.Outcome != tt.h || gi.Condition != tt.gCond {
				t.Errorf("g=%s (%q) h=%s", gi.Outcome, gi.Condition, hi.Outcome)
			}
			if d := cmp.Diff(tt.unanswd, r.Unanswered); d != "" {
				t.Errorf("unanswered (-want +got):\n%s", d)
			}
		})
	}
}

func TestBadOption(t *testing.T) {
	_, err := Evaluate(base(), Input{Options: Options{Unanswered: "ignore"}})
	if err == nil || !strings.Contains(err.Error(), `not "ignore"`) {
		t.Errorf("err = %v", err)
	}
}

func TestCheckSchema(t *testing.T) {
	r, _ := Evaluate(base(), Input{Automated: fail(), Options: Options{AutomatedOnly: true}, Subject: "policy.md"})
	c := result.Check{SchemaVersion: result.SchemaVersion, Passed: r.Passed, Results: []result.Result{*r},
		Errors: []result.FileError{{File: "scan.pdf", Page: 2, Message: "no text layer"}}}
	if err := schema.ValidateValue("check", c); err != nil {
		t.Errorf("check wrapper does not validate: %v", err)
	}
}

// TestNothingCounted: when every item that would count is waived, there is
// no score to hold to the threshold, and the Result says so.
func TestNothingCounted(t *testing.T) {
	r, err := Evaluate(base(), Input{Automated: fail(),
		Waived:  map[string]result.Waiver{"kp/d": {Owner: "J. Smith", Reason: "being rewritten", Expires: "2027-01-01"}},
		Options: Options{AutomatedOnly: true, Threshold: f64(60)}})
	if err != nil {
		t.Fatal(err)
	}
	validate(t, r)
	if !r.Passed {
		t.Errorf("nothing counted, yet the threshold failed the audit: score %v", r.Score)
	}
	if len(r.Notices) != 1 || !strings.Contains(r.Notices[0], "no item counted") {
		t.Errorf("notices = %q", r.Notices)
	}
	// With something counted, the threshold applies as ever.
	r, err = Evaluate(base(), Input{Automated: fail(), Options: Options{AutomatedOnly: true, Threshold: f64(60)}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Passed || len(r.Notices) != 0 {
		t.Errorf("a failing item below the threshold passed: %+v", r)
	}
}

// TestAutomatedPartial checks a partial automated outcome is scored with
// the scale's partial value, and keeps its findings.
func TestAutomatedPartial(t *testing.T) {
	cl := base()
	auto := map[string]rule.Outcome{"kp/d": {Partial: true, Findings: []result.Finding{{Rule: "sentence", Message: "hedged: partial"}}}}
	r, err := Evaluate(cl, Input{Answers: ans("a", "yes", "b", "yes", "c", "yes", "e", "yes", "f", "yes"), Automated: auto})
	if err != nil {
		t.Fatal(err)
	}
	var d *result.Item
	for i := range r.Items {
		if r.Items[i].ID == "kp/d" {
			d = &r.Items[i]
		}
	}
	if d == nil {
		t.Fatal("kp/d not scored")
	}
	if d.Outcome != result.Partial || d.Answer != "partial" || d.Score == nil || *d.Score != 50 {
		t.Errorf("kp/d: outcome %s answer %q score %v, want partial, partial, 50", d.Outcome, d.Answer, d.Score)
	}
	if len(d.Findings) != 1 || d.Findings[0].Message != "hedged: partial" {
		t.Errorf("findings %+v", d.Findings)
	}
	// A scale with no partial choice scores it as its lowest.
	yn := checklist.Scale{Choices: []checklist.Choice{{Value: "yes", Score: 1}, {Value: "no", Score: 0}}}
	if got := OutcomeAnswer(yn, rule.Outcome{Partial: true}); got != "no" {
		t.Errorf("yes/no scale: partial is %q, want no", got)
	}
}

// compliance is a four-level scale on which full compliance meets an item
// although it earns less than best practice.
func compliance() checklist.Scale {
	return checklist.Scale{Choices: []checklist.Choice{
		{Value: "best", Label: "Best practice", Score: 1},
		{Value: "full", Label: "Full compliance", Score: 0.75, Outcome: checklist.LevelPass},
		{Value: "partial", Label: "Partial compliance", Score: 0.4},
		{Value: "major", Label: "Major non-compliance", Score: 0},
	}}
}

func TestCustomScaleLevels(t *testing.T) {
	cl := base()
	cl.Scale = compliance()
	cl.Gates = []checklist.Gate{{Kind: checklist.MaxPartials, Max: 0}}
	r, err := Evaluate(cl, Input{Answers: ans("a", "full", "b", "best", "c", "full", "e", "full", "f", "major"),
		Automated: pass()})
	if err != nil {
		t.Fatal(err)
	}
	validate(t, r)
	got := map[string]result.Item{}
	for _, it := range r.Items {
		got[it.ID] = it
	}
	// full compliance is met, at 75% of the weight, labelled as the scale says
	if it := got["kp/a"]; it.Outcome != result.Pass || *it.Score != 75 || it.AnswerLabel != "Full compliance" || it.AnswerText() != "Full compliance" {
		t.Errorf("kp/a = %s %v %q, want pass 75 \"Full compliance\"", it.Outcome, *it.Score, it.AnswerLabel)
	}
	if it := got["rh/f"]; it.Outcome != result.Fail || it.AnswerLabel != "Major non-compliance" {
		t.Errorf("rh/f = %s %q, want fail \"Major non-compliance\"", it.Outcome, it.AnswerLabel)
	}
	// the automated pass stands for the scale's top choice
	if it := got["kp/d"]; it.Answer != "best" || it.Outcome != result.Pass {
		t.Errorf("kp/d = %s %s, want best pass", it.Answer, it.Outcome)
	}
	// no answer is partial on this scale's own levels, so max-partials: 0 holds
	if len(r.Gates) != 1 || !r.Gates[0].Passed {
		t.Errorf("gates = %+v, want max-partials: 0 to hold", r.Gates)
	}
	// the arithmetic is the scores': kp (0.75+3+0.75+1)/6, rh (1.5+0)/3
	if d := cmp.Diff(map[string]*float64{"kp": f64(91.7), "rh": f64(50)}, summarise(r).Sections); d != "" {
		t.Errorf("sections (-want +got):\n%s", d)
	}

	// an automated partial outcome takes a choice whose level is partial
	auto := map[string]rule.Outcome{"kp/d": {Partial: true}}
	r, err = Evaluate(cl, Input{Answers: ans("a", "full"), Automated: auto})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range r.Items {
		if it.ID == "kp/d" && (it.Answer != "partial" || it.Outcome != result.Partial) {
			t.Errorf("kp/d = %s %s, want partial partial", it.Answer, it.Outcome)
		}
	}
}

func TestDefaultScaleKeepsValues(t *testing.T) {
	r, err := Evaluate(base(), Input{Answers: ans("a", "partial")})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range r.Items {
		if it.AnswerLabel != "" {
			t.Errorf("%s: AnswerLabel %q on the default scale, want none", it.ID, it.AnswerLabel)
		}
	}
}
