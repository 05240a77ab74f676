package score

import (
	"fmt"
	"testing"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/answers"
)

// BenchmarkEvaluate scores a 10,000-item checklist (100 sections) with every
// item answered.
func BenchmarkEvaluate(b *testing.B) {
	cl := &checklist.Checklist{ID: "big", Scale: checklist.DefaultScale(), Grades: checklist.DefaultGrades(),
		Gates: []checklist.Gate{{Kind: checklist.SectionMin, Min: 50}, {Kind: checklist.MaxPartials, Max: 10}}}
	f := &answers.File{Checklist: "big"}
	vals := []string{"yes", "partial", "no", "na"}
	for s := 0; s < 100; s++ {
		sec := &checklist.Section{ID: fmt.Sprint("s", s), Title: fmt.Sprint("Section ", s)}
		for i := 0; i < 100; i++ {
			it := &checklist.Item{ID: fmt.Sprintf("i%d-%d", s, i), FullID: fmt.Sprintf("big/i%d-%d", s, i), Weight: 1}
			sec.Items = append(sec.Items, it)
			f.Answers = append(f.Answers, answers.Answer{Item: it.FullID, Value: vals[(s+i)%4]})
		}
		cl.Sections = append(cl.Sections, sec)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Evaluate(cl, Input{Answers: f}); err != nil {
			b.Fatal(err)
		}
	}
}
