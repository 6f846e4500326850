package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// Tickets is the Redis investbot.TicketStore. Tickets have no expiry: a
// handoff must survive restarts until staff close it. Every key carries the
// {tickets} hash tag so that the store also works on Redis Cluster:
//
//	P{tickets}:seq       ticket counter
//	P{tickets}:t:<id>    ticket JSON (erased tickets keep id, status, times)
//	P{tickets}:open      sorted set of open ticket ids by opening time
//	P{tickets}:r:<id>    "reminded" marker
//	P{tickets}:m         hash "<chat>:<message>" → ticket id: the bot's
//	                     messages in the staff group, so a reply is tied to
//	                     its ticket by message id, never by text
type Tickets struct {
	st *Store
}

var _ investbot.TicketStore = (*Tickets)(nil)

// Tickets returns the ticket store sharing st's connection.
func (st *Store) Tickets() investbot.TicketStore { return &Tickets{st: st} }

func (t *Tickets) key(suffix string) string { return t.st.opts.Prefix + "{tickets}:" + suffix }

// OpenTicket stores tk under a new id ("T" and a counter).
func (t *Tickets) OpenTicket(ctx context.Context, tk investbot.Ticket) (investbot.Ticket, error) {
	n, err := t.st.client.Incr(ctx, t.key("seq")).Result()
	if err != nil {
		return investbot.Ticket{}, unavailable("open ticket", err)
	}
	tk.ID = "T" + strconv.FormatInt(n, 10)
	tk.Status = investbot.TicketOpen
	b, err := json.Marshal(tk)
	if err != nil {
		return investbot.Ticket{}, fmt.Errorf("redisstore: encode ticket: %w", err)
	}
	_, err = t.st.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, t.key("t:"+tk.ID), b, 0)
		p.ZAdd(ctx, t.key("open"), redis.Z{Score: float64(tk.OpenedAt.UnixMilli()), Member: tk.ID})
		return nil
	})
	if err != nil {
		return investbot.Ticket{}, unavailable("open ticket", err)
	}
	return tk, nil
}

