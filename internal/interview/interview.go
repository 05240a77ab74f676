package interview

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
	"github.com/svcaudit/svcaudit/internal/rule"
	"github.com/svcaudit/svcaudit/internal/score"
)

// Action is what the assessor chose to do at a question.
type Action int

// The actions an assessor may take at a question.
const (
	// Answer gives Reply.Value (and Reply.Note).
	Answer Action = iota
	// Skip leaves the item unanswered and moves on.
	Skip
	// Back returns to the previous question.
	Back
	// Quit stops the interview; every answer given is already saved.
	Quit
	// Interrupt is Quit by Ctrl-C: Run returns ErrInterrupted, so that the
	// command exits as an interrupted program does (130).
	Interrupt
)

// ErrInterrupted is Run's error when the assessor pressed Ctrl-C. Every
// answer given before it is saved.
var ErrInterrupted = errors.New("interrupted")

// Question is one item put to the assessor.
type Question struct {
	Item *checklist.Item
	// Section is the title of the item's section.
	Section string
	// N is the item's place among the questions asked (1-based), of Total.
	N, Total int
	Choices  []checklist.Choice
	// Current and Note are the answer and note already given, if any.
	Current, Note string
	// CanBack is false at the first question.
	CanBack bool
}

// Reply is the assessor's response to a Question.
type Reply struct {
	Action Action
	Value  string
	Note   string
}

// Prompter asks questions. Implementations return Interrupt when the
// assessor presses Ctrl-C.
type Prompter interface {
	Ask(q Question) (Reply, error)
}

// TextPrompter is a Prompter that can also ask for a line of text (the
// auditor's name). Text returns ErrInterrupted on Ctrl-C.
type TextPrompter interface {
	Prompter
	Text(title, description string) (string, error)
}

// Interview is one assessor working through one answers file.
type Interview struct {
	Checklist *checklist.Checklist
	File      *answers.File
	// Path is where every answer is saved.
	Path string
	// Automated are the documents' outcomes, for follow-up conditions on
	// automated items.
	Automated map[string]rule.Outcome
	// AskAutomated asks the automated items too, as when no documents
	// were given to answer them.
	AskAutomated bool
	// Out receives progress lines ("Resuming: 4 of 9 answered").
	Out io.Writer
}

// Run asks the questions from the first unanswered one. It returns done =
// true when the assessor reached the end, false when they quit.
func (iv *Interview) Run(p Prompter) (done bool, err error) {
	asked := iv.askable()
	answered := 0
	for _, it := range asked {
		if iv.value(it) != "" {
			answered++
		}
	}
	start := 0
	for start < len(asked) && iv.value(asked[start]) != "" {
		start++
	}
	switch {
	case len(asked) == 0:
		fmt.Fprintln(iv.Out, "Nothing to ask: the checklist has no manual items.")
		return true, nil
	case answered == len(asked):
		fmt.Fprintf(iv.Out, "All %d questions are answered already.\n", len(asked))
		return true, nil
	case answered > 0:
		fmt.Fprintf(iv.Out, "Resuming: %d of %d answered.\n", answered, len(asked))
	}

	if err := iv.askAuditor(p); err != nil {
		return false, err
	}

	var history []string // full ids of the questions shown, for Back
	cur := asked[start].FullID
	for {
		asked = iv.askable() // follow-ups come and go with the answers
		i := indexOf(asked, cur)
		if i < 0 {
			return true, nil
		}
		it := asked[i]
		q := Question{Item: it, Section: iv.sectionTitle(it), N: i + 1, Total: len(asked),
			Choices: iv.Checklist.Scale.Choices, CanBack: len(history) > 0 || i > 0}
		if a := iv.File.Lookup(it); a != nil {
			q.Current, q.Note = a.Value, a.Note
		}
		r, err := p.Ask(q)
		if err != nil {
			return false, err
		}
		switch r.Action {
		case Quit:
			return false, nil
		case Interrupt:
			return false, ErrInterrupted
		case Back:
			switch {
			case len(history) > 0:
				cur, history = history[len(history)-1], history[:len(history)-1]
			case i > 0: // resumed part-way: back goes to the item before
				cur = asked[i-1].FullID
			}
			continue
		case Answer:
			if iv.Checklist.Scale.Choice(r.Value) == nil {
				return false, fmt.Errorf("answer %q is not on the scale", r.Value)
			}
			iv.File.Set(iv.Checklist, it, r.Value, r.Note)
			if err := answers.Save(iv.Path, iv.File); err != nil {
				return false, err
			}
		}
		history = append(history, it.FullID)
		asked = iv.askable()
		j := indexOf(asked, it.FullID)
		if j+1 >= len(asked) {
			return true, nil
		}
		cur = asked[j+1].FullID
	}
}

// askAuditor asks who is carrying out the audit when the answers file does
// not say (and no --auditor was given), and saves the name at once: a
// report names its auditor. An empty reply leaves it blank.
func (iv *Interview) askAuditor(p Prompter) error {
	tp, ok := p.(TextPrompter)
	if !ok || strings.TrimSpace(iv.File.Auditor) != "" {
		return nil
	}
	name, err := tp.Text("Auditor: who is carrying out this audit?",
		"Your name as the report shows it (Enter leaves it blank)")
	if err != nil {
		return err
	}
	if name = strings.Join(strings.Fields(name), " "); name == "" {
		return nil
	}
	iv.File.Auditor = name
	return answers.Save(iv.Path, iv.File)
}

// Remaining counts the questions still unanswered.
func (iv *Interview) Remaining() int {
	n := 0
	for _, it := range iv.askable() {
		if iv.value(it) == "" {
			n++
		}
	}
	return n
}

// askable lists the manual items to ask (and the automated ones, with
// AskAutomated), in order: follow-ups only while their condition holds.
func (iv *Interview) askable() []*checklist.Item {
	var out []*checklist.Item
	for _, it := range iv.Checklist.Items() {
		if it.Automated() && !iv.AskAutomated {
			continue
		}
		if it.When != nil && !iv.holds(it.When) {
			continue
		}
		out = append(out, it)
	}
	return out
}

func (iv *Interview) value(it *checklist.Item) string {
	if a := iv.File.Lookup(it); a != nil {
		return a.Value
	}
	return ""
}

func (iv *Interview) holds(c *checklist.Condition) bool {
	ref := iv.Checklist.Item(c.Item)
	if ref == nil {
		return false
	}
	v := iv.value(ref)
	if v == "" && ref.Automated() {
		if o, ok := iv.Automated[ref.FullID]; ok {
			v = score.OutcomeAnswer(iv.Checklist.Scale, o)
		}
	}
	for _, want := range c.Answers {
		if v != "" && v == want {
			return true
		}
	}
	return false
}

func (iv *Interview) sectionTitle(it *checklist.Item) string {
	for _, s := range iv.Checklist.Sections {
		for _, x := range s.Items {
			if x == it {
				return s.Title
			}
		}
	}
	return ""
}

func indexOf(items []*checklist.Item, fullID string) int {
	for i, it := range items {
		if it.FullID == fullID {
			return i
		}
	}
	return -1
}
