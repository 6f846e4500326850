package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/llm"
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
	_ llm.Quota = (*LLMQuota)(nil)
	_ llm.Cache = (*LLMCache)(nil)
)

// LLMQuota returns a quota of limit calls per user per day.
func (st *Store) LLMQuota(limit int) *LLMQuota { return &LLMQuota{st: st, limit: int64(limit)} }

// LLMCache returns the shared answer cache.
func (st *Store) LLMCache() *LLMCache { return &LLMCache{st: st} }

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

// Get returns a cached answer.
func (c *LLMCache) Get(ctx context.Context, key string) (knowledge.Generated, bool, error) {
	b, err := c.st.client.Get(ctx, c.key(key)).Bytes()
	if errors.Is(err, redis.Nil) {
		return knowledge.Generated{}, false, nil
	}
	if err != nil {
		return knowledge.Generated{}, false, unavailable("llm cache get", err)
	}
	var g knowledge.Generated
	if err := json.Unmarshal(b, &g); err != nil {
		// A value from another version of the bot: a miss, not an error.
		return knowledge.Generated{}, false, nil
	}
	return g, true, nil
}

// Set stores an answer for ttl.
func (c *LLMCache) Set(ctx context.Context, key string, g knowledge.Generated, ttl time.Duration) error {
	b, err := json.Marshal(g)
	if err != nil {
		return fmt.Errorf("redisstore: encode generated answer: %w", err)
	}
	if err := c.st.client.Set(ctx, c.key(key), b, ttl).Err(); err != nil {
		return unavailable("llm cache set", err)
	}
	return nil
}
