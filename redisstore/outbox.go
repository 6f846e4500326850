package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// The outbox (see investbot.Outbox), with S a shard number:
//
//	P{ob:S}:q    stream of replies waiting to be sent, oldest first; an entry
//	             is deleted (XDEL) once Telegram accepted it or it expired
//	P{ob:S}:own  the replica draining shard S, PX lease
//
// The {ob:S} hash tag keeps a shard's keys in one Cluster slot, so the
// scripts below are single-slot.

var _ investbot.Outbox = (*Store)(nil)

func (st *Store) outboxKey(shard int, suffix string) string {
	return st.opts.Prefix + "{ob:" + strconv.Itoa(shard) + "}:" + suffix
}

// Commit writes c's replies, the update's answered mark and the session,
// and deletes c.Acks, in one round trip (a pipeline; on Cluster one per node, sent together),
// shared with the Commits of other requests made meanwhile (group commit). The
// replies go first: if the connection breaks half way, the update is
// handled again rather than marked answered without its replies.
func (st *Store) Commit(ctx context.Context, c *investbot.Commit) error {
	var sess []byte
	if c.Session != nil {
		if c.Session.UserID == 0 {
			return errors.New("redisstore: commit: session without user id")
		}
		b, err := encodeSession(*c.Session)
		if err != nil {
			return fmt.Errorf("redisstore: commit update %d: encode session: %w", c.UpdateID, err)
		}
		sess = b
	}
	if exp, ok := c.Speculation.Active(); ok {
		if e, ok := exp.(*expectation); ok && e.updateID == c.UpdateID && e.userID == c.UserID &&
			(c.Session == nil || c.Session.UserID == e.userID) {
			return st.commitSpeculative(ctx, c, e, sess)
		}
		return fmt.Errorf("redisstore: commit update %d: %w (not this store's speculation)", c.UpdateID, investbot.ErrSpeculationRefused)
	}
	adds := make([]*redis.StringCmd, len(c.Entries))
	err := st.group.do(ctx, st.client, false, func(p redis.Cmdable) func() error {
		cmds := make([]redis.Cmder, 0, len(c.Entries)+3)
		for i, e := range c.Entries {
			adds[i] = p.XAdd(ctx, &redis.XAddArgs{
				Stream: st.outboxKey(e.Shard, "q"),
				Values: []any{
					"c", e.ChatID,
					"u", e.UpdateID,
					"e", e.Expires.UnixMilli(),
					"p", e.Payload,
				},
			})
			cmds = append(cmds, adds[i])
		}
		if c.UpdateID != 0 && c.UserID != 0 {
			// XX, as in Done: the mark turns the in-progress lease into
			// "answered", and must not bring back a key named after a user
			// whom /forgetme has just erased.
			cmds = append(cmds, p.SetXX(ctx, st.userKey(c.UserID, "d:"+strconv.FormatInt(c.UpdateID, 10)), "d", st.opts.DedupTTL))
		}
		if sess != nil {
			cmds = append(cmds, p.Set(ctx, st.userKey(c.Session.UserID, "s"), sess, st.opts.IdleTTL))
		}
		cmds = append(cmds, st.xdel(ctx, p, c.Acks)...)
		return func() error {
			for _, cmd := range cmds {
				// SET XX of a mark that is gone answers nil: not a failure.
				if err := cmd.Err(); err != nil && err != redis.Nil {
					return err
				}
			}
			return nil
		}
	})
	if err != nil {
		if c.Session != nil {
			st.cache.drop(c.Session.UserID)
		}
		return unavailable(fmt.Sprintf("commit update %d", c.UpdateID), err)
	}
	if c.Session != nil && st.speculative {
		if c.Session.UserID == c.UserID {
			st.cache.put(c.UserID, cachedSession{raw: string(sess), present: true})
		} else {
			st.cache.drop(c.Session.UserID)
		}
	}
	for i, a := range adds {
		c.Entries[i].ID = a.Val()
	}
	return nil
}

// renewScript extends an in-progress mark, and only that: a mark already
// answered ('d') keeps its longer expiry.
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == 'p' then return redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 0
`)

// Renew extends the in-progress mark of an update being handled.
func (st *Store) Renew(ctx context.Context, updateID, userID int64, ttl time.Duration) error {
	key := st.userKey(userID, "d:"+strconv.FormatInt(updateID, 10))
	if err := renewScript.Run(ctx, st.client, []string{key}, ttl.Milliseconds()).Err(); err != nil {
		return unavailable(fmt.Sprintf("renew update %d", updateID), err)
	}
	return nil
}

// leaseScript takes a free lease or keeps one the owner holds.
// KEYS: 1 lease. ARGV: 1 owner, 2 ttl ms. Returns 1 when held.
const leaseScript = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0
`

// releaseScript deletes a lease the owner holds.
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

// Lease takes or keeps shards for owner, in one round trip.
func (st *Store) Lease(ctx context.Context, owner string, shards []int, ttl time.Duration) ([]bool, error) {
	cmds := make([]*redis.Cmd, len(shards))
	_, err := st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, sh := range shards {
			cmds[i] = p.Eval(ctx, leaseScript, []string{st.outboxKey(sh, "own")}, owner, ttl.Milliseconds())
		}
		return nil
	})
	if err != nil {
		return nil, unavailable("outbox lease", err)
	}
	out := make([]bool, len(shards))
	for i, c := range cmds {
		n, _ := c.Int64()
		out[i] = n == 1
	}
	return out, nil
}

