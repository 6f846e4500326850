package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/internal/loadtest"
	"github.com/thanhhoa/investbot/redisstore"
)

// User id ranges, far from real Telegram ids of the team's test accounts.
const (
	warmBase = 8_100_000_000
	loadBase = 8_200_000_000
)

// Targets from the production-readiness issue.
const (
	targetThroughput = 2000.0 // updates/s, one replica
	targetP99        = 10.0   // ms
	targetEchoRatio  = 0.60
)

type loadRun struct {
	Bot          string           `json:"bot"`
	Replicas     int              `json:"replicas"`
	Concurrency  int              `json:"concurrency"`
	Users        int              `json:"users"`
	Seconds      float64          `json:"seconds"`
	Throughput   float64          `json:"updates_per_s"`
	Latency      loadtest.Latency `json:"latency"`
	Result       loadtest.Result  `json:"result"`
	RSSBeforeKiB []int            `json:"rss_before_kib"`
	RSSAfterKiB  []int            `json:"rss_after_kib"`
	Sink         loadtest.SinkStats
}

type loadReport struct {
	Runs        []loadRun `json:"runs"`
	RatioToEcho float64   `json:"ratio_to_echo,omitempty"`
	// RatioToBefore compares with the -baseline build, run in the same
	// invocation.
	RatioToBefore float64  `json:"ratio_to_before,omitempty"`
	Verdict       []string `json:"verdict"`
}

func (h *harness) load(ctx context.Context) (any, error) {
	o := h.o
	if o.users == 0 {
		o.users = 20000
	}
	bots := []string{"investbot", "echobot"}
	if o.bot != "both" {
		bots = strings.Split(o.bot, ",")
	}
	for _, b := range bots {
		if h.bins[b] == "" {
			return nil, fmt.Errorf("-bot %s: not built (investbot, echobot, or before with -baseline)", b)
		}
	}
	rep := &loadReport{}
	for _, bot := range bots {
		r, err := h.loadOne(ctx, bot, o)
		if err != nil {
			return nil, err
		}
		rep.Runs = append(rep.Runs, r)
	}
	var inv, echo, before *loadRun
	for i := range rep.Runs {
		switch rep.Runs[i].Bot {
		case "investbot":
			inv = &rep.Runs[i]
		case "echobot":
			echo = &rep.Runs[i]
		case "before":
			before = &rep.Runs[i]
		}
	}
	if inv != nil && before != nil && before.Throughput > 0 {
		rep.RatioToBefore = inv.Throughput / before.Throughput
		rep.Verdict = append(rep.Verdict, verdict(rep.RatioToBefore >= 0.9, "investbot is %.0f%% of the baseline's throughput (%.0f vs %.0f updates/s; target ≥ 90%%)", 100*rep.RatioToBefore, inv.Throughput, before.Throughput))
	}
	if inv != nil {
		perReplica := inv.Throughput / float64(inv.Replicas)
		rep.Verdict = append(rep.Verdict,
			verdict(perReplica >= targetThroughput, "throughput %.0f updates/s per replica (target ≥ %.0f)", perReplica, targetThroughput),
			verdict(inv.Latency.P99 < targetP99, "p99 %.2f ms (target < %.0f ms)", inv.Latency.P99, targetP99),
			verdict(inv.Result.Lost == 0 && inv.Result.Duplicated == 0 && inv.Result.Failed == 0, "lost %d, duplicated %d, failed %d", inv.Result.Lost, inv.Result.Duplicated, inv.Result.Failed))
	}
	if inv != nil && echo != nil && echo.Throughput > 0 {
		rep.RatioToEcho = inv.Throughput / echo.Throughput
		rep.Verdict = append(rep.Verdict, verdict(rep.RatioToEcho >= targetEchoRatio, "investbot is %.0f%% of echobot's throughput (target ≥ %.0f%%)", 100*rep.RatioToEcho, 100*targetEchoRatio))
	}
	return rep, nil
}

