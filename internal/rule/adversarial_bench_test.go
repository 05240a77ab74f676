package rule

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
)

// adversarialShapes are texts built to cost a rule kind more than prose
// does, each repeated to the size asked for: a short token repeated and
// ending in words a pattern waits for (a 31 MB file of it took 107 s
// against published-feedback once), one sentence that never ends (the
// sentence kinds' unit), figures and durations everywhere (timescale),
// a heading on every line (heading), and a line with no space (the
// longest-run bounds of the windows).
var adversarialShapes = []struct {
	name string
	unit string
}{
	{"token-last-year", strings.Repeat("a ", 40) + "last year "},
	{"endless-sentence", "we will respond to your complaint within working days and we will tell you why and "},
	{"figures", "within 10 working days of 5 days or 20 weeks from 3 months after 28 days of receipt "},
	{"headings", "# complaints and what we will do\n"},
	{"no-space", strings.Repeat("x", 79) + "\n"},
}

// kindItems are, for each evidence kind the rule engine judges, the
// built-in checklists' items whose evidence uses it: what users run.
func kindItems(tb testing.TB) map[string][]*checklist.Item {
	tb.Helper()
	cls, err := checklist.Builtins()
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]*checklist.Item{}
	for _, k := range checklist.Kinds() {
		if !k.Documents {
			continue
		}
		for _, cl := range cls {
			for _, it := range cl.Items() {
				if it.Evidence != nil && k.Set(it.Evidence) {
					out[k.Name] = append(out[k.Name], it)
				}
			}
		}
	}
	return out
}

// TestEveryKindHasAdversarialItems keeps BenchmarkAdversarial complete: a
// kind no built-in item uses would go unmeasured.
func TestEveryKindHasAdversarialItems(t *testing.T) {
	items := kindItems(t)
	for _, k := range checklist.Kinds() {
		if k.Documents && k.Condition && len(items[k.Name]) == 0 {
			t.Errorf("no built-in item uses %s: BenchmarkAdversarial cannot measure it", k.Name)
		}
	}
}

func adversarialDoc(tb testing.TB, unit string, size int) *document.Document {
	tb.Helper()
	data := []byte(strings.Repeat(unit, size/len(unit)+1)[:size])
	doc, err := document.Parse("adversarial.md", data, document.Limits{MaxFileSize: int64(size) + 1})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// BenchmarkAdversarial runs each rule kind — the built-in items that use
// it — over each adversarial shape at 1, 10 and 30 MB (ADVERSARIAL_MB sets
// the sizes: ADVERSARIAL_MB=1,3 for a quick look). A kind that is linear in
// the document's size shows the same ns/B at every size; bench/adversarial.sh
// prints the ratio of the largest size's ns/B to the smallest's.
//
//	go test ./internal/rule -run '^$' -bench Adversarial -benchtime 1x
func BenchmarkAdversarial(b *testing.B) {
	sizes := []int{1, 10, 30}
	if s := os.Getenv("ADVERSARIAL_MB"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				b.Fatalf("ADVERSARIAL_MB=%q: want sizes in MB such as 1,10,30", s)
			}
			sizes = append(sizes, n)
		}
	}
	items := kindItems(b)
	for _, k := range checklist.Kinds() {
		its := items[k.Name]
		if len(its) == 0 {
			continue
		}
		set, err := Compile(its)
		if err != nil {
			b.Fatal(err)
		}
		for _, shape := range adversarialShapes {
			for _, mb := range sizes {
				b.Run(fmt.Sprintf("%s/%s/%dMB", k.Name, shape.name, mb), func(b *testing.B) {
					doc := adversarialDoc(b, shape.unit, mb<<20)
					b.SetBytes(int64(len(doc.Text)))
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						set.Evaluate(doc)
					}
				})
			}
		}
	}
}

// ruleBudgetPerByte is the most time the rules of every built-in checklist
// may take per byte of a document, beyond a fixed allowance, while
// fuzzing: about 50 times what they take on prose, so that a rule whose
// cost grows faster than the text fails the target rather than passing
// slowly. (Wall time under go test's ordinary run measures the machine's
// load, so the budget holds under -fuzz only.)
const (
	ruleBudget        = 500 * time.Millisecond
	ruleBudgetPerByte = 20 * time.Microsecond
)

// FuzzRuleTime judges a document made of the fuzzed text, repeated to at
// least 64 KiB, with the rules of every built-in checklist, and fails when
// that takes longer than the budget for its size (scripts/fuzz.sh runs it:
// FUZZTIME=60s scripts/fuzz.sh ./internal/rule).
func FuzzRuleTime(f *testing.F) {
	for _, s := range adversarialShapes {
		f.Add(s.unit)
	}
	f.Add("We will reply within 10 working days. ")
	f.Add("| Stage | Target | Result |\n|---|---|---|\n| 1 | 10 days | 87% |\n")
	cls, err := checklist.Builtins()
	if err != nil {
		f.Fatal(err)
	}
	var items []*checklist.Item
	for _, cl := range cls {
		items = append(items, cl.Items()...)
	}
	set, err := Compile(items)
	if err != nil {
		f.Fatal(err)
	}
	fuzzing := false
	if fl := flag.Lookup("test.fuzz"); fl != nil && fl.Value.String() != "" {
		fuzzing = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return
		}
		// 64 KiB while fuzzing; the seeds of an ordinary run only check
		// that every built-in judges the shapes at all (1 KiB).
		size := 1 << 10
		if fuzzing {
			size = 64 << 10
		}
		data := strings.Repeat(s, size/len(s)+1)
		doc, err := document.Parse("fuzz.md", []byte(data), document.Limits{})
		if err != nil {
			return // not a document the readers take: their own targets
		}
		start := time.Now()
		set.Evaluate(doc)
		if d := time.Since(start); fuzzing && d > ruleBudget+time.Duration(len(doc.Text))*ruleBudgetPerByte {
			t.Fatalf("judging %d bytes took %v, over the budget of %v", len(doc.Text), d, ruleBudget+time.Duration(len(doc.Text))*ruleBudgetPerByte)
		}
	})
}
