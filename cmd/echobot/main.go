// Command echobot is the ceiling for investbot's load figures: the same
// stack — configuration, the bot package (telegram-bot-api decoding, the
// webhook path and secret check, the rate-limited sender) and the Redis
// admission (redisstore Begin: de-duplication, flood count and session read
// in one round trip) — with no knowledge base and no handlers. It replies
// with the text it got (the command or the button's data for those).
//
// It reads the same environment variables as `investbot run`
// (TELEGRAM_BOT_TOKEN, TELEGRAM_API_ENDPOINT, WEBHOOK_URL, WEBHOOK_SECRET,
// LISTEN_ADDR, REDIS_URL, TELEGRAM_GLOBAL_RATE, FLOOD_LIMIT, SESSION_TTL,
// LOG_LEVEL, LOG_FORMAT); without WEBHOOK_URL it long-polls.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/memstore"
	"github.com/thanhhoa/investbot/redisstore"
)

func main() {
	// -global-rate overrides TELEGRAM_GLOBAL_RATE.
	rate := flag.Int("global-rate", 0, "outbound messages per second over all chats (0: TELEGRAM_GLOBAL_RATE or 30)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stderr, *rate); err != nil {
		fmt.Fprintf(os.Stderr, "echobot: %v\n", err)
		os.Exit(1)
	}
}

// admitter is the part of the session store the echo bot uses.
type admitter interface {
	Begin(ctx context.Context, updateID, userID int64) (investbot.Gate, error)
}

var (
	_ admitter = (*redisstore.Store)(nil)
	_ admitter = (*memstore.Store)(nil)
)

// echo answers every admitted update with its own text. A duplicate or a
// flooded update gets no reply, as in investbot; a store outage is logged
// and the update answered anyway, as investbot answers without context.
type echo struct {
	store admitter
	log   *slog.Logger
}

func (e echo) Handle(ctx context.Context, req investbot.Request) (investbot.Reply, error) {
	gate, err := e.store.Begin(ctx, req.UpdateID, req.UserID)
	if err != nil {
		e.log.WarnContext(ctx, "session store unavailable; echoing anyway", "update_id", req.UpdateID, "err", err)
	}
	if gate.Duplicate || gate.Limited {
		return investbot.Reply{}, nil
	}
	if gate.InProgress {
		return investbot.Reply{RetryLater: true}, nil
	}
	text := req.Text
	switch {
	case req.Callback != "":
		text = "button " + req.Callback
	case req.Command != "":
		text = "/" + req.Command + " " + req.Args
	case text == "":
		text = "(no text)"
	}
	return investbot.Reply{Messages: []investbot.Message{{Text: text}}, CallbackText: "ok"}, nil
}

func run(ctx context.Context, getenv func(string) string, stderr io.Writer, rate int) error {
	cfg, err := config.Parse(getenv)
	if err != nil {
		return err
	}
	if cfg.TelegramToken == "" {
		return config.ErrNoToken
	}
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	log := slog.New(slog.NewJSONHandler(stderr, opts))
	if cfg.LogFormat == "text" {
		log = slog.New(slog.NewTextHandler(stderr, opts))
	}

	var store admitter
	if cfg.RedisURL == "" {
		store = memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: cfg.FloodLimit, IdleTTL: cfg.SessionTTL}})
	} else {
		st, err := redisstore.Open(ctx, cfg.RedisURL, redisstore.Options{Admission: investbot.Admission{FloodLimit: cfg.FloodLimit, IdleTTL: cfg.SessionTTL}})
		if err != nil {
			return fmt.Errorf("REDIS_URL: %w", err)
		}
		defer st.Close()
		store = st
	}

	limits := bot.DefaultLimits()
	limits.Global = cfg.GlobalRate
	if rate > 0 {
		limits.Global = rate
	}
	b, err := bot.New(bot.Config{
		Token:         cfg.TelegramToken,
		Endpoint:      cfg.TelegramEndpoint,
		WebhookURL:    cfg.WebhookURL,
		WebhookSecret: cfg.WebhookSecret,
		Limits:        limits,
	}, echo{store: store, log: log}, log)
	if err != nil {
		return fmt.Errorf("telegram: %w", err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	if cfg.Webhook() {
		mux.Handle("POST /telegram/webhook", b.WebhookHandler())
	}
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("LISTEN_ADDR %s: %w", cfg.ListenAddr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 2)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http: %w", err)
		}
	}()
	log.Info("echobot listening", "addr", ln.Addr().String(), "webhook", cfg.Webhook())
	if cfg.Webhook() {
		if err := b.SetWebhook(ctx); err != nil {
			log.Error("setWebhook failed", "err", err)
		}
	} else {
		go func() { errc <- b.Run(ctx) }()
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdown); serr != nil && err == nil {
		err = serr
	}
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}
