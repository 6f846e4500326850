package redisstore

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// Speculation (see investbot.Speculation): a replica keeps the stored
// value of the session of each user it handled lately, as Redis held it
// after this replica's last Begin or Commit for that user. An update of
// such a user is handled from that copy without Begin's round trip (so is
// a /start of a user with no copy, assumed to have no session), and
// its Commit does Begin's work in the same script that writes its
// replies: it refuses, writing nothing, when the update is already
// answered or in progress, the user is over the flood limit, or the stored
// session is no longer byte for byte the copy. The bytes themselves are the
// version: a session equal to the copy gives the same answer, whoever
// wrote it, so there is no counter to keep (or to reset by /forgetme).
//
// The script touches the user's keys and the outbox shards' streams, which
// live in different Cluster slots: on Cluster, Begin always makes its
// round trip.

// maxCached bounds the cached sessions. A typical one is about 50 bytes
// (codec.go), so 50,000 cost a few MiB; past it, an eighth is dropped at
// random and those users cost Begin's round trip once more.
const maxCached = 50_000

type cachedSession struct {
	raw     string
	present bool
}

// sessionCache is the replica's copy of the sessions of users it handled.
type sessionCache struct {
	mu sync.Mutex
	m  map[int64]cachedSession
}

func (c *sessionCache) get(user int64) (cachedSession, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[user]
	return s, ok
}

func (c *sessionCache) put(user int64, s cachedSession) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[int64]cachedSession)
	}
	if _, ok := c.m[user]; !ok && len(c.m) >= maxCached {
		n := 0
		for k := range c.m { // map order is random enough for an eviction
			delete(c.m, k)
			if n++; n >= maxCached/8 {
				break
			}
		}
	}
	c.m[user] = s
}

func (c *sessionCache) drop(user int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, user)
}

// expectation is what a speculative Begin assumed, handed back in Commit.
type expectation struct {
	updateID, userID int64
	cached           cachedSession
}

// speculate answers Begin from the cache when ctx allows it and the user's
// session is cached; ok is false when Begin must make its round trip.
func (st *Store) speculate(ctx context.Context, updateID, userID int64) (investbot.Gate, bool) {
	if !st.speculative {
		return investbot.Gate{}, false
	}
	spec := investbot.SpeculationFrom(ctx)
	if spec == nil {
		return investbot.Gate{}, false
	}
	c, ok := st.cache.get(userID)
	if !ok && !spec.Fresh() {
		return investbot.Gate{}, false
	}
	exp := &expectation{updateID: updateID, userID: userID, cached: c}
	claim := func(ctx context.Context) (investbot.Gate, bool, error) {
		g, now, err := st.begin(ctx, updateID, userID)
		return g, err == nil && now == c, err
	}
	if !spec.Start(exp, claim) {
		return investbot.Gate{}, false
	}
	g := investbot.Gate{Session: investbot.Session{UserID: userID}, Speculative: true}
	if c.present {
		g.Session, _ = decodeSession(userID, []byte(c.raw))
	}
	return g, true
}

// commitScript is Begin and Commit of a speculative update in one script.
//
// KEYS: 1 dedup marker, 2 flood counter or log, 3 notice marker (unused,
// kept for Begin's layout), 4 session, 5.. the entries' streams, then the
// streams of sent entries to delete.
// ARGV: 1 dedup TTL ms, 2 flood limit (negative: off), 3 window ms, 4 "s"
// for a sliding window, 5 idle TTL ms, 6 update id, 7 "1" when a session
// was cached, 8 its stored value, 9 "1" to write 10 as the new session,
// 11 entries, then 4 per entry: chat, update, expiry ms, payload; then for
// each stream of sent entries, how many ids, and the ids.
// Returns {0, entry ids...} when admitted and written; {1} answered, {2} in
// progress, {3} session changed, {4} over the flood limit, writing nothing
// of the update. The sent entries are deleted first, whatever the outcome:
// they are other updates' (Commit.Acks), and riding in the script rather
// than beside it keeps a Commit one command instead of a pipeline.
var commitScript = redis.NewScript(`
local a = 12 + tonumber(ARGV[11]) * 4
for k = 5 + tonumber(ARGV[11]), #KEYS do
  local n = tonumber(ARGV[a])
  redis.call('XDEL', KEYS[k], unpack(ARGV, a + 1, a + n))
  a = a + n + 1
end
local d = redis.call('GET', KEYS[1])
if d then
  if d == 'p' then return {2} end
  return {1}
end
local s = redis.call('GET', KEYS[4])
if ARGV[7] == '1' then
  if s ~= ARGV[8] then return {3} end
elseif s then
  return {3}
end
local limit, win = tonumber(ARGV[2]), tonumber(ARGV[3])
if limit >= 0 then
  if ARGV[4] ~= 's' then
    local n = tonumber(redis.call('GET', KEYS[2]) or '0')
    if n >= limit then return {4} end
    if redis.call('INCR', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], win) end
  else
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - win)
    if redis.call('ZCARD', KEYS[2]) >= limit then return {4} end
    redis.call('ZADD', KEYS[2], now, ARGV[6])
    redis.call('PEXPIRE', KEYS[2], win)
  end
end
local out = {0}
for i = 1, tonumber(ARGV[11]) do
  local a = 11 + (i - 1) * 4
  out[#out + 1] = redis.call('XADD', KEYS[4 + i], '*', 'c', ARGV[a + 1], 'u', ARGV[a + 2], 'e', ARGV[a + 3], 'p', ARGV[a + 4])
end
redis.call('SET', KEYS[1], 'd', 'PX', ARGV[1])
if ARGV[9] == '1' then
  redis.call('SET', KEYS[4], ARGV[10], 'PX', ARGV[5])
elseif s then
  redis.call('PEXPIRE', KEYS[4], ARGV[5])
end
return out
`)

