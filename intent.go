package investbot

// Intent names what a reply was: the id of the knowledge-base entry it
// answers with ("zone.wha"), or one of the handler intents below. The
// strings are a contract: `investbot ask --json` prints them, /stats counts
// them and the unanswered-questions log keeps them, so a constant's value
// never changes once released.
type Intent string

// Intents of the router itself and of replies that are not answers.
const (
	IntentDuplicate      Intent = "duplicate"   // an update seen before
	IntentInProgress     Intent = "in_progress" // another replica holds the update
	IntentFlood          Intent = "flood"
	IntentUnknownCommand Intent = "unknown_command"
	IntentRefused        Intent = "refused" // a command or button above the user's role
	IntentIgnored        Intent = "ignored" // a staff-group message that is not a reply to a ticket
	IntentMedia          Intent = "media"
	IntentEmpty          Intent = "empty"
	IntentGreeting       Intent = "greeting"
	IntentThanks         Intent = "thanks"
	IntentBareNumber     Intent = "bare_number"
	IntentStart          Intent = "start"
	IntentMenu           Intent = "menu"
	IntentHelp           Intent = "help"
	IntentLanguage       Intent = "language"
	IntentCancel         Intent = "cancel"
)

// Intents of free-text questions that were not answered from an entry.
const (
	IntentGenerated       Intent = "llm" // an LLM answer citing no entry
	IntentOutOfScope      Intent = "out_of_scope"
	IntentDidYouMean      Intent = "did_you_mean"
	IntentUnanswered      Intent = "unanswered"
	IntentStaffUnanswered Intent = "staff.unanswered"
)

// Intents of the Japan Desk handoff.
const (
	IntentHandoffStart       Intent = "handoff.start"       // the next message is the question
	IntentHandoffOpen        Intent = "handoff.open"        // a ticket is already open
	IntentHandoffOpened      Intent = "handoff.opened"      // a ticket was opened
	IntentHandoffRelay       Intent = "handoff.relay"       // a follow-up went to the desk
	IntentHandoffStaffReply  Intent = "handoff.staff_reply" // staff answered a ticket
	IntentHandoffClose       Intent = "handoff.close"       // /close could not close anything
	IntentHandoffClosed      Intent = "handoff.closed"
	IntentHandoffCancel      Intent = "handoff.cancel"
	IntentHandoffNone        Intent = "handoff.none"
	IntentHandoffFailed      Intent = "handoff.failed"
	IntentHandoffUnavailable Intent = "handoff.unavailable"
)

// Intents of the contact form and the account commands.
const (
	IntentLeadConsent     Intent = "lead.consent"
	IntentLeadDeclined    Intent = "lead.declined"
	IntentLeadBack        Intent = "lead.back"
	IntentLeadReview      Intent = "lead.review"
	IntentLeadSaved       Intent = "lead.saved"
	IntentLeadFailed      Intent = "lead.failed"
	IntentForgetMe        Intent = "forgetme"
	IntentForgetMeFailed  Intent = "forgetme.failed"
	IntentSubscribe       Intent = "subscribe"
	IntentSubscribeFailed Intent = "subscribe.failed"
	IntentUnsubscribe     Intent = "unsubscribe"
)

// Intents of the admin tools and of the staff's draft button.
const (
	IntentAdminOff        Intent = "admin.off"
	IntentAdminFailed     Intent = "admin.failed"
	IntentAdminStats      Intent = "admin.stats"
	IntentAdminUnanswered Intent = "admin.unanswered"
	IntentAdminLeads      Intent = "admin.leads"
	IntentAdminBroadcast  Intent = "admin.broadcast"
	IntentAdminAudit      Intent = "admin.audit"
	IntentKBHelp          Intent = "kb.help"
	IntentKBHistory       Intent = "kb.history"
	IntentKBRollback      Intent = "kb.rollback"
	IntentKBRolledBack    Intent = "kb.rolledback"
	IntentKBExport        Intent = "kb.export"
	IntentKBDrafts        Intent = "kb.drafts"
	IntentKBDraft         Intent = "kb.draft"
	IntentKBStale         Intent = "kb.stale"
	IntentKBChecked       Intent = "kb.checked"
	IntentKBInvalid       Intent = "kb.invalid"
	IntentKBRefused       Intent = "kb.refused"
	IntentKBPublished     Intent = "kb.published"
	IntentKBCancelled     Intent = "kb.cancelled"
	IntentKBNothing       Intent = "kb.nothing"
	IntentKBUnknown       Intent = "kb.unknown"
	IntentDraftSaved      Intent = "draft.saved"
	IntentDraftFailed     Intent = "draft.failed"
)

// ListIntent is the intent of the list of one kind of entry ("list.zone").
func ListIntent(kind string) Intent { return Intent("list." + kind) }

// CompareIntent is the intent of a comparison table; what follows
// "compare." names what was compared ("compare.zones").
func CompareIntent(what string) Intent { return Intent("compare." + what) }

// LeadFieldIntent is the intent of the contact form's question for one
// field ("lead.company").
func LeadFieldIntent(field string) Intent { return Intent("lead." + field) }
