// Command extract writes, for the benchmark, the regular expressions the
// built-in checklists search documents for, one a line, in the form
// ripgrep reads with -f: one file per checklist with automated items
// (ID.txt) and one for all of them together (all.txt), as `svcaudit check`
// compiles them (whitespace widened, number words, case folding written
// into each expression).
//
//	extract -out DIR [ID...]
//
// Rule kinds ripgrep cannot express (near, min, jargon rates, readability,
// headings) contribute only their patterns: the rest of their work counts
// in svcaudit's time alone.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/rule"
)

func main() {
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(2)
	}
}

func run(out string, ids []string) error {
	if len(ids) == 0 {
		ids = checklist.BuiltinIDs()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var all []*checklist.Item
	var written []string
	for _, id := range ids {
		cl, err := checklist.Resolve(id)
		if err != nil {
			return err
		}
		// A profile (one that includes others) repeats their items, as
		// check leaves it out of the default run.
		if !cl.Automated() || len(cl.Includes) > 0 {
			continue
		}
		items := automated(cl)
		all = append(all, items...)
		if err := write(filepath.Join(out, id+".txt"), items); err != nil {
			return err
		}
		written = append(written, id)
	}
	if err := write(filepath.Join(out, "all.txt"), all); err != nil {
		return err
	}
	fmt.Println(strings.Join(written, " "))
	return nil
}

func automated(cl *checklist.Checklist) []*checklist.Item {
	var out []*checklist.Item
	for _, it := range cl.Items() {
		if it.Automated() {
			out = append(out, it)
		}
	}
	return out
}

func write(path string, items []*checklist.Item) error {
	set, err := rule.Compile(items)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	var b strings.Builder
	for _, e := range set.Expressions() {
		if !seen[e] {
			seen[e] = true
			b.WriteString(e)
			b.WriteByte('\n')
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
