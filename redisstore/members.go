package redisstore

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Heartbeat records that member of group is alive and returns how many
// members beat within ttl, in one round trip. Replicas use it to share
// limits that are per bot, not per process (Telegram's 30 messages a
// second). A member that stops beating drops out after ttl.
func (st *Store) Heartbeat(ctx context.Context, group, member string, ttl time.Duration) (int, error) {
	key := st.opts.Prefix + "{members}:" + group
	now := time.Now().UnixMilli()
	var n *redis.IntCmd
	_, err := st.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAdd(ctx, key, redis.Z{Score: float64(now), Member: member})
		p.ZRemRangeByScore(ctx, key, "-inf", strconv.FormatInt(now-ttl.Milliseconds(), 10))
		n = p.ZCard(ctx, key)
		p.PExpire(ctx, key, 3*ttl)
		return nil
	})
	if err != nil {
		return 0, unavailable("heartbeat "+group, err)
	}
	return int(n.Val()), nil
}

// Leave removes member from group at once (a clean shutdown), so that the
// others count one fewer without waiting for its ttl to pass.
func (st *Store) Leave(ctx context.Context, group, member string) error {
	if err := st.client.ZRem(ctx, st.opts.Prefix+"{members}:"+group, member).Err(); err != nil {
		return unavailable("leave "+group, err)
	}
	return nil
}
