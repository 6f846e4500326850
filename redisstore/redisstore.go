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
	"encoding/json"
	"errors"
	"fmt"
	"sort"
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
	return &Store{client: client, opts: opts.withDefaults()}
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

func (st *Store) leadsKey(suffix string) string { return st.opts.Prefix + "{leads}:" + suffix }

// beginScript admits one update in a single round trip.
//
// KEYS: 1 dedup marker, 2 flood counter or log, 3 notice marker, 4 session.
// ARGV: 1 in-progress TTL ms, 2 limit (negative: off), 3 window ms, 4 "s"
// for a sliding window, 5 idle TTL ms, 6 update id (the log's member).
// Returns {seen, limited, notify, session or false}, where seen is 0 for a
// new update, 1 for one marked done, 2 for one still in progress. The
// marker is 'p' until Done sets 'd'.
var beginScript = redis.NewScript(`
local s = redis.call('GET', KEYS[4])
if not redis.call('SET', KEYS[1], 'p', 'NX', 'PX', ARGV[1]) then
  if redis.call('GET', KEYS[1]) == 'p' then return {2, 0, 0, s} end
  return {1, 0, 0, s}
end
if s then redis.call('PEXPIRE', KEYS[4], ARGV[5]) end
local limit, win = tonumber(ARGV[2]), tonumber(ARGV[3])
local limited, notify = 0, 0
if limit < 0 then
  return {0, 0, 0, s}
end
if ARGV[4] ~= 's' then
  local n = redis.call('INCR', KEYS[2])
  if n == 1 then redis.call('PEXPIRE', KEYS[2], win) end
  if n > limit then limited = 1 end
  if n == limit + 1 then notify = 1 end
else
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - win)
  if redis.call('ZCARD', KEYS[2]) < limit then
    redis.call('ZADD', KEYS[2], now, ARGV[6])
    redis.call('PEXPIRE', KEYS[2], win)
  else
    limited = 1
    if redis.call('SET', KEYS[3], '1', 'NX', 'PX', win) then notify = 1 end
  end
end
return {0, limited, notify, s}
`)

// Begin admits an update in one round trip: a repeated update id is
// reported as Duplicate and not counted against the flood limit; otherwise
// the message is counted, the session's idle expiry is extended, and the
// session is returned (a fresh one for a new or expired user, or for a value
// that cannot be decoded — sessions are disposable, a stuck user is worse).
func (st *Store) Begin(ctx context.Context, updateID, userID int64) (investbot.Gate, error) {
	o := st.opts
	flood := "c"
	mode := "f"
	if o.SlidingWindow {
		flood, mode = "w", "s"
	}
	keys := []string{
		st.userKey(userID, "d:"+strconv.FormatInt(updateID, 10)),
		st.userKey(userID, flood),
		st.userKey(userID, "n"),
		st.userKey(userID, "s"),
	}
	args := []any{o.InProgressTTL.Milliseconds(), o.FloodLimit, o.FloodWindow.Milliseconds(), mode,
		o.IdleTTL.Milliseconds(), updateID}
	// Concurrent Begins share a round trip (see group), as Commits do.
	var cmd *redis.Cmd
	err := st.begins.do(ctx, st.client, func(p redis.Pipeliner) func() error {
		cmd = beginScript.EvalSha(ctx, p, keys, args...)
		return cmd.Err
	})
	var res []any
	if err == nil {
		res, err = cmd.Slice()
	} else if redis.HasErrorPrefix(err, "NOSCRIPT") {
		// Not loaded yet (or Redis restarted): Run sends it.
		res, err = beginScript.Run(ctx, st.client, keys, args...).Slice()
	}
	if err != nil {
		// The error names the update, never the user: it is logged while
		// Redis is down, and logs outlive /forgetme.
		return investbot.Gate{}, unavailable(fmt.Sprintf("begin update %d", updateID), err)
	}
	if len(res) != 4 {
		return investbot.Gate{}, fmt.Errorf("redisstore: begin update %d: script returned %d values, want 4", updateID, len(res))
	}
	g := investbot.Gate{
		Duplicate:   res[0] == int64(1),
		InProgress:  res[0] == int64(2),
		Limited:     res[1] == int64(1),
		NotifyLimit: res[2] == int64(1),
		Session:     investbot.Session{UserID: userID},
	}
	if raw, ok := res[3].(string); ok {
		g.Session, _ = decodeSession(userID, []byte(raw))
	}
	return g, nil
}

// Done marks updates answered, in one round trip for the whole batch; they
// are then duplicates for DedupTTL. Only a marker Begin set is turned to
// done (SET XX): after /forgetme deleted every key named after the user,
// marking its own update must not write the user id back.
func (st *Store) Done(ctx context.Context, updates []investbot.UpdateRef) error {
	if len(updates) == 0 {
		return nil
	}
	_, err := st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, u := range updates {
			p.SetXX(ctx, st.userKey(u.UserID, "d:"+strconv.FormatInt(u.UpdateID, 10)), "d", st.opts.DedupTTL)
		}
		return nil
	})
	if err != nil {
		return unavailable(fmt.Sprintf("done %d updates", len(updates)), err)
	}
	return nil
}

