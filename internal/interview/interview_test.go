package interview

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
)

func item(id string) *checklist.Item {
	return &checklist.Item{ID: id, FullID: "kp/" + id, Question: id + "?", Weight: 1, Checklist: "kp"}
}

// cl: a, b, auto (automated), c (asked only when b is no), d.
func cl() *checklist.Checklist {
	auto := item("auto")
	auto.Evidence = &checklist.Evidence{}
	c := item("c")
	c.When = &checklist.Condition{Item: "b", Answers: []string{"no"}}
	return &checklist.Checklist{ID: "kp", Scale: checklist.DefaultScale(), Sections: []*checklist.Section{
		{ID: "s1", Title: "One", Items: []*checklist.Item{item("a"), item("b"), auto}},
		{ID: "s2", Title: "Two", Items: []*checklist.Item{c, item("d")}},
	}}
}

// script replies in turn and records what it was asked; after each reply it
// checks the answers file on disk holds every answer given so far.
type script struct {
	t       *testing.T
	path    string
	replies []Reply
	asked   []string
}

func (s *script) Ask(q Question) (Reply, error) {
	s.asked = append(s.asked, fmt.Sprintf("%s %d/%d %s", q.Section, q.N, q.Total, q.Item.ID))
	if len(s.replies) == 0 {
		return Reply{}, errors.New("script ran out")
	}
	r := s.replies[0]
	s.replies = s.replies[1:]
	return r, nil
}

func ans(v string) Reply { return Reply{Action: Answer, Value: v} }

func saved(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := answers.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, a := range f.Answers {
		m[a.Item] = a.Value
	}
	return m
}

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		before  map[string]string
		replies []Reply
		done    bool
		asked   []string
		after   map[string]string
		out     string
	}{
		{"straight through, follow-up not asked", nil,
			[]Reply{ans("yes"), ans("yes"), ans("partial")}, true,
			[]string{"One 1/3 a", "One 2/3 b", "Two 3/3 d"},
			map[string]string{"a": "yes", "b": "yes", "d": "partial"}, ""},
		{"follow-up asked when its condition holds", nil,
			[]Reply{ans("yes"), ans("no"), ans("na"), ans("no")}, true,
			[]string{"One 1/3 a", "One 2/3 b", "Two 3/4 c", "Two 4/4 d"},
			map[string]string{"a": "yes", "b": "no", "c": "na", "d": "no"}, ""},
		{"back and change", nil,
			[]Reply{ans("yes"), {Action: Back}, ans("no"), ans("yes"), ans("yes")}, true,
			[]string{"One 1/3 a", "One 2/3 b", "One 1/3 a", "One 2/3 b", "Two 3/3 d"},
			map[string]string{"a": "no", "b": "yes", "d": "yes"}, ""},
		{"skip leaves unanswered", nil,
			[]Reply{{Action: Skip}, ans("yes"), ans("yes")}, true,
			[]string{"One 1/3 a", "One 2/3 b", "Two 3/3 d"},
			map[string]string{"b": "yes", "d": "yes"}, ""},
		{"quit keeps what was given", nil,
			[]Reply{ans("yes"), {Action: Quit}}, false,
			[]string{"One 1/3 a", "One 2/3 b"},
			map[string]string{"a": "yes"}, ""},
		{"resume at the first unanswered", map[string]string{"a": "yes"},
			[]Reply{ans("partial"), ans("no")}, true,
			[]string{"One 2/3 b", "Two 3/3 d"},
			map[string]string{"a": "yes", "b": "partial", "d": "no"}, "Resuming: 1 of 3 answered.\n"},
		{"back from where it resumed", map[string]string{"a": "yes"},
			[]Reply{{Action: Back}, ans("no"), ans("yes"), ans("yes")}, true,
			[]string{"One 2/3 b", "One 1/3 a", "One 2/3 b", "Two 3/3 d"},
			map[string]string{"a": "no", "b": "yes", "d": "yes"}, "Resuming: 1 of 3 answered.\n"},
		{"all answered", map[string]string{"a": "yes", "b": "yes", "d": "yes"},
			nil, true, nil,
			map[string]string{"a": "yes", "b": "yes", "d": "yes"}, "All 3 questions are answered already.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.yaml")
			c := cl()
			f := &answers.File{Checklist: "kp", Subject: "s"}
			for _, it := range c.Items() {
				if v, ok := tt.before[it.ID]; ok {
					f.Set(c, it, v, "")
				}
			}
			var out bytes.Buffer
			s := &script{t: t, path: path, replies: tt.replies}
			iv := &Interview{Checklist: c, File: f, Path: path, Out: &out}
			done, err := iv.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			if done != tt.done {
				t.Errorf("done = %v", done)
			}
			if d := cmp.Diff(tt.asked, s.asked); d != "" {
				t.Errorf("asked (-want +got):\n%s", d)
			}
			if tt.after != nil && len(tt.replies) > 0 {
				if d := cmp.Diff(tt.after, saved(t, path)); d != "" {
					t.Errorf("saved (-want +got):\n%s", d)
				}
			}
			if out.String() != tt.out {
				t.Errorf("out = %q, want %q", out.String(), tt.out)
			}
		})
	}
}

