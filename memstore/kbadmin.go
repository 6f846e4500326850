package memstore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/thanhhoa/investbot"
)

// KBAdmin is the in-memory investbot.AdminStore, for a single process
// without Redis and for tests. Everything is lost on restart.
type KBAdmin struct {
	mu       sync.Mutex
	versions []investbot.KBVersion
	files    map[int]map[string][]byte
	current  int
	watchers map[chan struct{}]bool
	pending  map[string]investbot.Pending
	drafts   map[string]investbot.Draft
	draftSeq int
	days     map[string]*investbot.UsageDay
	logged   []investbot.Asked // oldest first
	audit    []investbot.AuditEvent
	subs     map[int64]investbot.Lang
	now      func() time.Time
}

var _ investbot.AdminStore = (*KBAdmin)(nil)

// NewKBAdmin returns an empty admin store on its own. now is the clock for
// pending expiry; nil means time.Now.
func NewKBAdmin(now func() time.Time) *KBAdmin {
	if now == nil {
		now = time.Now
	}
	return &KBAdmin{
		files:    map[int]map[string][]byte{},
		watchers: map[chan struct{}]bool{},
		pending:  map[string]investbot.Pending{},
		drafts:   map[string]investbot.Draft{},
		days:     map[string]*investbot.UsageDay{},
		subs:     map[int64]investbot.Lang{},
		now:      now,
	}
}

func copyFiles(files map[string][]byte) (map[string][]byte, int) {
	out := make(map[string][]byte, len(files))
	n := 0
	for k, v := range files {
		out[k] = append([]byte(nil), v...)
		n += len(v)
	}
	return out, n
}

// Publish stores files as the next version.
func (m *KBAdmin) Publish(ctx context.Context, files map[string][]byte, by int64, summary string) (investbot.KBVersion, error) {
	if err := ctx.Err(); err != nil {
		return investbot.KBVersion{}, err
	}
	if len(files) == 0 {
		return investbot.KBVersion{}, fmt.Errorf("memstore: publish: no files")
	}
	cp, size := copyFiles(files)
	m.mu.Lock()
	defer m.mu.Unlock()
	v := investbot.KBVersion{N: len(m.versions) + 1, By: by, At: m.now().UTC(), Summary: summary, Files: len(cp), Bytes: size}
	m.versions = append(m.versions, v)
	m.files[v.N] = cp
	m.current = v.N
	for ch := range m.watchers {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	return v, nil
}

// Versions returns the history, newest first.
func (m *KBAdmin) Versions(ctx context.Context) ([]investbot.KBVersion, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]investbot.KBVersion, len(m.versions))
	for i, v := range m.versions {
		out[len(out)-1-i] = v
	}
	return out, nil
}

// Files returns version n's files.
func (m *KBAdmin) Files(ctx context.Context, n int) (map[string][]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[n]
	if !ok {
		return nil, fmt.Errorf("memstore: version %d: %w", n, investbot.ErrNotFound)
	}
	cp, _ := copyFiles(f)
	return cp, nil
}

// Current returns the current version number.
func (m *KBAdmin) Current(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.current, nil
}

// Rollback publishes version n's files again.
func (m *KBAdmin) Rollback(ctx context.Context, n int, by int64) (investbot.KBVersion, error) {
	files, err := m.Files(ctx, n)
	if err != nil {
		return investbot.KBVersion{}, err
	}
	return m.Publish(ctx, files, by, "rollback to version "+strconv.Itoa(n))
}

