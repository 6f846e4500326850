package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// Tickets is the Redis investbot.TicketStore. Tickets have no expiry: a
// handoff must survive restarts until staff close it. Every key carries the
// {tickets} hash tag so that the store also works on Redis Cluster.
type Tickets struct {
	st *Store
}

var _ investbot.TicketStore = (*Tickets)(nil)

// Tickets returns the ticket store sharing st's connection.
func (st *Store) Tickets() *Tickets { return &Tickets{st: st} }

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
// status.
func (t *Tickets) UpdateTicket(ctx context.Context, tk investbot.Ticket) error {
	b, err := json.Marshal(tk)
	if err != nil {
		return fmt.Errorf("redisstore: encode ticket: %w", err)
	}
	res, err := t.st.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.SetXX(ctx, t.key("t:"+tk.ID), b, redis.KeepTTL)
		if tk.Status == investbot.TicketOpen {
			p.ZAdd(ctx, t.key("open"), redis.Z{Score: float64(tk.OpenedAt.UnixMilli()), Member: tk.ID})
		} else {
			p.ZRem(ctx, t.key("open"), tk.ID)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return unavailable("update ticket", err)
	}
	if ok, _ := res[0].(*redis.BoolCmd).Result(); !ok {
		return fmt.Errorf("redisstore: update ticket %s: %w", tk.ID, investbot.ErrNotFound)
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
