package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/memstore"
)

// TestAppButton checks that /start offers the Mini App in private chats
// when its address is set, and never in groups (Telegram refuses web_app
// buttons there).
func TestAppButton(t *testing.T) {
	tests := []struct {
		name string
		url  string
		chat investbot.ChatKind
		want string
	}{
		{"private with an address", "https://bot.example.org/app/", investbot.ChatPrivate, "https://bot.example.org/app/?lang=ja"},
		{"group", "https://bot.example.org/app/", investbot.ChatGroup, ""},
		{"no address", "", investbot.ChatPrivate, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := memstore.New(memstore.Options{})
			r := handlers.New(handlers.Deps{KB: knowledge.NewLive(mustFixtureKB(t)), Sessions: store, Leads: store, WebAppURL: tt.url})
			reply, err := r.Handle(context.Background(), investbot.Request{UpdateID: 1, UserID: 7, ChatID: 7, Chat: tt.chat, Command: "start", LangHint: investbot.JA})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, m := range reply.Messages {
				for _, row := range m.Buttons {
					for _, b := range row {
						if b.WebApp != "" {
							got = b.WebApp
						}
					}
				}
			}
			if got != tt.want {
				t.Errorf("web_app button %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSubmitLeadUsesTheChatRules checks the Mini App's way into the lead
// store: consent first, the chat form's parsers, nothing stored when a
// value is refused.
func TestSubmitLeadUsesTheChatRules(t *testing.T) {
	store := memstore.New(memstore.Options{})
	r := handlers.New(handlers.Deps{KB: knowledge.NewLive(mustFixtureKB(t)), Sessions: store, Leads: store, StaffChatID: -5})
	ctx := context.Background()
	values := map[string]string{"name": "Kim Minji", "company": "Hanil", "country": "Korea", "sector": "Textiles",
		"investment_usd": "2.5 million", "land_ha": "0,8", "timeline": "later", "contact": "+82 10 1234 5678"}
	if _, _, _, err := r.SubmitLead(ctx, 11, investbot.KO, values, false); err != handlers.ErrNoConsent {
		t.Errorf("without consent: %v", err)
	}
	bad := map[string]string{"name": "K"}
	_, _, problems, err := r.SubmitLead(ctx, 11, investbot.KO, bad, true)
	if err != nil || len(problems) != 8 || !strings.Contains(problems["name"], "2~100자") {
		t.Errorf("problems %v, %v", problems, err)
	}
	lead, notify, problems, err := r.SubmitLead(ctx, 11, investbot.KO, values, true)
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", problems, err)
	}
	if lead.Fields["investment_usd"] != "2500000 USD" || lead.Fields["land_ha"] != "0.8" || lead.Fields["timeline"] != "later" || lead.Fields["sector"] != "Textiles" {
		t.Errorf("fields %v", lead.Fields)
	}
	if len(notify) != 1 || notify[0].ChatID != -5 {
		t.Errorf("notice %+v", notify)
	}
	if got, _ := store.Leads(ctx); len(got) != 1 || got[0].ConsentAt.IsZero() {
		t.Errorf("stored %+v", got)
	}
}
