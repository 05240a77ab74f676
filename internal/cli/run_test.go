package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/svcaudit/svcaudit/internal/interview"
	"github.com/svcaudit/svcaudit/internal/schema"
)

const runChecklist = `id: kp
title: Keeps promises
gates:
  - section-min: 70
items:
  - id: timescales
    question: Do published standards give concrete timescales?
    weight: 3
  - id: apology
    question: Do letters apologise?
    critical: true
  - id: published
    question: Are standards published?
    evidence:
      any: ['within \d+ days']
`

// TestRunResultValidates checks that every Result run writes validates
// against the published schema, whatever the answers.
func TestRunResultValidates(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{
		"kp.yaml":   runChecklist,
		"doc.md":    "We reply within 5 days.\n",
		"pass.yaml": "checklist: kp\nsubject: s\nanswers:\n  timescales: yes\n  apology: yes\n",
		"fail.yaml": "checklist: kp\nsubject: s\nanswers:\n  timescales: partial\n  apology: {answer: no, note: none sent, evidence: [case-1]}\n  published: no\n",
		"none.yaml": "checklist: kp\nsubject: s\nanswers:\n",
	})
	for _, tt := range []struct {
		answers string
		exit    int
	}{{"pass.yaml", 0}, {"fail.yaml", 1}, {"none.yaml", 1}} {
		t.Run(tt.answers, func(t *testing.T) {
			out := filepath.Join(dir, tt.answers+".json")
			var stdout, stderr bytes.Buffer
			code := Main([]string{"run", "-c", filepath.Join(dir, "kp.yaml"), "--answers", filepath.Join(dir, tt.answers),
				"--docs", filepath.Join(dir, "doc.md"), "-o", out}, Test(nil, &stdout, &stderr))
			if code != tt.exit {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.exit, stdout.String(), stderr.String())
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate("result", b); err != nil {
				t.Errorf("%s does not validate: %v\n%s", out, err, b)
			}
		})
	}
}

func TestRunColour(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{
		"kp.yaml": runChecklist,
		"a.yaml":  "checklist: kp\nsubject: s\nanswers:\n  timescales: yes\n  apology: yes\n  published: yes\n",
	})
	for _, color := range []bool{false, true} {
		var stdout, stderr bytes.Buffer
		ios := Test(nil, &stdout, &stderr)
		ios.Color = color
		if code := Main([]string{"run", "-c", filepath.Join(dir, "kp.yaml"), "--answers", filepath.Join(dir, "a.yaml")}, ios); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if got := strings.Contains(stdout.String(), "\x1b["); got != color {
			t.Errorf("colour %v: escape codes in output = %v\n%s", color, got, stdout.String())
		}
		if !strings.Contains(stdout.String(), "green") {
			t.Errorf("the RAG word should show either way:\n%s", stdout.String())
		}
	}
}

func TestRunNoTerminalNeverReadsStdin(t *testing.T) {
	dir := writeTestChecklists(t, map[string]string{"kp.yaml": runChecklist})
	var stdout, stderr bytes.Buffer
	in := readerFunc(func([]byte) (int, error) { t.Fatal("stdin was read"); return 0, nil })
	code := Main([]string{"run", "-c", filepath.Join(dir, "kp.yaml")}, Test(in, &stdout, &stderr))
	if code != ExitBad || !strings.Contains(stderr.String(), "no terminal to ask them on") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// yesPrompter answers yes to every question and records the items asked.
type yesPrompter struct{ asked []string }

func (p *yesPrompter) Ask(q interview.Question) (interview.Reply, error) {
	p.asked = append(p.asked, q.Item.ID)
	return interview.Reply{Action: interview.Answer, Value: "yes"}, nil
}

// TestRunInterviewAsksAutomatedWithoutDocs: with no --docs nothing would
// answer the automated items, so the interview asks them; with --docs it
// does not.
func TestRunInterviewAsksAutomatedWithoutDocs(t *testing.T) {
	for _, tt := range []struct {
		name string
		docs []string
		want []string
	}{
		{"no docs", nil, []string{"timescales", "apology", "published"}},
		{"docs", []string{"doc.md"}, []string{"timescales", "apology"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTestChecklists(t, map[string]string{"kp.yaml": runChecklist, "doc.md": "We reply within 5 days.\n"})
			var stdout, stderr bytes.Buffer
			p := &yesPrompter{}
			o := &RunOptions{IO: Test(nil, &stdout, &stderr), Global: &GlobalOptions{}, now: time.Now, prompter: p,
				Checklist: filepath.Join(dir, "kp.yaml"), Answers: filepath.Join(dir, "a.yaml"), Interactive: true,
				Format: "table", Unanswered: "zero", WarnExpiry: 30}
			for _, d := range tt.docs {
				o.Docs = append(o.Docs, filepath.Join(dir, d))
			}
			if err := runRun(o); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			if d := cmp.Diff(tt.want, p.asked); d != "" {
				t.Errorf("asked (-want +got):\n%s", d)
			}
			if strings.Contains(stdout.String(), "Unanswered") {
				t.Errorf("items left unanswered:\n%s", stdout.String())
			}
		})
	}
}
