package loadtest

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// WebhookPath is where investbot and echobot serve the webhook.
const WebhookPath = "/telegram/webhook"

// Poster delivers updates to the webhook of one or more replicas the way
// Telegram does: it waits for the answer, and delivers again — to the next
// replica — when the request fails or the answer is not 2xx, up to
// MaxAttempts times. 401, 403 and 413 are final refusals.
type Poster struct {
	Targets     []string // base URLs, http://127.0.0.1:port
	Secret      string
	MaxAttempts int           // default 5
	Backoff     time.Duration // before a redelivery (default 20 ms)
	// MaxHold is how long a 503 (update in progress elsewhere) is
	// redelivered before giving up (default 30 s).
	MaxHold time.Duration
	// AwaitReply, when set, holds an acknowledged update's flight until
	// its first reply reached the sink (at most this long), and counts
	// that wait in its latency: a bot with an outbox acknowledges before
	// it sends.
	AwaitReply time.Duration
	Tracker    *Tracker

	client *http.Client
	next   atomic.Uint64

	mu  sync.Mutex
	res Result
	lat []time.Duration
}

// Result counts what happened to the updates posted.
type Result struct {
	Sent         int            `json:"sent"`          // updates posted (distinct)
	Acked        int            `json:"acknowledged"`  // finally answered 200
	Answered     int            `json:"answered"`      // got at least one reply at the sink
	Duplicated   int            `json:"duplicated"`    // replies from more than one delivery or replica
	Lost         int            `json:"lost"`          // acknowledged, reply expected, none seen
	Failed       int            `json:"failed"`        // never acknowledged after every attempt
	Redelivered  int            `json:"redelivered"`   // extra attempts made
	Refused      int            `json:"refused"`       // 401/403 (secret) answers
	TooLarge     int            `json:"too_large"`     // 413 answers
	Unanswerable int            `json:"unanswerable"`  // bad updates acknowledged and, rightly, not answered
	BadAnswered  int            `json:"bad_answered"`  // bad updates that got a reply (should be 0)
	Status       map[string]int `json:"status_counts"` // final HTTP status (or "error") per update
	ByKind       map[string]int `json:"by_kind"`
}

// NewPoster returns a poster with a connection pool sized for
// concurrency.
func NewPoster(targets []string, secret string, tr *Tracker, concurrency int) *Poster {
	tp := &http.Transport{
		MaxIdleConns:        concurrency * 2 * max(1, len(targets)),
		MaxIdleConnsPerHost: concurrency * 2,
		IdleConnTimeout:     30 * time.Second,
		DialContext:         (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
	}
	return &Poster{
		Targets: targets, Secret: secret, MaxAttempts: 5, Backoff: 20 * time.Millisecond, Tracker: tr,
		client: &http.Client{Transport: tp, Timeout: 5 * time.Minute},
		res:    Result{Status: map[string]int{}, ByKind: map[string]int{}},
	}
}

// Deliver posts u until it is acknowledged or refused, records the
// latency of the acknowledged request, and returns the final status
// (0 after a transport error).
func (p *Poster) Deliver(ctx context.Context, u Update) int {
	start := p.next.Add(1)
	attempts := p.MaxAttempts
	if attempts <= 0 {
		attempts = 5
	}
	status, extra := 0, 0
	var took time.Duration
	first := time.Now()
	for a := 1; a <= attempts && ctx.Err() == nil; a++ {
		if a > 1 {
			extra++
			time.Sleep(p.Backoff)
		}
		target := p.Targets[(int(start)+a-1)%len(p.Targets)]
		p.Tracker.Begin(u.Chat, u.ID, a)
		t0 := time.Now()
		status = p.post(ctx, target, u)
		if p.AwaitReply > 0 && status >= 200 && status < 300 && u.WantReply && u.Secret == "" {
			p.Tracker.Await(u.ID, p.AwaitReply)
		}
		took = time.Since(t0)
		p.Tracker.End(u.Chat, u.ID)
		if status >= 200 && status < 300 || status == 401 || status == 403 || status == 413 {
			break
		}
		if status == http.StatusServiceUnavailable && time.Since(first) < p.maxHold() {
			// In progress at another replica (or left by a dead one):
			// Telegram keeps redelivering such an update, so does this,
			// without using up an attempt.
			a--
			time.Sleep(holdRetry)
		}
	}
	p.record(u, status, extra, took)
	return status
}

// holdRetry is the pause before redelivering an update in progress.
const holdRetry = 250 * time.Millisecond

func (p *Poster) maxHold() time.Duration {
	if p.MaxHold > 0 {
		return p.MaxHold
	}
	return 30 * time.Second
}

func (p *Poster) post(ctx context.Context, target string, u Update) int {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target+WebhookPath, bytes.NewReader(u.Body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	switch u.Secret {
	case "":
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", p.Secret)
	case "-":
	default:
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", u.Secret)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func (p *Poster) record(u Update, status, extra int, took time.Duration) {
	o := p.Tracker.Outcome(u.ID)
	p.mu.Lock()
	defer p.mu.Unlock()
	r := &p.res
	r.Sent++
	r.Redelivered += extra
	r.ByKind[u.Kind]++
	r.Status[statusName(status)]++
	ok := status >= 200 && status < 300
	switch {
	case status == 401 || status == 403:
		r.Refused++
	case status == 413:
		r.TooLarge++
	case ok:
		r.Acked++
		p.lat = append(p.lat, took)
	default:
		r.Failed++
	}
	if o.Messages > 0 {
		if u.WantReply && u.Secret == "" {
			r.Answered++
		} else {
			r.BadAnswered++
		}
	}
	if o.Duplicated {
		r.Duplicated++
	}
	if ok && u.WantReply && u.Secret == "" && o.Messages == 0 {
		r.Lost++
	}
	if ok && !u.WantReply && o.Messages == 0 {
		r.Unanswerable++
	}
}

func statusName(s int) string {
	if s == 0 {
		return "error"
	}
	return http.StatusText(s)
}

// Result returns the counts and the latencies of acknowledged requests.
func (p *Poster) Result() (Result, []time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.res
	r.Status = copyMap(p.res.Status)
	r.ByKind = copyMap(p.res.ByKind)
	return r, append([]time.Duration(nil), p.lat...)
}

// Reset clears the counts (between phases).
func (p *Poster) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.res = Result{Status: map[string]int{}, ByKind: map[string]int{}}
	p.lat = nil
}

func copyMap(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Steady runs closed-loop load for d: concurrency workers, each owning the
// users base+w, base+w+concurrency, … and sending their conversations in
// turn, one update per user at a time. mix, when not nil, may replace an
// update (faults mix in bad ones). It returns the wall time taken.
func Steady(ctx context.Context, p *Poster, ids *IDs, concurrency, users int, base int64, d time.Duration, mix func(n int, u Update) Update) time.Duration {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	var n atomic.Int64
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var convs []*Conversation
			for u := w; u < users; u += concurrency {
				convs = append(convs, NewConversation(base+int64(u)))
			}
			if len(convs) == 0 {
				return
			}
			for i := 0; ctx.Err() == nil; i++ {
				u := convs[i%len(convs)].Next(ids)
				if mix != nil {
					u = mix(int(n.Add(1)), u)
				}
				// A delivery under way is finished even when d is over, as
				// Telegram would; only new updates stop.
				p.Deliver(context.WithoutCancel(ctx), u)
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}
