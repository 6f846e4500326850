package memstore

import (
	"context"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// Once is the in-memory investbot.Oncer, for this process only.
type Once struct {
	now func() time.Time

	mu    sync.Mutex
	until map[string]time.Time // name → end of its claim
}

var _ investbot.Oncer = (*Once)(nil)

// NewOnce returns an Once on clock now (nil: time.Now).
func NewOnce(now func() time.Time) *Once {
	if now == nil {
		now = time.Now
	}
	return &Once{now: now, until: map[string]time.Time{}}
}

// Once reports true to the first caller per name until ttl passes; it
// never fails.
func (o *Once) Once(ctx context.Context, name string, ttl time.Duration) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	now := o.now()
	o.mu.Lock()
	defer o.mu.Unlock()
	if until, ok := o.until[name]; ok && now.Before(until) {
		return false, nil
	}
	for k, until := range o.until { // names are few: weeks, jobs
		if !now.Before(until) {
			delete(o.until, k)
		}
	}
	o.until[name] = now.Add(ttl)
	return true, nil
}

// Once implements investbot.Oncer for this process.
func (st *Store) Once(ctx context.Context, name string, ttl time.Duration) (bool, error) {
	return st.once.Once(ctx, name, ttl)
}
