// Command mangen writes a manual page for every svcaudit command, made by
// cobra's doc package from the commands' own help. scripts/man.sh runs it:
//
//	go run ./scripts/mangen DIR
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra/doc"
	"github.com/svcaudit/svcaudit"
	"github.com/svcaudit/svcaudit/internal/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/mangen DIR")
		os.Exit(2)
	}
	if err := write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := cli.NewRoot(cli.System())
	root.DisableAutoGenTag = true
	return doc.GenManTree(root, &doc.GenManHeader{Title: "SVCAUDIT", Section: "1", Source: "svcaudit " + svcaudit.Version, Manual: "svcaudit manual"}, dir)
}
