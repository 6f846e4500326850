package redisstore

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// LLMQuota is the LLM fallback's per-user daily quota, shared by every
// replica: one INCR per call, with the key expiring after two days.
type LLMQuota struct {
	st    *Store
	limit int64
}

// LLMCache keeps generated answers, keyed by normalised question, language
// and knowledge-base version, for every replica.
type LLMCache struct {
	st *Store
}

var (
	_ investbot.LLMQuota    = (*LLMQuota)(nil)
	_ investbot.AnswerCache = (*LLMCache)(nil)
)

// LLMQuota returns a quota of limit calls per user per day.
func (st *Store) LLMQuota(limit int) investbot.LLMQuota {
	return &LLMQuota{st: st, limit: int64(limit)}
}

// LLMCache returns the shared answer cache.
func (st *Store) LLMCache() investbot.AnswerCache { return &LLMCache{st: st} }

// Take counts one call for userID on day and reports whether it is within
// the limit.
func (q *LLMQuota) Take(ctx context.Context, userID int64, day string) (bool, error) {
	key := q.st.userKey(userID, "llm:"+day)
	var n *redis.IntCmd
	_, err := q.st.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		n = p.Incr(ctx, key)
		p.Expire(ctx, key, 48*time.Hour)
		return nil
	})
	if err != nil {
		return false, unavailable("llm quota", err)
	}
	return n.Val() <= q.limit, nil
}

func (c *LLMCache) key(k string) string {
	return c.st.opts.Prefix + "{llm}:c:" + strconv.Quote(k)
}

// Get returns a cached answer as it was stored.
func (c *LLMCache) Get(ctx context.Context, key string) ([]byte, bool, error) {
	b, err := c.st.client.Get(ctx, c.key(key)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, unavailable("llm cache get", err)
	}
	return b, true, nil
}

// Set stores an answer for ttl.
func (c *LLMCache) Set(ctx context.Context, key string, v []byte, ttl time.Duration) error {
	if err := c.st.client.Set(ctx, c.key(key), v, ttl).Err(); err != nil {
		return unavailable("llm cache set", err)
	}
	return nil
}
