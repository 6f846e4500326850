package redisstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

func (st *Store) leadsKey(suffix string) string { return st.opts.Prefix + "{leads}:" + suffix }

// deleteLeadsScript removes the given lead ids from the lead hash and order
// list. KEYS: 1 hash, 2 order list. ARGV: lead ids.
var deleteLeadsScript = redis.NewScript(`
for _, id in ipairs(ARGV) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('LREM', KEYS[2], 0, id)
end
return #ARGV
`)

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
