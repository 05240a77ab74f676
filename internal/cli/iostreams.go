package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes, and what is known
// about the terminal behind them. Tests build them over buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// InTTY, OutTTY and ErrTTY say whether each stream is a terminal.
	InTTY, OutTTY, ErrTTY bool
	// Color is whether Out may carry ANSI colour.
	Color bool
	// Width is the terminal width of Out, or 0 when unknown.
	Width int
	// Getenv reads the environment (os.Getenv by default).
	Getenv func(string) string
}

// System returns streams over the process's standard streams.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv}
	s.InTTY = term.IsTerminal(int(os.Stdin.Fd()))
	s.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	s.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if s.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.Width = w
		}
	}
	s.Color = s.OutTTY && os.Getenv("TERM") != "dumb"
	return s
}

// colorWanted decides whether output is coloured, from what the terminal
// allows (auto: standard output is a terminal that is not "dumb"), the
// --no-color flag and the environment, in this order:
//
//  1. --no-color: never;
//  2. NO_COLOR set and not empty (no-color.org): never;
//  3. CLICOLOR_FORCE set and not "0" (bixense.com/clicolors), or
//     FORCE_COLOR set and not "", "0" or "false": always, in a pipe or a
//     CI log too;
//  4. CLICOLOR=0: never;
//  5. otherwise auto.
func colorWanted(auto, noColorFlag bool, getenv func(string) string) bool {
	switch {
	case noColorFlag, getenv("NO_COLOR") != "":
		return false
	case forced(getenv("CLICOLOR_FORCE")), forced(getenv("FORCE_COLOR")) && getenv("FORCE_COLOR") != "false":
		return true
	case getenv("CLICOLOR") == "0":
		return false
	}
	return auto
}

func forced(v string) bool { return v != "" && v != "0" }

// Test returns streams over the given reader and writers, not terminals.
func Test(in io.Reader, out, errOut io.Writer) *IOStreams {
	return &IOStreams{In: in, Out: out, ErrOut: errOut, Getenv: func(string) string { return "" }}
}