func verdict(ok bool, format string, args ...any) string {
	mark := "MET   "
	if !ok {
		mark = "MISSED"
	}
	return mark + " " + fmt.Sprintf(format, args...)
}

func (h *harness) loadOne(ctx context.Context, bot string, o options) (loadRun, error) {
	if err := loadtest.FlushDB(ctx, o.redisURL); err != nil {
		return loadRun{}, err
	}
	defer loadtest.FlushDB(context.WithoutCancel(ctx), o.redisURL)
	h.logf("%s: %d replica(s), concurrency %d, %d users, %s", bot, o.replicas, o.concurrency, o.users, o.duration)
	s, err := h.startStack(ctx, bot, o.replicas, o.redisURL, 100000)
	if err != nil {
		return loadRun{}, err
	}
	defer s.stop()
	ids := loadtest.NewIDs()
	loadtest.Steady(ctx, s.poster, ids, o.concurrency, 2000, warmBase, 2*time.Second, nil)
	s.poster.Reset()
	s.sink.Reset()
	before := s.rss()
	took := loadtest.Steady(ctx, s.poster, ids, o.concurrency, o.users, loadBase, o.duration, nil)
	res, lat := s.poster.Result()
	return loadRun{
		Bot: bot, Replicas: o.replicas, Concurrency: o.concurrency, Users: o.users,
		Seconds: took.Seconds(), Throughput: float64(res.Acked) / took.Seconds(),
		Latency: loadtest.Summarize(lat), Result: res,
		RSSBeforeKiB: before, RSSAfterKiB: s.rss(), Sink: s.sink.Stats(),
	}, nil
}

type conferenceReport struct {
	Users            int                   `json:"users"`
	Spread           string                `json:"spread"`
	Result           loadtest.Result       `json:"result"`
	Latency          loadtest.Latency      `json:"latency"`
	LastReplySeconds float64               `json:"time_to_last_reply_s"`
	LastPostSeconds  float64               `json:"time_to_last_post_s"`
	Windows          loadtest.WindowReport `json:"windows"`
	Sink             loadtest.SinkStats    `json:"sink"`
	RSSKiB           []int                 `json:"rss_end_kib"`
	Bot              string                `json:"bot"`
	FirstAnswer      loadtest.Latency      `json:"time_to_first_answer_ms"`
	FloorSeconds     float64               `json:"floor_s"`
	ChatsShort       int                   `json:"chats_short"`
	Repeated         int                   `json:"repeated_messages"`
	// ChatsByMessages counts the chats by how many messages they got
	// (an answer may take two; a repeated text may be the same answer to
	// two questions).
	ChatsByMessages map[int]int `json:"chats_by_messages"`
	Verdict         []string    `json:"verdict"`
}

// conference: each new user sends /start and two questions within the
// spread, against one replica with Telegram's real limits (30/s).
func (h *harness) conference(ctx context.Context) (any, error) {
	o := h.o
	if o.users == 0 {
		o.users = 200
	}
	if err := loadtest.FlushDB(ctx, o.redisURL); err != nil {
		return nil, err
	}
	defer loadtest.FlushDB(context.WithoutCancel(ctx), o.redisURL)
	h.o.concurrency = o.users
	bot := "investbot"
	if o.bot == "before" {
		bot = "before"
	}
	s, err := h.startStack(ctx, bot, 1, o.redisURL, 30)
	if err != nil {
		return nil, err
	}
	// Users write at their own times, not after each answer: time to
	// first answer is measured at the sink.
	s.poster.AwaitReply = 0
	defer s.stop()
	h.logf("conference: %d users × 3 updates within %s at 30 messages/s; expect about %.0f s", o.users, o.spread, float64(o.users*3)/26)
	s.sink.Reset()
	start := s.sink.Since()
	posts := postConference(ctx, s, o.users, o.spread, start)
	awaitQuiet(ctx, s.sink)
	res, lat := s.poster.Result()
	sent := s.sink.Sent()
	t := tallyConference(sent, posts.first, start)
	rep := &conferenceReport{
		Users: o.users, Spread: o.spread.String(), Result: res, Latency: loadtest.Summarize(lat),
		LastReplySeconds: t.last.Seconds(), LastPostSeconds: posts.last.Seconds(), Windows: loadtest.Windows(sent), Sink: s.sink.Stats(), RSSKiB: s.rss(),
		Bot: bot, FirstAnswer: loadtest.Summarize(t.firstAnswer), FloorSeconds: float64(o.users) / 30, ChatsShort: t.short, Repeated: t.repeated, ChatsByMessages: t.byCount,
	}
	rep.Verdict = conferenceVerdicts(rep)
	return rep, nil
}