// TestAskAutomated: with no documents to answer them, the automated items
// are asked with the others.
func TestAskAutomated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	s := &script{t: t, path: path, replies: []Reply{ans("yes"), ans("yes"), ans("no"), ans("yes")}}
	iv := &Interview{Checklist: cl(), File: &answers.File{Checklist: "kp"}, Path: path, Out: &bytes.Buffer{}, AskAutomated: true}
	if _, err := iv.Run(s); err != nil {
		t.Fatal(err)
	}
	want := []string{"One 1/4 a", "One 2/4 b", "One 3/4 auto", "Two 4/4 d"}
	if d := cmp.Diff(want, s.asked); d != "" {
		t.Errorf("asked (-want +got):\n%s", d)
	}
	if got := saved(t, path)["auto"]; got != "no" {
		t.Errorf("auto saved as %q, want no", got)
	}
}

// saveCheck fails the test unless every answer is on disk before the next
// question is asked.
type saveCheck struct {
	t     *testing.T
	path  string
	given int
}

func (s *saveCheck) Ask(q Question) (Reply, error) {
	if s.given > 0 {
		if got := len(saved(s.t, s.path)); got != s.given {
			s.t.Errorf("before question %d: %d answers saved, want %d", q.N, got, s.given)
		}
	}
	s.given++
	return ans("yes"), nil
}

func TestSavedAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	iv := &Interview{Checklist: cl(), File: &answers.File{Checklist: "kp"}, Path: path, Out: &bytes.Buffer{}}
	if _, err := iv.Run(&saveCheck{t: t, path: path}); err != nil {
		t.Fatal(err)
	}
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	l, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(path)
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "is in use by another interview (pid ") {
		t.Fatalf("second lock: %v", err)
	}
	l.Release()
	l2, err := Acquire(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// texter is a script that can also be asked for text: it replies with name
// (or err) and counts how often it was asked.
type texter struct {
	script
	name  string
	err   error
	texts int
}

func (p *texter) Text(title, _ string) (string, error) {
	p.texts++
	if !strings.HasPrefix(title, "Auditor") {
		p.t.Errorf("asked %q", title)
	}
	return p.name, p.err
}

// TestAskAuditor: with no auditor in the answers file the interview asks
// who audits, saves the name before the first question, and does not ask
// when the file names one.
func TestAskAuditor(t *testing.T) {
	for _, tt := range []struct {
		name, before, reply string
		err                 error
		want                string
		asked               int
	}{
		{"asked and saved", "", "  A.   Assessor ", nil, "A. Assessor", 1},
		{"left blank", "", "", nil, "", 1},
		{"named already", "B. Board", "", nil, "B. Board", 0},
		{"Ctrl-C", "", "", ErrInterrupted, "", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.yaml")
			p := &texter{script: script{t: t, path: path, replies: []Reply{ans("yes"), {Action: Quit}}}, name: tt.reply, err: tt.err}
			iv := &Interview{Checklist: cl(), File: &answers.File{Checklist: "kp", Auditor: tt.before}, Path: path, Out: &bytes.Buffer{}}
			_, err := iv.Run(p)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if p.texts != tt.asked {
				t.Errorf("asked for the auditor %d times, want %d", p.texts, tt.asked)
			}
			if tt.err != nil {
				if len(p.asked) != 0 {
					t.Errorf("questions asked after Ctrl-C: %v", p.asked)
				}
				return
			}
			f, err := answers.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if f.Auditor != tt.want {
				t.Errorf("auditor saved as %q, want %q", f.Auditor, tt.want)
			}
		})
	}
}

// TestInterrupt: Ctrl-C at a question ends the interview with
// ErrInterrupted, every answer before it on disk.
func TestInterrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	s := &script{t: t, path: path, replies: []Reply{ans("yes"), ans("no"), {Action: Interrupt}}}
	iv := &Interview{Checklist: cl(), File: &answers.File{Checklist: "kp"}, Path: path, Out: &bytes.Buffer{}}
	done, err := iv.Run(s)
	if done || !errors.Is(err, ErrInterrupted) {
		t.Fatalf("done %v, err %v; want not done, ErrInterrupted", done, err)
	}
	if d := cmp.Diff(map[string]string{"a": "yes", "b": "no"}, saved(t, path)); d != "" {
		t.Errorf("saved (-want +got):\n%s", d)
	}
}
