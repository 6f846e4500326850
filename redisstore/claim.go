package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Claim binds key to owner for ttl, across every replica: it reports true
// when key was free or is already owner's, false when another owner holds
// it. The Mini App binds each Telegram initData to the first client that
// presents it, so that the same initData from elsewhere is refused.
func (st *Store) Claim(ctx context.Context, key, owner string, ttl time.Duration) (bool, error) {
	k := st.opts.Prefix + "{claim}:" + key
	ok, err := st.client.SetNX(ctx, k, owner, ttl).Result()
	if err != nil {
		return false, unavailable("claim", err)
	}
	if ok {
		return true, nil
	}
	held, err := st.client.Get(ctx, k).Result()
	if errors.Is(err, redis.Nil) {
		// Expired between the two calls: try once more.
		return st.client.SetNX(ctx, k, owner, ttl).Result()
	}
	if err != nil {
		return false, unavailable("claim", err)
	}
	return held == owner, nil
}
