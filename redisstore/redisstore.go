// Package redisstore is the Redis investbot.Backend. It keeps sessions,
// update de-duplication, flood counters and leads (this file), tickets,
// the outbox, the admin tools' store, the LLM quota and cache, replica
// groups, once-only jobs and claims (a file each, mirrored by name in
// memstore) in Redis (standalone, Sentinel or Cluster, through go-redis's
// universal client), so that several bot replicas share them and nothing is
// lost on restart.
//
// Keys, with P the key prefix and U a user id (the {u:U} hash tag puts all of
// a user's keys in one Cluster slot, so Begin's script is single-slot):
//
//	P{u:U}:s        session (versioned compact JSON, see codec.go), PX idle TTL
//	P{u:U}:d:<upd>  "update seen" marker, PX dedup TTL
//	P{u:U}:c        fixed-window flood counter, PX window
//	P{u:U}:w        sliding-window log (sorted set of admitted messages), PX window
//	P{u:U}:n        "flood notice sent" marker (sliding window), PX window
//	P{u:U}:l        set of the user's lead ids, no expiry
//	P{u:U}:llm:<day> LLM fallback calls that day (llm.go), 48 h
//	P{leads}:h      hash lead id → lead JSON, no expiry
//	P{leads}:o      list of lead ids in the order they were added, no expiry
//
// Every Redis failure is returned wrapped with context and with
// investbot.ErrUnavailable, so callers can degrade with errors.Is.
package redisstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// Defaults used when an Options field is zero; the admission policy's are
// investbot.Admission's.
const (
	DefaultPrefix       = "ib:"
	DefaultDialTimeout  = time.Second
	DefaultReadTimeout  = 500 * time.Millisecond
	DefaultWriteTimeout = 500 * time.Millisecond
)

// Options tunes a Store. The zero value gives the defaults above. The
// sliding flood window, when chosen, runs on the Redis server's clock.
type Options struct {
	investbot.Admission
	// Prefix starts every key, so that several bots or tests share a server.
	Prefix string
	// DB selects the database when non-zero, overriding the URL's.
	DB int
	// Timeouts used unless the URL sets its own; short, so that a dead Redis
	// costs a message a second, not a minute.
	DialTimeout, ReadTimeout, WriteTimeout time.Duration
	// MaxRetries is how often a failed command is retried (default 0: never).
	// Retrying is unsafe for Begin: when the first attempt reached Redis but
	// its reply was lost, the retry sees its own de-dup marker and reports
	// the update as a Duplicate, dropping the message. go-redis checks pooled
	// connections before use, so a restarted Redis needs no retry.
	MaxRetries int
	// NoSpeculation makes every update take Begin's round trip, as on
	// Cluster (see speculate.go).
	NoSpeculation bool
}

func (o Options) withDefaults() Options {
	o.Admission = o.Admission.WithDefaults()
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.DialTimeout <= 0 {
		o.DialTimeout = DefaultDialTimeout
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = DefaultReadTimeout
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = DefaultWriteTimeout
	}
	return o
}

// Store is the Redis investbot.Backend, safe for concurrent use. Each
// store of the bot is in the file of its domain, mirrored by name in
// memstore.
type Store struct {
	client redis.UniversalClient
	opts   Options
	// group shares Commit round trips between concurrent requests, begins
	// the Begin ones.
	group, begins group
	// speculative: Begin may answer from cache (standalone or Sentinel,
	// not Cluster, and not NoSpeculation).
	speculative bool
	cache       sessionCache
	// commitArgs are commitScript's first five arguments, from opts:
	// boxed once rather than at every Commit.
	commitArgs [5]any
}

var _ investbot.Backend = (*Store)(nil)

// Open connects to the Redis named by url (see ParseURL for the accepted
// forms) and checks it answers. It returns an error wrapping
// investbot.ErrUnavailable when the server cannot be reached, and a plain
// error for a malformed URL.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	uo, err := ParseURL(url)
	if err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	if opts.DB != 0 {
		if uo.IsClusterMode {
			return nil, fmt.Errorf("redisstore: open: Redis Cluster has only database 0, not %d", opts.DB)
		}
		uo.DB = opts.DB
	}
	if uo.DialTimeout == 0 {
		uo.DialTimeout = opts.DialTimeout
	}
	if uo.ReadTimeout == 0 {
		uo.ReadTimeout = opts.ReadTimeout
	}
	if uo.WriteTimeout == 0 {
		uo.WriteTimeout = opts.WriteTimeout
	}
	if uo.MaxRetries == 0 {
		uo.MaxRetries = opts.MaxRetries
		if uo.MaxRetries <= 0 {
			uo.MaxRetries = -1 // go-redis: -1 is none, 0 is its default of 3
		}
	}
	// One quick dial attempt per try instead of go-redis's five, so that a
	// refused connection fails the call at once.
	uo.DialerRetries = 1
	uo.DialerRetryTimeout = 10 * time.Millisecond
	uo.MaxRetryBackoff = 100 * time.Millisecond
	st := New(redis.NewUniversalClient(uo), opts)
	if err := st.client.Ping(ctx).Err(); err != nil {
		_ = st.client.Close()
		return nil, unavailable("open: ping", err)
	}
	return st, nil
}

// New wraps an existing client, for callers that build their own. The store
// does not take ownership of client unless Close is called.
func New(client redis.UniversalClient, opts Options) *Store {
	_, single := client.(*redis.Client)
	st := &Store{client: client, opts: opts.withDefaults(), speculative: single && !opts.NoSpeculation}
	st.commitArgs = commitArgs(st.opts)
	return st
}

// Close closes the Redis client.
func (st *Store) Close() error { return st.client.Close() }

// Ping checks that Redis answers, for health checks.
func (st *Store) Ping(ctx context.Context) error {
	if err := st.client.Ping(ctx).Err(); err != nil {
		return unavailable("ping", err)
	}
	return nil
}

// unavailable wraps a Redis failure so that it matches both
// investbot.ErrUnavailable and the underlying error.
func unavailable(op string, err error) error {
	return fmt.Errorf("redisstore: %s: %w: %w", op, investbot.ErrUnavailable, err)
}

func (st *Store) userKey(userID int64, suffix string) string {
	return st.opts.Prefix + "{u:" + strconv.FormatInt(userID, 10) + "}:" + suffix
}

// scanCount is SCAN's COUNT: keys examined per call. Large, so that a walk
// of a big keyspace takes few round trips; each call still blocks the
// server for well under a millisecond.
const scanCount = 5000

// scan calls fn with each batch of keys matching pattern, on every master
// of a cluster. Keys of one batch share a hash slot only when the pattern
// pins a hash tag, as every caller's does.
func (st *Store) scan(ctx context.Context, pattern string, fn func(keys []string) error) error {
	one := func(ctx context.Context, c redis.Cmdable) error {
		it := c.Scan(ctx, 0, pattern, scanCount).Iterator()
		var batch []string
		for it.Next(ctx) {
			batch = append(batch, it.Val())
			if len(batch) == 500 {
				if err := fn(batch); err != nil {
					return err
				}
				batch = nil
			}
		}
		if err := it.Err(); err != nil {
			return err
		}
		if len(batch) > 0 {
			return fn(batch)
		}
		return nil
	}
	if cc, ok := st.client.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error { return one(ctx, c) })
	}
	return one(ctx, st.client)
}

// globEscape quotes the characters SCAN's MATCH treats as a pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '*', '?', '[', ']', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