// conferencePosts is what the users' side saw: when each user posted
// first, and how long after the start the last update went out.
type conferencePosts struct {
	first map[int64]time.Duration // sink clock
	last  time.Duration           // since start
}

// postConference delivers /start and two questions for each of users,
// each user at three random times inside the spread, all users at once.
// It returns when every update has been posted.
func postConference(ctx context.Context, s *stack, users int, spread, start time.Duration) conferencePosts {
	ids := loadtest.NewIDs()
	var wg sync.WaitGroup
	var mu sync.Mutex
	posts := conferencePosts{first: make(map[int64]time.Duration, users)}
	for i := 0; i < users; i++ {
		user := int64(loadBase + i)
		// Three arrival times inside the spread, in order.
		t := []time.Duration{randDur(spread / 2), 0, 0}
		t[1] = t[0] + randDur((spread-t[0])/2)
		t[2] = t[1] + randDur(spread-t[1])
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := loadtest.NewConversation(user)
			lang := c.Lang
			ups := []loadtest.Update{
				loadtest.Command(ids.Next(), user, lang, "/start"),
				loadtest.Text(ids.Next(), user, lang, loadtest.Questions[lang][int(user)%len(loadtest.Questions[lang])]),
				loadtest.Text(ids.Next(), user, lang, loadtest.Questions[lang][int(user+1)%len(loadtest.Questions[lang])]),
			}
			for k, u := range ups {
				if d := start + t[k] - s.sink.Since(); d > 0 {
					time.Sleep(d)
				}
				mu.Lock()
				posts.last = max(posts.last, s.sink.Since()-start)
				if k == 0 {
					posts.first[user] = s.sink.Since()
				}
				mu.Unlock()
				s.poster.Deliver(ctx, u)
			}
		}()
	}
	wg.Wait()
	return posts
}

