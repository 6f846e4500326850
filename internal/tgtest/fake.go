package tgtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Call is one Bot API request the fake received.
type Call struct {
	Time   time.Time
	Token  string
	Method string
	Params url.Values
	// Files holds uploaded multipart files by field name.
	Files map[string]File
	// Status is the HTTP status the fake (or the proxied server) answered.
	Status int
}

// File is one uploaded file.
type File struct {
	Name string
	Data []byte
}

// Response is a scripted answer: an HTTP status and a raw body.
type Response struct {
	Status int
	Body   string
}

// TooManyRequests is a Bot API 429 answer asking to wait seconds.
func TooManyRequests(seconds int) Response {
	return Response{Status: 429, Body: fmt.Sprintf(`{"ok":false,"error_code":429,"description":"Too Many Requests: retry after %d","parameters":{"retry_after":%d}}`, seconds, seconds)}
}

// ServerError is a 500 answer in Bot API shape.
func ServerError() Response {
	return Response{Status: 500, Body: `{"ok":false,"error_code":500,"description":"Internal Server Error"}`}
}

// EmulatorLacks lists the methods telegram-test-api 4.2.1 answers with 500
// ("API method ... is not supported"). A Fake that proxies to the emulator
// answers these itself.
var EmulatorLacks = []string{"sendVenue", "sendChatAction", "setMyCommands", "copyMessage", "sendDocument", "getFile", "sendPhoto", "setChatMenuButton"}

// Fake is an httptest Bot API server that records every call. On its own
// it answers every method the bot uses (a full fake for unit tests); with
// Proxy it forwards everything except EmulatorLacks to a real server (the
// emulator) and still records the calls, e.g. answerCallbackQuery, which
// the emulator accepts but does not store.
type Fake struct {
	URL string
	// BotID and BotUsername are what getMe returns.
	BotID       int64
	BotUsername string
	// MaxPoll caps how long getUpdates waits for updates (default 500 ms),
	// whatever timeout the bot asks for.
	MaxPoll time.Duration

	srv *httptest.Server

	mu       sync.Mutex
	calls    []Call
	script   map[string][]Response
	updates  []json.RawMessage
	updateID int64
	msgID    int
	proxy    string
	notify   chan struct{} // closed and replaced when an update arrives
	files    map[string][]byte
	fault    *fault
	hanging  int // calls held by Hang right now
}

// Hanging is the number of calls Hang holds right now.
func (f *Fake) Hanging() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hanging
}

// fault is a failure the fake applies to every call but the set-up ones
// (getMe, getUpdates, setWebhook, deleteWebhook) until Heal.
type fault struct {
	resp   Response      // answered when not hanging
	hang   bool          // hold each call until Heal or the caller gives up
	healed chan struct{} // closed by Heal
}

// FailWith answers every call with r (a 500, a 429 with retry_after) until
// Heal: a Bot API outage of any length, ended when the test says.
func (f *Fake) FailWith(r Response) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fault = &fault{resp: r, healed: make(chan struct{})}
}

// Hang holds every call without answering, like a Bot API that accepts
// connections and never replies, until Heal; a held call ends only when its
// caller gives up, and is recorded with Status 0: it was not delivered.
// (Ending held calls at Heal would make a race of the caller's own
// timeout: the fake could deliver a call the caller had already given up.)
func (f *Fake) Hang() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fault = &fault{hang: true, healed: make(chan struct{})}
}

// Heal ends FailWith or Hang for the calls that come after it.
func (f *Fake) Heal() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fault != nil {
		close(f.fault.healed)
		f.fault = nil
	}
}

// Delivered returns the calls of method (all when empty) that were
// answered 200: what a chat would really show.
func (f *Fake) Delivered(method string) []Call {
	var out []Call
	for _, c := range f.Calls(method) {
		if c.Status == http.StatusOK {
			out = append(out, c)
		}
	}
	return out
}

func setupMethod(m string) bool {
	switch m {
	case "getMe", "getUpdates", "setWebhook", "deleteWebhook":
		return true
	}
	return false
}

// AddFile makes fileID downloadable: getFile reports its real size and
// path, and GET /file/bot<token>/documents/<fileID> serves data.
func (f *Fake) AddFile(fileID string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[fileID] = data
}

// serveFile answers a file download.
func (f *Fake) serveFile(w http.ResponseWriter, r *http.Request) {
	i := strings.LastIndex(r.URL.Path, "/")
	f.mu.Lock()
	data, ok := f.files[r.URL.Path[i+1:]]
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(data)
}

