package loadtest

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The bot the sink pretends to be.
const (
	SinkBotID       = 100200300
	SinkBotUsername = "investbot_load_bot"
)

// messageMethods are the calls Telegram counts against its message limits.
var messageMethods = map[string]bool{
	"sendMessage": true, "editMessageText": true, "editMessageReplyMarkup": true, "sendVenue": true,
	"sendLocation": true, "copyMessage": true, "sendDocument": true, "sendPhoto": true,
}

// Fault makes the sink fail a share of the bot's send calls: TooMany
// answers 429 with RetryAfter seconds, ServerError answers 500. Shares are
// fractions of calls (0–1).
type Fault struct {
	TooMany     float64
	RetryAfter  int
	ServerError float64
}

// Sent is one message call the sink accepted.
type Sent struct {
	At      time.Duration // since the sink started
	Chat    int64
	Replica string
	Method  string
	Text    string
}

// Sink is a fast local Bot API server: every method answers ok:true at
// once, getMe names the bot, message calls are recorded with their time,
// and each is credited to the update in flight for its chat (Tracker).
// Replicas are told apart by their token (Token(name)).
type Sink struct {
	URL     string
	Tracker *Tracker

	srv   *http.Server
	start time.Time
	fault atomic.Pointer[Fault]
	msgID atomic.Int64

	mu       sync.Mutex
	sent     []Sent
	calls    map[string]int
	failed   map[string]int // answered 429 or 500 by a Fault
	stray    int            // message calls for no update in flight
	replicas map[string]string
}

// Token is the bot token replica name uses; the sink knows the replica by it.
func Token(name string) string {
	return strconv.Itoa(SinkBotID) + ":loadtest_" + name + "_0123456789abcdef"
}

// StartSink listens on a free local port.
func StartSink(tr *Tracker) (*Sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("loadtest: sink: %w", err)
	}
	s := &Sink{
		URL: "http://" + ln.Addr().String(), Tracker: tr, start: time.Now(),
		calls: map[string]int{}, failed: map[string]int{}, replicas: map[string]string{},
	}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the sink.
func (s *Sink) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// SetFault starts (or with nil ends) failing calls.
func (s *Sink) SetFault(f *Fault) { s.fault.Store(f) }

// Since is the sink's clock.
func (s *Sink) Since() time.Duration { return time.Since(s.start) }

func (s *Sink) replica(token string) string {
	_, rest, _ := strings.Cut(token, ":loadtest_")
	name, _, _ := strings.Cut(rest, "_")
	return name
}

func (s *Sink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Path: /bot<token>/<method>
	path := strings.TrimPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(path, "/")
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "getMe":
		fmt.Fprintf(w, `{"ok":true,"result":{"id":%d,"is_bot":true,"first_name":"Load","username":%q,"can_join_groups":true}}`, SinkBotID, SinkBotUsername)
		return
	case "setWebhook", "deleteWebhook", "setMyCommands", "sendChatAction":
		s.count(method)
		io.WriteString(w, `{"ok":true,"result":true}`)
		return
	}
	if f := s.fault.Load(); f != nil {
		switch x := rand.Float64(); {
		case x < f.TooMany:
			s.fail(method)
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after %d","parameters":{"retry_after":%d}}`, f.RetryAfter, f.RetryAfter)
			return
		case x < f.TooMany+f.ServerError:
			s.fail(method)
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
			return
		}
	}
	form, _ := url.ParseQuery(string(body))
	rep := s.replica(token)
	if method == "answerCallbackQuery" {
		s.count(method)
		id, _ := strconv.ParseInt(strings.TrimPrefix(form.Get("callback_query_id"), "q"), 10, 64)
		s.Tracker.CreditUpdate(id, rep)
		io.WriteString(w, `{"ok":true,"result":true}`)
		return
	}
	chat, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
	if messageMethods[method] {
		at := s.Since()
		credited := s.Tracker.CreditChat(chat, rep)
		s.mu.Lock()
		s.calls[method]++
		s.sent = append(s.sent, Sent{At: at, Chat: chat, Replica: rep, Method: method, Text: form.Get("text")})
		if !credited {
			s.stray++
		}
		s.mu.Unlock()
	} else {
		s.count(method)
	}
	if method == "sendVenue" || method == "editMessageReplyMarkup" {
		// The bot ignores these results' content.
		io.WriteString(w, `{"ok":true,"result":true}`)
		return
	}
	fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private"},"text":"ok"}}`,
		s.msgID.Add(1), time.Now().Unix(), chat)
}

func (s *Sink) count(method string) {
	s.mu.Lock()
	s.calls[method]++
	s.mu.Unlock()
}

func (s *Sink) fail(method string) {
	s.mu.Lock()
	s.failed[method]++
	s.mu.Unlock()
}

// SinkStats is what the sink saw.
type SinkStats struct {
	Calls  map[string]int `json:"calls"`
	Failed map[string]int `json:"failed_by_fault,omitempty"`
	// Messages counts message calls; Stray those that arrived for no
	// update in flight in their chat.
	Messages int `json:"messages"`
	Stray    int `json:"stray"`
}

// Stats copies the counters.
func (s *Sink) Stats() SinkStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := SinkStats{Calls: map[string]int{}, Failed: map[string]int{}, Messages: len(s.sent), Stray: s.stray}
	for k, v := range s.calls {
		st.Calls[k] = v
	}
	for k, v := range s.failed {
		st.Failed[k] = v
	}
	return st
}

// Sent returns the message calls recorded since the sink started.
func (s *Sink) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// Reset forgets what the sink recorded (between phases).
func (s *Sink) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent, s.stray = nil, 0
	s.calls, s.failed = map[string]int{}, map[string]int{}
}
