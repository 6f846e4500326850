package investbot

import (
	"context"
	"time"
)

// Admission is the admission policy of a session store: how long updates
// and sessions are remembered and how many messages a user may send. Both
// backends take it; a zero field means the default (DedupTTL, InProgressTTL,
// FloodLimit, FloodWindow, IdleTTL).
type Admission struct {
	// DedupTTL is how long an answered update id is remembered.
	DedupTTL time.Duration
	// InProgressTTL is how long an admitted update that was never marked
	// Done blocks its redelivery: longer than any handling takes.
	InProgressTTL time.Duration
	// FloodLimit is the number of messages a user may send per FloodWindow;
	// a negative value disables the limit.
	FloodLimit  int
	FloodWindow time.Duration
	// SlidingWindow selects a sliding window (the last FloodWindow before
	// each message) instead of a fixed one that starts at the user's first
	// message.
	SlidingWindow bool
	// IdleTTL is how long a session lives after its last Save or Begin.
	IdleTTL time.Duration
}

// WithDefaults returns a with every zero field set to its default.
func (a Admission) WithDefaults() Admission {
	if a.DedupTTL <= 0 {
		a.DedupTTL = DedupTTL
	}
	if a.InProgressTTL <= 0 {
		a.InProgressTTL = InProgressTTL
	}
	if a.FloodLimit == 0 {
		a.FloodLimit = FloodLimit
	}
	if a.FloodWindow <= 0 {
		a.FloodWindow = FloodWindow
	}
	if a.IdleTTL <= 0 {
		a.IdleTTL = IdleTTL
	}
	return a
}

// LLMQuota limits how many model calls one user may cause per day. The
// limit itself belongs to the implementation (Backend.LLMQuota is given
// it), so the interface stays one method that Redis implements with INCR
// and EXPIRE.
type LLMQuota interface {
	// Take uses one call of userID's allowance for day (YYYY-MM-DD in the
	// province's time zone) and reports whether the allowance was not yet
	// used up. On error the fallback does not call the model.
	Take(ctx context.Context, userID int64, day string) (bool, error)
}

// AnswerCache remembers the LLM fallback's generated answers, so that the
// same question on the same knowledge-base version in the same language
// costs one model call. The store keeps each value as it is; the fallback
// encodes and decodes it.
type AnswerCache interface {
	// Get returns the value cached under key and whether there was one.
	Get(ctx context.Context, key string) ([]byte, bool, error)
	// Set stores v under key for ttl.
	Set(ctx context.Context, key string, v []byte, ttl time.Duration) error
}

// Members counts the live members of a group, across replicas: replicas
// share limits that are per bot, not per process (Telegram's 30 messages a
// second), by dividing them by the count.
type Members interface {
	// Heartbeat records that member of group is alive and returns how many
	// members beat within ttl. A member that stops beating drops out after
	// ttl.
	Heartbeat(ctx context.Context, group, member string, ttl time.Duration) (int, error)
	// Leave removes member from group at once (a clean shutdown).
	Leave(ctx context.Context, group, member string) error
}

// Oncer lets periodic jobs (the weekly stale-entries post) run once across
// replicas.
type Oncer interface {
	// Once reports true to exactly one caller per name until ttl passes.
	Once(ctx context.Context, name string, ttl time.Duration) (bool, error)
}

// Claimer binds a key to one owner for a while, across replicas: the Mini
// App binds each Telegram initData to the first client that presents it.
type Claimer interface {
	// Claim reports true when key was free or is already owner's, false
	// when another owner holds it.
	Claim(ctx context.Context, key, owner string, ttl time.Duration) (bool, error)
}

// Durability is what a backend's data survives, for the operator.
type Durability struct {
	// Summary is a one-line description for /readyz ("aof"); empty when
	// the backend keeps nothing across restarts by design (memory).
	Summary string
	// Warning is what to tell the operator; empty when all is well.
	Warning string
}

// Backend is one storage technology: every store the bot keeps, sharing
// one connection. memstore (one process) and redisstore (every replica)
// implement it, and the storetest suite holds both to the same contract.
type Backend interface {
	SessionStore
	LeadStore
	Outbox
	Members
	Oncer
	Claimer
	// Tickets returns the handoff tickets.
	Tickets() TicketStore
	// Admin returns what the admin tools keep.
	Admin() AdminStore
	// LLMQuota returns a quota of limit calls per user per day; every
	// quota of one backend counts in the same place.
	LLMQuota(limit int) LLMQuota
	// LLMCache returns the answer cache.
	LLMCache() AnswerCache
	// Ping checks that the backend answers, for health checks.
	Ping(ctx context.Context) error
	// Durability reads what the backend's data survives.
	Durability(ctx context.Context) (Durability, error)
	// Close releases the connection.
	Close() error
}
