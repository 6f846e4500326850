package main

import (
	"context"
	"log/slog"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/memstore"
)

func TestEcho(t *testing.T) {
	e := echo{store: memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: 100}}), log: slog.New(slog.DiscardHandler)}
	tests := []struct {
		name string
		req  investbot.Request
		want string // "" means no message
	}{
		{"text", investbot.Request{UpdateID: 1, UserID: 7, ChatID: 7, Text: "Nghi Sơn rộng bao nhiêu?"}, "Nghi Sơn rộng bao nhiêu?"},
		{"same update again", investbot.Request{UpdateID: 1, UserID: 7, ChatID: 7, Text: "Nghi Sơn rộng bao nhiêu?"}, ""},
		{"command", investbot.Request{UpdateID: 2, UserID: 7, ChatID: 7, Command: "start", Args: "ja"}, "/start ja"},
		{"button", investbot.Request{UpdateID: 3, UserID: 7, ChatID: 7, Callback: "k:zone", CallbackID: "q3"}, "button k:zone"},
		{"attachment only", investbot.Request{UpdateID: 4, UserID: 7, ChatID: 7}, "(no text)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.Handle(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(r.Messages) > 0 {
				got = r.Messages[0].Text
			}
			if got != tt.want {
				t.Errorf("reply %q, want %q", got, tt.want)
			}
		})
	}
}
