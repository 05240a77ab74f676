package cases

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// NoDay is the zero Day, standing for an empty date (1970 is outside the
// table, so no real date of a log is 0).
const NoDay Day = 0

// ParseDate reads a date written YYYY-MM-DD or DD/MM/YYYY (UK order: the
// day comes first, never the month), optionally followed by a time of day
// ("2024-04-02 09:30", "02/04/2024 09:30:00", "2024-04-02T09:30:00Z"),
// which is ignored. It returns NoDay for an empty value.
func ParseDate(s string) (Day, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return NoDay, nil
	}
	datePart := s
	if i := strings.IndexAny(s, " T"); i > 0 {
		rest := strings.TrimSpace(s[i+1:])
		if rest == "" || !strings.Contains(rest, ":") || rest[0] < '0' || rest[0] > '9' {
			return NoDay, errBadDate(s)
		}
		datePart = s[:i]
	}
	var y, m, d int
	var ok bool
	switch {
	case len(datePart) == 10 && datePart[4] == '-' && datePart[7] == '-':
		y, ok = digits(datePart[0:4])
		if ok {
			m, ok = digits(datePart[5:7])
		}
		if ok {
			d, ok = digits(datePart[8:10])
		}
	default:
		i := strings.IndexByte(datePart, '/')
		j := -1
		if i > 0 {
			if k := strings.IndexByte(datePart[i+1:], '/'); k >= 0 {
				j = i + 1 + k
			}
		}
		if i < 1 || i > 2 || j-i-1 < 1 || j-i-1 > 2 || len(datePart)-j-1 != 4 {
			return NoDay, errBadDate(s)
		}
		d, ok = digits(datePart[:i])
		if ok {
			m, ok = digits(datePart[i+1 : j])
		}
		if ok {
			y, ok = digits(datePart[j+1:])
		}
	}
	if !ok {
		return NoDay, errBadDate(s)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return NoDay, fmt.Errorf("%q is not a date (no day %d in month %d of %d)", s, d, m, y)
	}
	day := DayOf(y, m, d)
	if !InRange(day) {
		return NoDay, fmt.Errorf("%q is outside the years %d–%d", s, FirstYear, LastYear)
	}
	return day, nil
}

func errBadDate(s string) error {
	return fmt.Errorf("%q is not a date: write YYYY-MM-DD or DD/MM/YYYY", s)
}

// digits reads a string of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// excelEpoch is the Day of serial 0 in Excel's 1900 date system (which
// counts the non-existent 29 February 1900, so serials from 61 on are days
// since 1899-12-30); date1904 workbooks count from 1904-01-01.
var (
	excelEpoch     = DayOf(1899, 12, 30)
	excelEpoch1904 = DayOf(1904, 1, 1)
)

// serialDate reads a spreadsheet date cell's raw value, a serial number
// (its fraction, the time of day, is ignored). ok is false when s is not a
// number.
func serialDate(s string, date1904 bool) (Day, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" || (s[0] < '0' || s[0] > '9') {
		return NoDay, false, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return NoDay, false, nil
	}
	if f < 61 && !date1904 || f > 1e6 {
		return NoDay, true, fmt.Errorf("spreadsheet date serial %s is outside the years %d–%d", s, FirstYear, LastYear)
	}
	base := excelEpoch
	if date1904 {
		base = excelEpoch1904
	}
	d := base + Day(math.Floor(f))
	if !InRange(d) {
		return NoDay, true, fmt.Errorf("spreadsheet date %s (%s) is outside the years %d–%d", s, d, FirstYear, LastYear)
	}
	return d, true, nil
}
