package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/svcaudit/svcaudit/result"
)

// generate makes n Results of different subjects from the fixture, with
// answers varied so that scores and RAG ratings differ.
func generate(b *testing.B, n int) []*result.Result {
	base := load(b, "housing-2026-q2.json")[0]
	scores := []float64{100, 50, 0}
	out := make([]*result.Result, n)
	for i := range out {
		r := *base
		r.Subject = fmt.Sprintf("Service %04d", i)
		r.Items = make([]result.Item, len(base.Items))
		for j, it := range base.Items {
			if it.Score != nil {
				s := scores[(i+j)%3]
				it.Score = &s
				it.Outcome = map[float64]result.Outcome{100: result.Pass, 50: result.Partial, 0: result.Fail}[s]
			}
			r.Items[j] = it
		}
		r.Sections = append([]result.Section(nil), base.Sections...)
		Rescore(&r, nil)
		out[i] = &r
	}
	return out
}

// BenchmarkRender renders a report over 1,000 Results in each format:
//
//	go test ./report -run '^$' -bench Render -benchmem
func BenchmarkRender(b *testing.B) {
	rs := generate(b, 1000)
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Render(io.Discard, rs, Options{Format: format, Sort: "score"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMerge merges 1,000 shards of one audit.
func BenchmarkMerge(b *testing.B) {
	rs := generate(b, 1000)
	for _, r := range rs {
		r.Subject = "One service"
	}
	for b.Loop() {
		if _, err := Merge(rs, nil); err != nil {
			b.Fatal(err)
		}
	}
}
