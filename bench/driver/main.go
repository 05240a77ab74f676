// Command driver runs the rule engine the way `svcaudit check` does, for
// the benchmark: it walks the paths given, reads each Markdown file,
// evaluates every rule on it in parallel over GOMAXPROCS workers, and prints
// a summary. Files stream through: the corpus is never held in memory.
//
//	driver -rules rules27.tsv PATH...
//	driver -checklist checklist27.yaml PATH...
//
// rules27.tsv holds one rule a line: a kind (any, all or none), a tab, and
// a pattern; -checklist takes the automated items of a checklist (a path or
// a built-in id) instead, compiled as svcaudit check compiles them.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/rule"
)

func main() {
	rulesFile := flag.String("rules", "", "rules file: kind<TAB>pattern per line")
	flag.StringVar(&checklistRef, "checklist", "", "take the rules from this checklist (path or built-in id) instead of -rules")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.BoolVar(&errorsOnly, "errors", false, "evaluate as check does for every format but JSON: without the findings that support a pass")
	flag.BoolVar(&extract, "extract", false, "read documents with the document package, as svcaudit check does, rather than as plain text")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(*rulesFile, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		pprof.StopCPUProfile()
		os.Exit(2)
	}
}

func run(rulesFile string, paths []string) error {
	// Fewer, larger collections: the heap is small (a document per
	// worker), and the limit keeps it so.
	debug.SetGCPercent(200)
	debug.SetMemoryLimit(32 << 20)
	var items []*checklist.Item
	var err error
	if checklistRef != "" {
		var cl *checklist.Checklist
		cl, err = checklist.Resolve(checklistRef)
		if err == nil {
			items = cl.Items()
		}
	} else {
		items, err = loadRules(rulesFile)
	}
	if err != nil {
		return err
	}
	set, err := rule.Compile(items)
	if err != nil {
		return err
	}
	files := make(chan string, 64)
	var nfiles, passed, failed, findings atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range files {
				d, err := read(path)
				if err != nil {
					errOnce.Do(func() { firstErr = err })
					continue
				}
				nfiles.Add(1)
				eval := set.Evaluate
				if errorsOnly {
					eval = set.EvaluateErrors
				}
				for _, o := range eval(d) {
					if o.Passed {
						passed.Add(1)
					} else {
						failed.Add(1)
					}
					findings.Add(int64(len(o.Findings)))
				}
			}
		}()
	}
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.HasSuffix(path, ".md") {
				files <- path
			}
			return nil
		})
		if err != nil {
			close(files)
			return err
		}
	}
	close(files)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	fmt.Printf("%d files, %d item outcomes passed, %d failed, %d findings\n", nfiles.Load(), passed.Load(), failed.Load(), findings.Load())
	return nil
}

func loadRules(path string) ([]*checklist.Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var items []*checklist.Item
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		kind, expr, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		p := []checklist.Pattern{{Expr: expr, Pos: diag.Pos{File: path, Line: line, Column: len(kind) + 2}}}
		ev := &checklist.Evidence{}
		switch kind {
		case "any":
			ev.Any = p
		case "all":
			ev.All = p
		case "none":
			ev.None = p
		default:
			return nil, fmt.Errorf("%s:%d: unknown rule kind %q", path, line, kind)
		}
		items = append(items, &checklist.Item{ID: fmt.Sprint(line), FullID: fmt.Sprintf("bench/%d", line), Evidence: ev})
	}
	return items, sc.Err()
}

// checklistRef, when set, names the checklist whose items are the rules.
var checklistRef string

// extract makes read use the document package's Markdown reader.
var extract bool

// errorsOnly evaluates without the info findings (-errors).
var errorsOnly bool

// read makes a Document of a Markdown file: with -extract as svcaudit check
// does; otherwise the simple way, the text as it is, one segment a line,
// "#" lines as headings.
func read(path string) (*document.Document, error) {
	if extract {
		return document.Read(path, document.Limits{})
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := string(data)
	d := &document.Document{Path: path, Format: "md", Text: text}
	off := 0
	for line := 1; off <= len(text); line++ {
		d.Segments = append(d.Segments, document.Segment{Off: off, Line: line, Column: 1})
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text) - off
		}
		if l := text[off : off+end]; strings.HasPrefix(l, "#") {
			t := strings.TrimLeft(l, "#")
			d.Headings = append(d.Headings, document.Heading{Level: len(l) - len(t), Text: strings.TrimSpace(t), Off: off + len(l) - len(strings.TrimLeft(t, " "))})
		}
		off += end + 1
	}
	d.Index()
	return d, nil
}
