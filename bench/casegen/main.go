// Command casegen writes a synthetic complaints case log: a CSV with the
// default columns (Reference, Stage, Received, Acknowledged, Responded,
// Extension days, Category, Handler), cases received over a year, most on
// time, some late, some open, some extended, dates in both UK forms.
//
//	go run ./bench/casegen -n 1000000 -from 2024-04-01 -seed 1 > log.csv
//	go run ./bench/casegen -holidays england-and-wales > holidays.txt
//
// With -holidays it lists instead the bank holidays svcaudit leaves out of
// working days (YYYY-MM-DD, one a line, 2015-2035), for a reference
// computation to use the same ones.
// Output is deterministic for given flags. Working days are not computed
// here (dates are drawn as calendar offsets), so the log tests the
// measurement rather than repeating it.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/svcaudit/svcaudit/internal/cases"
)

func main() {
	n := flag.Int("n", 10000, "number of cases")
	from := flag.String("from", "2024-04-01", "first day cases are received (a year of cases follows)")
	seed := flag.Uint64("seed", 1, "random seed")
	bad := flag.Int("bad", 0, "per 10,000 rows: rows with a bad date, stage or order, or a repeated reference")
	hol := flag.String("holidays", "", "list this nation's bank holidays instead: england-and-wales, scotland or northern-ireland")
	flag.Parse()
	if *hol != "" {
		c, err := cases.NewCalendar(cases.Nation(*hol))
		if err != nil {
			fmt.Fprintln(os.Stderr, "casegen:", err)
			os.Exit(2)
		}
		for _, d := range c.HolidayDays(cases.DayOf(2015, 1, 1), cases.DayOf(2035, 12, 31)) {
			fmt.Println(d)
		}
		return
	}
	start, err := time.Parse("2006-01-02", *from)
	if err != nil {
		fmt.Fprintln(os.Stderr, "casegen: -from:", err)
		os.Exit(2)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	rng := rand.New(rand.NewPCG(*seed, 2))
	cats := []string{"Repairs", "Repairs", "Repairs", "Damp and mould", "Anti-social behaviour", "Rent and charges",
		"Estate services", "Staff conduct", "Lettings", "Communication"}
	handlers := []string{"A. Khan", "B. Jones", "C. Patel", "D. Smith", "E. Owen", "F. Murray"}
	date := func(t time.Time) string {
		if rng.IntN(3) == 0 {
			return t.Format("02/01/2006")
		}
		return t.Format("2006-01-02")
	}
	fmt.Fprintln(w, "Reference,Stage,Received,Acknowledged,Responded,Extension days,Category,Handler")
	for i := 0; i < *n; i++ {
		stage := 1
		if rng.IntN(8) == 0 {
			stage = 2
		}
		rec := start.AddDate(0, 0, rng.IntN(365))
		ack := rec.AddDate(0, 0, rng.IntN(9))
		ackS, respS, extS := date(ack), "", ""
		ext := 0
		if rng.IntN(7) == 0 {
			ext = 1 + rng.IntN(stage*12)
			extS = fmt.Sprint(ext)
		}
		switch {
		case rng.IntN(40) == 0: // open, not yet acknowledged
			ackS = ""
		case rng.IntN(12) == 0: // open, acknowledged
		default:
			days := 1 + rng.IntN(stage*16+ext*7/5)
			respS = date(ack.AddDate(0, 0, days))
		}
		ref := fmt.Sprintf("CMP-%07d", i+1)
		recS := date(rec)
		if *bad > 0 && rng.IntN(10000) < *bad {
			switch rng.IntN(4) {
			case 0:
				recS = "31/02/" + rec.Format("2006")
			case 1:
				stage = 3
			case 2:
				if respS != "" {
					respS = rec.AddDate(0, 0, -3).Format("2006-01-02")
				}
			case 3:
				if i > 0 {
					ref = fmt.Sprintf("CMP-%07d", i)
				}
			}
		}
		cat := cats[rng.IntN(len(cats))]
		if rng.IntN(50) == 0 {
			cat = "\"Repairs, communal\""
		}
		fmt.Fprintf(w, "%s,%d,%s,%s,%s,%s,%s,%s\n", ref, stage, recS, ackS, respS, extS, cat, handlers[rng.IntN(len(handlers))])
	}
}
