package memstore

import (
	"context"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// Members is the in-memory investbot.Members: the groups of this process,
// where the only replica is this one, so limits shared by the count stay
// whole.
type Members struct {
	now func() time.Time

	mu     sync.Mutex
	groups map[string]map[string]time.Time // group → member → last beat
}

var _ investbot.Members = (*Members)(nil)

// NewMembers returns empty groups on clock now (nil: time.Now).
func NewMembers(now func() time.Time) *Members {
	if now == nil {
		now = time.Now
	}
	return &Members{now: now, groups: map[string]map[string]time.Time{}}
}

// Heartbeat records that member of group is alive and returns how many
// members beat within ttl; it never fails.
func (m *Members) Heartbeat(ctx context.Context, group, member string, ttl time.Duration) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	now := m.now()
	m.mu.Lock()
	defer m.mu.Unlock()
	g := m.groups[group]
	if g == nil {
		g = map[string]time.Time{}
		m.groups[group] = g
	}
	g[member] = now
	for k, at := range g {
		if !now.Before(at.Add(ttl)) {
			delete(g, k)
		}
	}
	return len(g), nil
}

// Leave removes member from group at once.
func (m *Members) Leave(ctx context.Context, group, member string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.groups[group], member)
	return nil
}

// Heartbeat implements investbot.Members for this process.
func (st *Store) Heartbeat(ctx context.Context, group, member string, ttl time.Duration) (int, error) {
	return st.members.Heartbeat(ctx, group, member, ttl)
}

// Leave implements investbot.Members for this process.
func (st *Store) Leave(ctx context.Context, group, member string) error {
	return st.members.Leave(ctx, group, member)
}
