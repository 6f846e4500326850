package redisstore

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// KBAdmin is the Redis investbot.AdminStore: knowledge-base versions, pending
// confirmations, drafts, usage counters, the unanswered log, the audit log
// and announcement subscribers. Every key carries the {kb} hash tag, so the
// store also works on Redis Cluster:
//
//	P{kb}:seq              version counter
//	P{kb}:cur              current version number
//	P{kb}:meta             hash version number → Version JSON
//	P{kb}:v:<n>            version n's files, gzip-compressed JSON
//	P{kb}:published        pub/sub channel; the message is the new number
//	P{kb}:p:<kind>:<admin> pending confirmation (gzip JSON), PX 1 h
//	P{kb}:dseq, P{kb}:d    draft counter; hash draft id → Draft JSON
//	P{kb}:dopen            sorted set of open draft ids by number
//	P{kb}:day:<date>       hash of that day's counters, expiring after 400 days
//	P{kb}:q                list of logged questions, newest first, capped;
//	                       each carries its asker's keyed hash ("u")
//	P{kb}:audit            list of audit events, newest first, capped
//	P{kb}:subs             hash user id → language
type KBAdmin struct {
	st *Store
	// PollInterval is how often Watch reads the current version besides
	// listening to pub/sub (messages are lost while reconnecting).
	PollInterval time.Duration
}

var _ investbot.AdminStore = (*KBAdmin)(nil)

// Admin returns the admin tools' store sharing st's connection.
func (st *Store) Admin() investbot.AdminStore { return st.kbAdmin() }

func (st *Store) kbAdmin() *KBAdmin { return &KBAdmin{st: st, PollInterval: 3 * time.Second} }

func (k *KBAdmin) key(suffix string) string { return k.st.opts.Prefix + "{kb}:" + suffix }

func gzipJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// maxStoredBytes bounds what a stored blob may unpack to, so a corrupted or
// hostile value cannot exhaust memory.
const maxStoredBytes = 64 << 20

func gunzipJSON(b []byte, v any) error {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	defer zr.Close()
	return json.NewDecoder(io.LimitReader(zr, maxStoredBytes)).Decode(v)
}

// publishScript makes version ARGV[1] current unless a newer one already
// is, records its metadata and files, and announces it.
//
// KEYS: 1 files key, 2 meta hash, 3 current. ARGV: 1 n, 2 files blob,
// 3 meta JSON, 4 channel.
var publishScript = redis.NewScript(`
redis.call('SET', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local cur = tonumber(redis.call('GET', KEYS[3]) or '0')
if cur < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[3], ARGV[1])
  redis.call('PUBLISH', ARGV[4], ARGV[1])
end
return 1
`)

// Publish stores files as the next version, makes it current and
// notifies every Watch through pub/sub.
func (k *KBAdmin) Publish(ctx context.Context, files map[string][]byte, by int64, summary string) (investbot.KBVersion, error) {
	if len(files) == 0 {
		return investbot.KBVersion{}, fmt.Errorf("redisstore: publish: no files")
	}
	blob, err := gzipJSON(files)
	if err != nil {
		return investbot.KBVersion{}, fmt.Errorf("redisstore: publish: encode: %w", err)
	}
	n, err := k.st.client.Incr(ctx, k.key("seq")).Result()
	if err != nil {
		return investbot.KBVersion{}, unavailable("publish", err)
	}
	v := investbot.KBVersion{N: int(n), By: by, At: time.Now().UTC(), Summary: summary, Files: len(files)}
	for _, b := range files {
		v.Bytes += len(b)
	}
	meta, err := json.Marshal(v)
	if err != nil {
		return investbot.KBVersion{}, fmt.Errorf("redisstore: publish: encode: %w", err)
	}
	ns := strconv.FormatInt(n, 10)
	err = publishScript.Run(ctx, k.st.client, []string{k.key("v:" + ns), k.key("meta"), k.key("cur")},
		ns, blob, meta, k.key("published")).Err()
	if err != nil {
		return investbot.KBVersion{}, unavailable("publish", err)
	}
	return v, nil
}

// Versions returns the history, newest first.
func (k *KBAdmin) Versions(ctx context.Context) ([]investbot.KBVersion, error) {
	m, err := k.st.client.HGetAll(ctx, k.key("meta")).Result()
	if err != nil {
		return nil, unavailable("versions", err)
	}
	out := make([]investbot.KBVersion, 0, len(m))
	for _, s := range m {
		var v investbot.KBVersion
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return nil, fmt.Errorf("redisstore: decode version: %w", err)
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].N > out[j].N })
	return out, nil
}