// awaitQuiet returns once the sink has received nothing for 5 s. With the
// outbox the webhook answers before the reply is sent, and the bot sends
// without pause while it has anything to send, so a quiet sink means the
// replies are all out.
func awaitQuiet(ctx context.Context, sink *loadtest.Sink) {
	for quiet, last := time.Now(), -1; ; {
		n := len(sink.Sent())
		if time.Since(quiet) > 5*time.Second || ctx.Err() != nil {
			return
		}
		if n != last {
			quiet, last = time.Now(), n
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// conferenceTally is what the chats received.
type conferenceTally struct {
	// firstAnswer holds, per user who got an answer, the time from their
	// first message to the first message the bot sent them.
	firstAnswer []time.Duration
	byCount     map[int]int // chats by messages received
	short       int         // chats that got fewer than 3 messages
	repeated    int         // texts sent again to the same chat
	last        time.Duration
}

// tallyConference counts the messages sent to each user's chat; last is
// the latest message of any kind, measured from start.
func tallyConference(sent []loadtest.Sent, firstPost map[int64]time.Duration, start time.Duration) conferenceTally {
	firstReply := map[int64]time.Duration{}
	perChat := map[int64]int{}
	texts := map[string]int{}
	for _, m := range sent {
		if m.Method != "sendMessage" {
			continue
		}
		perChat[m.Chat]++
		texts[fmt.Sprint(m.Chat)+"\x00"+m.Text]++
		if _, ok := firstReply[m.Chat]; !ok {
			firstReply[m.Chat] = m.At
		}
	}
	t := conferenceTally{byCount: map[int]int{}}
	for user, at := range firstPost {
		if r, ok := firstReply[user]; ok {
			t.firstAnswer = append(t.firstAnswer, r-at)
		}
	}
	for user := range firstPost {
		t.byCount[perChat[user]]++
		if perChat[user] < 3 {
			t.short++
		}
	}
	for _, n := range texts {
		if n > 1 {
			t.repeated += n - 1
		}
	}
	for _, m := range sent {
		t.last = max(t.last, m.At-start)
	}
	return t
}

// conferenceVerdicts reads the summary lines off a finished report.
func conferenceVerdicts(rep *conferenceReport) []string {
	tl, w := rep.FirstAnswer, rep.Windows
	return []string{
		fmt.Sprintf("INFO   chats by messages received %v; %d chats under 3, %d texts repeated in a chat", rep.ChatsByMessages, rep.ChatsShort, rep.Repeated),
		fmt.Sprintf("INFO   time to first answer p50 %.1f s, p95 %.1f s, max %.1f s; floor %d users ÷ 30/s = %.1f s", tl.P50/1000, tl.P95/1000, tl.Max/1000, rep.Users, rep.FloorSeconds),
		verdict(w.MaxGlobalPerSec <= 30, "at most %d messages in any 1 s overall (Telegram: 30)", w.MaxGlobalPerSec),
		verdict(w.MaxChatPerSec <= 3, "at most %d messages to one chat in any 1 s (the bot's private-chat burst: 3)", w.MaxChatPerSec),
		fmt.Sprintf("INFO   last reply %.1f s after the first update; %d messages at ≤ 30/s need ≥ %.0f s", rep.LastReplySeconds, w.Messages, float64(w.Messages)/30),
	}
}

func randDur(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(d)))
}

type faultPhase struct {
	Name    string             `json:"name"`
	What    string             `json:"what"`
	Seconds float64            `json:"seconds"`
	Result  loadtest.Result    `json:"result"`
	Latency loadtest.Latency   `json:"latency"`
	Sink    loadtest.SinkStats `json:"sink"`
	Notes   []string           `json:"notes"`
}

type faultsReport struct {
	Phases  []faultPhase `json:"phases"`
	Verdict []string     `json:"verdict"`
}

// faults runs steady load through five faults, each with a fresh stack
// on a private redis-server.
func (h *harness) faults(ctx context.Context) (any, error) {
	o := h.o
	if o.users == 0 {
		o.users = 5000
	}
	if o.concurrency > 8 {
		h.o.concurrency = 8 // steady, not saturating: the faults are the point
	}
	phase := max(o.duration/2, 6*time.Second)
	rs, err := loadtest.StartRedis(ctx, 0)
	if err != nil {
		return nil, err
	}
	defer rs.Kill()
	rep := &faultsReport{}
	r := faultRun{h: h, rs: rs, ids: loadtest.NewIDs(), base: loadBase, users: o.users, phase: phase}
	for _, f := range faultSpecs(ctx, rs, phase) {
		p, err := r.run(ctx, f)
		if err != nil {
			return nil, err
		}
		rep.Phases = append(rep.Phases, p)
		res := p.Result
		rep.Verdict = append(rep.Verdict, verdict(res.Lost == 0 && res.Duplicated == 0 && res.Failed == 0 && res.BadAnswered == 0,
			"%-17s sent %d, answered %d, duplicated %d, lost %d, failed %d, redelivered %d, refused %d, too large %d, bad acknowledged unanswered %d, p99 %.1f ms",
			p.Name, res.Sent, res.Answered, res.Duplicated, res.Lost, res.Failed, res.Redelivered, res.Refused, res.TooLarge, res.Unanswerable, p.Latency.P99))
	}
	return rep, nil
}

// faultSpec is one fault phase. during runs alongside the load, sets off
// the fault and returns notes for the report; mix, when not nil, replaces
// some of the updates.
type faultSpec struct {
	name, what string
	replicas   int
	during     func(s *stack) []string
	mix        func(n int, u loadtest.Update) loadtest.Update
}

// faultSpecs lists the five faults in the order they run; rs is the
// private redis-server the stacks use, phase the length of each.
func faultSpecs(ctx context.Context, rs *loadtest.RedisServer, phase time.Duration) []faultSpec {
	none := func(*stack) []string { return nil }
	return []faultSpec{
		{"redis-restart", "redis-server SIGKILLed at 1/3 of the phase, restarted 2 s later (AOF off: its data is gone)", 1, func(s *stack) []string {
			time.Sleep(phase / 3)
			rs.Kill()
			t := s.sink.Since()
			time.Sleep(2 * time.Second)
			if err := rs.Start(ctx); err != nil {
				return []string{"restart failed: " + err.Error()}
			}
			return []string{fmt.Sprintf("Redis down from %.1f s to %.1f s", t.Seconds(), s.sink.Since().Seconds())}
		}, nil},
		{"telegram-429-500", "for the middle half of the phase the sink answers 20% of calls 429 retry_after=1 and 10% 500", 1, func(s *stack) []string {
			time.Sleep(phase / 4)
			s.sink.SetFault(&loadtest.Fault{TooMany: 0.2, RetryAfter: 1, ServerError: 0.1})
			time.Sleep(phase / 2)
			s.sink.SetFault(nil)
			return nil
		}, nil},
		{"replica-killed", "two replicas; replica 1 SIGKILLed at 1/3 of the phase; failed posts are delivered again to the other", 2, func(s *stack) []string {
			time.Sleep(phase / 3)
			s.replicas[0].Kill()
			return []string{fmt.Sprintf("%s killed at %.1f s", s.replicas[0].Name, s.sink.Since().Seconds())}
		}, nil},
		{"bad-updates", "every 10th update replaced by invalid JSON, missing fields, wrong types, {} or a body over 1 MiB", 1, none,
			func(n int, u loadtest.Update) loadtest.Update {
				if n%10 != 0 {
					return u
				}
				return loadtest.Bad(u.ID, n/10)
			}},
		{"bad-secrets", "every 10th update posted without the secret header or with a wrong secret", 1, none,
			func(n int, u loadtest.Update) loadtest.Update {
				switch n % 20 {
				case 0:
					u.Secret = "-"
				case 10:
					u.Secret = "wrong_secret_wrong_secret_0000"
				}
				return u
			}},
	}
}

// faultRun carries what the phases share: the update ids and the next
// phase's first user, so that no phase meets another's sessions.
type faultRun struct {
	h     *harness
	rs    *loadtest.RedisServer
	ids   *loadtest.IDs
	base  int64
	users int
	phase time.Duration
}

// run starts a fresh stack on the private Redis, puts steady load on it
// while f's fault acts, and reports the phase.
func (r *faultRun) run(ctx context.Context, f faultSpec) (faultPhase, error) {
	r.h.logf("faults: %s", f.name)
	s, err := r.h.startStack(ctx, "investbot", f.replicas, r.rs.URL(), 100000)
	if err != nil {
		return faultPhase{}, err
	}
	defer s.stop()
	var notes []string
	done := make(chan struct{})
	go func() { notes = f.during(s); close(done) }()
	took := loadtest.Steady(ctx, s.poster, r.ids, r.h.o.concurrency, r.users, r.base, r.phase, f.mix)
	<-done
	r.base += int64(r.users)
	res, lat := s.poster.Result()
	notes = append(notes, logNotes(s)...)
	return faultPhase{Name: f.name, What: f.what, Seconds: took.Seconds(), Result: res, Latency: loadtest.Summarize(lat), Sink: s.sink.Stats(), Notes: notes}, nil
}

// logNotes counts, per replica, the log lines that tell how the bot
// coped: answers without context, replies given up on, updates dropped.
func logNotes(s *stack) []string {
	var notes []string
	for _, r := range s.replicas {
		if n := r.LogLines("session store unavailable"); n > 0 {
			notes = append(notes, fmt.Sprintf("%s logged %d updates answered without context (Redis down)", r.Name, n))
		}
		if n := r.LogLines("reply lost"); n > 0 {
			notes = append(notes, fmt.Sprintf("%s logged %d replies lost after every retry", r.Name, n))
		}
		if n := r.LogLines("update dropped"); n > 0 {
			notes = append(notes, fmt.Sprintf("%s logged %d malformed updates dropped", r.Name, n))
		}
	}
	return notes
}

type memoryReport struct {
	Sessions           int     `json:"sessions_stored"`
	PrefillSeconds     float64 `json:"prefill_s"`
	RedisUsedMemory    string  `json:"redis_used_memory"`
	RedisKeys          int64   `json:"redis_keys"`
	RSSIdleKiB         int     `json:"rss_idle_kib"`
	RSSAfterSmallKiB   int     `json:"rss_after_small_kib"`
	RSSLargeMaxKiB     int     `json:"rss_max_many_users_kib"`
	RSSLargeEndKiB     int     `json:"rss_end_many_users_kib"`
	SmallUsers         int     `json:"small_phase_users"`
	LargeUsers         int     `json:"large_phase_users"`
	LargeUpdates       int     `json:"large_phase_updates"`
	RSSSamplesKiB      []int   `json:"rss_samples_kib"`
	ThroughputSmall    float64 `json:"small_updates_per_s"`
	ThroughputLarge    float64 `json:"large_updates_per_s"`
	LatencyLarge       loadtest.Latency
	Verdict            []string `json:"verdict"`
	RedisUsedMemoryEnd string   `json:"redis_used_memory_end"`
	RevisitUsers       int      `json:"revisit_users"`
	RevisitUpdates     int      `json:"revisit_updates"`
	RSSRevisitEndKiB   int      `json:"rss_after_revisit_kib"`
	PerNewUserBytes    float64  `json:"rss_bytes_per_new_user"`
}

// memory stores sessions for o.sessions users straight through redisstore
// (the bot's own store, same database and prefix), then loads the bot with
// 1,000 of them and then with all of them, sampling its RSS each second.
func (h *harness) memory(ctx context.Context) (any, error) {
	o := h.o
	if o.users == 0 {
		o.users = o.sessions
	}
	if err := loadtest.FlushDB(ctx, o.redisURL); err != nil {
		return nil, err
	}
	defer loadtest.FlushDB(context.WithoutCancel(ctx), o.redisURL)
	rep := &memoryReport{Sessions: o.sessions, SmallUsers: 5000, LargeUsers: o.users}
	h.logf("memory: storing %d sessions", o.sessions)
	t0 := time.Now()
	if err := prefill(ctx, o.redisURL, o.sessions); err != nil {
		return nil, err
	}
	rep.PrefillSeconds = time.Since(t0).Seconds()
	rep.RedisUsedMemory, rep.RedisKeys, _ = loadtest.RedisInfo(ctx, o.redisURL, "used_memory_human")

	s, err := h.startStack(ctx, "investbot", 1, o.redisURL, 100000)
	if err != nil {
		return nil, err
	}
	defer s.stop()
	r := s.replicas[0]
	rep.RSSIdleKiB = r.RSS()
	ids := loadtest.NewIDs()
	took := loadtest.Steady(ctx, s.poster, ids, o.concurrency, rep.SmallUsers, loadBase, o.duration/3, nil)
	res, _ := s.poster.Result()
	rep.ThroughputSmall = float64(res.Acked) / took.Seconds()
	rep.RSSAfterSmallKiB = r.RSS()
	s.poster.Reset()

	// The large phase starts at the same users; each worker walks its
	// share of the 100,000 in order, so most updates reach a stored
	// session the bot has not seen yet.
	samples := sampleRSS(r)
	took = loadtest.Steady(ctx, s.poster, ids, o.concurrency, o.users, loadBase, 2*o.duration, nil)
	rep.RSSSamplesKiB = samples()
	res, lat := s.poster.Result()
	rep.ThroughputLarge = float64(res.Acked) / took.Seconds()
	rep.LargeUpdates = res.Sent
	rep.LatencyLarge = loadtest.Summarize(lat)
	rep.RSSLargeEndKiB = r.RSS()
	for _, v := range rep.RSSSamplesKiB {
		rep.RSSLargeMaxKiB = max(rep.RSSLargeMaxKiB, v)
	}
	rep.RedisUsedMemoryEnd, _, _ = loadtest.RedisInfo(ctx, o.redisURL, "used_memory_human")

	// Revisit the users just seen (about one per update sent): memory
	// that grows with new users but not with returning ones is per-chat
	// state held in the process.
	s.poster.Reset()
	seen := res.Sent
	loadtest.Steady(ctx, s.poster, ids, o.concurrency, seen, loadBase, o.duration/2, nil)
	rev, _ := s.poster.Result()
	rep.RevisitUsers, rep.RevisitUpdates, rep.RSSRevisitEndKiB = seen, rev.Sent, r.RSS()
	rep.PerNewUserBytes = float64(rep.RSSLargeEndKiB-rep.RSSAfterSmallKiB) * 1024 / float64(max(1, res.Sent))
	rep.Verdict = memoryVerdicts(rep, res)
	return rep, nil
}

// sampleRSS reads r's RSS once a second until the returned function is
// called, which stops the sampling and returns the samples.
func sampleRSS(r *loadtest.Replica) func() []int {
	stop := make(chan struct{})
	var samples []int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				samples = append(samples, r.RSS())
			}
		}
	}()
	return func() []int {
		close(stop)
		wg.Wait()
		return samples
	}
}

