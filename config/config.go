// Package config reads the bot's configuration from environment variables
// once, at start, and validates it so that a mistake is reported by variable
// name before anything runs.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/llm"
)

// Config is every setting the bot reads. The zero value is not valid; use
// Parse.
type Config struct {
	// Telegram.
	TelegramToken    string // TELEGRAM_BOT_TOKEN; empty: console only
	TelegramEndpoint string // TELEGRAM_API_ENDPOINT, base URL without /bot<token>
	WebhookURL       string // WEBHOOK_URL; empty: long polling
	WebhookSecret    string // WEBHOOK_SECRET; required with WEBHOOK_URL
	// WebAppURL is the public HTTPS address of the Mini App (WEBAPP_URL;
	// default: WEBHOOK_URL's origin + /app/). Empty: the menu button and
	// the app buttons are not offered (the app is still served at /app/).
	WebAppURL  string
	ListenAddr string // LISTEN_ADDR: webhook, /healthz, /readyz, /metrics
	// GlobalRate is the outbound limit over all chats per second
	// (TELEGRAM_GLOBAL_RATE, default 30 as Telegram documents). Raise it
	// only for a self-hosted Bot API server or a benchmark sink.
	GlobalRate int

	// Who is who.
	AdminIDs    map[int64]bool // ADMIN_IDS, comma-separated Telegram user ids
	StaffIDs    map[int64]bool // STAFF_IDS; admins count as staff too
	StaffChatID int64          // STAFF_CHAT_ID: the Japan Desk group

	// Japan Desk handoff.
	DeskHours          string        // DESK_HOURS, e.g. "Mon-Fri 08:00-17:00" (Vietnam time)
	DeskHolidays       string        // DESK_HOLIDAYS, comma-separated YYYY-MM-DD
	DeskRemindAfter    time.Duration // DESK_REMIND_AFTER (default 2h)
	DeskShowStaffNames bool          // DESK_SHOW_STAFF_NAMES (default false)

	// State.
	RedisURL   string        // REDIS_URL; empty: in-memory store
	SessionTTL time.Duration // SESSION_TTL, idle expiry (default 720h)
	FloodLimit int           // FLOOD_LIMIT, messages per user per minute (default 20)
	// UpdateLockTTL is the lease on an update one replica is handling
	// (UPDATE_LOCK_TTL, default 10s), renewed every third of it while the
	// handling lasts: an update left by a replica that died is handled
	// again this soon after.
	UpdateLockTTL time.Duration
	// OutboxTTL is how long a reply Telegram does not accept is retried
	// before it is given up and logged (OUTBOX_TTL, default 24h).
	OutboxTTL time.Duration

	// Knowledge base.
	KBDir string // KB_DIR; empty: the bundled knowledge base

	// LLM fallback, off unless OPENAI_API_KEY is set.
	OpenAIKey     string        // OPENAI_API_KEY
	OpenAIBaseURL string        // OPENAI_BASE_URL
	OpenAIModel   string        // OPENAI_MODEL (default gpt-4o-mini)
	OpenAIAzure   bool          // OPENAI_API_TYPE=azure
	OpenAIVersion string        // OPENAI_API_VERSION (Azure)
	OpenAIDeploy  string        // OPENAI_AZURE_DEPLOYMENT (Azure; default: the model name)
	StaffRephrase bool          // STAFF_REPHRASE: suggested replies in staff mode (needs OPENAI_API_KEY)
	LLMTimeout    time.Duration // LLM_TIMEOUT (default 15s)
	LLMDailyQuota int           // LLM_DAILY_QUOTA per user (default 20)

	// Logging.
	LogLevel  slog.Level // LOG_LEVEL: debug, info, warn, error
	LogFormat string     // LOG_FORMAT: json (default) or text
}

// DefaultListenAddr is the health and webhook server's address when
// LISTEN_ADDR is empty. The Telegram endpoint's and the model's defaults
// belong to their adapters (bot.DefaultEndpoint, llm.DefaultModel).
const DefaultListenAddr = ":8080"

// Error lists every invalid variable, each with the reason.
type Error struct {
	Problems []string
}

