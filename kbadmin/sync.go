package kbadmin

import (
	"context"
	"log/slog"
	"sync"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// Syncer keeps a *knowledge.Live on the current published version: it
// loads the version's files with base.Parse and swaps the whole
// knowledge base at once, so a message is answered wholly by the old or
// wholly by the new one. While nothing is published the knowledge base
// the Live was created with (the bundled one) stays in force. A stored
// version that does not load is logged and never replaces the live one.
type Syncer struct {
	store investbot.KBVersionStore
	live  *knowledge.Live
	log   *slog.Logger

	mu     sync.Mutex
	loaded int          // version in force, 0 for the initial knowledge base
	bad    map[int]bool // versions that failed to load, logged once
}

// NewSyncer returns a Syncer that keeps live on store's current version.
// log may be nil.
func NewSyncer(store investbot.KBVersionStore, live *knowledge.Live, log *slog.Logger) *Syncer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Syncer{store: store, live: live, log: log, bad: map[int]bool{}}
}

// Run loads the current version, then follows every change until ctx
// ends; it returns nil then. Store outages are retried by Watch.
func (s *Syncer) Run(ctx context.Context) error {
	err := s.store.Watch(ctx, func(n int) { s.Sync(ctx, n) })
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// Loaded returns the version in force, 0 while the initial one is.
func (s *Syncer) Loaded() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loaded
}

// Sync loads version n and makes it live, unless it already is, is 0
// (nothing published), or does not load. It reports whether the live
// knowledge base was swapped.
func (s *Syncer) Sync(ctx context.Context, n int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 || n == s.loaded || s.bad[n] {
		return false
	}
	files, err := s.store.Files(ctx, n)
	if err != nil {
		// Transient (Redis down): the next notification or poll retries.
		s.log.Warn("knowledge base version not loaded; keeping the live one", "version", n, "err", err)
		return false
	}
	kb, err := knowledge.Load(base.Parse(files))
	if err != nil {
		s.bad[n] = true
		s.log.Error("stored knowledge base version is invalid; keeping the live one", "version", n, "live", s.loaded, "err", err)
		return false
	}
	s.live.Swap(kb)
	s.log.Info("knowledge base switched", "version", n, "previous", s.loaded, "entries", kb.Len(), "hash", kb.Version())
	s.loaded = n
	return true
}
