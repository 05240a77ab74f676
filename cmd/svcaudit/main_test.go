package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/svcaudit/svcaudit/internal/cli"
	"github.com/svcaudit/svcaudit/internal/document"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"svcaudit": func() { os.Exit(cli.Main(os.Args[1:], cli.System())) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each drives the
// real binary over a bundle of checklists, documents and expected output.
func TestScripts(t *testing.T) {
	warmPDFEngine(t)
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

// warmPDFEngine reads one PDF in this process before the scripts start, so
// that PDFium's WebAssembly is compiled once into the shared cache (see
// shareCache). On a machine whose cache is empty — every CI machine — the
// scripts that read a PDF otherwise each compiled it at once, in parallel,
// under the race detector, and took the package past its time limit.
func warmPDFEngine(t *testing.T) {
	data, err := os.ReadFile("../../testdata/formats/letter.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := document.Parse("letter.pdf", data, document.Limits{}); err != nil {
		t.Fatalf("reading a PDF to compile the PDF engine: %v", err)
	}
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