// NewFake starts a Fake, closed at test cleanup.
func NewFake(tb testing.TB) *Fake {
	tb.Helper()
	f := &Fake{BotID: 777, BotUsername: "InvestBot", MaxPoll: 500 * time.Millisecond,
		script: map[string][]Response{}, updateID: 1000, msgID: 1, notify: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	f.URL = f.srv.URL
	tb.Cleanup(f.srv.Close)
	return f
}

// Proxy makes the fake forward every method except EmulatorLacks to the
// server at baseURL.
func (f *Fake) Proxy(baseURL string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.proxy = strings.TrimRight(baseURL, "/")
}

// Script queues answers for method; they are used, in order, before the
// default behaviour resumes.
func (f *Fake) Script(method string, rs ...Response) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[method] = append(f.script[method], rs...)
}

// AddUpdate queues an update for getUpdates. update is the JSON of an
// Update; its update_id is set to the next id when missing or zero. It
// returns the id.
func (f *Fake) AddUpdate(tb testing.TB, update string) int64 {
	tb.Helper()
	var m map[string]any
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := json.Unmarshal([]byte(update), &m); err != nil {
		// Not JSON: delivered as a message that is a string, the closest
		// a real server comes to a malformed update, with an id so that
		// it can be acknowledged.
		f.updateID++
		q, _ := json.Marshal(update)
		f.updates = append(f.updates, json.RawMessage(`{"update_id":`+strconv.FormatInt(f.updateID, 10)+`,"message":`+string(q)+`}`))
		f.wake()
		return f.updateID
	}
	id, _ := m["update_id"].(float64)
	if id == 0 {
		f.updateID++
		id = float64(f.updateID)
		m["update_id"] = f.updateID
	}
	raw, _ := json.Marshal(m)
	f.updates = append(f.updates, raw)
	f.wake()
	return int64(id)
}

func (f *Fake) wake() {
	close(f.notify)
	f.notify = make(chan struct{})
}

// Pending is the number of updates not yet acknowledged with an offset.
func (f *Fake) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.updates)
}

// Calls returns the recorded calls of method, or all calls when method is
// empty.
func (f *Fake) Calls(method string) []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Call
	for _, c := range f.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls waits until at least n calls of method were recorded and
// returns them; it fails the test after timeout, listing what arrived.
func (f *Fake) WaitCalls(tb testing.TB, method string, n int, timeout time.Duration) []Call {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := f.Calls(method)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			var seen []string
			for _, c := range f.Calls("") {
				seen = append(seen, c.Method)
			}
			tb.Fatalf("tgtest: waited %s for %d %s calls, got %d; all calls: %v", timeout, n, method, len(got), seen)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/file/bot") {
		f.serveFile(w, r)
		return
	}
	// Paths look like /bot<token>/<method>.
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		http.NotFound(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	call := Call{Time: time.Now(), Token: token, Method: method, Params: url.Values{}, Files: map[string]File{}}
	parseBody(r.Header.Get("Content-Type"), body, &call)
	for k, v := range r.URL.Query() {
		call.Params[k] = v
	}

	f.mu.Lock()
	flt := f.fault
	f.mu.Unlock()
	var failed *Response
	if flt != nil && !setupMethod(method) {
		if !flt.hang {
			failed = &flt.resp
		} else {
			f.mu.Lock()
			f.hanging++
			f.mu.Unlock()
			<-r.Context().Done()
			call.Status = 0
			f.mu.Lock()
			f.hanging--
			f.calls = append(f.calls, call)
			f.mu.Unlock()
			return
		}
	}

	f.mu.Lock()
	var scripted *Response
	if failed != nil {
		scripted = failed
	} else if q := f.script[method]; len(q) > 0 {
		scripted = &q[0]
		f.script[method] = q[1:]
	}
	proxy := f.proxy
	f.mu.Unlock()

	var status int
	var out []byte
	switch {
	case scripted != nil:
		status, out = scripted.Status, []byte(scripted.Body)
	case proxy != "" && !lacks(method):
		status, out = forward(r, proxy+r.URL.Path, body)
	default:
		status, out = f.answer(r, method, &call)
	}
	call.Status = status
	f.mu.Lock()
	f.calls = append(f.calls, call)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func lacks(method string) bool {
	for _, m := range EmulatorLacks {
		if m == method {
			return true
		}
	}
	return false
}

func parseBody(ctype string, body []byte, call *Call) {
	mt, params, _ := mime.ParseMediaType(ctype)
	switch mt {
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		form, err := mr.ReadForm(32 << 20)
		if err != nil {
			return
		}
		for k, v := range form.Value {
			call.Params[k] = v
		}
		for k, fhs := range form.File {
			if len(fhs) == 0 {
				continue
			}
			fh, err := fhs[0].Open()
			if err != nil {
				continue
			}
			data, _ := io.ReadAll(fh)
			fh.Close()
			call.Files[k] = File{Name: fhs[0].Filename, Data: data}
		}
	case "application/json":
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			for k, v := range m {
				if s, ok := v.(string); ok {
					call.Params.Set(k, s)
				} else {
					raw, _ := json.Marshal(v)
					call.Params.Set(k, string(raw))
				}
			}
		}
	default:
		if v, err := url.ParseQuery(string(body)); err == nil {
			call.Params = v
		}
	}
}

