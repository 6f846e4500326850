package app

import (
	"context"
	"net/http"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/webapp"
)

// miniApp is the Telegram Mini App served at /app/ (see package webapp).
// An initData is bound to its first client in the backend: with Redis,
// across replicas.
func (a *App) miniApp() http.Handler {
	d := webapp.Deps{
		Token:       a.cfg.TelegramToken,
		KB:          a.kb,
		Admin:       a.admin,
		Router:      a.router,
		Role:        a.role,
		BotUsername: a.bot.Username,
		Log:         a.log,
		Claims:      a.backend,
		Notify: func(ctx context.Context, msgs []investbot.Message) {
			if _, err := a.bot.Deliver(ctx, msgs); err != nil {
				a.log.Warn("webapp: notice not delivered", "err", err)
			}
		},
	}
	return webapp.New(d)
}

// menuButtonText labels the chat menu button that opens the Mini App
// (one label for every language: Telegram keeps one per chat).
const menuButtonText = "🗂 Zones"
