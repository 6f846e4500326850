package investbot

// Role is who is talking to the bot; it decides which commands they may use.
type Role int

// The roles, from least to most privileged. Admins are also staff.
const (
	RoleInvestor Role = iota
	RoleStaff
	RoleAdmin
)

// ChatKind is the kind of chat a message came from.
type ChatKind int

// The kinds of chat the bot sees.
const (
	ChatPrivate ChatKind = iota
	ChatGroup
	ChatChannel
)

// Request is one incoming user action, already decoded from Telegram and
// stripped of everything vendor-specific.
type Request struct {
	UpdateID  int64
	UserID    int64
	ChatID    int64
	MessageID int
	Chat      ChatKind
	Role      Role
	// UserName is the display name, used only in staff-facing summaries.
	UserName string
	// LangHint is Telegram's language_code mapped to a supported language,
	// or "".
	LangHint Lang

	// Exactly one of Text, Command, Callback is the action.
	Text     string
	Command  string // without the slash or @botname, lower-case: "start"
	Args     string // text after the command: "ja", "zone_wha-smart-tech-1"
	Callback string // callback data of a pressed inline button
	// CallbackID must be answered (answerCallbackQuery) by the adapter.
	CallbackID string

	// Forwarded is set when the message was forwarded; ForwardFrom names the
	// origin when Telegram reveals it.
	Forwarded   bool
	ForwardFrom string
	// ReplyTo is the id of the message this one replies to (0 when none).
	// Its text is deliberately not passed on: a staff reply is tied to a
	// ticket through the bot's own message ids (Message.Ticket), never
	// through text an investor may have written.
	ReplyTo int
	// Attachment is set for photos, documents, voice notes, stickers and
	// locations.
	Attachment *Attachment
	// Edited is true for an edited message.
	Edited bool
	// ThreadID is the forum topic the message was posted in (0 when none).
	ThreadID int
}

// AttachmentKind names what was attached to a message.
type AttachmentKind string

// The attachment kinds the bot distinguishes.
const (
	AttachPhoto    AttachmentKind = "photo"
	AttachDocument AttachmentKind = "document"
	AttachVoice    AttachmentKind = "voice"
	AttachSticker  AttachmentKind = "sticker"
	AttachLocation AttachmentKind = "location"
	AttachOther    AttachmentKind = "other"
)

// Attachment describes non-text content of a message.
type Attachment struct {
	Kind     AttachmentKind
	FileID   string
	FileName string
	MIMEType string
	Size     int64
	// Data is the file's content, downloaded by the adapter only for
	// documents sent by admins (knowledge-base uploads) and only up to
	// MaxUploadBytes; nil otherwise.
	Data []byte
	// TooLarge is set when the adapter refused to download a document
	// over MaxUploadBytes, so the handler can say why.
	TooLarge bool
}

// MaxUploadBytes bounds a knowledge-base upload. The bundled knowledge base
// is well under 1 MB; 5 MB leaves room to grow while refusing absurd files
// before they are downloaded.
const MaxUploadBytes = 5 << 20

// Reply is everything the bot sends back for one request.
type Reply struct {
	Messages []Message
	// CallbackText is shown as a toast when answering a callback query.
	CallbackText string
	// RetryLater asks the adapter not to acknowledge the update: another
	// replica is handling it, or died doing so, and it must come again
	// (a webhook answers 503; polling does not advance past it).
	RetryLater bool

	// Meta describes the answer for `investbot ask --json`, metrics and the
	// unanswered-questions log.
	Meta Meta
	// Events are what handling the request did, for /stats, the metrics
	// and the subscriber list (see Event).
	Events []Event
}

// Meta is what the answer was, independent of how it is rendered.
type Meta struct {
	Lang       Lang
	Answered   bool
	Intent     Intent // entry id, or a handler intent such as IntentMenu
	Confidence float64
	Sources    []string
	// Generated is true when the text came from the LLM fallback.
	Generated bool
	// Candidates are the entries offered as choices ("did you mean"),
	// best first; a "did you mean" always has two or more.
	Candidates []string
	// Missing names the fact asked that the sources do not give for the
	// entry Intent ("area", "phone"): the reply says so, unanswered.
	Missing string
	// Handoff is true when the reply hands the conversation to the Japan
	// Desk (or, with no staff group, says that is where the request goes)
	// while Intent names the entry it shows beside: "a meeting with the
	// investment board" shows the board's entry and goes to the desk.
	Handoff bool
}

// Message is one message to send. Text is plain text: the adapter escapes
// it. Title, when set, is shown in bold above the text.
type Message struct {
	// ChatID is the destination; 0 means the chat the request came from.
	ChatID int64
	// ThreadID is a forum topic in ChatID, 0 for none.
	ThreadID int
	Title    string
	Text     string
	// Pre marks text that must be shown in a fixed-width font (comparison
	// tables), so columns line up on a phone.
	Pre     bool
	Buttons [][]Button
	// ReplyTo makes the message a reply to a message id in ChatID.
	ReplyTo int
	// Venue, when set, is sent as a map pin after the text.
	Venue *Venue
	// Copy, when set, copies an existing message (a staff member's photo or
	// document) instead of sending Text.
	Copy *CopyRef
	// Document, when set, is sent as a file with Text as its caption.
	Document *File
	// Photo, when set, is sent as an image with Text as its caption.
	Photo *File
	// EditMessageID, when set, edits that bot message instead of sending.
	EditMessageID int
	// Typing asks the adapter to show "typing…" first.
	Typing bool
	// Ticket, when set, binds the message to that Japan Desk ticket: the
	// adapter reports the ids of the messages it sent for it
	// (bot.Config.OnSent → TicketStore.BindMessage), and a staff reply to
	// any of them reaches that ticket's investor.
	Ticket string
}

// Button is an inline keyboard button: a callback when Data is set, a link
// when URL is set.
type Button struct {
	Text string
	Data string
	URL  string
	// WebApp is the HTTPS address of a Mini App page the button opens
	// inside Telegram (private chats only).
	WebApp string
}

// Venue is a map pin.
type Venue struct {
	Lat, Lon float64
	Title    string
	Address  string
}

// CopyRef points at a message to copy with copyMessage.
type CopyRef struct {
	FromChatID int64
	MessageID  int
}

// File is an in-memory file to upload.
type File struct {
	Name string
	Data []byte
}