// commitArgs returns commitScript's arguments 1 to 5 for o.
func commitArgs(o Options) [5]any {
	mode := "f"
	if o.SlidingWindow {
		mode = "s"
	}
	return [5]any{o.DedupTTL.Milliseconds(), o.FloodLimit, o.FloodWindow.Milliseconds(), mode, o.IdleTTL.Milliseconds()}
}

// commitSpeculative is Commit for an update Begin answered from the cache.
func (st *Store) commitSpeculative(ctx context.Context, c *investbot.Commit, exp *expectation, sess []byte) error {
	flood := "c"
	if st.opts.SlidingWindow {
		flood = "w"
	}
	acks := groupAcks(c.Acks)
	keys := make([]string, 0, 4+len(c.Entries)+len(acks))
	user := st.userKey(exp.userID, "")
	keys = append(keys, user+"d:"+strconv.FormatInt(exp.updateID, 10), user+flood, user+"n", user+"s")
	present, write := "0", "0"
	if exp.cached.present {
		present = "1"
	}
	if sess != nil {
		write = "1"
	}
	args := make([]any, 0, 11+4*len(c.Entries)+len(acks)+len(c.Acks))
	args = append(args, st.commitArgs[:]...)
	args = append(args, exp.updateID, present, exp.cached.raw, write, sess, len(c.Entries))
	for _, e := range c.Entries {
		keys = append(keys, st.outboxKey(e.Shard, "q"))
		args = append(args, e.ChatID, e.UpdateID, e.Expires.UnixMilli(), e.Payload)
	}
	for _, g := range acks {
		keys = append(keys, st.outboxKey(g.shard, "q"))
		args = append(args, len(g.ids))
		for _, id := range g.ids {
			args = append(args, id)
		}
	}
	var cmd *redis.Cmd
	run := func() error {
		return st.group.do(ctx, st.client, true, func(p redis.Cmdable) func() error {
			cmd = commitScript.EvalSha(ctx, p, keys, args...)
			return cmd.Err
		})
	}
	err := run()
	if err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") {
		// The script did not run.
		if err = commitScript.Load(ctx, st.client).Err(); err == nil {
			err = run()
		}
	}
	if err != nil {
		st.cache.drop(exp.userID)
		return unavailable(fmt.Sprintf("commit update %d", c.UpdateID), err)
	}
	res, err := cmd.Slice()
	if err != nil || len(res) < 1 {
		st.cache.drop(exp.userID)
		return fmt.Errorf("redisstore: commit update %d: script returned %v: %v", c.UpdateID, res, err)
	}
	if code, _ := res[0].(int64); code != 0 {
		st.cache.drop(exp.userID)
		return fmt.Errorf("redisstore: commit update %d: %w (%s)", c.UpdateID, investbot.ErrSpeculationRefused, refusals[min(int(code), len(refusals)-1)])
	}
	if len(res) != 1+len(c.Entries) {
		st.cache.drop(exp.userID)
		return fmt.Errorf("redisstore: commit update %d: script returned %d ids for %d entries", c.UpdateID, len(res)-1, len(c.Entries))
	}
	for i := range c.Entries {
		c.Entries[i].ID, _ = res[1+i].(string)
	}
	if sess != nil {
		st.cache.put(exp.userID, cachedSession{raw: string(sess), present: true})
	}
	return nil
}

// ackGroup is the ids of sent entries of one shard, at most maxAckGroup:
// the script passes them to XDEL on Lua's stack.
type ackGroup struct {
	shard int
	ids   []string
}

const maxAckGroup = 256

// groupAcks groups entries by shard, in the order they come.
func groupAcks(entries []investbot.OutboxEntry) []ackGroup {
	var out []ackGroup
next:
	for _, e := range entries {
		for i := range out {
			if out[i].shard == e.Shard && len(out[i].ids) < maxAckGroup {
				out[i].ids = append(out[i].ids, e.ID)
				continue next
			}
		}
		out = append(out, ackGroup{shard: e.Shard, ids: []string{e.ID}})
	}
	return out
}

var refusals = []string{"", "already answered", "in progress", "session changed", "flood limit", "unknown"}
