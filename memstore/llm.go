package memstore

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// LLMQuota is the in-memory investbot.LLMQuota: a limit of calls per user
// per day, counted for this process only. Days other than the most recent
// one seen are forgotten.
type LLMQuota struct {
	limit int
	used  *quotaCounts
}

// quotaCounts is the calls counted on the most recent day, shared by every
// quota of one Store.
type quotaCounts struct {
	mu   sync.Mutex
	day  string
	used map[int64]int
}

var _ investbot.LLMQuota = (*LLMQuota)(nil)

// NewLLMQuota returns a quota of its own allowing limit calls per user per
// day.
func NewLLMQuota(limit int) *LLMQuota {
	return &LLMQuota{limit: limit, used: &quotaCounts{used: map[int64]int{}}}
}

// Take uses one call of userID's allowance for day; it never fails.
func (q *LLMQuota) Take(_ context.Context, userID int64, day string) (bool, error) {
	c := q.used
	c.mu.Lock()
	defer c.mu.Unlock()
	if day != c.day {
		c.day = day
		clear(c.used)
	}
	if c.used[userID] >= q.limit {
		return false, nil
	}
	c.used[userID]++
	return true, nil
}

// LLMCache is the in-memory investbot.AnswerCache, with per-entry expiry,
// bounded to a number of entries so that a flood of distinct questions
// cannot exhaust memory.
type LLMCache struct {
	max int
	now func() time.Time

	mu sync.Mutex
	m  map[string]cacheItem
}

type cacheItem struct {
	v   []byte
	exp time.Time
}

var _ investbot.AnswerCache = (*LLMCache)(nil)

// DefaultCacheEntries bounds an LLMCache made with max 0.
const DefaultCacheEntries = 10000

// NewLLMCache returns a cache of its own holding at most max entries (0:
// DefaultCacheEntries); now is the clock (nil: time.Now).
func NewLLMCache(max int, now func() time.Time) *LLMCache {
	if max <= 0 {
		max = DefaultCacheEntries
	}
	if now == nil {
		now = time.Now
	}
	return &LLMCache{max: max, now: now, m: map[string]cacheItem{}}
}

// Get returns a copy of the unexpired value under key; it never fails.
func (c *LLMCache) Get(_ context.Context, key string) ([]byte, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.m[key]
	if !ok {
		return nil, false, nil
	}
	if !c.now().Before(it.exp) {
		delete(c.m, key)
		return nil, false, nil
	}
	return slices.Clone(it.v), true, nil
}

// Set stores a copy of v under key for ttl. When the cache is full it first
// drops expired entries, then, if still full, an arbitrary one; it never
// fails.
func (c *LLMCache) Set(_ context.Context, key string, v []byte, ttl time.Duration) error {
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
	c.m[key] = cacheItem{v: slices.Clone(v), exp: now.Add(ttl)}
	return nil
}

// LLMQuota returns a quota of limit calls per user per day; every quota of
// st counts in the same place.
func (st *Store) LLMQuota(limit int) investbot.LLMQuota {
	return &LLMQuota{limit: limit, used: st.quota}
}

// LLMCache returns the store's answer cache.
func (st *Store) LLMCache() investbot.AnswerCache { return st.cache }
