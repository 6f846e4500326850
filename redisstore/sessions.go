package redisstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

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
//
// When ctx carries an investbot.Speculation and this replica has the
// user's session cached, Begin makes no round trip: the gate is
// Speculative and the update's Commit admits it (speculate.go).
func (st *Store) Begin(ctx context.Context, updateID, userID int64) (investbot.Gate, error) {
	if g, ok := st.speculate(ctx, updateID, userID); ok {
		return g, nil
	}
	g, _, err := st.begin(ctx, updateID, userID)
	return g, err
}

// begin is Begin's round trip; it also returns the stored session as read,
// which it caches for the next update of the user.
func (st *Store) begin(ctx context.Context, updateID, userID int64) (investbot.Gate, cachedSession, error) {
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
	err := st.begins.do(ctx, st.client, true, func(p redis.Cmdable) func() error {
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
		st.cache.drop(userID)
		return investbot.Gate{}, cachedSession{}, unavailable(fmt.Sprintf("begin update %d", updateID), err)
	}
	if len(res) != 4 {
		return investbot.Gate{}, cachedSession{}, fmt.Errorf("redisstore: begin update %d: script returned %d values, want 4", updateID, len(res))
	}
	g := investbot.Gate{
		Duplicate:   res[0] == int64(1),
		InProgress:  res[0] == int64(2),
		Limited:     res[1] == int64(1),
		NotifyLimit: res[2] == int64(1),
		Session:     investbot.Session{UserID: userID},
	}
	var c cachedSession
	if raw, ok := res[3].(string); ok {
		g.Session, _ = decodeSession(userID, []byte(raw))
		c = cachedSession{raw: raw, present: true}
	}
	if st.speculative {
		st.cache.put(userID, c)
	}
	return g, c, nil
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
	// Written outside a Commit: the next update of the user reads it
	// with Begin (the cached copy would only be refused).
	st.cache.drop(s.UserID)
	if err := st.client.Set(ctx, st.userKey(s.UserID, "s"), b, st.opts.IdleTTL).Err(); err != nil {
		return unavailable("save session", err)
	}
	return nil
}

// Delete removes the user's leads and then every key named after the user
// (session, flood state, update-seen markers, LLM quota, lead index), for
// /forgetme. Leads go first, so that a failure half way leaves the index to
// retry with. The keys are found with SCAN (on every master of a
// cluster): /forgetme is rare, and a per-user index would cost every
// message a write.
func (st *Store) Delete(ctx context.Context, userID int64) (investbot.Erased, error) {
	const op = "delete user data"
	var out investbot.Erased
	st.cache.drop(userID)
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
