package llm

import (
	"context"
	"sync"
	"time"

	"github.com/thanhhoa/investbot/knowledge"
)

// Quota limits how many model calls one user may cause per day. The limit
// itself belongs to the implementation (it is configuration of the store),
// so the interface stays one method that Redis can implement with INCR and
// EXPIRE.
type Quota interface {
	// Take uses one call of userID's allowance for day (YYYY-MM-DD in the
	// province's time zone) and reports whether the allowance was not yet
	// used up. On error the fallback does not call the model.
	Take(ctx context.Context, userID int64, day string) (bool, error)
}

// Cache remembers generated answers so that the same question on the same
// knowledge-base version in the same language costs one model call. A
// Generated with empty Text records "the model could not answer".
type Cache interface {
	// Get returns the cached answer for key and whether there was one.
	Get(ctx context.Context, key string) (knowledge.Generated, bool, error)
	// Set stores g under key for ttl.
	Set(ctx context.Context, key string, g knowledge.Generated, ttl time.Duration) error
}

// MemQuota is an in-memory Quota for one process: a limit of calls per user
// per day. Days other than the most recent one seen are forgotten.
type MemQuota struct {
	limit int

	mu   sync.Mutex
	day  string
	used map[int64]int
}

var _ Quota = (*MemQuota)(nil)

// NewMemQuota returns a quota allowing limit calls per user per day.
func NewMemQuota(limit int) *MemQuota {
	return &MemQuota{limit: limit, used: map[int64]int{}}
}

// Take uses one call of userID's allowance for day; it never fails.
func (q *MemQuota) Take(_ context.Context, userID int64, day string) (bool, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if day != q.day {
		q.day = day
		clear(q.used)
	}
	if q.used[userID] >= q.limit {
		return false, nil
	}
	q.used[userID]++
	return true, nil
}

// MemCache is an in-memory Cache with per-entry expiry, bounded to a number
// of entries so that a flood of distinct questions cannot exhaust memory.
type MemCache struct {
	max int
	now func() time.Time

	mu sync.Mutex
	m  map[string]memItem
}

type memItem struct {
	g   knowledge.Generated
	exp time.Time
}

var _ Cache = (*MemCache)(nil)

// NewMemCache returns a cache holding at most max entries (0: 10,000);
// now is the clock (nil: time.Now).
func NewMemCache(max int, now func() time.Time) *MemCache {
	if max <= 0 {
		max = 10000
	}
	if now == nil {
		now = time.Now
	}
	return &MemCache{max: max, now: now, m: map[string]memItem{}}
}

// Get returns the unexpired answer under key; it never fails.
func (c *MemCache) Get(_ context.Context, key string) (knowledge.Generated, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.m[key]
	if !ok {
		return knowledge.Generated{}, false, nil
	}
	if !c.now().Before(it.exp) {
		delete(c.m, key)
		return knowledge.Generated{}, false, nil
	}
	return cloneGenerated(it.g), true, nil
}

// Set stores g under key for ttl. When the cache is full it first drops
// expired entries, then, if still full, an arbitrary one; it never fails.
func (c *MemCache) Set(_ context.Context, key string, g knowledge.Generated, ttl time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if _, ok := c.m[key]; !ok && len(c.m) >= c.max {
		for k, it := range c.m {
			if !now.Before(it.exp) {
				delete(c.m, k)
			}
		}
		for k := range c.m {
			if len(c.m) < c.max {
				break
			}
			delete(c.m, k)
		}
	}
	c.m[key] = memItem{g: cloneGenerated(g), exp: now.Add(ttl)}
	return nil
}

func cloneGenerated(g knowledge.Generated) knowledge.Generated {
	g.Cites = append([]string(nil), g.Cites...)
	return g
}

// Metrics receives what the fallback does, so that Prometheus (or anything
// else) can be plugged in without this package importing it.
type Metrics interface {
	// Call records one request sent to the model server: its latency and the
	// token usage the server reported (zero when the call failed).
	Call(latency time.Duration, promptTokens, completionTokens int)
	// Outcome records what became of one question that reached the
	// fallback; see the Outcome constants.
	Outcome(o Outcome)
}

// Outcome is what became of one question that reached the fallback. Every
// value but Answered and CacheHit is a reason the inner result was returned.
type Outcome string

// The outcomes of a question that reached the fallback.
const (
	Answered      Outcome = "answered"       // a fresh answer passed the checks
	CacheHit      Outcome = "cache_hit"      // a cached answer was used
	CachedNo      Outcome = "cache_no"       // the cache says the model could not answer
	Suspicious    Outcome = "suspicious"     // the question looks like prompt injection; no call
	BreakerOpen   Outcome = "breaker_open"   // no call: the server failed recently
	QuotaExceeded Outcome = "quota"          // no call: the user's daily allowance is used up
	QuotaError    Outcome = "quota_error"    // no call: the quota store failed
	Timeout       Outcome = "timeout"        // the call took longer than Config.Timeout
	CallError     Outcome = "call_error"     // the server failed or was unreachable
	EmptyReply    Outcome = "empty_reply"    // the server answered with no text
	NoAnswer      Outcome = "no_answer"      // the model said the snippets do not answer
	Refusal       Outcome = "refusal"        // the model said "cannot answer" in words
	NoCites       Outcome = "no_cites"       // no SOURCES line, or it was empty
	BadCite       Outcome = "bad_cite"       // a cited id was not among the snippets
	Ungrounded    Outcome = "ungrounded"     // a number, name or contact is not in the snippets
	Leak          Outcome = "leak"           // the reply repeats the prompt or talks about it
	OffTopic      Outcome = "off_topic"      // the reply shares too little with the cited snippets
	TooLong       Outcome = "too_long"       // the reply is far longer than asked
	CallCancelled Outcome = "call_cancelled" // the caller gave up before the model answered
)

// NopMetrics discards everything.
type NopMetrics struct{}

var _ Metrics = NopMetrics{}

// Call does nothing.
func (NopMetrics) Call(time.Duration, int, int) {}

// Outcome does nothing.
func (NopMetrics) Outcome(Outcome) {}
