package rule

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
)

func TestZZDebugTimes(t *testing.T) {
	id := os.Getenv("ZZ_CL")
	if id == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("/tmp/speed-bench/corpus1k/*/*.md")
	var docs []*document.Document
	for _, f := range files[:200] {
		d, err := document.Read(f, document.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	cl, _ := checklist.Resolve(id)
	set, err := Compile(cl.Items())
	if err != nil {
		t.Fatal(err)
	}
	for pi, p := range set.patterns {
		if !p.scan {
			continue
		}
		st := time.Now()
		n := 0
		for _, d := range docs {
			ev := set.newEvidence([]*document.Document{d})
			n += len(ev.matches(pi))
			ev.release()
		}
		fmt.Printf("%8v %6d %.60q\n", time.Since(st).Round(time.Millisecond), n, p.expr)
	}
}
