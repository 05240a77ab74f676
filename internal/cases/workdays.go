package cases

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// Day is a calendar date as a count of days since 1970-01-01. Dates are
// whole days: the Code counts working days, not hours.
type Day int32

// The span of dates a case log may hold. Working days are tabled once for
// the whole span, so counting them is two look-ups.
const (
	FirstYear = 1990
	LastYear  = 2099
)

var (
	firstDay = DayOf(FirstYear, 1, 1)
	lastDay  = DayOf(LastYear, 12, 31)
)

// DayOf returns the Day of a (proleptic Gregorian) date. It does not check
// the date; ParseDate does.
func DayOf(y, m, d int) Day {
	// Howard Hinnant's days_from_civil.
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// Date returns the year, month and day of d.
func (d Day) Date() (y, m, day int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, day
}

// String is the date as YYYY-MM-DD.
func (d Day) String() string {
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// Month is the date's month as YYYY-MM.
func (d Day) Month() string {
	y, m, _ := d.Date()
	return fmt.Sprintf("%04d-%02d", y, m)
}

// monthIndex is year*12 + month-1, a month's key in tallies.
func (d Day) monthIndex() int32 {
	y, m, _ := d.Date()
	return int32(y*12 + m - 1)
}

// Weekday of d (1970-01-01 was a Thursday).
func (d Day) Weekday() time.Weekday {
	return time.Weekday((int(d)%7 + 7 + 4) % 7)
}

// Time is d as midnight UTC.
func (d Day) Time() time.Time {
	y, m, dd := d.Date()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// Nation names a set of UK bank holidays.
type Nation string

// The nations whose bank holidays --holidays chooses.
const (
	EnglandWales    Nation = "england-and-wales"
	Scotland        Nation = "scotland"
	NorthernIreland Nation = "northern-ireland"
)

// Nations lists the accepted --holidays values, the default first.
var Nations = []string{string(EnglandWales), string(Scotland), string(NorthernIreland)}

// The holidays the gb package leaves out. They are written as cal.Holiday
// rules, so the library works out each year's date and substitute day;
// the gb package's own list is the England and Wales one.
var (
	// substitute moves a holiday on a Saturday or Sunday to the Monday.
	substitute = []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}

	// stateFuneral is the bank holiday for the State Funeral of Queen
	// Elizabeth II, 19 September 2022, in every nation of the UK.
	stateFuneral = &cal.Holiday{Name: "State Funeral of Queen Elizabeth II", Type: cal.ObservanceBank,
		Month: time.September, Day: 19, Func: cal.CalcDayOfMonth, StartYear: 2022, EndYear: 2022}

	// secondJanuary (Scotland) is substituted like Boxing Day, since New
	// Year's Day takes the first free weekday.
	secondJanuary = &cal.Holiday{Name: "2nd January", Type: cal.ObservanceBank,
		Month: time.January, Day: 2, Func: cal.CalcDayOfMonth,
		Observed: []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 2}, {Day: time.Monday, Offset: 1}}}
	stAndrew = &cal.Holiday{Name: "St Andrew's Day", Type: cal.ObservanceBank,
		Month: time.November, Day: 30, Func: cal.CalcDayOfMonth, Observed: substitute}
	stPatrick = &cal.Holiday{Name: "St Patrick's Day", Type: cal.ObservanceBank,
		Month: time.March, Day: 17, Func: cal.CalcDayOfMonth, Observed: substitute}
	boyne = &cal.Holiday{Name: "Battle of the Boyne (Orangemen's Day)", Type: cal.ObservanceBank,
		Month: time.July, Day: 12, Func: cal.CalcDayOfMonth, Observed: substitute}
)

