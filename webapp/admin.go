package webapp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// entrySummary is one line of the editor's list.
type entrySummary struct {
	ID    string         `json:"id"`
	Kind  base.Kind      `json:"kind"`
	Title investbot.Text `json:"title"`
	File  string         `json:"file"`
	AsOf  string         `json:"as_of"`
}

// entries lists the live entries (GET /app/api/admin/entries, a
// contract), those matching q when given: in the id, a title or a
// keyword, case-insensitively.
func (s *Server) entries(w http.ResponseWriter, r *http.Request, c caller) {
	kb := s.d.KB.Current()
	q := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("q")))
	out := []entrySummary{}
	for _, e := range kb.Entries() {
		if q != "" && !matches(e, q) {
			continue
		}
		out = append(out, entrySummary{ID: e.ID, Kind: e.Kind, Title: e.Title, File: e.File, AsOf: e.AsOf().Format("2006-01-02")})
	}
	writeJSON(w, http.StatusOK, map[string]any{"kb_version": kb.Version(), "entries": out})
}

func matches(e *base.Entry, q string) bool {
	hay := []string{e.ID}
	for _, t := range e.Title {
		hay = append(hay, t)
	}
	hay = append(hay, e.Keywords...)
	for _, h := range hay {
		if strings.Contains(strings.ToLower(h), q) {
			return true
		}
	}
	return false
}

// entry returns one live entry, whole, to edit.
func (s *Server) entry(w http.ResponseWriter, r *http.Request, c caller) {
	kb := s.d.KB.Current()
	e := kb.Entry(r.PathValue("id"))
	if e == nil {
		writeError(w, http.StatusNotFound, "no such entry")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"kb_version": kb.Version(), "file": e.File, "entry": e})
}

// editRequest is an edited entry and the knowledge-base version it was
// opened from.
type editRequest struct {
	Base  string          `json:"base"`
	Entry json.RawMessage `json:"entry"`
}

// problemJSON is a validation problem: Text is the line `kb validate`
// prints; Msg the message alone.
type problemJSON struct {
	Entry string `json:"entry,omitempty"`
	Msg   string `json:"msg"`
	Text  string `json:"text"`
}

// candidate is the knowledge base an edit would publish.
type candidate struct {
	live   *knowledge.KB
	old    *base.Entry
	edited *base.Entry
	name   string
	data   []byte
	files  map[string][]byte
}

// errEdit is an edit that cannot be applied, explained to the admin.
type errEdit struct {
	status int
	msg    string
}

func (e *errEdit) Error() string { return e.msg }

// prepare builds the candidate files for an edit: the live files with
// the edited entry in place of the live one, in the same file.
func (s *Server) prepare(ctx context.Context, in editRequest) (*candidate, error) {
	var e base.Entry
	if err := json.Unmarshal(in.Entry, &e); err != nil {
		return nil, &errEdit{http.StatusUnprocessableEntity, "the entry cannot be read: " + err.Error()}
	}
	live := s.d.KB.Current()
	old := live.Entry(e.ID)
	if old == nil {
		return nil, &errEdit{http.StatusNotFound, fmt.Sprintf("entry %s is not in the live knowledge base", e.ID)}
	}
	files, _, err := s.d.Admin.LiveFiles(ctx)
	if err != nil {
		return nil, err
	}
	name, ok := fileOf(files, old)
	if !ok {
		return nil, &errEdit{http.StatusConflict, "the live files do not hold " + e.ID + "; reload the page"}
	}
	data, err := replaceEntry(files[name], &e)
	if err != nil {
		return nil, err
	}
	cand := map[string][]byte{}
	for n, b := range files {
		cand[n] = b
	}
	cand[name] = data
	return &candidate{live: live, old: old, edited: &e, name: name, data: data, files: cand}, nil
}

// check returns the problems `kb validate` would print for the candidate
// (base.Parse is the validator both use).
func (c *candidate) check() []problemJSON {
	out := []problemJSON{}
	_, err := base.Parse(c.files)
	var ve *base.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			out = append(out, problemJSON{Entry: p.EntryID, Msg: p.Msg, Text: p.String()})
		}
	} else if err != nil {
		out = append(out, problemJSON{Msg: err.Error(), Text: err.Error()})
	}
	return out
}

