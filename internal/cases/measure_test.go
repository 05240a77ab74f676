package cases

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
	"github.com/svcaudit/svcaudit/checklist"
)

// genLog writes a random log of n cases received from 2023-10 to 2025-06.
func genLog(t testing.TB, n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("Reference,Stage,Received,Acknowledged,Responded,Extension days,Category\n")
	start := DayOf(2023, 10, 1)
	cats := []string{"Repairs", "Damp and mould", "ASB", "Rent", ""}
	for i := 0; i < n; i++ {
		rec := start + Day(rng.IntN(640))
		ack, resp := rec+Day(rng.IntN(10)), NoDay
		if rng.IntN(20) == 0 {
			ack = NoDay
		} else if rng.IntN(15) != 0 {
			resp = ack + Day(rng.IntN(45))
		}
		ext := 0
		if rng.IntN(6) == 0 {
			ext = 1 + rng.IntN(25)
		}
		f := func(d Day) string {
			if d == NoDay {
				return ""
			}
			if rng.IntN(2) == 0 {
				y, m, dd := d.Date()
				return fmt.Sprintf("%02d/%02d/%04d", dd, m, y)
			}
			return d.String()
		}
		extS := ""
		if ext > 0 {
			extS = fmt.Sprint(ext)
		}
		fmt.Fprintf(&b, "R%d,%d,%s,%s,%s,%s,%s\n", i, 1+rng.IntN(2)*(rng.IntN(3)/2), f(rec), f(ack), f(resp), extS, cats[rng.IntN(len(cats))])
	}
	return write(t, "log.csv", []byte(b.String()))
}

// naive counts working days one day at a time with the holiday library.
type naive struct{ c *cal.BusinessCalendar }

func newNaive() naive {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(gb.Holidays...)
	c.AddHoliday(stateFuneral)
	return naive{c}
}

func (n naive) between(a, b Day) int {
	k := 0
	for d := a + 1; d <= b; d++ {
		y, m, dd := d.Date()
		if n.c.IsWorkday(time.Date(y, time.Month(m), dd, 12, 0, 0, 0, time.Local)) {
			k++
		}
	}
	return k
}

func TestMeasuresAgainstNaive(t *testing.T) {
	path := genLog(t, 3000, 7)
	c, _ := NewCalendar(EnglandWales)
	period := Period{From: DayOf(2024, 4, 1), To: DayOf(2025, 3, 31)}
	asOf := DayOf(2025, 6, 30)
	rules := []*checklist.Cases{
		{Stage: 1, From: checklist.CaseReceived, To: checklist.CaseAcknowledged, Limit: 5, Min: 95},
		{Stage: 1, From: checklist.CaseAcknowledged, To: checklist.CaseResponded, Limit: 10, Min: 95},
		{Stage: 2, From: checklist.CaseAcknowledged, To: checklist.CaseResponded, Limit: 20, Extension: true, ExtensionMax: 20, Min: 95},
		{Stage: 1, From: checklist.CaseAcknowledged, To: checklist.CaseResponded, Limit: 10, Extension: true, ExtensionMax: 10, OnlyExtended: true, Min: 95},
	}
	var items []*checklist.Item
	for i, r := range rules {
		items = append(items, &checklist.Item{FullID: fmt.Sprintf("x/%d", i), Evidence: &checklist.Evidence{Cases: r}})
	}
	rep, err := Measure(path, items, ReadOptions{}, Options{Calendar: c, Period: period, AsOf: asOf, Homes: 4321}, nil)
	if err != nil {
		t.Fatal(err)
	}

	// The same figures, one row and one day at a time.
	nv := newNaive()
	var rows []Row
	if _, err := Read(path, ReadOptions{}, func(r *Row) { rows = append(rows, *r) }, func(Problem) {}); err != nil {
		t.Fatal(err)
	}
	var recv, resp, within [3]int
	type tally struct{ cases, within, open int }
	items2 := make([]tally, len(rules))
	for _, r := range rows {
		start := r.Acknowledged
		if start == NoDay {
			start = r.Received
		}
		if period.Contains(r.Received) {
			recv[r.Stage]++
		}
		if r.Responded != NoDay && period.Contains(r.Responded) {
			resp[r.Stage]++
			lim := 10 * r.Stage
			if nv.between(start, r.Responded) <= lim+min(r.Extension, lim) {
				within[r.Stage]++
			}
		}
		if !period.Contains(r.Received) {
			continue
		}
		for i, ru := range rules {
			if ru.Stage != r.Stage || (ru.OnlyExtended && r.Extension == 0) {
				continue
			}
			limit := ru.Limit
			if ru.Extension {
				limit += min(r.Extension, ru.ExtensionMax)
			}
			from, to := start, r.Responded
			if ru.From == checklist.CaseReceived {
				from, to = r.Received, r.Acknowledged
			}
			switch {
			case to != NoDay:
				items2[i].cases++
				if nv.between(from, to) <= limit {
					items2[i].within++
				}
			case nv.between(from, asOf) > limit:
				items2[i].open++
				if ru.To == checklist.CaseAcknowledged {
					items2[i].cases++
				}
			}
		}
	}
	for i := range rules {
		o := rep.Outcomes[fmt.Sprintf("x/%d", i)]
		if o.Measure.Cases != items2[i].cases || o.Measure.Within != items2[i].within || o.Measure.OpenOverdue != items2[i].open {
			t.Errorf("rule %d: measured %d/%d (open %d), naive %d/%d (open %d)", i, o.Measure.Within, o.Measure.Cases,
				o.Measure.OpenOverdue, items2[i].within, items2[i].cases, items2[i].open)
		}
		if o.Measure.Cases == 0 {
			t.Errorf("rule %d measured nothing: the test log is too small", i)
		}
	}
	want := map[string][2]int{
		"CH01-stage1": {recv[1], 4321}, "CH01-stage2": {recv[2], 4321},
		"CH02-stage1": {within[1], resp[1]}, "CH02-stage2": {within[2], resp[2]},
	}
	for _, m := range rep.Measures {
		w := want[m.ID]
		if m.Numerator != w[0] || m.Denominator != w[1] {
			t.Errorf("%s = %d/%d, naive %d/%d", m.ID, m.Numerator, m.Denominator, w[0], w[1])
		}
		sum := 0
		for _, p := range m.Months {
			sum += p.Numerator
		}
		if sum != m.Numerator {
			t.Errorf("%s: months add up to %d, not %d", m.ID, sum, m.Numerator)
		}
	}
	if len(rep.Measures) != 4 {
		t.Errorf("%d measures", len(rep.Measures))
	}
}

func TestTenths(t *testing.T) {
	for _, tc := range []struct {
		n, d int
		want float64
	}{{200, 3, 66.7}, {100, 8, 12.5}, {5, 100, 0.1}, {4, 100, 0}, {1000 * 57, 4321, 13.2}, {0, 5, 0}, {5, 0, 0}} {
		if got := Tenths(tc.n, tc.d); got != tc.want {
			t.Errorf("Tenths(%d, %d) = %v, want %v", tc.n, tc.d, got, tc.want)
		}
	}
}

func BenchmarkMeasure(b *testing.B) {
	path := genLog(b, 100000, 1)
	c, _ := NewCalendar(EnglandWales)
	items := []*checklist.Item{{FullID: "x/a", Evidence: &checklist.Evidence{Cases: &checklist.Cases{Stage: 1, From: checklist.CaseAcknowledged, To: checklist.CaseResponded, Limit: 10}}}}
	for b.Loop() {
		if _, err := Measure(path, items, ReadOptions{}, Options{Calendar: c, Homes: 1000}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
