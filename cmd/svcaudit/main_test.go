package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/svcaudit/svcaudit/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"svcaudit": func() { os.Exit(cli.Main(os.Args[1:], cli.System())) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each drives the
// real binary over a bundle of checklists, documents and expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                scriptCmds,
		Condition:           scriptCondition,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			shareCache(env)
			return nil
		},
	})
}

// shareCache points the scripts' cache folder (HOME is /no-home in a
// script) at the user's own, so that PDFium's WebAssembly is compiled
// once into wazero's cache rather than in each script that reads a PDF:
// over a minute of CPU each under the race detector.
func shareCache(env *testscript.Env) {
	if dir, err := os.UserCacheDir(); err == nil {
		env.Setenv("XDG_CACHE_HOME", dir)
	}
}