// validate checks an edited entry as `kb validate` would and returns its
// problems, the answer as the bot would send it in each language, and
// the diff against the live entry. Nothing is stored.
func (s *Server) validate(w http.ResponseWriter, r *http.Request, c caller) {
	var in editRequest
	if !readJSON(w, r, &in) {
		return
	}
	cand, err := s.prepare(r.Context(), in)
	if s.editFailed(w, err) {
		return
	}
	diff, err := cand.diff()
	if s.editFailed(w, err) {
		return
	}
	preview := map[investbot.Lang]investbot.Message{}
	for _, l := range investbot.Langs {
		preview[l] = handlers.Preview(cand.edited, l)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"problems":   cand.check(),
		"preview":    preview,
		"diff":       diff,
		"stale_base": in.Base != "" && in.Base != cand.live.Version(),
	})
}

func (c *candidate) diff() ([]DiffLine, error) {
	a, err := entryYAML(c.old)
	if err != nil {
		return nil, err
	}
	b, err := entryYAML(c.edited)
	if err != nil {
		return nil, err
	}
	return lineDiff(string(a), string(b), 3), nil
}

func (s *Server) editFailed(w http.ResponseWriter, err error) bool {
	if err == nil {
		return false
	}
	var ee *errEdit
	if errors.As(err, &ee) {
		writeError(w, ee.status, ee.msg)
		return true
	}
	s.d.Log.Warn("webapp: edit", "err", err)
	writeError(w, http.StatusServiceUnavailable, "the knowledge base could not be read; try again")
	return true
}

// audit records an admin action like its chat equivalent; a failure is
// only logged, as in the chat.
func (s *Server) audit(ctx context.Context, c caller, action, detail string) {
	if err := s.d.Admin.Audit(ctx, investbot.AuditEvent{At: s.d.Now(), By: c.User.ID, Action: action, Detail: detail}); err != nil {
		s.d.Log.Warn("webapp: audit not recorded", "action", action, "err", err)
	}
}

// publish checks the edit exactly like an uploaded file of the same name
// (kbadmin.CheckUpload) and, when it passes, publishes it as a new
// version that every replica loads. 409 when the live knowledge base
// changed since the entry was opened, 422 with the problems when it is
// invalid.
func (s *Server) publish(w http.ResponseWriter, r *http.Request, c caller) {
	var in editRequest
	if !readJSON(w, r, &in) {
		return
	}
	cand, err := s.prepare(r.Context(), in)
	if s.editFailed(w, err) {
		return
	}
	if in.Base != cand.live.Version() {
		writeError(w, http.StatusConflict, "the knowledge base changed since you opened this entry: reopen it and apply your change again")
		return
	}
	s.audit(r.Context(), c, "upload", cand.name+" (Mini App edit of "+cand.edited.ID+")")
	rep, err := kbadmin.CheckUpload(r.Context(), cand.live, cand.files, cand.name, cand.data)
	var refused *kbadmin.RefusedError
	switch {
	case errors.As(err, &refused):
		s.audit(r.Context(), c, "upload.refused", refused.Reason)
		writeError(w, http.StatusUnprocessableEntity, refused.Reason)
		return
	case err != nil:
		s.editFailed(w, err)
		return
	}
	if !rep.OK() {
		s.audit(r.Context(), c, "upload.invalid", fmt.Sprintf("%s: %d problems", rep.Name, len(rep.Problems)))
		ps := []problemJSON{}
		for _, p := range rep.Problems {
			ps = append(ps, problemJSON{Entry: p.EntryID, Msg: p.Msg, Text: p.String()})
		}
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"problems": ps})
		return
	}
	v, err := s.d.Admin.Publish(r.Context(), rep.Files, c.User.ID, "Mini App: "+rep.Summary())
	if err != nil {
		s.editFailed(w, err)
		return
	}
	s.audit(r.Context(), c, "publish", fmt.Sprintf("version %d: %s", v.N, v.Summary))
	writeJSON(w, http.StatusOK, map[string]any{"version": v, "report": rep.Render(investbot.EN), "new_failing": rep.NewFailing})
}

