package loadtest

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Latency is a latency summary in milliseconds.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P90 float64 `json:"p90_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// Summarize computes percentiles (nearest rank) of ds; it sorts ds.
func Summarize(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	slices.Sort(ds)
	q := func(p float64) float64 {
		i := int(p*float64(len(ds))+0.999999) - 1
		i = min(max(i, 0), len(ds)-1)
		return float64(ds[i].Microseconds()) / 1000
	}
	return Latency{N: len(ds), P50: q(0.50), P90: q(0.90), P95: q(0.95), P99: q(0.99), Max: q(1)}
}

// MaxInWindow is the most timestamps (sorted ascending) inside any
// half-open window [t, t+w).
func MaxInWindow(ts []time.Duration, w time.Duration) int {
	best, lo := 0, 0
	for hi := range ts {
		for ts[hi]-ts[lo] >= w {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

// WindowReport checks the sink's messages against Telegram's limits.
type WindowReport struct {
	Messages         int `json:"messages"`
	MaxGlobalPerSec  int `json:"max_global_in_any_1s"`
	MaxChatPerSec    int `json:"max_one_chat_in_any_1s"`
	MaxChatPer10Sec  int `json:"max_one_chat_in_any_10s"`
	MaxChatPerMinute int `json:"max_one_chat_in_any_60s"`
}

// Windows measures the busiest windows overall and per chat.
func Windows(sent []Sent) WindowReport {
	all := make([]time.Duration, 0, len(sent))
	byChat := map[int64][]time.Duration{}
	for _, s := range sent {
		all = append(all, s.At)
		byChat[s.Chat] = append(byChat[s.Chat], s.At)
	}
	slices.Sort(all)
	r := WindowReport{Messages: len(sent), MaxGlobalPerSec: MaxInWindow(all, time.Second)}
	for _, ts := range byChat {
		slices.Sort(ts)
		r.MaxChatPerSec = max(r.MaxChatPerSec, MaxInWindow(ts, time.Second))
		r.MaxChatPer10Sec = max(r.MaxChatPer10Sec, MaxInWindow(ts, 10*time.Second))
		r.MaxChatPerMinute = max(r.MaxChatPerMinute, MaxInWindow(ts, time.Minute))
	}
	return r
}

// RSS returns the resident set size of process pid in KiB, from
// /proc/<pid>/status (VmRSS); 0 when it cannot be read.
func RSS(pid int) int {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	return parseVmRSS(string(raw))
}

func parseVmRSS(status string) int {
	for _, line := range strings.Split(status, "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}
