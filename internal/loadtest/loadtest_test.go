package loadtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := Summarize(ds)
	want := Latency{N: 100, P50: 50, P90: 90, P95: 95, P99: 99, Max: 100}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if (Summarize(nil) != Latency{}) {
		t.Error("Summarize(nil) is not zero")
	}
}

func TestMaxInWindow(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var out []time.Duration
		for _, x := range v {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	tests := []struct {
		name string
		ts   []time.Duration
		want int
	}{
		{"empty", nil, 0},
		{"one", ms(5), 1},
		{"edge is outside", ms(0, 1000), 1},
		{"just inside", ms(0, 999), 2},
		{"burst later", ms(0, 100, 1500, 1600, 1700, 2400), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaxInWindow(tt.ts, time.Second); got != tt.want {
				t.Errorf("MaxInWindow = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestParseVmRSS(t *testing.T) {
	if got := parseVmRSS("Name:\tx\nVmPeak:\t 9 kB\nVmRSS:\t   12345 kB\n"); got != 12345 {
		t.Errorf("parseVmRSS = %d", got)
	}
}

// Every generated update is JSON in the shape the bot decodes, commands
// carry their bot_command entity, and callbacks name their query id.
func TestUpdatesAreValid(t *testing.T) {
	ids := NewIDs()
	for user := int64(1); user <= 40; user++ {
		c := NewConversation(user)
		for i := 0; i < 12; i++ {
			u := c.Next(ids)
			var v struct {
				UpdateID int64 `json:"update_id"`
				Message  *struct {
					Chat struct {
						ID int64 `json:"id"`
					} `json:"chat"`
					Text     string            `json:"text"`
					Entities []json.RawMessage `json:"entities"`
				} `json:"message"`
				Callback *struct {
					ID   string `json:"id"`
					Data string `json:"data"`
				} `json:"callback_query"`
			}
			if err := json.Unmarshal(u.Body, &v); err != nil {
				t.Fatalf("user %d step %d: %v\n%s", user, i, err, u.Body)
			}
			if v.UpdateID != u.ID || !u.WantReply || u.Chat != user {
				t.Fatalf("user %d step %d: id %d/%d chat %d", user, i, v.UpdateID, u.ID, u.Chat)
			}
			switch u.Kind {
			case "command":
				if v.Message == nil || !strings.HasPrefix(v.Message.Text, "/start") || len(v.Message.Entities) != 1 {
					t.Errorf("command update %s", u.Body)
				}
			case "text":
				if v.Message == nil || v.Message.Chat.ID != user || v.Message.Text == "" {
					t.Errorf("text update %s", u.Body)
				}
			case "callback":
				if v.Callback == nil || v.Callback.ID != CallbackQueryID(u.ID) || v.Callback.Data == "" {
					t.Errorf("callback update %s", u.Body)
				}
			default:
				t.Errorf("kind %q", u.Kind)
			}
		}
	}
	for i := 0; i < 5; i++ {
		b := Bad(int64(i), i)
		if b.WantReply {
			t.Errorf("bad update %s wants a reply", b.Kind)
		}
		if b.Kind == "bad-oversized" && len(b.Body) <= 1<<20 {
			t.Errorf("oversized body is %d bytes", len(b.Body))
		}
	}
}

// The sink credits replies to the update in flight in their chat, and
// the poster counts answered, lost and duplicated updates and redelivers
// a failed post to the next target.
func TestSinkAndPoster(t *testing.T) {
	tr := NewTracker()
	sink, err := StartSink(tr)
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	send := func(replica string, chat string) {
		resp, err := http.PostForm(sink.URL+"/bot"+Token(replica)+"/sendMessage", url.Values{"chat_id": {chat}, "text": {"hi"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	var calls int
	// A fake bot: replica "a" fails its first call of update 3 after
	// replying (as a replica killed before its answer); "b" answers
	// everything except chat 2, whose reply it never sends.
	bot := func(name string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != "s" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			var v struct {
				UpdateID int64 `json:"update_id"`
				Message  struct {
					Chat struct {
						ID int64 `json:"id"`
					} `json:"chat"`
				} `json:"message"`
			}
			_ = json.NewDecoder(r.Body).Decode(&v)
			calls++
			chat := v.Message.Chat.ID
			if chat != 2 {
				send(name, strconv.FormatInt(chat, 10))
			}
			if name == "a" && chat == 3 {
				w.WriteHeader(http.StatusBadGateway)
				return
			}
			w.WriteHeader(http.StatusOK)
		}))
	}
	a, b := bot("a"), bot("b")
	defer a.Close()
	defer b.Close()
	p := NewPoster([]string{b.URL, a.URL}, "s", tr, 1)
	p.Backoff = time.Millisecond
	ctx := context.Background()
	p.Deliver(ctx, Text(1, 1, "en", "q")) // counter 1 → a: answered
	p.Deliver(ctx, Text(2, 2, "en", "q")) // → b: never answered: lost
	p.Deliver(ctx, Text(3, 3, "en", "q")) // → a replies then 502; redelivered to b, which replies again: duplicated
	u := Text(4, 4, "en", "q")
	u.Secret = "-"
	p.Deliver(ctx, u) // refused
	res, lat := p.Result()
	if res.Sent != 4 || res.Acked != 3 || res.Answered != 2 || res.Lost != 1 || res.Duplicated != 1 || res.Redelivered != 1 || res.Refused != 1 || len(lat) != 3 {
		t.Errorf("result %+v, %d latencies", res, len(lat))
	}
	if st := sink.Stats(); st.Messages != 3 || st.Stray != 0 {
		t.Errorf("sink stats %+v", st)
	}
}
