// Command svcaudit runs service-audit checklists. See README.md.
package main

import (
	"os"

	"github.com/svcaudit/svcaudit/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
