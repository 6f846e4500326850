// Command benchbot is `investbot run` — the same app.New and App.Run, so
// the same handlers, knowledge base, Redis store, webhook and sender — with
// one difference: the outbound global rate comes from the -global-rate
// flag through app.Options.Limits. The load harness uses it because
// config.Parse does not read TELEGRAM_GLOBAL_RATE yet (Config.GlobalRate
// is always 0, so the bot keeps Telegram's 30 messages/s, and a local
// sink cannot measure more than that). Once config reads the variable,
// loadtest -binary investbot runs the real binary instead.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/config"
)

func main() {
	rate := flag.Int("global-rate", 30, "outbound messages per second over all chats")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *rate); err != nil {
		fmt.Fprintf(os.Stderr, "benchbot: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, rate int) error {
	cfg, err := config.Parse(os.Getenv)
	if err != nil {
		return err
	}
	log := app.NewLogger(cfg, os.Stderr)
	limits := bot.DefaultLimits()
	limits.Global = rate
	a, err := app.New(ctx, cfg, log, app.Options{Limits: &limits})
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx)
}