func forward(r *http.Request, target string, body []byte) (int, []byte) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, target, bytes.NewReader(body))
	if err != nil {
		return 502, []byte(`{"ok":false,"error_code":502,"description":"proxy: bad request"}`)
	}
	req.Header.Set("Content-Type", r.Header.Get("Content-Type"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 502, []byte(`{"ok":false,"error_code":502,"description":"proxy: ` + strings.ReplaceAll(err.Error(), `"`, `'`) + `"}`)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func ok(result any) (int, []byte) {
	raw, _ := json.Marshal(map[string]any{"ok": true, "result": result})
	return 200, raw
}

// answer is the fake's own behaviour for each method.
func (f *Fake) answer(r *http.Request, method string, call *Call) (int, []byte) {
	switch method {
	case "getMe":
		return ok(map[string]any{"id": f.BotID, "is_bot": true, "first_name": "Invest", "username": f.BotUsername})
	case "getUpdates":
		return f.getUpdates(r, call)
	case "sendMessage", "sendPhoto", "sendDocument", "sendVenue", "editMessageText":
		f.mu.Lock()
		f.msgID++
		id := f.msgID
		f.mu.Unlock()
		if mid, err := strconv.Atoi(call.Params.Get("message_id")); err == nil && method == "editMessageText" {
			id = mid
		}
		chat, _ := strconv.ParseInt(call.Params.Get("chat_id"), 10, 64)
		return ok(map[string]any{"message_id": id, "date": time.Now().Unix(), "chat": map[string]any{"id": chat, "type": "private"}, "text": call.Params.Get("text")})
	case "copyMessage":
		f.mu.Lock()
		f.msgID++
		id := f.msgID
		f.mu.Unlock()
		return ok(map[string]any{"message_id": id})
	case "getFile":
		id := call.Params.Get("file_id")
		f.mu.Lock()
		data, known := f.files[id]
		f.mu.Unlock()
		if known {
			return ok(map[string]any{"file_id": id, "file_unique_id": "u-" + id, "file_size": len(data), "file_path": "documents/" + id})
		}
		return ok(map[string]any{"file_id": id, "file_unique_id": "u", "file_size": 3, "file_path": "documents/file.bin"})
	case "answerCallbackQuery", "sendChatAction", "setMyCommands", "setWebhook", "deleteWebhook",
		"deleteMessage", "editMessageReplyMarkup", "setChatMenuButton":
		return ok(true)
	}
	raw, _ := json.Marshal(map[string]any{"ok": false, "error_code": 404, "description": "Not Found: method " + method})
	return 404, raw
}

// getUpdates acknowledges updates below offset and returns the rest,
// waiting up to the asked timeout (capped by MaxPoll) when there are none.
func (f *Fake) getUpdates(r *http.Request, call *Call) (int, []byte) {
	offset, _ := strconv.ParseInt(call.Params.Get("offset"), 10, 64)
	timeout, _ := strconv.Atoi(call.Params.Get("timeout"))
	wait := min(time.Duration(timeout)*time.Second, f.MaxPoll)
	deadline := time.Now().Add(wait)
	for {
		f.mu.Lock()
		if offset > 0 {
			kept := f.updates[:0]
			for _, u := range f.updates {
				var id struct {
					UpdateID int64 `json:"update_id"`
				}
				if json.Unmarshal(u, &id) == nil && id.UpdateID < offset {
					continue
				}
				kept = append(kept, u)
			}
			f.updates = kept
		}
		batch := append([]json.RawMessage(nil), f.updates...)
		ch := f.notify
		f.mu.Unlock()
		if len(batch) > 0 || time.Now().After(deadline) {
			var b bytes.Buffer
			b.WriteString(`{"ok":true,"result":[`)
			for i, u := range batch {
				if i > 0 {
					b.WriteByte(',')
				}
				b.Write(u)
			}
			b.WriteString(`]}`)
			return 200, b.Bytes()
		}
		select {
		case <-ch:
		case <-time.After(time.Until(deadline)):
		case <-r.Context().Done():
			return 200, []byte(`{"ok":true,"result":[]}`)
		}
	}
}
