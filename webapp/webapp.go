// Package webapp is the Telegram Mini App: one page, served by the bot's
// own HTTP server at /app/, with its JSON API under /app/api/. Investors
// see the zones, the key figures as charts and the lead form; admins edit
// the knowledge base (validated like an upload, published as a new
// version through kbadmin) and see the unanswered questions and usage.
//
// Every API request carries Telegram's raw initData in the header
// X-Telegram-Init-Data. It is verified with the bot token (Verify), must
// be fresh (MaxAge), and is bound to the first client that presents it
// (header X-Client-Session, a random value the page keeps in memory), so
// that an initData that leaked — it travels in the page's URL fragment —
// is refused from anywhere else. The user id in it decides the role.
// No or invalid initData gives 401; a valid one without the role, 403.
//
// The page is plain HTML, CSS and JavaScript embedded in the binary; it
// writes knowledge-base text with textContent only, and the
// Content-Security-Policy allows no inline script.
package webapp

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/memstore"
)

//go:embed static
var static embed.FS

// DefaultMaxAge is how long an initData is accepted after Telegram issued
// it (auth_date): a Mini App left open longer asks to be reopened.
const DefaultMaxAge = 2 * time.Hour

// Header names of the contract.
const (
	HeaderInitData = "X-Telegram-Init-Data"
	HeaderClient   = "X-Client-Session"
)

// Deps are what the Mini App uses.
type Deps struct {
	// Token is the bot token: it verifies initData and never leaves the
	// server.
	Token string
	KB    *knowledge.Live
	Admin *kbadmin.Service
	// Router stores leads with the chat form's rules.
	Router *handlers.Router
	Role   func(userID int64) investbot.Role
	// Notify delivers messages to Telegram chats (the Japan Desk group's
	// lead notice); nil drops them.
	Notify func(ctx context.Context, msgs []investbot.Message)
	// BotUsername builds the link back to the chat; it may change after
	// start, so it is a function.
	BotUsername func() string
	// Claims binds initData to one client; nil: in memory.
	Claims investbot.Claimer
	MaxAge time.Duration
	Now    func() time.Time
	Log    *slog.Logger
}

// Server serves the Mini App.
type Server struct {
	d   Deps
	mux *http.ServeMux
}

// New returns the Mini App server.
func New(d Deps) *Server {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.MaxAge <= 0 {
		d.MaxAge = DefaultMaxAge
	}
	if d.Claims == nil {
		d.Claims = memstore.NewClaims(d.Now)
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Role == nil {
		d.Role = func(int64) investbot.Role { return investbot.RoleInvestor }
	}
	if d.BotUsername == nil {
		d.BotUsername = func() string { return "" }
	}
	s := &Server{d: d, mux: http.NewServeMux()}
	sub, _ := fs.Sub(static, "static")
	files := http.FileServerFS(sub)
	s.mux.Handle("/app/", http.StripPrefix("/app/", files))
	s.mux.HandleFunc("GET /app/api/me", s.auth(investbot.RoleInvestor, s.me))
	s.mux.HandleFunc("GET /app/api/zones", s.auth(investbot.RoleInvestor, s.zones))
	s.mux.HandleFunc("GET /app/api/figures", s.auth(investbot.RoleInvestor, s.figures))
	s.mux.HandleFunc("GET /app/api/lead", s.auth(investbot.RoleInvestor, s.leadForm))
	s.mux.HandleFunc("POST /app/api/lead", s.auth(investbot.RoleInvestor, s.lead))
	s.mux.HandleFunc("GET /app/api/admin/entries", s.auth(investbot.RoleAdmin, s.entries))
	s.mux.HandleFunc("GET /app/api/admin/entries/{id}", s.auth(investbot.RoleAdmin, s.entry))
	s.mux.HandleFunc("POST /app/api/admin/validate", s.auth(investbot.RoleAdmin, s.validate))
	s.mux.HandleFunc("POST /app/api/admin/publish", s.auth(investbot.RoleAdmin, s.publish))
	s.mux.HandleFunc("GET /app/api/admin/versions", s.auth(investbot.RoleAdmin, s.versions))
	s.mux.HandleFunc("POST /app/api/admin/rollback", s.auth(investbot.RoleAdmin, s.rollback))
	s.mux.HandleFunc("GET /app/api/admin/drafts", s.auth(investbot.RoleAdmin, s.drafts))
	s.mux.HandleFunc("POST /app/api/admin/drafts/{id}/{verb}", s.auth(investbot.RoleAdmin, s.resolveDraft))
	s.mux.HandleFunc("GET /app/api/admin/insights", s.auth(investbot.RoleAdmin, s.insights))
	s.mux.HandleFunc("/app/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint")
	})
	return s
}

// csp allows the page's own files and Telegram's script only: no inline
// script, no eval, no other origin, no framing outside Telegram's web
// clients.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors https://web.telegram.org https://*.telegram.org"

// ServeHTTP implements http.Handler, with the security headers on every
// answer.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if strings.HasPrefix(r.URL.Path, "/app/api/") {
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, investbot.MaxUploadBytes)
	}
	gzipped(w, r, s.mux)
}

// caller is the verified user of a request.
type caller struct {
	InitData
	Role investbot.Role
	Lang investbot.Lang
}

type apiFunc func(w http.ResponseWriter, r *http.Request, c caller)

// auth verifies the request's initData, binds it to the client, and
// checks the role: 401 for missing, forged, stale, malformed or replayed
// initData, 403 for a valid one without the role.
func (s *Server) auth(need investbot.Role, f apiFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := Verify(r.Header.Get(HeaderInitData), s.d.Token, s.d.Now(), s.d.MaxAge)
		if err == nil {
			// The claim outlives the freshness window a little, so an
			// initData is never free again while it is still accepted.
			ok, cerr := s.d.Claims.Claim(r.Context(), "webapp:"+id.Hash, r.Header.Get(HeaderClient), s.d.MaxAge+2*time.Minute)
			switch {
			case cerr != nil:
				s.d.Log.Warn("webapp: initData claim", "err", cerr)
				writeError(w, http.StatusServiceUnavailable, "temporarily unavailable")
				return
			case !ok:
				err = ErrReplayed
			}
		}
		if err != nil {
			s.d.Log.Info("webapp: refused initData", "path", r.URL.Path, "why", err.Error())
			writeError(w, http.StatusUnauthorized, "open this page from the bot in Telegram")
			return
		}
		c := caller{InitData: id, Role: s.d.Role(id.User.ID), Lang: pickLang(r.URL.Query().Get("lang"), id.User.LanguageCode)}
		if c.Role < need {
			writeError(w, http.StatusForbidden, "not allowed for your account")
			return
		}
		f(w, r, c)
	}
}

// pickLang is the page's language: the one asked for, else Telegram's
// language_code, else English.
func pickLang(asked, telegram string) investbot.Lang {
	if l := investbot.ParseLang(asked); l != "" {
		return l
	}
	if l := investbot.ParseLang(telegram); l != "" {
		return l
	}
	return investbot.EN
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// readJSON decodes the body into v; false (and 400 written) when it is
// not JSON of that shape.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "request too large")
			return false
		}
		writeError(w, http.StatusBadRequest, "invalid JSON: "+err.Error())
		return false
	}
	return true
}

func roleName(r investbot.Role) string {
	switch r {
	case investbot.RoleAdmin:
		return "admin"
	case investbot.RoleStaff:
		return "staff"
	}
	return "investor"
}
