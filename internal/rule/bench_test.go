package rule

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/document"
)

// benchSentences make policy-like prose for the benchmarks (bench/gen
// makes the corpus of the full benchmark the same way).
var benchSentences = []string{
	"We will acknowledge your complaint within %d working days and give you a full response within %d working days.",
	"If we cannot meet this timescale we will tell you why and agree a new date with you.",
	"Our staff will answer the telephone within %d rings and will always give you their name.",
	"If you are not happy with our response you can ask the Local Government and Social Care Ombudsman to look at your complaint.",
	"We will give you a named contact who will keep you informed of progress at least every %d days.",
	"We apologise for any inconvenience this may have caused and will respond as soon as possible.",
	"Going forward we will leverage our learning to drive continuous improvement across the service.",
	"We publish what our customers tell us every quarter, including the number of complaints we upheld.",
	"When we get something wrong we will say sorry, put it right and explain what we have changed.",
	"Please quote your reference number when you contact us so that we can find your records quickly.",
	"A senior manager will review the handling of your case and write to you with their findings.",
	"We may decide not to investigate a complaint made more than %d months after you became aware of the problem.",
	"We guarantee that repairs classed as emergencies will be made safe within %d hours of your call.",
	"You can ask for this document in large print, Braille, audio or another language.",
}

// benchPatterns are patterns of the kinds the built-in checklists use.
var benchPatterns = []string{
	`within \d+ (working )?(days|hours|weeks)`, `within \d+ rings`, `\d+ (working )?days`, `ombudsman`,
	`how to (make a )?complain`, `complaints? (policy|procedure|process)`, `named (contact|person|officer)`,
	`(speak|talk) to a (real )?person`, `we will (say sorry|apologi[sz]e)`, `put (it|things) right`,
	`publish(ed)? (what|the results|our performance)`, `large print|braille|easy read`, `plain english`,
	`reference number`, `opening hours`, `(emergenc(y|ies)|urgent) repairs?`, `lessons? (learned|learnt)`,
	`we guarantee`, `by (phone|telephone|email|post|letter)`, `senior manager`, `complain`, `respon(d|se)`,
	`as soon as (possible|practicable)`, `apologi[sz]e for any inconvenience`, `going forward`,
	`leverag(e|ing)`, `continuous improvement`,
}