// versions lists the published versions, newest first.
func (s *Server) versions(w http.ResponseWriter, r *http.Request, c caller) {
	vs, err := s.d.Admin.Versions(r.Context())
	if s.editFailed(w, err) {
		return
	}
	if vs == nil {
		vs = []investbot.KBVersion{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"kb_version": s.d.KB.Current().Version(), "versions": vs})
}

// rollback publishes version n's files again, as /kb rollback does.
func (s *Server) rollback(w http.ResponseWriter, r *http.Request, c caller) {
	var in struct {
		N int `json:"n"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	v, err := s.d.Admin.Rollback(r.Context(), in.N, c.User.ID)
	if errors.Is(err, investbot.ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("there is no version %d", in.N))
		return
	}
	if s.editFailed(w, err) {
		return
	}
	s.audit(r.Context(), c, "rollback", fmt.Sprintf("version %d = files of version %d", v.N, in.N))
	writeJSON(w, http.StatusOK, map[string]any{"version": v})
}

// drafts lists the open drafts the Japan Desk saved from its answers.
func (s *Server) drafts(w http.ResponseWriter, r *http.Request, c caller) {
	ds, err := s.d.Admin.Drafts(r.Context())
	if s.editFailed(w, err) {
		return
	}
	if ds == nil {
		ds = []investbot.Draft{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"drafts": ds})
}

// resolveDraft approves or rejects a draft, as the chat's buttons do; an
// approval returns the YAML skeleton the chat sends.
func (s *Server) resolveDraft(w http.ResponseWriter, r *http.Request, c caller) {
	id, verb := r.PathValue("id"), r.PathValue("verb")
	status := map[string]investbot.DraftStatus{"approve": investbot.DraftApproved, "reject": investbot.DraftRejected}[verb]
	if status == "" {
		writeError(w, http.StatusNotFound, "approve or reject")
		return
	}
	d, err := s.d.Admin.ResolveDraft(r.Context(), id, status, c.User.ID)
	switch {
	case errors.Is(err, investbot.ErrNotFound):
		writeError(w, http.StatusNotFound, "draft "+id+" does not exist")
		return
	case errors.Is(err, investbot.ErrResolved):
		writeError(w, http.StatusConflict, fmt.Sprintf("draft %s was already %s", id, d.Status))
		return
	case s.editFailed(w, err):
		return
	}
	s.audit(r.Context(), c, "draft."+string(status), id)
	out := map[string]any{"draft": d}
	if status == investbot.DraftApproved {
		out["yaml"] = string(kbadmin.DraftYAML(d))
	}
	writeJSON(w, http.StatusOK, out)
}

// insights returns what /unanswered and /stats report, from the same
// data: the unanswered questions grouped, and the daily counters.
func (s *Server) insights(w http.ResponseWriter, r *http.Request, c caller) {
	days := 30
	if n, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && n > 0 {
		days = min(n, investbot.MaxStatsDays)
	}
	gs, err := s.d.Admin.Unanswered(r.Context(), s.d.Now().Add(-time.Duration(days)*24*time.Hour))
	if s.editFailed(w, err) {
		return
	}
	st, err := s.d.Admin.Stats(r.Context(), days)
	if s.editFailed(w, err) {
		return
	}
	type group struct {
		Text     string         `json:"text"`
		Variants []string       `json:"variants,omitempty"`
		Count    int            `json:"count"`
		Lang     investbot.Lang `json:"lang"`
		Last     time.Time      `json:"last"`
		Intent   string         `json:"intent,omitempty"`
	}
	groups := []group{}
	for _, g := range gs {
		groups = append(groups, group{g.Text, g.Variants, g.Count, g.Lang, g.Last, g.Intent})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"days":       days,
		"unanswered": groups,
		"stats": map[string]any{
			"days":            st.Days,
			"messages":        st.Messages,
			"answered":        st.Answered,
			"answer_rate":     st.AnswerRate(),
			"handoffs_opened": st.HandoffsOpened,
			"handoffs_closed": st.HandoffsClosed,
			"leads":           st.Leads,
			"langs":           st.Langs,
			"top_intents":     st.TopIntents(10),
		},
	})
}
