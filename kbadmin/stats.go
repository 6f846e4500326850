package kbadmin

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/thanhhoa/investbot"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Stats sums the days of a period.
type Stats struct {
	Days []investbot.UsageDay // oldest first, one per day, zero days included
	// Totals over Days.
	Messages, Answered, HandoffsOpened, HandoffsClosed, Leads int
	Langs, Intents                                            map[string]int
}

// AnswerRate is the share of questions answered, 0 when there were none.
func (s Stats) AnswerRate() float64 {
	if s.Messages == 0 {
		return 0
	}
	return float64(s.Answered) / float64(s.Messages)
}

// Stats sums the last days days up to and including today (days <= 0
// means 30).
func (s *Service) Stats(ctx context.Context, days int) (Stats, error) {
	if days <= 0 {
		days = 30
	}
	days = min(days, investbot.MaxStatsDays)
	last := s.now()
	first := last.AddDate(0, 0, -(days - 1))
	ds, err := s.AdminStore.DayStats(ctx, first, last)
	if err != nil {
		return Stats{}, fmt.Errorf("kbadmin: stats: %w", err)
	}
	return sumDays(ds), nil
}

func sumDays(ds []investbot.UsageDay) Stats {
	st := Stats{Days: ds, Langs: map[string]int{}, Intents: map[string]int{}}
	for _, d := range ds {
		st.Messages += d.Messages
		st.Answered += d.Answered
		st.HandoffsOpened += d.HandoffsOpened
		st.HandoffsClosed += d.HandoffsClosed
		st.Leads += d.Leads
		for k, v := range d.Langs {
			st.Langs[k] += v
		}
		for k, v := range d.Intents {
			st.Intents[k] += v
		}
	}
	return st
}

// TopIntents returns up to n intents by count, largest first.
func (s Stats) TopIntents(n int) []KV {
	return top(s.Intents, n)
}

// KV is a name with a count.
type KV struct {
	Key   string
	Count int
}

func top(m map[string]int, n int) []KV {
	out := make([]KV, 0, len(m))
	for k, v := range m {
		out = append(out, KV{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Chart draws messages per day (bars on the left axis) and the answer
// rate in percent (a line on the right axis) as a PNG.
func Chart(st Stats) ([]byte, error) {
	if len(st.Days) == 0 {
		return nil, fmt.Errorf("kbadmin: chart: no days")
	}
	xs := make([]float64, len(st.Days))
	msgs := make([]float64, len(st.Days))
	rate := make([]float64, len(st.Days))
	ticks := make([]chart.Tick, 0, len(st.Days))
	step := max(1, len(st.Days)/10)
	maxMsgs := 1.0
	for i, d := range st.Days {
		xs[i] = float64(i)
		msgs[i] = float64(d.Messages)
		maxMsgs = max(maxMsgs, msgs[i])
		if d.Messages > 0 {
			rate[i] = 100 * float64(d.Answered) / float64(d.Messages)
		}
		if i%step == 0 || i == len(st.Days)-1 {
			label := d.Date
			if len(label) == len("2006-01-02") {
				label = label[5:]
			}
			ticks = append(ticks, chart.Tick{Value: float64(i), Label: label})
		}
	}
	if len(xs) == 1 { // go-chart needs a range; show one day between -0.5 and 0.5
		xs = []float64{-0.5, 0, 0.5}
		msgs = []float64{0, msgs[0], 0}
		rate = []float64{rate[0], rate[0], rate[0]}
	}
	// go-chart takes the x range from the ticks: pad them by half a day.
	ticks = append([]chart.Tick{{Value: xs[0] - 0.5}}, append(ticks, chart.Tick{Value: xs[len(xs)-1] + 0.5})...)
	blue := drawing.Color{R: 0x2b, G: 0x6c, B: 0xb0, A: 0xff}
	green := drawing.Color{R: 0x2f, G: 0x9e, B: 0x44, A: 0xff}
	c := chart.Chart{
		Title:  "Messages per day and answer rate",
		Width:  900,
		Height: 420,
		Background: chart.Style{
			Padding: chart.Box{Top: 50, Left: 20, Right: 20, Bottom: 20},
		},
		XAxis: chart.XAxis{Ticks: ticks},
		YAxis: chart.YAxis{
			Name:  "answer rate %",
			Range: &chart.ContinuousRange{Min: 0, Max: 100},
		},
		YAxisSecondary: chart.YAxis{
			Name:  "messages",
			Range: &chart.ContinuousRange{Min: 0, Max: maxMsgs * 1.1},
		},
		Series: []chart.Series{
			chart.ContinuousSeries{
				Name:    "messages",
				YAxis:   chart.YAxisSecondary,
				XValues: xs,
				YValues: msgs,
				Style:   chart.Style{StrokeColor: blue, FillColor: blue.WithAlpha(64), StrokeWidth: 2},
			},
			chart.ContinuousSeries{
				Name:    "answer rate %",
				XValues: xs,
				YValues: rate,
				Style:   chart.Style{StrokeColor: green, StrokeWidth: 3},
			},
		},
	}
	c.Elements = []chart.Renderable{chart.Legend(&c)}
	var buf bytes.Buffer
	if err := c.Render(chart.PNG, &buf); err != nil {
		return nil, fmt.Errorf("kbadmin: chart: %w", err)
	}
	return buf.Bytes(), nil
}