func benchDocs(n, size int) []*document.Document {
	r := rand.New(rand.NewSource(1))
	docs := make([]*document.Document, n)
	for i := range docs {
		var b strings.Builder
		for b.Len() < size {
			s := benchSentences[r.Intn(len(benchSentences))]
			if strings.Contains(s, "%d") {
				s = strings.ReplaceAll(s, "%d", fmt.Sprint(1+r.Intn(28)))
			}
			b.WriteString(s)
			if r.Intn(4) == 0 {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		docs[i] = doc(fmt.Sprintf("d%d.md", i), b.String())
	}
	return docs
}

func benchSet(b *testing.B, n int, naive bool) *Set {
	var items []*checklist.Item
	for i := 0; i < n; i++ {
		expr := benchPatterns[i%len(benchPatterns)]
		if i >= len(benchPatterns) {
			expr = fmt.Sprintf(`%s (number|team|%d)`, expr, i) // distinct, same shapes
		}
		items = append(items, &checklist.Item{FullID: fmt.Sprint(i), Evidence: &checklist.Evidence{Any: pats(expr)}})
	}
	set, err := Compile(items)
	if err != nil {
		b.Fatal(err)
	}
	set.naive = naive
	return set
}

// BenchmarkEvaluate evaluates 27 and 300 patterns over 20 KB documents,
// with the prefilter and without (naive: every regexp over every text).
func BenchmarkEvaluate(b *testing.B) {
	docs := benchDocs(50, 20000)
	for _, n := range []int{27, 300} {
		for _, naive := range []bool{false, true} {
			name := fmt.Sprintf("patterns=%d/prefilter", n)
			if naive {
				name = fmt.Sprintf("patterns=%d/naive", n)
			}
			b.Run(name, func(b *testing.B) {
				set := benchSet(b, n, naive)
				b.SetBytes(int64(len(docs[0].Text)))
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					set.Evaluate(docs[i%len(docs)])
				}
			})
		}
	}
}

// BenchmarkScan is the literal scan alone, the floor under Evaluate.
func BenchmarkScan(b *testing.B) {
	docs := benchDocs(50, 20000)
	set := benchSet(b, 300, false)
	b.SetBytes(int64(len(docs[0].Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		set.scanner.Scan(docs[i%len(docs)].Text, func(int32, int) {})
	}
}

func BenchmarkCompile(b *testing.B) {
	for i := 0; i < b.N; i++ {
		benchSet(b, 300, false)
	}
}

// BenchmarkCorpus evaluates the bench/ checklists over the bench/ corpus,
// when bench/run.sh has made them (BENCH_DIR, default
// /tmp/svcaudit-bench).
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("BENCH_DIR")
	if dir == "" {
		dir = "/tmp/svcaudit-bench"
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "corpus1k", "00[0-1]", "*.md"))
	if len(paths) == 0 {
		b.Skip("no corpus: run bench/run.sh first")
	}
	var docs []*document.Document
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc(p, string(data)))
	}
	for _, n := range []int{27, 300} {
		data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("rules%d.tsv", n)))
		if err != nil {
			b.Skip(err)
		}
		var items []*checklist.Item
		for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			kind, expr, _ := strings.Cut(line, "\t")
			ev := &checklist.Evidence{}
			switch kind {
			case "any":
				ev.Any = pats(expr)
			case "all":
				ev.All = pats(expr)
			default:
				ev.None = pats(expr)
			}
			items = append(items, &checklist.Item{FullID: fmt.Sprint(i), Evidence: ev})
		}
		set, err := Compile(items)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("patterns=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(docs[0].Text)))
			for i := 0; i < b.N; i++ {
				set.Evaluate(docs[i%len(docs)])
			}
		})
		// As check calls it for every output but JSON.
		b.Run(fmt.Sprintf("patterns=%d/errors", n), func(b *testing.B) {
			b.SetBytes(int64(len(docs[0].Text)))
			for i := 0; i < b.N; i++ {
				set.EvaluateErrors(docs[i%len(docs)])
			}
		})
	}
}

// BenchmarkHugeOneLine evaluates the keeps-promises checklist over one HTML
// document of 8 MiB on one line: a single paragraph of one word repeated,
// and realistic prose in paragraphs with no line breaks between them
// (bench/unreadable.sh runs the same, 50 MB, end to end).
func BenchmarkHugeOneLine(b *testing.B) {
	cl, err := checklist.Resolve("keeps-promises")
	if err != nil {
		b.Fatal(err)
	}
	set, err := Compile(cl.Items())
	if err != nil {
		b.Fatal(err)
	}
	const size = 8 << 20
	r := rand.New(rand.NewSource(1))
	var prose strings.Builder
	prose.WriteString("<html><body>")
	for prose.Len() < size {
		prose.WriteString("<p>")
		for i := 0; i < 4; i++ {
			s := benchSentences[r.Intn(len(benchSentences))]
			prose.WriteString(strings.ReplaceAll(s, "%d", fmt.Sprint(1+r.Intn(28))))
			prose.WriteString(" ")
		}
		prose.WriteString("</p>")
	}
	prose.WriteString("</body></html>")
	for _, tc := range []struct{ name, html string }{
		{"words", "<p>" + strings.Repeat("word ", size/5) + "</p>"},
		{"prose", prose.String()},
	} {
		d, err := document.Parse("huge.html", []byte(tc.html), document.Limits{MaxFileSize: 64 << 20})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(d.Text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				set.Evaluate(d)
			}
		})
	}
}
