package investbot

import (
	"fmt"
	"strings"
	"time"
)

// VietnamTime is the desk's clock: UTC+7, as Vietnam has no daylight saving time.
var VietnamTime = time.FixedZone("ICT", 7*3600)

// DeskHours is when the Japan Desk answers, in Vietnam time.
type DeskHours struct {
	// Days the desk works, indexed by time.Weekday.
	Days [7]bool
	// Open and Close are minutes after midnight.
	Open, Close int
	// Holidays are dates (YYYY-MM-DD, Vietnam time) the desk is closed.
	Holidays map[string]bool
}

// DefaultDeskHours is Monday to Friday, 08:00–17:00, the usual office hours
// of the provincial administration.
func DefaultDeskHours() DeskHours {
	h, _ := ParseDeskHours("Mon-Fri 08:00-17:00", "")
	return h
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseDeskHours reads "Mon-Fri 08:00-17:00" (days may also be a list,
// "Mon,Wed,Fri") and a comma-separated list of holiday dates. Its errors
// say what form is expected; use ParseWeeklyHours and ParseHolidays to
// tell which of the two is wrong.
func ParseDeskHours(spec, holidays string) (DeskHours, error) {
	h, err := ParseWeeklyHours(spec)
	if err != nil {
		return h, err
	}
	if h.Holidays, err = ParseHolidays(holidays); err != nil {
		return h, err
	}
	return h, nil
}

// ParseWeeklyHours reads "Mon-Fri 08:00-17:00" or "Mon,Wed,Fri 09:00-12:00".
func ParseWeeklyHours(spec string) (DeskHours, error) {
	var h DeskHours
	days, clock, ok := strings.Cut(strings.TrimSpace(spec), " ")
	if !ok {
		return h, fmt.Errorf("want days and times such as \"Mon-Fri 08:00-17:00\", got %q", spec)
	}
	for _, part := range strings.Split(days, ",") {
		from, to, isRange := strings.Cut(strings.ToLower(strings.TrimSpace(part)), "-")
		a, okA := weekdays[from]
		if !okA {
			return h, fmt.Errorf("unknown day %q (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)", from)
		}
		b := a
		if isRange {
			var okB bool
			if b, okB = weekdays[to]; !okB {
				return h, fmt.Errorf("unknown day %q (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)", to)
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			h.Days[d] = true
			if d == b {
				break
			}
		}
	}
	openS, closeS, ok := strings.Cut(strings.TrimSpace(clock), "-")
	if !ok {
		return h, fmt.Errorf("want times such as 08:00-17:00, got %q", clock)
	}
	var err error
	if h.Open, err = minutes(openS); err != nil {
		return h, err
	}
	if h.Close, err = minutes(closeS); err != nil {
		return h, err
	}
	if h.Close <= h.Open {
		return h, fmt.Errorf("closing time %s must be after opening time %s", closeS, openS)
	}
	h.Holidays = map[string]bool{}
	return h, nil
}

// ParseHolidays reads comma-separated YYYY-MM-DD dates.
func ParseHolidays(list string) (map[string]bool, error) {
	days := map[string]bool{}
	for _, d := range strings.Split(list, ",") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return nil, fmt.Errorf("holiday %q is not a YYYY-MM-DD date", d)
		}
		days[d] = true
	}
	return days, nil
}

func minutes(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("time %q is not HH:MM", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// IsZero reports whether no working day is set.
func (h DeskHours) IsZero() bool { return h.Days == [7]bool{} }

// IsOpen reports whether the desk works at t.
func (h DeskHours) IsOpen(t time.Time) bool {
	t = t.In(VietnamTime)
	if !h.Days[t.Weekday()] || h.Holidays[t.Format("2006-01-02")] {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	return m >= h.Open && m < h.Close
}

// NextOpen returns when the desk next opens after t (t itself when open),
// in Vietnam time. It looks at most a year ahead.
func (h DeskHours) NextOpen(t time.Time) time.Time {
	t = t.In(VietnamTime)
	if h.IsOpen(t) {
		return t
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, VietnamTime)
	for i := 0; i < 366; i++ {
		d := day.AddDate(0, 0, i)
		if !h.Days[d.Weekday()] || h.Holidays[d.Format("2006-01-02")] {
			continue
		}
		open := d.Add(time.Duration(h.Open) * time.Minute)
		if open.After(t) {
			return open
		}
	}
	return time.Time{}
}