// Files returns version n's files.
func (k *KBAdmin) Files(ctx context.Context, n int) (map[string][]byte, error) {
	b, err := k.st.client.Get(ctx, k.key("v:"+strconv.Itoa(n))).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("redisstore: knowledge base version %d: %w", n, investbot.ErrNotFound)
	}
	if err != nil {
		return nil, unavailable("version files", err)
	}
	var files map[string][]byte
	if err := gunzipJSON(b, &files); err != nil {
		return nil, fmt.Errorf("redisstore: decode version %d: %w", n, err)
	}
	return files, nil
}

// Current returns the current version number, 0 when none.
func (k *KBAdmin) Current(ctx context.Context) (int, error) {
	n, err := k.st.client.Get(ctx, k.key("cur")).Int()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, unavailable("current version", err)
	}
	return n, nil
}

// Rollback publishes version n's files again as a new version.
func (k *KBAdmin) Rollback(ctx context.Context, n int, by int64) (investbot.KBVersion, error) {
	files, err := k.Files(ctx, n)
	if err != nil {
		return investbot.KBVersion{}, err
	}
	return k.Publish(ctx, files, by, "rollback to version "+strconv.Itoa(n))
}

// Watch reports the current version at start and every change after:
// it listens on the pub/sub channel and, as a safety net for messages lost
// while reconnecting, reads the current version every PollInterval.
// Redis outages are ridden out; it returns ctx.Err() when ctx ends.
func (k *KBAdmin) Watch(ctx context.Context, fn func(n int)) error {
	sub := k.st.client.Subscribe(ctx, k.key("published"))
	defer sub.Close()
	msgs := sub.Channel()
	every := k.PollInterval
	if every <= 0 {
		every = 3 * time.Second
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	last := -1
	check := func() {
		n, err := k.Current(ctx)
		if err == nil && n != last {
			last = n
			fn(n)
		}
	}
	check()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case _, ok := <-msgs:
			if !ok {
				msgs = nil // closed: rely on polling
			}
			check()
		case <-tick.C:
			check()
		}
	}
}

func (k *KBAdmin) pendingKey(admin int64, kind investbot.PendingKind) string {
	return k.key("p:" + string(kind) + ":" + strconv.FormatInt(admin, 10))
}

// SetPending keeps p for investbot.PendingTTL.
func (k *KBAdmin) SetPending(ctx context.Context, adminID int64, p investbot.Pending) error {
	if p.At.IsZero() {
		p.At = time.Now()
	}
	b, err := gzipJSON(p)
	if err != nil {
		return fmt.Errorf("redisstore: encode pending: %w", err)
	}
	if err := k.st.client.Set(ctx, k.pendingKey(adminID, p.Kind), b, investbot.PendingTTL).Err(); err != nil {
		return unavailable("set pending", err)
	}
	return nil
}

// TakePending returns and removes a pending action (GETDEL, so two
// replicas cannot both confirm it).
func (k *KBAdmin) TakePending(ctx context.Context, adminID int64, kind investbot.PendingKind) (investbot.Pending, error) {
	b, err := k.st.client.GetDel(ctx, k.pendingKey(adminID, kind)).Bytes()
	if errors.Is(err, redis.Nil) {
		return investbot.Pending{}, fmt.Errorf("redisstore: pending %s: %w", kind, investbot.ErrNotFound)
	}
	if err != nil {
		return investbot.Pending{}, unavailable("take pending", err)
	}
	var p investbot.Pending
	if err := gunzipJSON(b, &p); err != nil {
		return investbot.Pending{}, fmt.Errorf("redisstore: decode pending: %w", err)
	}
	return p, nil
}

// AddDraft stores d as open under a new id.
func (k *KBAdmin) AddDraft(ctx context.Context, d investbot.Draft) (investbot.Draft, error) {
	n, err := k.st.client.Incr(ctx, k.key("dseq")).Result()
	if err != nil {
		return investbot.Draft{}, unavailable("add draft", err)
	}
	d.ID = "D" + strconv.FormatInt(n, 10)
	d.Status = investbot.DraftOpen
	b, err := json.Marshal(d)
	if err != nil {
		return investbot.Draft{}, fmt.Errorf("redisstore: encode draft: %w", err)
	}
	_, err = k.st.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, k.key("d"), d.ID, b)
		p.ZAdd(ctx, k.key("dopen"), redis.Z{Score: float64(n), Member: d.ID})
		return nil
	})
	if err != nil {
		return investbot.Draft{}, unavailable("add draft", err)
	}
	return d, nil
}