// Error puts each problem on its own line when there are several, so that
// every one can be fixed in one go.
func (e *Error) Error() string {
	if len(e.Problems) == 1 {
		return "config: " + e.Problems[0]
	}
	return fmt.Sprintf("config: %d problems:\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// Parse reads the configuration through getenv (os.Getenv in main, a map in
// tests). It returns an *Error naming every invalid variable.
func Parse(getenv func(string) string) (Config, error) {
	return parse(getenv, false)
}

// ParseBot is Parse for running the Telegram bot: a missing
// TELEGRAM_BOT_TOKEN is reported together with every other problem.
func ParseBot(getenv func(string) string) (Config, error) {
	return parse(getenv, true)
}

func parse(getenv func(string) string, needToken bool) (Config, error) {
	p := parser{getenv: getenv}
	c := p.read()
	p.checkBot(c, needToken)
	p.checkDesk(c)
	p.checkWebApp(&c)
	p.checkServices(c)
	adminsAreStaff(&c)
	if len(p.problems) > 0 {
		return Config{}, &Error{Problems: p.problems}
	}
	return c, nil
}

// read reads every variable, in the order Variables lists them.
func (p *parser) read() Config {
	return Config{
		TelegramToken:      p.str("TELEGRAM_BOT_TOKEN"),
		TelegramEndpoint:   p.url("TELEGRAM_API_ENDPOINT", bot.DefaultEndpoint),
		WebhookURL:         p.url("WEBHOOK_URL", ""),
		WebhookSecret:      p.str("WEBHOOK_SECRET"),
		WebAppURL:          p.str("WEBAPP_URL"),
		ListenAddr:         p.strOr("LISTEN_ADDR", DefaultListenAddr),
		GlobalRate:         p.positive("TELEGRAM_GLOBAL_RATE", 30),
		AdminIDs:           p.ids("ADMIN_IDS"),
		StaffIDs:           p.ids("STAFF_IDS"),
		StaffChatID:        p.int64("STAFF_CHAT_ID"),
		DeskHours:          p.strOr("DESK_HOURS", "Mon-Fri 08:00-17:00"),
		DeskHolidays:       p.str("DESK_HOLIDAYS"),
		DeskRemindAfter:    p.duration("DESK_REMIND_AFTER", 2*time.Hour),
		DeskShowStaffNames: p.boolean("DESK_SHOW_STAFF_NAMES"),
		RedisURL:           p.str("REDIS_URL"),
		SessionTTL:         p.duration("SESSION_TTL", investbot.IdleTTL),
		FloodLimit:         p.positive("FLOOD_LIMIT", investbot.FloodLimit),
		UpdateLockTTL:      p.duration("UPDATE_LOCK_TTL", investbot.InProgressTTL),
		OutboxTTL:          p.duration("OUTBOX_TTL", investbot.OutboxTTL),
		KBDir:              p.str("KB_DIR"),
		OpenAIKey:          p.str("OPENAI_API_KEY"),
		OpenAIBaseURL:      p.url("OPENAI_BASE_URL", ""),
		OpenAIModel:        p.strOr("OPENAI_MODEL", llm.DefaultModel),
		OpenAIAzure:        p.oneOf("OPENAI_API_TYPE", "openai", "openai", "azure") == "azure",
		OpenAIVersion:      p.str("OPENAI_API_VERSION"),
		OpenAIDeploy:       p.str("OPENAI_AZURE_DEPLOYMENT"),
		LLMTimeout:         p.duration("LLM_TIMEOUT", 15*time.Second),
		StaffRephrase:      p.boolean("STAFF_REPHRASE"),
		LLMDailyQuota:      p.positive("LLM_DAILY_QUOTA", 20),
		LogLevel:           p.level("LOG_LEVEL"),
		LogFormat:          p.oneOf("LOG_FORMAT", "json", "json", "text"),
	}
}

// checkBot checks what running the Telegram bot needs: the knowledge-base
// folder, the token and the webhook.
func (p *parser) checkBot(c Config, needToken bool) {
	if needToken && c.KBDir != "" {
		// Found here, not when the knowledge base is loaded, so that it
		// is reported with every other problem.
		if fi, err := os.Stat(c.KBDir); err != nil || !fi.IsDir() {
			p.fail("KB_DIR", fmt.Sprintf("%q is not a folder (it holds the knowledge base's .yaml files)", c.KBDir))
		}
	}
	if needToken && c.TelegramToken == "" {
		p.fail("TELEGRAM_BOT_TOKEN", "is not set: create a bot with @BotFather and export its token, or run `investbot chat` to try the bot in the terminal")
	}
	if c.TelegramToken != "" && !validToken(c.TelegramToken) {
		// Never echo the token: it is a secret.
		p.fail("TELEGRAM_BOT_TOKEN", "does not look like a bot token (expected <digits>:<secret> from @BotFather)")
	}
	if c.WebhookURL != "" {
		if !strings.HasPrefix(c.WebhookURL, "https://") {
			p.fail("WEBHOOK_URL", "must be an https:// URL (Telegram only calls HTTPS webhooks)")
		}
		if len(c.WebhookSecret) < 16 || !validSecret(c.WebhookSecret) {
			p.fail("WEBHOOK_SECRET", "is required with WEBHOOK_URL: 16-256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
}

// checkDesk checks the Japan Desk's hours and holidays.
func (p *parser) checkDesk(c Config) {
	// Checked here, not when the app starts, so that a mistake in them is
	// reported with every other one.
	if _, err := investbot.ParseWeeklyHours(c.DeskHours); err != nil {
		p.fail("DESK_HOURS", err.Error())
	}
	if _, err := investbot.ParseHolidays(c.DeskHolidays); err != nil {
		p.fail("DESK_HOLIDAYS", err.Error())
	}
}

// checkWebApp derives the Mini App's address from the webhook's when it is
// not set, and checks it.
func (p *parser) checkWebApp(c *Config) {
	if c.WebAppURL == "" && c.WebhookURL != "" {
		if u, err := url.Parse(c.WebhookURL); err == nil {
			c.WebAppURL = u.Scheme + "://" + u.Host + "/app/"
		}
	}
	if c.WebAppURL != "" && !strings.HasPrefix(c.WebAppURL, "https://") {
		p.fail("WEBAPP_URL", "must be an https:// URL (Telegram opens Mini Apps over HTTPS only)")
	}
}

// checkServices checks Redis and the LLM settings.
func (p *parser) checkServices(c Config) {
	if c.RedisURL != "" {
		if u, err := url.Parse(c.RedisURL); err != nil || u.Scheme == "" {
			p.fail("REDIS_URL", "is not a URL such as redis://127.0.0.1:6379/0")
		}
	}
	if c.OpenAIAzure && c.OpenAIBaseURL == "" && c.OpenAIKey != "" {
		p.fail("OPENAI_BASE_URL", "is required with OPENAI_API_TYPE=azure: https://NAME.openai.azure.com")
	}
	if c.StaffRephrase && c.OpenAIKey == "" {
		p.fail("STAFF_REPHRASE", "needs OPENAI_API_KEY: suggested replies are written by the LLM")
	}
}

// adminsAreStaff makes every admin a staff member too.
func adminsAreStaff(c *Config) {
	for id := range c.AdminIDs {
		if c.StaffIDs == nil {
			c.StaffIDs = map[int64]bool{}
		}
		c.StaffIDs[id] = true
	}
}

// Variables lists every environment variable Parse reads, in the order it
// reads them, so that docs and packaging can be checked against the code.
func Variables() []string {
	var names []string
	seen := map[string]bool{}
	Parse(func(name string) string {
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		return ""
	})
	return names
}

// Webhook reports whether the bot runs in webhook mode.
func (c Config) Webhook() bool { return c.WebhookURL != "" }

// LLMEnabled reports whether the LLM fallback is configured.
func (c Config) LLMEnabled() bool { return c.OpenAIKey != "" }

type parser struct {
	getenv   func(string) string
	problems []string
}

func (p *parser) fail(name, why string) {
	p.problems = append(p.problems, name+" "+why)
}

func (p *parser) str(name string) string { return strings.TrimSpace(p.getenv(name)) }

func (p *parser) strOr(name, def string) string {
	if v := p.str(name); v != "" {
		return v
	}
	return def
}

func (p *parser) url(name, def string) string {
	v := p.str(name)
	if v == "" {
		return def
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.fail(name, fmt.Sprintf("must be an http(s) URL, got %q", v))
		return def
	}
	return strings.TrimRight(v, "/")
}

func (p *parser) int64(name string) int64 {
	v := p.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		p.fail(name, fmt.Sprintf("must be an integer chat id (groups are negative, e.g. -1001234567890), got %q", v))
	}
	return n
}

func (p *parser) positive(name string, def int) int {
	v := p.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		p.fail(name, fmt.Sprintf("must be a positive integer, got %q", v))
		return def
	}
	return n
}

func (p *parser) duration(name string, def time.Duration) time.Duration {
	v := p.str(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		p.fail(name, fmt.Sprintf("must be a positive duration such as 720h or 15s, got %q", v))
		return def
	}
	return d
}

func (p *parser) ids(name string) map[int64]bool {
	v := p.str(name)
	if v == "" {
		return nil
	}
	ids := map[int64]bool{}
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n <= 0 {
			p.fail(name, fmt.Sprintf("must be comma-separated positive Telegram user ids, got %q", f))
			continue
		}
		ids[n] = true
	}
	return ids
}

func (p *parser) boolean(name string) bool {
	v := p.str(name)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.fail(name, fmt.Sprintf("must be true or false, got %q", v))
	}
	return b
}

func (p *parser) level(name string) slog.Level {
	var l slog.Level
	v := p.str(name)
	if v == "" {
		return slog.LevelInfo
	}
	if err := l.UnmarshalText([]byte(v)); err != nil {
		p.fail(name, fmt.Sprintf("must be debug, info, warn or error, got %q", v))
		return slog.LevelInfo
	}
	return l
}

func (p *parser) oneOf(name, def string, allowed ...string) string {
	v := strings.ToLower(p.str(name))
	if v == "" {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	p.fail(name, fmt.Sprintf("must be one of %s, got %q", strings.Join(allowed, ", "), v))
	return def
}

func validToken(t string) bool {
	id, secret, ok := strings.Cut(t, ":")
	if !ok || id == "" || len(secret) < 20 {
		return false
	}
	for _, c := range id {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func validSecret(s string) bool {
	if len(s) > 256 {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// ErrNoToken is returned by commands that need Telegram when no token is set.
var ErrNoToken = errors.New("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token, or run `investbot chat` to try the bot in the terminal")