// Release gives up owner's leases, in one round trip.
func (st *Store) Release(ctx context.Context, owner string, shards []int) error {
	_, err := st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, sh := range shards {
			p.Eval(ctx, releaseScript, []string{st.outboxKey(sh, "own")}, owner)
		}
		return nil
	})
	if err != nil {
		return unavailable("outbox release", err)
	}
	return nil
}

// pendingScript reads a page after a cursor and, when the page is not full,
// the stream's last id, atomically: every entry up to that id was returned
// or already deleted, so the reader's cursor may move past it.
// KEYS: 1 stream. ARGV: 1 start ('-' or '(<id>'), 2 count.
var pendingScript = redis.NewScript(`
local r = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
local last = ''
if #r < tonumber(ARGV[2]) and redis.call('EXISTS', KEYS[1]) == 1 then
  local info = redis.call('XINFO', 'STREAM', KEYS[1])
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then last = info[i + 1] end
  end
end
return {r, last}
`)

// Pending returns up to n entries of each shard after its cursor, in one
// round trip.
func (st *Store) Pending(ctx context.Context, cursors map[int]string, n int) (map[int]investbot.OutboxPage, error) {
	shards := make([]int, 0, len(cursors))
	cmds := make([]*redis.Cmd, 0, len(cursors))
	read := func() error {
		shards, cmds = shards[:0], cmds[:0]
		_, err := st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
			for sh, after := range cursors {
				start := "-"
				if after != "" {
					start = "(" + after
				}
				shards = append(shards, sh)
				// By its hash: the script is not sent (and hashed by Redis)
				// at every poll of every shard.
				cmds = append(cmds, pendingScript.EvalSha(ctx, p, []string{st.outboxKey(sh, "q")}, start, n))
			}
			return nil
		})
		return err
	}
	err := read()
	if err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") {
		if err = pendingScript.Load(ctx, st.client).Err(); err == nil {
			err = read()
		}
	}
	if err != nil {
		return nil, unavailable("outbox pending", err)
	}
	out := make(map[int]investbot.OutboxPage, len(shards))
	for i, sh := range shards {
		page, err := decodePage(sh, cmds[i].Val())
		if err != nil {
			return nil, fmt.Errorf("redisstore: outbox shard %d: %w", sh, err)
		}
		page.Next = maxID(cursors[sh], page.Next)
		if len(page.Entries) > 0 {
			page.Next = maxID(page.Next, page.Entries[len(page.Entries)-1].ID)
		}
		out[sh] = page
	}
	return out, nil
}

func maxID(a, b string) string {
	if investbot.CompareOutboxIDs(a, b) >= 0 {
		return a
	}
	return b
}

// decodePage reads the script's {entries, last id}. An entry whose
// fields cannot be read is returned with what could be read: the adapter
// gives it up with a log line, and it is not stuck forever.
func decodePage(shard int, v any) (investbot.OutboxPage, error) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		return investbot.OutboxPage{}, fmt.Errorf("unexpected reply %T", v)
	}
	var page investbot.OutboxPage
	page.Next, _ = arr[1].(string)
	rows, _ := arr[0].([]any)
	for _, r := range rows {
		row, ok := r.([]any)
		if !ok || len(row) != 2 {
			continue
		}
		e := investbot.OutboxEntry{Shard: shard}
		e.ID, _ = row[0].(string)
		fields, _ := row[1].([]any)
		for j := 0; j+1 < len(fields); j += 2 {
			k, _ := fields[j].(string)
			val, _ := fields[j+1].(string)
			switch k {
			case "c":
				e.ChatID, _ = strconv.ParseInt(val, 10, 64)
			case "u":
				e.UpdateID, _ = strconv.ParseInt(val, 10, 64)
			case "e":
				ms, _ := strconv.ParseInt(val, 10, 64)
				e.Expires = time.UnixMilli(ms)
			case "p":
				e.Payload = []byte(val)
			}
		}
		page.Entries = append(page.Entries, e)
	}
	return page, nil
}

// Ack deletes sent entries, in one round trip.
func (st *Store) Ack(ctx context.Context, entries []investbot.OutboxEntry) error {
	if len(entries) == 0 {
		return nil
	}
	_, err := st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		st.xdel(ctx, p, entries)
		return nil
	})
	if err != nil {
		return unavailable(fmt.Sprintf("outbox ack %d entries", len(entries)), err)
	}
	return nil
}

// xdel queues the deletion of entries, one XDEL per shard.
func (st *Store) xdel(ctx context.Context, p redis.Cmdable, entries []investbot.OutboxEntry) []redis.Cmder {
	if len(entries) == 0 {
		return nil
	}
	byShard := map[int][]string{}
	for _, e := range entries {
		byShard[e.Shard] = append(byShard[e.Shard], e.ID)
	}
	cmds := make([]redis.Cmder, 0, len(byShard))
	for sh, ids := range byShard {
		cmds = append(cmds, p.XDel(ctx, st.outboxKey(sh, "q"), ids...))
	}
	return cmds
}
