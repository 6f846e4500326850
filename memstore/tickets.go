package memstore

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// Tickets is an in-memory investbot.TicketStore.
type Tickets struct {
	mu       sync.Mutex
	seq      int
	tickets  map[string]investbot.Ticket
	reminded map[string]bool
	bound    map[msgRef]string // the bot's staff-group messages → ticket id
}

type msgRef struct {
	chat int64
	msg  int
}

var _ investbot.TicketStore = (*Tickets)(nil)

// NewTickets returns an empty ticket store.
func NewTickets() *Tickets {
	return &Tickets{tickets: map[string]investbot.Ticket{}, reminded: map[string]bool{}, bound: map[msgRef]string{}}
}

// OpenTicket stores t under a new id.
func (s *Tickets) OpenTicket(ctx context.Context, t investbot.Ticket) (investbot.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Ticket{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	t.ID = fmt.Sprintf("T%d", s.seq)
	t.Status = investbot.TicketOpen
	s.tickets[t.ID] = cloneTicket(t)
	return t, nil
}

// Ticket returns the ticket with id, or an error wrapping ErrNotFound.
func (s *Tickets) Ticket(ctx context.Context, id string) (investbot.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Ticket{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tickets[id]
	if !ok {
		return investbot.Ticket{}, fmt.Errorf("memstore: ticket %s: %w", id, investbot.ErrNotFound)
	}
	return cloneTicket(t), nil
}

// UpdateTicket replaces a stored ticket.
func (s *Tickets) UpdateTicket(ctx context.Context, t investbot.Ticket) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.tickets[t.ID]
	if !ok {
		return fmt.Errorf("memstore: update ticket %s: %w", t.ID, investbot.ErrNotFound)
	}
	if cur.Erased {
		// A staff reply racing /forgetme must not restore what it deleted.
		return fmt.Errorf("memstore: update ticket %s: erased at the investor's request: %w", t.ID, investbot.ErrNotFound)
	}
	s.tickets[t.ID] = cloneTicket(t)
	return nil
}

// OpenTickets lists open tickets, oldest first.
func (s *Tickets) OpenTickets(ctx context.Context) ([]investbot.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []investbot.Ticket
	for _, t := range s.tickets {
		if t.Status == investbot.TicketOpen {
			out = append(out, cloneTicket(t))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OpenedAt.Before(out[j].OpenedAt) })
	return out, nil
}

// ClaimReminder reports true the first time it is called for id.
func (s *Tickets) ClaimReminder(ctx context.Context, id string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reminded[id] {
		return false, nil
	}
	s.reminded[id] = true
	return true, nil
}

// BindMessage ties the bot's message to ticket id.
func (s *Tickets) BindMessage(ctx context.Context, chatID int64, messageID int, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bound[msgRef{chatID, messageID}] = id
	return nil
}

// TicketByMessage returns the ticket a bot message is bound to.
func (s *Tickets) TicketByMessage(ctx context.Context, chatID int64, messageID int) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.bound[msgRef{chatID, messageID}]
	if !ok {
		return "", fmt.Errorf("memstore: message %d in chat %d: %w", messageID, chatID, investbot.ErrNotFound)
	}
	return id, nil
}

// EraseUser erases every ticket of userID and returns them as they were.
func (s *Tickets) EraseUser(ctx context.Context, userID int64, at time.Time) ([]investbot.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []investbot.Ticket
	for id, t := range s.tickets {
		if t.UserID != userID || t.Erased {
			continue
		}
		out = append(out, cloneTicket(t))
		s.tickets[id] = t.Erase(at)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OpenedAt.Before(out[j].OpenedAt) })
	return out, nil
}

func cloneTicket(t investbot.Ticket) investbot.Ticket {
	t.Transcript = append([]investbot.Exchange(nil), t.Transcript...)
	return t
}

// Tickets returns the store's handoff tickets.
func (st *Store) Tickets() investbot.TicketStore { return st.tickets }
