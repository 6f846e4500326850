// Package kbadmin provides what the province's admins need to keep the
// knowledge base current and to see what investors ask: published
// knowledge-base versions (with history, rollback and a Syncer that swaps
// every replica's live knowledge base), upload checking, drafts written by
// staff, stale entries, the unanswered-questions log, usage statistics and a
// chart, a leads CSV, an audit log and the announcement subscriber list.
//
// The storage is behind investbot.AdminStore (Store here), implemented by
// both backends, memstore and redisstore (Backend.Admin); the contract
// tests are in storetest.
package kbadmin

import (
	"time"

	"github.com/thanhhoa/investbot"
)

// The admin tools' vocabulary lives in the root package, with the store
// interfaces, so that the backends implement it without importing this
// package; these names keep the admin tools' code readable.
type (
	Store           = investbot.AdminStore
	VersionStore    = investbot.KBVersionStore
	PendingStore    = investbot.PendingStore
	DraftStore      = investbot.DraftStore
	InsightStore    = investbot.InsightStore
	AuditStore      = investbot.AuditStore
	SubscriberStore = investbot.SubscriberStore

	Version     = investbot.KBVersion
	PendingKind = investbot.PendingKind
	Pending     = investbot.Pending
	DraftStatus = investbot.DraftStatus
	Draft       = investbot.Draft
	Asked       = investbot.Asked
	Counter     = investbot.Counter
	Day         = investbot.UsageDay
	Event       = investbot.AuditEvent
	Subscriber  = investbot.Subscriber
)

// The root package's constants, under the admin tools' names.
const (
	PendingUpload    = investbot.PendingUpload
	PendingBroadcast = investbot.PendingBroadcast
	PendingTTL       = investbot.PendingTTL

	DraftOpen     = investbot.DraftOpen
	DraftApproved = investbot.DraftApproved
	DraftRejected = investbot.DraftRejected

	CountHandoffOpened = investbot.CountHandoffOpened
	CountHandoffClosed = investbot.CountHandoffClosed
	CountLead          = investbot.CountLead

	MaxLogged      = investbot.MaxLogged
	MaxAudit       = investbot.MaxAudit
	DayTTL         = investbot.DayTTL
	LowConfidence  = investbot.LowConfidence
	MaxLoggedRunes = investbot.MaxLoggedRunes
	MaxStatsDays   = investbot.MaxStatsDays
)

// ErrResolved is returned by ResolveDraft for a draft already approved or
// rejected.
var ErrResolved = investbot.ErrResolved

// Vietnam is the time zone days are counted in.
var Vietnam = investbot.VietnamTime

// DayOf returns the Vietnam date of t as "2006-01-02".
func DayOf(t time.Time) string { return investbot.DayOf(t) }