// Drafts lists the open drafts, oldest first.
func (k *KBAdmin) Drafts(ctx context.Context) ([]investbot.Draft, error) {
	ids, err := k.st.client.ZRange(ctx, k.key("dopen"), 0, -1).Result()
	if err != nil {
		return nil, unavailable("drafts", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	vals, err := k.st.client.HMGet(ctx, k.key("d"), ids...).Result()
	if err != nil {
		return nil, unavailable("drafts", err)
	}
	out := make([]investbot.Draft, 0, len(vals))
	for _, v := range vals {
		s, ok := v.(string)
		if !ok {
			continue
		}
		var d investbot.Draft
		if json.Unmarshal([]byte(s), &d) == nil && d.Status == investbot.DraftOpen {
			out = append(out, d)
		}
	}
	return out, nil
}

// Draft returns one draft.
func (k *KBAdmin) Draft(ctx context.Context, id string) (investbot.Draft, error) {
	s, err := k.st.client.HGet(ctx, k.key("d"), id).Result()
	if errors.Is(err, redis.Nil) {
		return investbot.Draft{}, fmt.Errorf("redisstore: draft %s: %w", id, investbot.ErrNotFound)
	}
	if err != nil {
		return investbot.Draft{}, unavailable("draft", err)
	}
	var d investbot.Draft
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return investbot.Draft{}, fmt.Errorf("redisstore: decode draft %s: %w", id, err)
	}
	return d, nil
}

// ResolveDraft approves or rejects an open draft. Removing the id from the
// open set first decides which of two concurrent admins resolves it.
func (k *KBAdmin) ResolveDraft(ctx context.Context, id string, status investbot.DraftStatus, by int64) (investbot.Draft, error) {
	if status != investbot.DraftApproved && status != investbot.DraftRejected {
		return investbot.Draft{}, fmt.Errorf("redisstore: resolve draft %s: bad status %q", id, status)
	}
	d, err := k.Draft(ctx, id)
	if err != nil {
		return investbot.Draft{}, err
	}
	removed, err := k.st.client.ZRem(ctx, k.key("dopen"), id).Result()
	if err != nil {
		return investbot.Draft{}, unavailable("resolve draft", err)
	}
	if removed == 0 || d.Status != investbot.DraftOpen {
		return d, fmt.Errorf("redisstore: draft %s: %w", id, investbot.ErrResolved)
	}
	d.Status, d.ResolvedBy, d.ResolvedAt = status, by, time.Now().UTC()
	b, err := json.Marshal(d)
	if err != nil {
		return investbot.Draft{}, fmt.Errorf("redisstore: encode draft: %w", err)
	}
	if err := k.st.client.HSet(ctx, k.key("d"), id, b).Err(); err != nil {
		return investbot.Draft{}, unavailable("resolve draft", err)
	}
	return d, nil
}

// Day counter fields.
const (
	fMessages = "m"
	fAnswered = "a"
	fLang     = "l:"
	fIntent   = "i:"
)

var counterField = map[investbot.Counter]string{
	investbot.CountHandoffOpened: "ho",
	investbot.CountHandoffClosed: "hc",
	investbot.CountLead:          "ld",
}

// loggedQuestion is the stored form of a logged question.
type loggedQuestion struct {
	User   string         `json:"u,omitempty"` // Asked.UserTag
	Text   string         `json:"t"`
	Lang   investbot.Lang `json:"l,omitempty"`
	At     time.Time      `json:"at"`
	Ans    bool           `json:"a,omitempty"`
	Intent string         `json:"i,omitempty"`
	Conf   float64        `json:"c,omitempty"`
}

// RecordQuestion counts q in its day and logs its text when it was not
// answered confidently, in one round trip.
func (k *KBAdmin) RecordQuestion(ctx context.Context, q investbot.Asked) error {
	return k.RecordQuestions(ctx, []investbot.Asked{q})
}

// RecordQuestions records many questions in one round trip (the batcher
// writes a second's worth at once).
func (k *KBAdmin) RecordQuestions(ctx context.Context, qs []investbot.Asked) error {
	_, err := k.st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, q := range qs {
			k.queueQuestion(ctx, p, q)
		}
		return nil
	})
	if err != nil {
		return unavailable("record question", err)
	}
	return nil
}

