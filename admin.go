package investbot

// What the admin tools keep: published knowledge-base versions, pending
// confirmations, drafts written by staff, usage counters and the
// unanswered-questions log, the audit log and the announcement
// subscribers. The kbadmin package computes on top of AdminStore; memstore
// and redisstore implement it.

import (
	"context"
	"errors"
	"time"
)

// KBVersion is one published knowledge base.
type KBVersion struct {
	N       int       `json:"n"`
	By      int64     `json:"by"`
	At      time.Time `json:"at"`
	Summary string    `json:"summary"`
	// Files and Bytes describe the stored YAML files (uncompressed).
	Files int `json:"files"`
	Bytes int `json:"bytes"`
}

// KBVersionStore keeps published knowledge-base versions. Version numbers
// start at 1 and only grow; 0 means "nothing published yet" (the bundled
// knowledge base is live).
type KBVersionStore interface {
	// Publish stores files as the next version and makes it current; every
	// Watch sees the new number.
	Publish(ctx context.Context, files map[string][]byte, by int64, summary string) (KBVersion, error)
	// Versions returns the history, newest first.
	Versions(ctx context.Context) ([]KBVersion, error)
	// Files returns version n's files; an error wrapping
	// ErrNotFound for an unknown n.
	Files(ctx context.Context, n int) (map[string][]byte, error)
	// Current returns the current version number, 0 when none.
	Current(ctx context.Context) (int, error)
	// Rollback publishes version n's files again as a new version.
	Rollback(ctx context.Context, n int, by int64) (KBVersion, error)
	// Watch calls fn with the current version number when it starts and
	// whenever it changes, until ctx ends. It returns ctx.Err() then, and
	// keeps going through store outages (they delay, never stop, it).
	Watch(ctx context.Context, fn func(n int)) error
}

// PendingKind tells what an admin is asked to confirm.
type PendingKind string

// The pending confirmations.
const (
	PendingUpload    PendingKind = "upload"
	PendingBroadcast PendingKind = "broadcast"
)

// PendingTTL is how long an unconfirmed upload or broadcast waits.
const PendingTTL = time.Hour

// Pending is an action an admin started and has not yet confirmed.
type Pending struct {
	Kind PendingKind `json:"kind"`
	// Files is the candidate knowledge base of an upload; Summary describes
	// it for the version history.
	Files   map[string][]byte `json:"files,omitempty"`
	Summary string            `json:"summary,omitempty"`
	// Text is the announcement of a broadcast.
	Text string    `json:"text,omitempty"`
	At   time.Time `json:"at"`
}

// PendingStore keeps one pending action of each kind per admin, for
// PendingTTL.
type PendingStore interface {
	SetPending(ctx context.Context, adminID int64, p Pending) error
	// TakePending returns and removes the admin's pending action of kind;
	// an error wrapping ErrNotFound when there is none (never
	// started, cancelled, already confirmed or expired).
	TakePending(ctx context.Context, adminID int64, kind PendingKind) (Pending, error)
}

// DraftStatus is where a draft stands.
type DraftStatus string

// The draft statuses.
const (
	DraftOpen     DraftStatus = "open"
	DraftApproved DraftStatus = "approved"
	DraftRejected DraftStatus = "rejected"
)

// Draft is a candidate entry written from a staff answer to an investor:
// one question and one answer in one language, to be completed by an admin.
type Draft struct {
	ID       string      `json:"id"` // "D7", assigned by the store
	Question string      `json:"question"`
	Answer   string      `json:"answer"`
	Lang     Lang        `json:"lang"`
	TicketID string      `json:"ticket_id,omitempty"`
	By       int64       `json:"by"`
	At       time.Time   `json:"at"`
	Status   DraftStatus `json:"status"`
	// ResolvedBy and ResolvedAt are set by ResolveDraft.
	ResolvedBy int64     `json:"resolved_by,omitempty"`
	ResolvedAt time.Time `json:"resolved_at,omitempty"`
}

// ErrResolved is returned by ResolveDraft for a draft already approved or
// rejected.
var ErrResolved = errors.New("draft already resolved")

// DraftStore keeps drafts without expiry.
type DraftStore interface {
	// AddDraft stores d as open under a new id and returns it.
	AddDraft(ctx context.Context, d Draft) (Draft, error)
	// Drafts lists the open drafts, oldest first.
	Drafts(ctx context.Context) ([]Draft, error)
	// Draft returns one draft; an error wrapping ErrNotFound for
	// an unknown id.
	Draft(ctx context.Context, id string) (Draft, error)
	// ResolveDraft marks an open draft approved or rejected and returns it;
	// ErrNotFound for an unknown id, ErrResolved when already resolved.
	ResolveDraft(ctx context.Context, id string, status DraftStatus, by int64) (Draft, error)
	// DeleteDrafts deletes every draft, open or resolved, made from one of
	// the tickets (the investor asked for their data to be deleted) and
	// returns how many there were.
	DeleteDrafts(ctx context.Context, ticketIDs []string) (int, error)
}

