package memstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"maps"

	"github.com/thanhhoa/investbot"
)

// AddLead keeps a copy of l. A lead without an ID gets a random one; adding
// an ID that is already kept replaces nothing and is not an error.
func (st *Store) AddLead(ctx context.Context, l investbot.Lead) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.ID == "" {
		l.ID = NewLeadID()
	}
	l.Fields = maps.Clone(l.Fields)
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, k := range st.leads {
		if k.ID == l.ID {
			return nil
		}
	}
	st.leads = append(st.leads, l)
	return nil
}

// Leads returns copies of every lead in the order they were added.
func (st *Store) Leads(ctx context.Context) ([]investbot.Lead, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]investbot.Lead, len(st.leads))
	for i, l := range st.leads {
		l.Fields = maps.Clone(l.Fields)
		out[i] = l
	}
	return out, nil
}

// NewLeadID returns a random 16-hex-digit lead id.
func NewLeadID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