// Watch calls fn with the current version at start and on every change.
func (m *KBAdmin) Watch(ctx context.Context, fn func(n int)) error {
	ch := make(chan struct{}, 1)
	m.mu.Lock()
	m.watchers[ch] = true
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		delete(m.watchers, ch)
		m.mu.Unlock()
	}()
	last := -1
	for {
		if n, err := m.Current(ctx); err == nil && n != last {
			last = n
			fn(n)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

func pendingKey(admin int64, kind investbot.PendingKind) string {
	return string(kind) + ":" + strconv.FormatInt(admin, 10)
}

// SetPending keeps p for PendingTTL, replacing the admin's earlier one of
// the same kind.
func (m *KBAdmin) SetPending(ctx context.Context, adminID int64, p investbot.Pending) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if p.At.IsZero() {
		p.At = m.now()
	}
	p.Files, _ = copyFiles(p.Files)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pending[pendingKey(adminID, p.Kind)] = p
	return nil
}

// TakePending returns and removes a pending action.
func (m *KBAdmin) TakePending(ctx context.Context, adminID int64, kind investbot.PendingKind) (investbot.Pending, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Pending{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := pendingKey(adminID, kind)
	p, ok := m.pending[k]
	delete(m.pending, k)
	if !ok || m.now().Sub(p.At) > investbot.PendingTTL {
		return investbot.Pending{}, fmt.Errorf("memstore: pending %s: %w", kind, investbot.ErrNotFound)
	}
	return p, nil
}

// AddDraft stores d as open under a new id.
func (m *KBAdmin) AddDraft(ctx context.Context, d investbot.Draft) (investbot.Draft, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Draft{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.draftSeq++
	d.ID = "D" + strconv.Itoa(m.draftSeq)
	d.Status = investbot.DraftOpen
	m.drafts[d.ID] = d
	return d, nil
}

// Drafts lists the open drafts, oldest first.
func (m *KBAdmin) Drafts(ctx context.Context) ([]investbot.Draft, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []investbot.Draft
	for _, d := range m.drafts {
		if d.Status == investbot.DraftOpen {
			out = append(out, d)
		}
	}
	sortDrafts(out)
	return out, nil
}

func sortDrafts(ds []investbot.Draft) {
	num := func(id string) int { n, _ := strconv.Atoi(id[min(1, len(id)):]); return n }
	sort.Slice(ds, func(i, j int) bool { return num(ds[i].ID) < num(ds[j].ID) })
}

// Draft returns one draft.
func (m *KBAdmin) Draft(ctx context.Context, id string) (investbot.Draft, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Draft{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.drafts[id]
	if !ok {
		return investbot.Draft{}, fmt.Errorf("memstore: draft %s: %w", id, investbot.ErrNotFound)
	}
	return d, nil
}

// ResolveDraft approves or rejects an open draft.
func (m *KBAdmin) ResolveDraft(ctx context.Context, id string, status investbot.DraftStatus, by int64) (investbot.Draft, error) {
	if err := ctx.Err(); err != nil {
		return investbot.Draft{}, err
	}
	if status != investbot.DraftApproved && status != investbot.DraftRejected {
		return investbot.Draft{}, fmt.Errorf("memstore: resolve draft %s: bad status %q", id, status)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.drafts[id]
	if !ok {
		return investbot.Draft{}, fmt.Errorf("memstore: draft %s: %w", id, investbot.ErrNotFound)
	}
	if d.Status != investbot.DraftOpen {
		return d, fmt.Errorf("memstore: draft %s is %s: %w", id, d.Status, investbot.ErrResolved)
	}
	d.Status, d.ResolvedBy, d.ResolvedAt = status, by, m.now().UTC()
	m.drafts[id] = d
	return d, nil
}

// DeleteDrafts deletes the drafts made from the tickets.
func (m *KBAdmin) DeleteDrafts(ctx context.Context, ticketIDs []string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for id, d := range m.drafts {
		if d.TicketID != "" && slices.Contains(ticketIDs, d.TicketID) {
			delete(m.drafts, id)
			n++
		}
	}
	return n, nil
}

func (m *KBAdmin) day(t time.Time) *investbot.UsageDay {
	k := investbot.DayOf(t)
	d := m.days[k]
	if d == nil {
		d = &investbot.UsageDay{Date: k, Langs: map[string]int{}, Intents: map[string]int{}}
		m.days[k] = d
	}
	return d
}

// RecordQuestion counts q and logs its text when unanswered.
func (m *KBAdmin) RecordQuestion(ctx context.Context, q investbot.Asked) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	q = prepare(q)
	m.mu.Lock()
	defer m.mu.Unlock()
	d := m.day(q.At)
	d.Messages++
	if q.Answered {
		d.Answered++
	}
	if q.Lang != "" {
		d.Langs[string(q.Lang)]++
	}
	if q.Intent != "" {
		d.Intents[q.Intent]++
	}
	if q.Logged() {
		m.logged = append(m.logged, q)
		if len(m.logged) > investbot.MaxLogged {
			m.logged = append([]investbot.Asked(nil), m.logged[len(m.logged)-investbot.MaxLogged:]...)
		}
	}
	return nil
}

// prepare bounds a question's text and fills in its time.
func prepare(q investbot.Asked) investbot.Asked {
	if q.At.IsZero() {
		q.At = time.Now()
	}
	if r := []rune(q.Text); len(r) > investbot.MaxLoggedRunes {
		q.Text = string(r[:investbot.MaxLoggedRunes])
	}
	q.At = q.At.UTC()
	return q
}

// Count adds one to counter c.
func (m *KBAdmin) Count(ctx context.Context, at time.Time, c investbot.Counter) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d := m.day(at)
	switch c {
	case investbot.CountHandoffOpened:
		d.HandoffsOpened++
	case investbot.CountHandoffClosed:
		d.HandoffsClosed++
	case investbot.CountLead:
		d.Leads++
	default:
		return fmt.Errorf("memstore: unknown counter %q", c)
	}
	return nil
}

// DayStats returns the counters from first to last.
func (m *KBAdmin) DayStats(ctx context.Context, first, last time.Time) ([]investbot.UsageDay, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []investbot.UsageDay
	for _, k := range dates(first, last) {
		d := investbot.UsageDay{Date: k}
		if x := m.days[k]; x != nil {
			d = *x
			d.Langs, d.Intents = cloneCounts(x.Langs), cloneCounts(x.Intents)
		}
		out = append(out, d)
	}
	return out, nil
}

func cloneCounts(m map[string]int) map[string]int {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Questions returns the logged questions since then, newest first.
func (m *KBAdmin) Questions(ctx context.Context, since time.Time) ([]investbot.Asked, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []investbot.Asked
	for i := len(m.logged) - 1; i >= 0; i-- {
		if q := m.logged[i]; !q.At.Before(since) {
			q.UserTag = ""
			out = append(out, q)
		}
	}
	return out, nil
}

// ForgetQuestions removes the logged questions with userTag.
func (m *KBAdmin) ForgetQuestions(ctx context.Context, userTag string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if userTag == "" {
		return 0, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	before := len(m.logged)
	m.logged = slices.DeleteFunc(m.logged, func(q investbot.Asked) bool { return q.UserTag == userTag })
	return before - len(m.logged), nil
}

// Audit appends e.
func (m *KBAdmin) Audit(ctx context.Context, e investbot.AuditEvent) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.At.IsZero() {
		e.At = m.now()
	}
	e.At = e.At.UTC()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.audit = append(m.audit, e)
	if len(m.audit) > investbot.MaxAudit {
		m.audit = append([]investbot.AuditEvent(nil), m.audit[len(m.audit)-investbot.MaxAudit:]...)
	}
	return nil
}

// AuditLog returns the last n events, newest first.
func (m *KBAdmin) AuditLog(ctx context.Context, n int) ([]investbot.AuditEvent, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []investbot.AuditEvent
	for i := len(m.audit) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, m.audit[i])
	}
	return out, nil
}

// Subscribe adds or updates a subscriber.
func (m *KBAdmin) Subscribe(ctx context.Context, userID int64, lang investbot.Lang) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.subs[userID] = lang
	return nil
}

// Unsubscribe removes a subscriber; unknown users are ignored.
func (m *KBAdmin) Unsubscribe(ctx context.Context, userID int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.subs, userID)
	return nil
}

// Subscribers lists the subscribers by user id.
func (m *KBAdmin) Subscribers(ctx context.Context) ([]investbot.Subscriber, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]investbot.Subscriber, 0, len(m.subs))
	for id, l := range m.subs {
		out = append(out, investbot.Subscriber{UserID: id, Lang: l})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out, nil
}

// dates lists the Vietnam dates from first to last inclusive.
func dates(first, last time.Time) []string {
	var out []string
	d := first.In(investbot.VietnamTime)
	d = time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, investbot.VietnamTime)
	end := investbot.DayOf(last)
	for i := 0; i <= investbot.MaxStatsDays+1; i++ {
		s := d.Format(time.DateOnly)
		out = append(out, s)
		if s >= end {
			break
		}
		d = d.AddDate(0, 0, 1)
	}
	return out
}

// Admin returns the store's admin tools' store.
func (st *Store) Admin() investbot.AdminStore { return st.admin }
