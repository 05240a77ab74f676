package cases

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

func day(t testing.TB, s string) Day {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBetween(t *testing.T) {
	tests := []struct {
		name   string
		nation Nation
		a, b   string
		want   int
	}{
		{"same day", EnglandWales, "2024-06-05", "2024-06-05", 0},
		{"next day", EnglandWales, "2024-06-05", "2024-06-06", 1},
		{"over a weekend", EnglandWales, "2024-06-07", "2024-06-10", 1},
		{"received on a Saturday", EnglandWales, "2024-06-08", "2024-06-10", 1},
		{"a Saturday to a Sunday", EnglandWales, "2024-06-08", "2024-06-09", 0},
		{"two weeks", EnglandWales, "2024-06-03", "2024-06-17", 10},
		{"Easter 2024", EnglandWales, "2024-03-28", "2024-04-02", 1},
		{"Easter 2024 in Scotland (no Easter Monday)", Scotland, "2024-03-28", "2024-04-02", 2},
		{"Christmas 2021 substitute days", EnglandWales, "2021-12-24", "2021-12-29", 1},
		{"year end 2021 (1 January a Saturday)", EnglandWales, "2021-12-31", "2022-01-04", 1},
		{"year end 2021 in Scotland (2 January a Sunday)", Scotland, "2021-12-31", "2022-01-05", 1},
		{"year end 2022 (1 January a Sunday)", EnglandWales, "2022-12-30", "2023-01-03", 1},
		{"year end 2022 in Scotland", Scotland, "2022-12-30", "2023-01-04", 1},
		{"St Patrick's Day 2024 on a Sunday", NorthernIreland, "2024-03-15", "2024-03-19", 1},
		{"St Patrick's Day is not a holiday in England", EnglandWales, "2024-03-15", "2024-03-19", 2},
		{"Battle of the Boyne 2025 on a Saturday", NorthernIreland, "2025-07-11", "2025-07-15", 1},
		{"St Andrew's Day 2024 on a Saturday", Scotland, "2024-11-29", "2024-12-03", 1},
		{"summer holiday, Scotland: first Monday of August", Scotland, "2024-08-02", "2024-08-06", 1},
		{"summer holiday, England: last Monday of August", EnglandWales, "2024-08-23", "2024-08-27", 1},
		{"state funeral 2022", EnglandWales, "2022-09-16", "2022-09-20", 1},
		{"coronation 2023", EnglandWales, "2023-05-05", "2023-05-09", 1},
		{"VE Day 2020 moved early May", EnglandWales, "2020-05-04", "2020-05-11", 4},
		{"jubilee 2022", EnglandWales, "2022-06-01", "2022-06-06", 1},
		{"backwards", EnglandWales, "2024-06-17", "2024-06-03", -10},
		{"a year", EnglandWales, "2024-03-31", "2025-03-31", 254},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewCalendar(tt.nation)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Between(day(t, tt.a), day(t, tt.b)); got != tt.want {
				t.Errorf("Between(%s, %s) in %s = %d, want %d", tt.a, tt.b, tt.nation, got, tt.want)
			}
		})
	}
}

// TestAgainstLibrary compares every day of 1995–2060 with the holiday
// library's own business calendar for England and Wales.
func TestAgainstLibrary(t *testing.T) {
	ours, err := NewCalendar(EnglandWales)
	if err != nil {
		t.Fatal(err)
	}
	lib := cal.NewBusinessCalendar()
	lib.AddHoliday(gb.Holidays...)
	funeral := DayOf(2022, 9, 19)
	n := 0
	for d := DayOf(1995, 1, 1); d <= DayOf(2060, 12, 31); d++ {
		y, m, dd := d.Date()
		want := lib.IsWorkday(time.Date(y, time.Month(m), dd, 12, 0, 0, 0, time.Local))
		if d == funeral {
			want = false // the library's list leaves it out; we add it
		}
		if got := ours.IsWorkday(d); got != want {
			t.Errorf("%s: IsWorkday = %v, the library says %v", d, got, want)
			if n++; n > 10 {
				t.FailNow()
			}
		}
	}
	// Between agrees with the library's count of work days in a range
	// (which counts both ends: start at the day after a).
	for _, r := range [][2]string{{"2023-12-20", "2024-01-10"}, {"2024-03-20", "2024-04-10"}, {"2019-01-01", "2021-12-31"}} {
		a, b := day(t, r[0]), day(t, r[1])
		want := lib.WorkdaysInRange((a + 1).Time().In(time.Local), b.Time().In(time.Local))
		if got := ours.Between(a, b); got != want {
			t.Errorf("Between(%s, %s) = %d, the library counts %d", r[0], r[1], got, want)
		}
	}
}

func TestAdd(t *testing.T) {
	c, _ := NewCalendar(EnglandWales)
	// 10 working days after Thursday 28 March 2024, over Easter.
	if got := c.Add(day(t, "2024-03-28"), 10).String(); got != "2024-04-15" {
		t.Errorf("Add = %s, want 2024-04-15", got)
	}
	a := day(t, "2024-05-01")
	for n := 0; n < 30; n++ {
		if got := c.Between(a, c.Add(a, n)); got != n {
			t.Errorf("Between(a, Add(a, %d)) = %d", n, got)
		}
	}
}

func TestUnknownNation(t *testing.T) {
	if _, err := NewCalendar("wales"); err == nil {
		t.Error("no error for an unknown nation")
	}
}

func TestDayRoundTrip(t *testing.T) {
	for d := DayOf(FirstYear, 1, 1); d <= DayOf(LastYear, 12, 31); d += 37 {
		y, m, dd := d.Date()
		if DayOf(y, m, dd) != d {
			t.Fatalf("%d: round trip gives %d", d, DayOf(y, m, dd))
		}
		if d.Weekday() != d.Time().Weekday() {
			t.Fatalf("%s: weekday %v, time says %v", d, d.Weekday(), d.Time().Weekday())
		}
	}
}

func BenchmarkBetween(b *testing.B) {
	c, _ := NewCalendar(EnglandWales)
	a := DayOf(2024, 1, 1)
	for i := 0; b.Loop(); i++ {
		c.Between(a, a+Day(i%400))
	}
}
