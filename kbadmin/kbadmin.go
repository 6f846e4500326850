// Package kbadmin provides what the province's admins need to keep the
// knowledge base current and to see what investors ask: published
// knowledge-base versions (with history, rollback and a Syncer that swaps
// every replica's live knowledge base), upload checking, drafts written by
// staff, stale entries, the unanswered-questions log, usage statistics and a
// chart, a leads CSV, an audit log and the announcement subscriber list.
//
// The storage is behind investbot.AdminStore, implemented by both backends,
// memstore and redisstore (Backend.Admin); the vocabulary (KBVersion, Draft,
// Asked, UsageDay, AuditEvent…) lives with it in the root package, and the
// contract tests are in storetest.
package kbadmin
