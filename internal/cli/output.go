package cli

import (
	"errors"

	"github.com/spf13/pflag"
)

// outputValue is the value of every command's -o/--output: a file to
// write, or "-" for standard output. "-" is stored as "", which every
// command takes to mean standard output (its default, for most), so that
// no command writes a file named "-".
//
// A command for which no -o means something else (run: no Result file)
// gives stdout, which says "-" was given.
type outputValue struct {
	p      *string
	stdout *bool
}

func (v outputValue) String() string { return *v.p }

func (v outputValue) Set(s string) error {
	switch s {
	case "":
		return errors.New(`give a file name, or "-" for standard output`)
	case "-":
		*v.p = ""
		if v.stdout != nil {
			*v.stdout = true
		}
	default:
		*v.p = s
	}
	return nil
}

// Type names the value in help: "-o, --output file".
func (outputValue) Type() string { return "file" }

// outputFlag defines -o/--output on f, writing into p, with the default
// def ("" for standard output). Every command that writes a file defines
// its -o this way.
func outputFlag(f *pflag.FlagSet, p *string, def, usage string) {
	outputFlagTo(f, p, nil, def, usage)
}

// outputFlagTo is outputFlag for a command whose default is not standard
// output: *stdout is set when "-" is given.
func outputFlagTo(f *pflag.FlagSet, p *string, stdout *bool, def, usage string) {
	*p = def
	f.VarP(outputValue{p, stdout}, "output", "o", usage+` ("-" for standard output)`)
}

// toStdout says whether an -o setting is standard output.
func toStdout(output string) bool { return output == "" }
