// Command resultgen writes saved Results for benchmarks of `svcaudit
// report`: audits against a built-in checklist of many subjects over
// several quarters, with answers, notes, evidence, findings and waivers
// varied by a seeded random source (internal/resultgen), one file each as
// `svcaudit run -o` writes them: DIR/r00000.json, DIR/r00001.json, ...
//
//	go run ./bench/resultgen -n 10000 -out /tmp/results
//	go run ./bench/resultgen -n 300 -checklist lgsco-code -periods 2 -out /tmp/r
//
// Output is deterministic for given flags.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/svcaudit/svcaudit/internal/resultgen"
	"github.com/svcaudit/svcaudit/result"
)

func main() {
	n := flag.Int("n", 10000, "number of Results")
	out := flag.String("out", "", "folder to write them to (made if missing)")
	cl := flag.String("checklist", "service-charter", "built-in checklist audited against")
	periods := flag.Int("periods", 4, "quarterly audits of each subject")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "resultgen: -out is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "resultgen:", err)
		os.Exit(2)
	}
	o := resultgen.Options{Checklist: *cl, N: *n, Periods: *periods, Seed: *seed}
	err := resultgen.Generate(o, func(i int, r *result.Result) error {
		return result.Write(filepath.Join(*out, fmt.Sprintf("r%05d.json", i)), r)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "resultgen:", err)
		os.Exit(2)
	}
}