// Asked is one question an investor typed. Who asked is kept only as
// UserTag, a keyed hash of their user id (internal/pseudo), so that
// /forgetme can remove their questions; it is never shown.
type Asked struct {
	UserTag    string
	Text       string
	Lang       Lang
	At         time.Time
	Answered   bool
	Intent     string
	Confidence float64
}

// Counter names an event counted per day besides questions.
type Counter string

// The counted events.
const (
	CountHandoffOpened Counter = "handoff_opened"
	CountHandoffClosed Counter = "handoff_closed"
	CountLead          Counter = "lead"
)

// UsageDay is the counters of one day (Vietnam time).
type UsageDay struct {
	Date     string         `json:"date"` // "2006-01-02"
	Messages int            `json:"messages"`
	Answered int            `json:"answered"`
	Langs    map[string]int `json:"langs,omitempty"`
	Intents  map[string]int `json:"intents,omitempty"`
	// HandoffsOpened, HandoffsClosed and Leads are the Counter events.
	HandoffsOpened int `json:"handoffs_opened"`
	HandoffsClosed int `json:"handoffs_closed"`
	Leads          int `json:"leads"`
}

// InsightStore keeps per-day usage counters and the log of questions the
// bot could not answer confidently. Nothing in it identifies a user but a
// question's UserTag, which is useless without the bot's key.
type InsightStore interface {
	// RecordQuestion counts q in its day and, when it was not answered or
	// only with low confidence, keeps its text (the last MaxLogged).
	RecordQuestion(ctx context.Context, q Asked) error
	// Count adds one to counter c on the day of at.
	Count(ctx context.Context, at time.Time, c Counter) error
	// DayStats returns the counters of the days from first to last
	// (inclusive, dates in Vietnam time), one element per day.
	DayStats(ctx context.Context, first, last time.Time) ([]UsageDay, error)
	// Questions returns the logged questions asked at or after since,
	// newest first.
	Questions(ctx context.Context, since time.Time) ([]Asked, error)
	// ForgetQuestions removes the logged questions of the user with
	// userTag and returns how many there were.
	ForgetQuestions(ctx context.Context, userTag string) (int, error)
}

// AuditEvent is one line of the audit log.
type AuditEvent struct {
	At     time.Time `json:"at"`
	By     int64     `json:"by"`
	Action string    `json:"action"`
	Detail string    `json:"detail,omitempty"`
}

// AuditStore keeps an append-only log of admin actions (the last
// MaxAudit).
type AuditStore interface {
	Audit(ctx context.Context, e AuditEvent) error
	// AuditLog returns the last n events, newest first.
	AuditLog(ctx context.Context, n int) ([]AuditEvent, error)
}

// Subscriber is a user who asked for announcements.
type Subscriber struct {
	UserID int64
	Lang   Lang
}

// SubscriberStore keeps the announcement subscribers.
type SubscriberStore interface {
	Subscribe(ctx context.Context, userID int64, lang Lang) error
	Unsubscribe(ctx context.Context, userID int64) error
	// Subscribers lists every subscriber, by user id.
	Subscribers(ctx context.Context) ([]Subscriber, error)
}

// AdminStore is everything the admin tools keep.
type AdminStore interface {
	KBVersionStore
	PendingStore
	DraftStore
	InsightStore
	AuditStore
	SubscriberStore
}

// Limits of the kept logs.
const (
	// MaxLogged is how many unanswered question texts are kept.
	MaxLogged = 5000
	// MaxAudit is how many audit events are kept.
	MaxAudit = 10000
	// DayTTL is how long per-day counters are kept.
	DayTTL = 400 * 24 * time.Hour
	// LowConfidence is the confidence under which an answered question is
	// still logged for review.
	LowConfidence = 0.5
	// MaxLoggedRunes bounds a logged question.
	MaxLoggedRunes = 500
	// MaxStatsDays bounds a statistics period.
	MaxStatsDays = 366
)

// DayOf returns the Vietnam date of t as "2006-01-02": the day usage is
// counted in.
func DayOf(t time.Time) string { return t.In(VietnamTime).Format(time.DateOnly) }

// Logged reports whether q's text is kept for the unanswered list.
func (q Asked) Logged() bool { return !q.Answered || q.Confidence < LowConfidence }
