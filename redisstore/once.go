package redisstore

import (
	"context"
	"time"
)

// Once reports true to exactly one caller per name until ttl passes, across
// every replica: periodic jobs (the weekly stale-entries post) run once.
func (st *Store) Once(ctx context.Context, name string, ttl time.Duration) (bool, error) {
	ok, err := st.client.SetNX(ctx, st.opts.Prefix+"{once}:"+name, 1, ttl).Result()
	if err != nil {
		return false, unavailable("once "+name, err)
	}
	return ok, nil
}