// Load returns the user's session, or a fresh one when none is kept (or it
// cannot be decoded). It does not extend the idle expiry.
func (st *Store) Load(ctx context.Context, userID int64) (investbot.Session, error) {
	b, err := st.client.Get(ctx, st.userKey(userID, "s")).Bytes()
	if errors.Is(err, redis.Nil) {
		return investbot.Session{UserID: userID}, nil
	}
	if err != nil {
		return investbot.Session{}, unavailable("load session", err)
	}
	s, _ := decodeSession(userID, b)
	return s, nil
}

// Save writes the session in one round trip and restarts its idle expiry.
// LastAt is kept to the millisecond. A session without UserID is an error.
func (st *Store) Save(ctx context.Context, s investbot.Session) error {
	if s.UserID == 0 {
		return errors.New("redisstore: save: session without user id")
	}
	if investbot.DeferSave(ctx, s) {
		return nil
	}
	b, err := encodeSession(s)
	if err != nil {
		return fmt.Errorf("redisstore: save session: encode: %w", err)
	}
	if err := st.client.Set(ctx, st.userKey(s.UserID, "s"), b, st.opts.IdleTTL).Err(); err != nil {
		return unavailable("save session", err)
	}
	return nil
}

// deleteLeadsScript removes the given lead ids from the lead hash and order
// list. KEYS: 1 hash, 2 order list. ARGV: lead ids.
var deleteLeadsScript = redis.NewScript(`
for _, id in ipairs(ARGV) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('LREM', KEYS[2], 0, id)
end
return #ARGV
`)

// Delete removes the user's leads and then every key named after the user
// (session, flood state, update-seen markers, LLM quota, lead index), for
// /forgetme. Leads go first, so that a failure half way leaves the index to
// retry with. The keys are found with SCAN (on every master of a
// cluster): /forgetme is rare, and a per-user index would cost every
// message a write.
func (st *Store) Delete(ctx context.Context, userID int64) (investbot.Erased, error) {
	const op = "delete user data"
	var out investbot.Erased
	index := st.userKey(userID, "l")
	ids, err := st.client.SMembers(ctx, index).Result()
	if err != nil {
		return out, unavailable(op, err)
	}
	if len(ids) > 0 {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		if err := deleteLeadsScript.Run(ctx, st.client, []string{st.leadsKey("h"), st.leadsKey("o")}, args...).Err(); err != nil {
			return out, unavailable(op+": leads", err)
		}
		sort.Strings(ids)
		out.Leads = ids
	}
	n, err := st.client.Exists(ctx, st.userKey(userID, "s")).Result()
	if err != nil {
		return out, unavailable(op, err)
	}
	out.Session = n > 0
	err = st.scan(ctx, globEscape(st.userKey(userID, ""))+"*", func(keys []string) error {
		return st.client.Del(ctx, keys...).Err()
	})
	if err != nil {
		return out, unavailable(op, err)
	}
	return out, nil
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

// addLeadScript stores a lead unless its id is already kept.
// KEYS: 1 hash, 2 order list. ARGV: 1 id, 2 JSON. Returns 1 when added.
var addLeadScript = redis.NewScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1
`)

// AddLead stores l without expiry. A lead without an ID gets a random one;
// adding an ID that is already kept changes nothing and is not an error. The
// user's lead index is written first, so Delete can always find the lead.
func (st *Store) AddLead(ctx context.Context, l investbot.Lead) error {
	if l.ID == "" {
		l.ID = newLeadID()
	}
	op := "add lead " + l.ID
	b, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("redisstore: %s: encode: %w", op, err)
	}
	if err := st.client.SAdd(ctx, st.userKey(l.UserID, "l"), l.ID).Err(); err != nil {
		return unavailable(op, err)
	}
	if err := addLeadScript.Run(ctx, st.client, []string{st.leadsKey("h"), st.leadsKey("o")}, l.ID, b).Err(); err != nil {
		return unavailable(op, err)
	}
	return nil
}

// listLeadsScript returns the JSON of every lead in order, in one round trip.
var listLeadsScript = redis.NewScript(`
local ids = redis.call('LRANGE', KEYS[2], 0, -1)
local out = {}
for _, id in ipairs(ids) do
  local v = redis.call('HGET', KEYS[1], id)
  if v then out[#out + 1] = v end
end
return out
`)

// Leads returns every lead in the order they were added. A lead that cannot
// be decoded is an error rather than silently dropped.
func (st *Store) Leads(ctx context.Context) ([]investbot.Lead, error) {
	vals, err := listLeadsScript.Run(ctx, st.client, []string{st.leadsKey("h"), st.leadsKey("o")}).StringSlice()
	if err != nil {
		return nil, unavailable("list leads", err)
	}
	out := make([]investbot.Lead, 0, len(vals))
	for i, v := range vals {
		var l investbot.Lead
		if err := json.Unmarshal([]byte(v), &l); err != nil {
			return nil, fmt.Errorf("redisstore: list leads: decode lead %d: %w", i, err)
		}
		out = append(out, l)
	}
	return out, nil
}