// memoryVerdicts judges a finished report; large is the result of the
// large phase.
func memoryVerdicts(rep *memoryReport, large loadtest.Result) []string {
	growth := float64(rep.RSSLargeMaxKiB-rep.RSSAfterSmallKiB) / float64(max(1, rep.RSSAfterSmallKiB))
	return []string{
		verdict(growth < 0.25, "RSS %d KiB after %d users → max %d KiB after %d updates to new users of the %d stored: %+.0f%% (%.0f B per new user)", rep.RSSAfterSmallKiB, rep.SmallUsers, rep.RSSLargeMaxKiB, large.Sent, rep.Sessions, 100*growth, rep.PerNewUserBytes),
		verdict(rep.RSSRevisitEndKiB <= rep.RSSLargeEndKiB*105/100, "revisiting those %d users (%d updates): RSS %d → %d KiB", rep.RevisitUsers, rep.RevisitUpdates, rep.RSSLargeEndKiB, rep.RSSRevisitEndKiB),
		verdict(large.Lost == 0 && large.Duplicated == 0, "lost %d, duplicated %d", large.Lost, large.Duplicated),
	}
}

// prefill stores n realistic sessions with the bot's own store.
func prefill(ctx context.Context, url string, n int) error {
	st, err := redisstore.Open(ctx, url, redisstore.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	entries := []string{"zone.wha-smart-tech-1", "zone.nghi-son-ez", "incentive.cit-economic-zone", "contact.japan-desk"}
	now := time.Now()
	const workers = 32
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				l := investbot.Langs[i%4]
				sess := investbot.Session{
					UserID: int64(loadBase + i), Lang: l, LastEntry: entries[i%len(entries)], LastAt: now,
					Recent: []investbot.Exchange{{Q: "How big is Nghi Son economic zone?", Intent: entries[1], At: now}},
				}
				if err := st.Save(ctx, sess); err != nil {
					errc <- fmt.Errorf("prefill session %d: %w", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	return <-errc
}

func printText(w io.Writer, report any) {
	raw, _ := json.MarshalIndent(report, "", "  ")
	fmt.Fprintln(w, string(raw))
	var v struct {
		Verdict []string `json:"verdict"`
	}
	if json.Unmarshal(raw, &v) == nil && len(v.Verdict) > 0 {
		fmt.Fprintln(w, "\nsummary:")
		for _, l := range v.Verdict {
			fmt.Fprintln(w, "  "+l)
		}
	}
}