// Holidays returns the bank holiday rules of a nation.
func Holidays(n Nation) ([]*cal.Holiday, error) {
	ew := append([]*cal.Holiday{}, gb.Holidays...)
	ew = append(ew, stateFuneral)
	switch n {
	case EnglandWales, "":
		return ew, nil
	case NorthernIreland:
		return append(ew, stPatrick, boyne), nil
	case Scotland:
		var s []*cal.Holiday
		for _, h := range ew {
			switch h {
			case gb.EasterMonday:
				continue // not a bank holiday in Scotland
			case gb.SummerHoliday:
				h = gb.SummerHolidayScotland
			}
			s = append(s, h)
		}
		return append(s, secondJanuary, stAndrew), nil
	}
	return nil, fmt.Errorf("unknown holidays %q: use %s", n, strings.Join(Nations, ", "))
}

// Calendar counts working days: Monday to Friday, less a nation's bank
// holidays (observed dates). It is safe for concurrent use.
type Calendar struct {
	Nation Nation
	// cum[i] is the number of working days from firstDay-1 (exclusive) to
	// firstDay+i (inclusive).
	cum []int32
	// holidays are the observed bank holidays, sorted.
	holidays []Day
}

var (
	calMu     sync.Mutex
	calendars = map[Nation]*Calendar{}
)

// NewCalendar returns the working-day calendar of a nation, tabled from
// FirstYear to LastYear (built once per nation).
func NewCalendar(n Nation) (*Calendar, error) {
	if n == "" {
		n = EnglandWales
	}
	calMu.Lock()
	defer calMu.Unlock()
	if c, ok := calendars[n]; ok {
		return c, nil
	}
	hs, err := Holidays(n)
	if err != nil {
		return nil, err
	}
	c := &Calendar{Nation: n, cum: make([]int32, lastDay-firstDay+1)}
	off := map[Day]bool{}
	for y := FirstYear; y <= LastYear; y++ {
		for _, h := range hs {
			_, obs := h.Calc(y)
			if obs.IsZero() {
				continue
			}
			d := DayOf(obs.Year(), int(obs.Month()), obs.Day())
			if !off[d] {
				off[d] = true
				c.holidays = append(c.holidays, d)
			}
		}
	}
	sort.Slice(c.holidays, func(i, j int) bool { return c.holidays[i] < c.holidays[j] })
	var n32 int32
	for d := firstDay; d <= lastDay; d++ {
		wd := d.Weekday()
		if wd != time.Saturday && wd != time.Sunday && !off[d] {
			n32++
		}
		c.cum[d-firstDay] = n32
	}
	calendars[n] = c
	return c, nil
}

// InRange reports whether d is within the calendar's table.
func InRange(d Day) bool { return d >= firstDay && d <= lastDay }

// IsWorkday reports whether d is a working day. d must be InRange.
func (c *Calendar) IsWorkday(d Day) bool {
	i := d - firstDay
	if i == 0 {
		return c.cum[0] == 1
	}
	return c.cum[i] != c.cum[i-1]
}

// Between counts the working days w with a < w ≤ b: a complaint received
// on a and acknowledged on b took Between(a, b) working days. It is
// negative when b is before a. Both must be InRange.
func (c *Calendar) Between(a, b Day) int {
	return int(c.cum[b-firstDay] - c.cum[a-firstDay])
}

// Add returns the working day n working days after a (n ≥ 0): the last
// day on which something due within n working days of a is on time. It
// returns lastDay when the answer falls beyond the table.
func (c *Calendar) Add(a Day, n int) Day {
	want := c.cum[a-firstDay] + int32(n)
	i := sort.Search(len(c.cum), func(i int) bool { return c.cum[i] >= want })
	if i >= len(c.cum) {
		return lastDay
	}
	return firstDay + Day(i)
}

// HolidayDays lists the observed bank holidays from a to b inclusive.
func (c *Calendar) HolidayDays(a, b Day) []Day {
	i := sort.Search(len(c.holidays), func(i int) bool { return c.holidays[i] >= a })
	var out []Day
	for ; i < len(c.holidays) && c.holidays[i] <= b; i++ {
		out = append(out, c.holidays[i])
	}
	return out
}
