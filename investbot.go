// Package investbot holds the domain vocabulary shared by every part of the
// bot: languages, sessions, tickets and leads, and the narrow store
// interfaces that the Redis and in-memory implementations satisfy.
//
// Adapters (Telegram, Redis, OpenAI) depend on this package, never the other
// way round, so the handlers can be tested without any of them.
package investbot

import (
	"context"
	"errors"
	"time"
)

// Lang is a language the bot answers in: one of English, Vietnamese,
// Japanese or Korean.
type Lang string

// The languages the knowledge base is written in.
const (
	EN Lang = "en"
	VI Lang = "vi"
	JA Lang = "ja"
	KO Lang = "ko"
)

// Langs lists the languages the knowledge base is written in, in a stable
// order. The languages the bot's interface offers are those of the locale
// files (locales.Catalog.Langs), which include these.
var Langs = []Lang{EN, VI, JA, KO}

// Valid reports whether l is one of the knowledge base's languages (Langs).
func (l Lang) Valid() bool {
	switch l {
	case EN, VI, JA, KO:
		return true
	}
	return false
}

// ParseLang maps a Telegram language_code or a user's choice ("ja", "ja-JP",
// "vi_VN") to a supported language. It returns "" when none fits.
func ParseLang(code string) Lang {
	if len(code) < 2 {
		return ""
	}
	l := Lang(toLowerASCII(code[:2]))
	if l.Valid() {
		return l
	}
	return ""
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// The admission policy every session store applies by default; the stores
// and the configuration refer to these so that they cannot drift apart.
const (
	// DedupTTL is how long an answered update is remembered: Telegram keeps
	// undelivered updates for 24 hours.
	DedupTTL = 24 * time.Hour
	// InProgressTTL is the lease on an update being handled: the replica
	// handling it renews it every third of it (heartbeat), so a live
	// replica is never second-guessed however long the handling takes,
	// while an update left by a replica that died is handled again within
	// seconds.
	InProgressTTL = 10 * time.Second
	// FloodLimit messages per FloodWindow per user.
	FloodLimit  = 20
	FloodWindow = time.Minute
	// IdleTTL is how long an idle conversation is remembered.
	IdleTTL = 30 * 24 * time.Hour
)

// ErrUnavailable marks a store failure that is worth retrying later (Redis is
// down or timed out). Callers degrade instead of failing the conversation.
var ErrUnavailable = errors.New("store unavailable")

// Session is what the bot remembers about one user between messages. The
// zero value (with UserID set) is a new user.
type Session struct {
	UserID int64 `json:"u"`
	// Lang is the language the user chose with /language or a deep link;
	// empty means "detect from each message".
	Lang Lang `json:"l,omitempty"`
	// ReplyLang is the language of the user's latest message that was
	// clearly written in one, or of their latest /language choice if that
	// came later: button presses, commands and forms answer in it.
	ReplyLang Lang `json:"rl,omitempty"`
	// LastEntry is the id of the knowledge-base entry answered last, so that
	// "how big is it?" refers to it.
	LastEntry string    `json:"e,omitempty"`
	LastAt    time.Time `json:"t,omitempty"`
	// Misses counts unanswered questions in a row; two trigger a handoff offer.
	Misses int `json:"m,omitempty"`
	// Form is an open guided form (lead capture), nil when none.
	Form *Form `json:"f,omitempty"`
	// TicketID is the open handoff ticket, empty when none.
	TicketID string `json:"k,omitempty"`
	// Subscribed is true when the user asked for announcements.
	Subscribed bool `json:"s,omitempty"`
	// Recent are the last questions asked (at most MaxRecent), for the
	// transcript of a handoff ticket.
	Recent []Exchange `json:"r,omitempty"`
	// Frame is what the conversation is about, for follow-ups; nil before
	// the first answer.
	Frame *Frame `json:"x,omitempty"`
}

// Frame is the dialogue state after an answer: the entity talked about
// (the id of its main entry), the aspect asked (size, contact...), the
// entries shown (newest first, at most MaxShown), the reply language and
// the specific fact asked (share, area, head…, the names of the engine's
// cue files). A follow-up inherits what it leaves out ("how big is it?",
// "what about Sumitomo?", "and Korea's?" after Japan's share).
type Frame struct {
	Entity string   `json:"e,omitempty"`
	Aspect string   `json:"a,omitempty"`
	Shown  []string `json:"s,omitempty"`
	Lang   Lang     `json:"l,omitempty"`
	Fact   string   `json:"f,omitempty"`
}

// MaxShown bounds Frame.Shown, so that sessions stay small.
const MaxShown = 4

// Form is the state of a multi-step form such as lead capture.
type Form struct {
	Name   string            `json:"n"`
	Step   int               `json:"s"`
	Values map[string]string `json:"v,omitempty"`
}

// Gate is the outcome of admitting one incoming update: whether it was seen
// before, whether the user is over the flood limit, and their session.
type Gate struct {
	// Duplicate is true when this update was already answered; it must not
	// be answered again.
	Duplicate bool
	// InProgress is true when this update was admitted but not yet marked
	// Done: another replica is handling it, or died while handling it. The
	// caller asks for redelivery later (a webhook answers 503), so an update
	// is never lost to a replica that crashed mid-way; the mark expires after
	// the longest a handling can take.
	InProgress bool
	// Limited is true when the user is over the flood limit.
	Limited bool
	// NotifyLimit is true for the first limited message in a window, so that
	// the user gets one polite notice rather than one per message.
	NotifyLimit bool
	Session     Session
	// Speculative is true when the store answered from this replica's
	// cached session without a round trip and claimed nothing (see
	// Speculation): the update's admission is decided by its Commit.
	Speculative bool
}

// UpdateRef names an admitted update: its id and its user (the user keys
// the store's shard).
type UpdateRef struct {
	UpdateID, UserID int64
}

// SessionStore keeps sessions and admits updates. Begin does de-duplication,
// flood counting and the session read in one round trip; Save writes the
// session back; Done marks updates answered once their replies were sent
// (batched off the message path). They return an error wrapping
// ErrUnavailable when the backing store cannot be reached.
type SessionStore interface {
	Begin(ctx context.Context, updateID, userID int64) (Gate, error)
	Done(ctx context.Context, updates []UpdateRef) error
	Load(ctx context.Context, userID int64) (Session, error)
	Save(ctx context.Context, s Session) error
	// Delete removes the session and everything kept about the user
	// (leads, flood and de-duplication state, every key named after the
	// user), for /forgetme, and says what was there.
	Delete(ctx context.Context, userID int64) (Erased, error)
}

// Erased is what SessionStore.Delete removed, so that /forgetme can tell
// the user exactly what was deleted.
type Erased struct {
	// Session is true when a session (language, recent questions, an open
	// form) was kept.
	Session bool
	// Leads are the ids of the contact forms (leads) the user had left.
	Leads []string
}

// Lead is contact information an investor left, with consent.
type Lead struct {
	ID        string            `json:"id"`
	UserID    int64             `json:"user_id"`
	Lang      Lang              `json:"lang"`
	Fields    map[string]string `json:"fields"`
	ConsentAt time.Time         `json:"consent_at"`
	CreatedAt time.Time         `json:"created_at"`
}

// LeadStore keeps leads without expiry.
type LeadStore interface {
	AddLead(ctx context.Context, l Lead) error
	Leads(ctx context.Context) ([]Lead, error)
}

// Exchange is one question of the recent conversation, kept in the session
// so that a handoff ticket carries what the investor already asked.
type Exchange struct {
	Q      string    `json:"q"`
	Intent string    `json:"i,omitempty"`
	At     time.Time `json:"t"`
}

// MaxRecent bounds the exchanges kept in a session, so that sessions stay
// small.
const MaxRecent = 4

// TicketStatus is where a handoff ticket stands.
type TicketStatus string

// The ticket statuses.
const (
	TicketOpen   TicketStatus = "open"
	TicketClosed TicketStatus = "closed"
)

// Ticket is a handoff of an investor's conversation to the Japan Desk.
type Ticket struct {
	// ID is assigned by the store ("T12"); staff see it as #T12.
	ID       string       `json:"id"`
	UserID   int64        `json:"user_id"`
	ChatID   int64        `json:"chat_id"`
	UserName string       `json:"user_name,omitempty"`
	Lang     Lang         `json:"lang"`
	Status   TicketStatus `json:"status"`
	// Question is what the investor asked the desk; Transcript the recent
	// conversation before it.
	Question   string     `json:"question"`
	Transcript []Exchange `json:"transcript,omitempty"`
	// Guess is the bot's best knowledge-base match, with its sources.
	Guess string `json:"guess,omitempty"`
	// ThreadID is the forum topic of the ticket in the staff group, if any.
	ThreadID   int       `json:"thread_id,omitempty"`
	OpenedAt   time.Time `json:"opened_at"`
	StaffAt    time.Time `json:"staff_at,omitempty"`    // last staff reply
	RemindedAt time.Time `json:"reminded_at,omitempty"` // reminder posted
	ClosedAt   time.Time `json:"closed_at,omitempty"`
	ClosedBy   int64     `json:"closed_by,omitempty"`
	// Answer is the text of the last staff reply, so that staff can save a
	// good answer as a draft knowledge-base entry.
	Answer string `json:"answer,omitempty"`
	// Erased is set when the investor asked for their data to be deleted
	// (/forgetme): the ticket is closed and keeps only its id, status and
	// times, so that a staff reply to it reaches nobody.
	Erased bool `json:"erased,omitempty"`
}

// TicketStore keeps handoff tickets without expiry. Errors wrap
// ErrUnavailable when the store cannot be reached; Ticket returns
// ErrNotFound for an unknown id.
type TicketStore interface {
	// OpenTicket stores t with a new ID and returns it.
	OpenTicket(ctx context.Context, t Ticket) (Ticket, error)
	Ticket(ctx context.Context, id string) (Ticket, error)
	UpdateTicket(ctx context.Context, t Ticket) error
	// OpenTickets lists the tickets not yet closed, oldest first.
	OpenTickets(ctx context.Context) ([]Ticket, error)
	// ClaimReminder marks ticket id as reminded and reports whether this
	// caller is the first to do so, so that replicas remind once.
	ClaimReminder(ctx context.Context, id string) (bool, error)
	// BindMessage records that the bot's message messageID in chatID
	// belongs to ticket id. A staff reply is tied to a ticket only through
	// these bindings, never through text in the replied-to message, which
	// an investor may have written.
	BindMessage(ctx context.Context, chatID int64, messageID int, id string) error
	// TicketByMessage returns the ticket the bot's message belongs to; an
	// error wrapping ErrNotFound when it belongs to none.
	TicketByMessage(ctx context.Context, chatID int64, messageID int) (string, error)
	// EraseUser erases every ticket of userID (/forgetme): each is closed
	// at at, keeps only its id, status and times, and is marked Erased. It
	// returns the tickets as they were before, so the caller can tell
	// staff and remove what was made from them.
	EraseUser(ctx context.Context, userID int64, at time.Time) ([]Ticket, error)
}

// Erase returns t with its personal content removed: what EraseUser
// keeps of a ticket.
func (t Ticket) Erase(at time.Time) Ticket {
	out := Ticket{ID: t.ID, Status: TicketClosed, OpenedAt: t.OpenedAt, ClosedAt: t.ClosedAt, Erased: true}
	if t.Status == TicketOpen || out.ClosedAt.IsZero() {
		out.ClosedAt = at
	}
	return out
}

// ErrNotFound is returned for an unknown ticket or record.
var ErrNotFound = errors.New("not found")
