package knowledge

import "sync/atomic"

// Live holds the knowledge-base version in force. Readers take one version
// per message with Current; a publish swaps the whole version at once, so a
// message is answered wholly by the old or wholly by the new knowledge base.
type Live struct {
	p atomic.Pointer[KB]
}

// NewLive returns a Live serving kb.
func NewLive(kb *KB) *Live {
	l := &Live{}
	l.p.Store(kb)
	return l
}

// Current returns the version in force.
func (l *Live) Current() *KB { return l.p.Load() }

// Swap makes kb the version in force and returns the previous one.
func (l *Live) Swap(kb *KB) *KB { return l.p.Swap(kb) }