func (k *KBAdmin) queueQuestion(ctx context.Context, p redis.Pipeliner, q investbot.Asked) {
	if q.At.IsZero() {
		q.At = time.Now()
	}
	if r := []rune(q.Text); len(r) > investbot.MaxLoggedRunes {
		q.Text = string(r[:investbot.MaxLoggedRunes])
	}
	dk := k.key("day:" + investbot.DayOf(q.At))
	p.HIncrBy(ctx, dk, fMessages, 1)
	if q.Answered {
		p.HIncrBy(ctx, dk, fAnswered, 1)
	}
	if q.Lang != "" {
		p.HIncrBy(ctx, dk, fLang+string(q.Lang), 1)
	}
	if q.Intent != "" {
		p.HIncrBy(ctx, dk, fIntent+q.Intent, 1)
	}
	p.Expire(ctx, dk, investbot.DayTTL)
	if q.Logged() {
		b, _ := json.Marshal(loggedQuestion{User: q.UserTag, Text: q.Text, Lang: q.Lang, At: q.At.UTC(), Ans: q.Answered, Intent: q.Intent, Conf: q.Confidence})
		p.LPush(ctx, k.key("q"), b)
		p.LTrim(ctx, k.key("q"), 0, investbot.MaxLogged-1)
	}
}

// forgetQuestionsScript removes the logged questions of one user tag.
// KEYS: 1 the log. ARGV: 1 the tag. Returns how many were removed.
var forgetQuestionsScript = redis.NewScript(`
local n = 0
for _, v in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local ok, q = pcall(cjson.decode, v)
  if ok and type(q) == 'table' and q['u'] == ARGV[1] then
    n = n + redis.call('LREM', KEYS[1], 0, v)
  end
end
return n
`)

// ForgetQuestions removes the logged questions of the user with userTag,
// in one round trip.
func (k *KBAdmin) ForgetQuestions(ctx context.Context, userTag string) (int, error) {
	if userTag == "" {
		return 0, nil
	}
	n, err := forgetQuestionsScript.Run(ctx, k.st.client, []string{k.key("q")}, userTag).Int()
	if err != nil {
		return 0, unavailable("forget questions", err)
	}
	return n, nil
}

// DeleteDrafts deletes every draft made from one of the tickets.
func (k *KBAdmin) DeleteDrafts(ctx context.Context, ticketIDs []string) (int, error) {
	if len(ticketIDs) == 0 {
		return 0, nil
	}
	all, err := k.st.client.HGetAll(ctx, k.key("d")).Result()
	if err != nil {
		return 0, unavailable("delete drafts", err)
	}
	var ids []string
	for id, s := range all {
		var d investbot.Draft
		if json.Unmarshal([]byte(s), &d) == nil && d.TicketID != "" && slices.Contains(ticketIDs, d.TicketID) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	_, err = k.st.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HDel(ctx, k.key("d"), ids...)
		members := make([]any, len(ids))
		for i, id := range ids {
			members[i] = id
		}
		p.ZRem(ctx, k.key("dopen"), members...)
		return nil
	})
	if err != nil {
		return 0, unavailable("delete drafts", err)
	}
	return len(ids), nil
}

// Count adds one to counter c on the day of at.
func (k *KBAdmin) Count(ctx context.Context, at time.Time, c investbot.Counter) error {
	f, ok := counterField[c]
	if !ok {
		return fmt.Errorf("redisstore: unknown counter %q", c)
	}
	dk := k.key("day:" + investbot.DayOf(at))
	_, err := k.st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.HIncrBy(ctx, dk, f, 1)
		p.Expire(ctx, dk, investbot.DayTTL)
		return nil
	})
	if err != nil {
		return unavailable("count", err)
	}
	return nil
}

