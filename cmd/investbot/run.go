package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"time"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/config"
)

// runBot starts the Telegram bot with the configuration from the
// environment.
func runBot(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.ParseBot(e.getenv)
	if err != nil {
		return err
	}
	log := app.NewLogger(cfg, e.stderr)
	a, err := app.New(ctx, cfg, log, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx)
}

// healthcheck asks the local server's /healthz; the Docker image has no curl.
func healthcheck(ctx context.Context, e env) error {
	addr := e.getenv("LISTEN_ADDR")
	if addr == "" {
		addr = config.DefaultListenAddr
	}
	if addr[0] == ':' {
		addr = "127.0.0.1" + addr
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthz: %s", resp.Status)
	}
	return nil
}
