package investbot

// Event is something handling a request did that other parts of the bot
// count or mirror: /stats, the Prometheus metrics, the announcements'
// subscriber list. The handler that does it says so on its reply
// (Reply.Events), so that none of them has to guess from the reply's
// intent. Only the types below are events.
type Event interface{ event() }

// Answered: the reply answers a question from a knowledge-base entry, or
// with a grounded LLM answer (Generated).
type Answered struct{ Generated bool }

// Unanswered: a question the bot could not answer; Why is
// IntentOutOfScope, IntentDidYouMean or IntentUnanswered.
type Unanswered struct{ Why Intent }

// HandoffOpened: a Japan Desk ticket was opened.
type HandoffOpened struct{ Ticket string }

// StaffReplied: a staff answer was relayed to the ticket's investor.
type StaffReplied struct{ Ticket string }

// HandoffClosed: a ticket was closed, by staff or by the investor.
type HandoffClosed struct{ Ticket string }

// HandoffFailed: a step of the handoff failed (a store was unreachable);
// the user was told to try again.
type HandoffFailed struct{}

// LeadSaved: an investor left contact details.
type LeadSaved struct{}

// Subscribed: the user subscribed to announcements, in Lang.
type Subscribed struct{ Lang Lang }

// Unsubscribed: the user unsubscribed from announcements.
type Unsubscribed struct{}

// Forgotten: everything kept about the user was erased (/forgetme).
type Forgotten struct{}

func (Answered) event()      {}
func (Unanswered) event()    {}
func (HandoffOpened) event() {}
func (StaffReplied) event()  {}
func (HandoffClosed) event() {}
func (HandoffFailed) event() {}
func (LeadSaved) event()     {}
func (Subscribed) event()    {}
func (Unsubscribed) event()  {}
func (Forgotten) event()     {}