// DayStats returns the counters of the days from first to last.
func (k *KBAdmin) DayStats(ctx context.Context, first, last time.Time) ([]investbot.UsageDay, error) {
	var ds []string
	for d := first; investbot.DayOf(d) <= investbot.DayOf(last) && len(ds) <= investbot.MaxStatsDays; d = d.AddDate(0, 0, 1) {
		if s := investbot.DayOf(d); len(ds) == 0 || ds[len(ds)-1] != s {
			ds = append(ds, s)
		}
	}
	cmds := make([]*redis.MapStringStringCmd, len(ds))
	_, err := k.st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, d := range ds {
			cmds[i] = p.HGetAll(ctx, k.key("day:"+d))
		}
		return nil
	})
	if err != nil {
		return nil, unavailable("day stats", err)
	}
	out := make([]investbot.UsageDay, len(ds))
	for i, d := range ds {
		day := investbot.UsageDay{Date: d}
		for f, v := range cmds[i].Val() {
			n, _ := strconv.Atoi(v)
			switch {
			case f == fMessages:
				day.Messages = n
			case f == fAnswered:
				day.Answered = n
			case f == counterField[investbot.CountHandoffOpened]:
				day.HandoffsOpened = n
			case f == counterField[investbot.CountHandoffClosed]:
				day.HandoffsClosed = n
			case f == counterField[investbot.CountLead]:
				day.Leads = n
			case strings.HasPrefix(f, fLang):
				if day.Langs == nil {
					day.Langs = map[string]int{}
				}
				day.Langs[f[len(fLang):]] = n
			case strings.HasPrefix(f, fIntent):
				if day.Intents == nil {
					day.Intents = map[string]int{}
				}
				day.Intents[f[len(fIntent):]] = n
			}
		}
		out[i] = day
	}
	return out, nil
}

// Questions returns the logged questions since then, newest first.
func (k *KBAdmin) Questions(ctx context.Context, since time.Time) ([]investbot.Asked, error) {
	vals, err := k.st.client.LRange(ctx, k.key("q"), 0, -1).Result()
	if err != nil {
		return nil, unavailable("questions", err)
	}
	var out []investbot.Asked
	for _, s := range vals {
		var q loggedQuestion
		if json.Unmarshal([]byte(s), &q) != nil || q.At.Before(since) {
			continue
		}
		out = append(out, investbot.Asked{Text: q.Text, Lang: q.Lang, At: q.At, Answered: q.Ans, Intent: q.Intent, Confidence: q.Conf})
	}
	return out, nil
}

// Audit appends e to the capped audit log.
func (k *KBAdmin) Audit(ctx context.Context, e investbot.AuditEvent) error {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = e.At.UTC()
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("redisstore: encode audit event: %w", err)
	}
	_, err = k.st.client.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.LPush(ctx, k.key("audit"), b)
		p.LTrim(ctx, k.key("audit"), 0, investbot.MaxAudit-1)
		return nil
	})
	if err != nil {
		return unavailable("audit", err)
	}
	return nil
}

// AuditLog returns the last n events, newest first.
func (k *KBAdmin) AuditLog(ctx context.Context, n int) ([]investbot.AuditEvent, error) {
	if n <= 0 {
		return nil, nil
	}
	vals, err := k.st.client.LRange(ctx, k.key("audit"), 0, int64(n-1)).Result()
	if err != nil {
		return nil, unavailable("audit log", err)
	}
	out := make([]investbot.AuditEvent, 0, len(vals))
	for _, s := range vals {
		var e investbot.AuditEvent
		if json.Unmarshal([]byte(s), &e) == nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// Subscribe adds or updates a subscriber.
func (k *KBAdmin) Subscribe(ctx context.Context, userID int64, lang investbot.Lang) error {
	if err := k.st.client.HSet(ctx, k.key("subs"), strconv.FormatInt(userID, 10), string(lang)).Err(); err != nil {
		return unavailable("subscribe", err)
	}
	return nil
}

// Unsubscribe removes a subscriber.
func (k *KBAdmin) Unsubscribe(ctx context.Context, userID int64) error {
	if err := k.st.client.HDel(ctx, k.key("subs"), strconv.FormatInt(userID, 10)).Err(); err != nil {
		return unavailable("unsubscribe", err)
	}
	return nil
}

// Subscribers lists the subscribers by user id.
func (k *KBAdmin) Subscribers(ctx context.Context) ([]investbot.Subscriber, error) {
	m, err := k.st.client.HGetAll(ctx, k.key("subs")).Result()
	if err != nil {
		return nil, unavailable("subscribers", err)
	}
	out := make([]investbot.Subscriber, 0, len(m))
	for id, l := range m {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			continue
		}
		out = append(out, investbot.Subscriber{UserID: n, Lang: investbot.Lang(l)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out, nil
}
