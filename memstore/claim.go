package memstore

import (
	"context"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// Claims is the in-memory investbot.Claimer, for one process.
type Claims struct {
	mu  sync.Mutex
	m   map[string]claim
	now func() time.Time
}

type claim struct {
	owner string
	until time.Time
}

var _ investbot.Claimer = (*Claims)(nil)

// NewClaims returns empty Claims on clock now (nil: time.Now).
func NewClaims(now func() time.Time) *Claims {
	if now == nil {
		now = time.Now
	}
	return &Claims{m: map[string]claim{}, now: now}
}

// Claim binds key to owner for ttl unless another owner holds it; it never
// fails. Expired claims are dropped once more than 10,000 are kept.
func (c *Claims) Claim(_ context.Context, key, owner string, ttl time.Duration) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.m) > 10000 {
		for k, v := range c.m {
			if now.After(v.until) {
				delete(c.m, k)
			}
		}
	}
	if v, ok := c.m[key]; ok && now.Before(v.until) {
		return v.owner == owner, nil
	}
	c.m[key] = claim{owner: owner, until: now.Add(ttl)}
	return true, nil
}

// Claim implements investbot.Claimer for this process.
func (st *Store) Claim(ctx context.Context, key, owner string, ttl time.Duration) (bool, error) {
	return st.claims.Claim(ctx, key, owner, ttl)
}