// Ticket returns the ticket with id.
func (t *Tickets) Ticket(ctx context.Context, id string) (investbot.Ticket, error) {
	b, err := t.st.client.Get(ctx, t.key("t:"+id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return investbot.Ticket{}, fmt.Errorf("redisstore: ticket %s: %w", id, investbot.ErrNotFound)
	}
	if err != nil {
		return investbot.Ticket{}, unavailable("ticket", err)
	}
	var tk investbot.Ticket
	if err := json.Unmarshal(b, &tk); err != nil {
		return investbot.Ticket{}, fmt.Errorf("redisstore: decode ticket %s: %w", id, err)
	}
	return tk, nil
}

// UpdateTicket replaces a ticket and keeps the open index in step with its
// status, in one round trip. An erased ticket is never written back (a
// staff reply racing /forgetme must not restore what it deleted).
func (t *Tickets) UpdateTicket(ctx context.Context, tk investbot.Ticket) error {
	b, err := json.Marshal(tk)
	if err != nil {
		return fmt.Errorf("redisstore: encode ticket: %w", err)
	}
	open := "0"
	if tk.Status == investbot.TicketOpen {
		open = "1"
	}
	n, err := updateTicketScript.Run(ctx, t.st.client, []string{t.key("t:" + tk.ID), t.key("open")},
		b, tk.ID, open, tk.OpenedAt.UnixMilli()).Int()
	if err != nil {
		return unavailable("update ticket", err)
	}
	switch n {
	case 0:
		return fmt.Errorf("redisstore: update ticket %s: %w", tk.ID, investbot.ErrNotFound)
	case -1:
		return fmt.Errorf("redisstore: update ticket %s: erased at the investor's request: %w", tk.ID, investbot.ErrNotFound)
	}
	return nil
}

// OpenTickets lists open tickets, oldest first.
func (t *Tickets) OpenTickets(ctx context.Context) ([]investbot.Ticket, error) {
	ids, err := t.st.client.ZRange(ctx, t.key("open"), 0, -1).Result()
	if err != nil {
		return nil, unavailable("open tickets", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = t.key("t:" + id)
	}
	vals, err := t.st.client.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, unavailable("open tickets", err)
	}
	out := make([]investbot.Ticket, 0, len(vals))
	for _, v := range vals {
		s, ok := v.(string)
		if !ok {
			continue
		}
		var tk investbot.Ticket
		if json.Unmarshal([]byte(s), &tk) == nil && tk.Status == investbot.TicketOpen {
			out = append(out, tk)
		}
	}
	return out, nil
}

// ClaimReminder sets a marker once; only the replica that set it reminds.
func (t *Tickets) ClaimReminder(ctx context.Context, id string) (bool, error) {
	ok, err := t.st.client.SetNX(ctx, t.key("r:"+id), 1, 0).Result()
	if err != nil {
		return false, unavailable("claim reminder", err)
	}
	return ok, nil
}

func msgField(chatID int64, messageID int) string {
	return strconv.FormatInt(chatID, 10) + ":" + strconv.Itoa(messageID)
}

// BindMessage ties the bot's message to ticket id.
func (t *Tickets) BindMessage(ctx context.Context, chatID int64, messageID int, id string) error {
	if err := t.st.client.HSet(ctx, t.key("m"), msgField(chatID, messageID), id).Err(); err != nil {
		return unavailable("bind message", err)
	}
	return nil
}

// TicketByMessage returns the ticket a bot message is bound to.
func (t *Tickets) TicketByMessage(ctx context.Context, chatID int64, messageID int) (string, error) {
	id, err := t.st.client.HGet(ctx, t.key("m"), msgField(chatID, messageID)).Result()
	if errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("redisstore: message %d in chat %d: %w", messageID, chatID, investbot.ErrNotFound)
	}
	if err != nil {
		return "", unavailable("ticket by message", err)
	}
	return id, nil
}

// EraseUser finds the user's tickets by reading every ticket (SCAN and
// MGET in batches): /forgetme is rare, and reading them all also finds
// tickets no index could have missed. Each is then replaced by its erased
// form, unless it changed meanwhile.
func (t *Tickets) EraseUser(ctx context.Context, userID int64, at time.Time) ([]investbot.Ticket, error) {
	var out []investbot.Ticket
	err := t.st.scan(ctx, globEscape(t.key("t:"))+"*", func(keys []string) error {
		vals, err := t.st.client.MGet(ctx, keys...).Result()
		if err != nil {
			return err
		}
		for i, v := range vals {
			s, ok := v.(string)
			if !ok {
				continue
			}
			var tk investbot.Ticket
			if json.Unmarshal([]byte(s), &tk) != nil || tk.UserID != userID || tk.Erased {
				continue
			}
			b, err := json.Marshal(tk.Erase(at))
			if err != nil {
				return fmt.Errorf("encode ticket: %w", err)
			}
			_, err = t.st.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, keys[i], b, redis.KeepTTL)
				p.ZRem(ctx, t.key("open"), tk.ID)
				return nil
			})
			if err != nil {
				return err
			}
			out = append(out, tk)
		}
		return nil
	})
	if err != nil {
		return nil, unavailable("erase tickets", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OpenedAt.Before(out[j].OpenedAt) })
	return out, nil
}

// updateTicketScript replaces a ticket unless it is missing or erased, and
// keeps the open index in step. KEYS: 1 ticket, 2 open set. ARGV: 1 JSON,
// 2 id, 3 "1" when open, 4 opening time in ms. Returns 1, 0 when missing,
// -1 when erased.
var updateTicketScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
local ok, t = pcall(cjson.decode, cur)
if ok and type(t) == 'table' and t['erased'] == true then return -1 end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
else
  redis.call('ZREM', KEYS[2], ARGV[2])
end
return 1
`)
