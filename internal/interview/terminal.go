package interview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/svcaudit/svcaudit/internal/safe"
)

// Sentinel select values for the actions; they cannot clash with a scale
// value, which is a plain word.
const (
	optSkip = ":skip"
	optBack = ":back"
	optQuit = ":quit"
)

// Terminal asks questions on a terminal with charmbracelet/huh: a list of
// the scale's choices (arrow keys or j/k, Enter) plus skip, back and quit,
// then an optional note.
type Terminal struct {
	In  io.Reader
	Out io.Writer
	// Color is false for plain output (NO_COLOR, --no-color).
	Color bool
	// Accessible uses plain numbered prompts instead of the full-screen
	// list, for screen readers.
	Accessible bool
	// Context, when set, ends the question being asked (SIGINT, SIGTERM):
	// Ask returns Quit, and the interview stops with its answers saved.
	Context context.Context
}

// NewTerminal returns a Terminal prompter over in and out. It fixes the
// colour profile up front, so huh never queries the terminal's background
// (which stalls on terminals that do not answer).
func NewTerminal(in io.Reader, out io.Writer, color bool) *Terminal {
	lipgloss.SetHasDarkBackground(true)
	if !color {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	return &Terminal{In: in, Out: out, Color: color}
}

// Ask implements Prompter.
func (t *Terminal) Ask(q Question) (Reply, error) {
	choice := q.Current
	note := q.Note
	var opts []huh.Option[string]
	for _, c := range q.Choices {
		label := oneLine(c.Value)
		if c.Label != "" && !strings.EqualFold(c.Label, c.Value) {
			label = fmt.Sprintf("%-8s %s", oneLine(c.Value), oneLine(c.Label))
		}
		opts = append(opts, huh.NewOption(label, c.Value))
	}
	opts = append(opts, huh.NewOption("skip     leave unanswered for now", optSkip))
	if q.CanBack {
		opts = append(opts, huh.NewOption("back     previous question", optBack))
	}
	opts = append(opts, huh.NewOption("quit     stop here (answers are saved)", optQuit))

	section, id := oneLine(q.Section), oneLine(q.Item.ID)
	title := fmt.Sprintf("%s · %d/%d", section, q.N, q.Total)
	var desc strings.Builder
	desc.WriteString(oneLine(q.Item.Question))
	if q.Item.Critical {
		desc.WriteString("\n(critical: a fail caps the grade)")
	}
	if q.Item.Automated() {
		desc.WriteString("\n(documents answer this item; none were given with --docs, so answer it yourself)")
	}
	if g := oneLine(q.Item.Guidance); g != "" {
		desc.WriteString("\n\nGuidance: " + g)
	}
	if q.Current != "" {
		desc.WriteString("\n\nAnswered: " + oneLine(q.Current))
	}

	sel := huh.NewSelect[string]().Title(title).Description(desc.String()).Options(opts...).Value(&choice)
	in := huh.NewInput().Title(fmt.Sprintf("%s · %d/%d · note (optional, Enter to go on)", section, q.N, q.Total)).
		Description(oneLine(q.Item.Question)).Value(&note)
	form := t.form(
		huh.NewGroup(sel),
		huh.NewGroup(in).WithHideFunc(func() bool { return strings.HasPrefix(choice, ":") }),
	)
	err := t.run(form)
	if t.ended() {
		return Reply{Action: Quit}, nil
	}
	if err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return Reply{Action: Interrupt}, nil
		}
		return Reply{}, err
	}
	switch choice {
	case optSkip:
		fmt.Fprintf(t.Out, "%d/%d %s: skipped\n", q.N, q.Total, id)
		return Reply{Action: Skip}, nil
	case optBack:
		return Reply{Action: Back}, nil
	case optQuit:
		return Reply{Action: Quit}, nil
	}
	line := fmt.Sprintf("%d/%d %s: %s", q.N, q.Total, id, oneLine(choice))
	if n := oneLine(note); n != "" {
		line += " (" + n + ")"
	}
	fmt.Fprintln(t.Out, line)
	return Reply{Action: Answer, Value: choice, Note: strings.TrimSpace(note)}, nil
}

// Text implements TextPrompter: one line of text, ErrInterrupted on
// Ctrl-C or when the context ends.
func (t *Terminal) Text(title, description string) (string, error) {
	var v string
	in := huh.NewInput().Title(title).Description(description).Value(&v)
	err := t.run(t.form(huh.NewGroup(in)))
	if t.ended() || errors.Is(err, huh.ErrUserAborted) {
		return "", ErrInterrupted
	}
	return v, err
}

// Choose asks for one of options (each a label and its value), ErrInterrupted
// on Ctrl-C or when the context ends.
func (t *Terminal) Choose(title string, options [][2]string) (string, error) {
	var v string
	opts := make([]huh.Option[string], len(options))
	for i, o := range options {
		opts[i] = huh.NewOption(oneLine(o[0]), o[1])
	}
	err := t.run(t.form(huh.NewGroup(huh.NewSelect[string]().Title(title).Options(opts...).Value(&v))))
	if t.ended() || errors.Is(err, huh.ErrUserAborted) {
		return "", ErrInterrupted
	}
	return v, err
}

// form makes a form of groups on the Terminal's input and output.
//
// Its program takes no signals: svcaudit's own handler (internal/cli)
// takes SIGINT and SIGTERM and ends the Context, which ends the form.
// Bubble Tea's handler, left on, races it: when it wins, the form ends as
// if submitted and the highlighted choice comes back as an answer; when it
// takes the signal as the Context ends the program, it blocks sending a
// quit message that nothing reads any more, and the program, which waits
// for it on the way out, never returns — the interview stayed on its
// question after a SIGTERM on a loaded machine.
func (t *Terminal) form(groups ...*huh.Group) *huh.Form {
	// WithProgramOptions first: it replaces the options WithInput and
	// WithOutput add to.
	form := huh.NewForm(groups...).WithProgramOptions(tea.WithoutSignalHandler()).
		WithInput(t.In).WithOutput(t.Out).WithAccessible(t.Accessible).WithShowHelp(true)
	if !t.Color {
		form = form.WithTheme(huh.ThemeBase())
	}
	return form
}

// run runs form until it is done or the Context ends. An accessible form
// reads its input line by line and does not watch the Context: it is left
// waiting on its line (the process is ending) and run returns at once.
func (t *Terminal) run(form *huh.Form) error {
	ctx := t.Context
	if ctx == nil {
		ctx = context.Background()
	}
	if !t.Accessible {
		return form.RunWithContext(ctx)
	}
	done := make(chan error, 1)
	go func() { done <- form.RunWithContext(ctx) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ended reports whether the Context has ended (a signal).
func (t *Terminal) ended() bool { return t.Context != nil && t.Context.Err() != nil }

// oneLine makes checklist text safe on one line of the interview's screen
// (safe.Line): an OSC 52 clipboard write, an OSC 8 link or a clear-screen
// in a question, a label or guidance is dropped whole, never sent to the
// terminal; runs of white space become one space.
func oneLine(s string) string { return strings.Join(strings.Fields(safe.Line(s)), " ") }
