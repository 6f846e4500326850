package config

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/llm"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseDefaults(t *testing.T) {
	c, err := Parse(env(nil))
	if err != nil {
		t.Fatalf("Parse(empty): %v", err)
	}
	if c.TelegramEndpoint != bot.DefaultEndpoint || c.ListenAddr != DefaultListenAddr ||
		c.SessionTTL != 30*24*time.Hour || c.FloodLimit != 20 || c.OpenAIModel != llm.DefaultModel ||
		c.LogFormat != "json" || c.Webhook() || c.LLMEnabled() || c.GlobalRate != 30 {
		t.Errorf("unexpected defaults: %+v", c)
	}
}

func TestParseValid(t *testing.T) {
	c, err := Parse(env(map[string]string{
		"TELEGRAM_BOT_TOKEN":    "123456:ABCdefGHIjklMNOpqrSTUvwxYZ",
		"TELEGRAM_API_ENDPOINT": "http://127.0.0.1:8081/",
		"WEBHOOK_URL":           "https://bot.example.org/telegram/webhook",
		"WEBHOOK_SECRET":        "a_long_enough-secret_1234",
		"ADMIN_IDS":             "11, 12",
		"STAFF_IDS":             "21",
		"STAFF_CHAT_ID":         "-1001234567890",
		"REDIS_URL":             "redis://127.0.0.1:6379/2",
		"SESSION_TTL":           "48h",
		"LOG_LEVEL":             "debug",
		"TELEGRAM_GLOBAL_RATE":  "5000",
	}))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if c.TelegramEndpoint != "http://127.0.0.1:8081" {
		t.Errorf("endpoint keeps a trailing slash: %q", c.TelegramEndpoint)
	}
	if !c.AdminIDs[11] || !c.StaffIDs[11] || !c.StaffIDs[21] || c.StaffIDs[99] {
		t.Errorf("ids: admins %v staff %v (admins must count as staff)", c.AdminIDs, c.StaffIDs)
	}
	if c.WebAppURL != "https://bot.example.org/app/" {
		t.Errorf("WebAppURL = %q, want WEBHOOK_URL's origin + /app/", c.WebAppURL)
	}
	if c.StaffChatID != -1001234567890 || c.SessionTTL != 48*time.Hour || !c.Webhook() || c.GlobalRate != 5000 {
		t.Errorf("unexpected: %+v", c)
	}
}

func TestParseErrorsNameTheVariable(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TELEGRAM_BOT_TOKEN": "nonsense"}, "TELEGRAM_BOT_TOKEN"},
		{map[string]string{"WEBHOOK_URL": "http://plain.example.org/hook", "WEBHOOK_SECRET": "a_long_enough-secret_1234"}, "WEBHOOK_URL"},
		{map[string]string{"WEBAPP_URL": "http://plain.example.org/app/"}, "WEBAPP_URL"},
		{map[string]string{"WEBHOOK_URL": "https://x.example.org/hook"}, "WEBHOOK_SECRET"},
		{map[string]string{"ADMIN_IDS": "12,abc"}, "ADMIN_IDS"},
		{map[string]string{"STAFF_CHAT_ID": "japan-desk"}, "STAFF_CHAT_ID"},
		{map[string]string{"SESSION_TTL": "30 days"}, "SESSION_TTL"},
		{map[string]string{"FLOOD_LIMIT": "-1"}, "FLOOD_LIMIT"},
		{map[string]string{"LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{map[string]string{"LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{map[string]string{"TELEGRAM_API_ENDPOINT": "localhost:8081"}, "TELEGRAM_API_ENDPOINT"},
		{map[string]string{"REDIS_URL": "127.0.0.1"}, "REDIS_URL"},
		{map[string]string{"STAFF_REPHRASE": "true"}, "STAFF_REPHRASE"},
		{map[string]string{"OPENAI_API_KEY": "k", "OPENAI_API_TYPE": "azure"}, "OPENAI_BASE_URL"},
		{map[string]string{"DESK_SHOW_STAFF_NAMES": "perhaps"}, "DESK_SHOW_STAFF_NAMES"},
		{map[string]string{"UPDATE_LOCK_TTL": "soon"}, "UPDATE_LOCK_TTL"},
	}
	for _, tt := range tests {
		_, err := Parse(env(tt.env))
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("Parse(%v) = %v, want *Error", tt.env, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%v) = %q, want it to name %s", tt.env, err, tt.want)
		}
	}
}

func TestErrorNeverEchoesToken(t *testing.T) {
	_, err := Parse(env(map[string]string{"TELEGRAM_BOT_TOKEN": "secret-without-colon-but-long"}))
	if err == nil || strings.Contains(err.Error(), "secret-without-colon") {
		t.Fatalf("error %v must name the variable without its value", err)
	}
}

func TestAllProblemsReported(t *testing.T) {
	// Every wrong value at once, each named by its variable: the desk's
	// hours too, which the app used to parse only after everything else.
	bad := map[string]string{
		"FLOOD_LIMIT": "x", "LOG_LEVEL": "y", "DESK_HOURS": "weekdays 9-5", "DESK_HOLIDAYS": "2026-13-01",
		"SESSION_TTL": "forever", "STAFF_CHAT_ID": "desk", "ADMIN_IDS": "bob", "LOG_FORMAT": "xml",
	}
	_, err := Parse(env(bad))
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Problems) != len(bad) {
		t.Fatalf("want %d problems, got %v", len(bad), err)
	}
	for name := range bad {
		found := false
		for _, p := range ce.Problems {
			found = found || strings.HasPrefix(p, name+" ")
		}
		if !found {
			t.Errorf("no problem names %s: %v", name, ce.Problems)
		}
	}
}

// Every variable the README documents reaches its field: a setting that is
// documented but never read is worse than none.
func TestEveryVariableIsRead(t *testing.T) {
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN": "123456:ABCdefGHIjklMNOpqrSTUvwxYZ", "TELEGRAM_API_ENDPOINT": "http://127.0.0.1:8081",
		"WEBHOOK_URL": "https://x.example.org/hook", "WEBHOOK_SECRET": "a_long_enough-secret_1234",
		"LISTEN_ADDR": ":9999", "TELEGRAM_GLOBAL_RATE": "77", "ADMIN_IDS": "1", "STAFF_IDS": "2", "STAFF_CHAT_ID": "-3",
		"DESK_HOURS": "Mon-Sat 09:00-18:00", "DESK_HOLIDAYS": "2026-01-01", "DESK_REMIND_AFTER": "3h", "DESK_SHOW_STAFF_NAMES": "true",
		"REDIS_URL": "redis://127.0.0.1:6379/1", "SESSION_TTL": "1h", "FLOOD_LIMIT": "9", "UPDATE_LOCK_TTL": "45s",
		"OUTBOX_TTL": "2h", "KB_DIR": "/kb", "OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "https://n.openai.azure.com", "OPENAI_MODEL": "m",
		"OPENAI_API_TYPE": "azure", "OPENAI_API_VERSION": "2024-10-21", "OPENAI_AZURE_DEPLOYMENT": "d", "STAFF_REPHRASE": "true",
		"LLM_TIMEOUT": "9s", "LLM_DAILY_QUOTA": "5", "LOG_LEVEL": "error", "LOG_FORMAT": "text",
	}
	c, err := Parse(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]bool{
		"TELEGRAM_BOT_TOKEN": c.TelegramToken != "", "TELEGRAM_API_ENDPOINT": c.TelegramEndpoint == "http://127.0.0.1:8081",
		"WEBHOOK_URL": c.WebhookURL != "", "WEBHOOK_SECRET": c.WebhookSecret != "", "LISTEN_ADDR": c.ListenAddr == ":9999",
		"TELEGRAM_GLOBAL_RATE": c.GlobalRate == 77, "ADMIN_IDS": c.AdminIDs[1], "STAFF_IDS": c.StaffIDs[2], "STAFF_CHAT_ID": c.StaffChatID == -3,
		"DESK_HOURS": c.DeskHours == "Mon-Sat 09:00-18:00", "DESK_HOLIDAYS": c.DeskHolidays == "2026-01-01",
		"DESK_REMIND_AFTER": c.DeskRemindAfter == 3*time.Hour, "DESK_SHOW_STAFF_NAMES": c.DeskShowStaffNames,
		"REDIS_URL": c.RedisURL != "", "SESSION_TTL": c.SessionTTL == time.Hour, "FLOOD_LIMIT": c.FloodLimit == 9,
		"UPDATE_LOCK_TTL": c.UpdateLockTTL == 45*time.Second, "OUTBOX_TTL": c.OutboxTTL == 2*time.Hour, "KB_DIR": c.KBDir == "/kb", "OPENAI_API_KEY": c.OpenAIKey == "k",
		"OPENAI_BASE_URL": c.OpenAIBaseURL != "", "OPENAI_MODEL": c.OpenAIModel == "m", "OPENAI_API_TYPE": c.OpenAIAzure,
		"OPENAI_API_VERSION": c.OpenAIVersion == "2024-10-21", "OPENAI_AZURE_DEPLOYMENT": c.OpenAIDeploy == "d",
		"STAFF_REPHRASE": c.StaffRephrase, "LLM_TIMEOUT": c.LLMTimeout == 9*time.Second, "LLM_DAILY_QUOTA": c.LLMDailyQuota == 5,
		"LOG_LEVEL": c.LogLevel.String() == "ERROR", "LOG_FORMAT": c.LogFormat == "text",
	}
	for name, ok := range checks {
		if !ok {
			t.Errorf("%s is not read into the configuration", name)
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range env {
		if !strings.Contains(string(readme), "`"+name+"`") {
			t.Errorf("%s is read but not documented in the README", name)
		}
	}
}

// run reports a missing token with the other problems, one per line.
func TestParseBotReportsMissingTokenWithTheRest(t *testing.T) {
	_, err := ParseBot(env(map[string]string{"DESK_HOURS": "Mon-Fri 8-17", "KB_DIR": "/no/such/folder"}))
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Problems) != 3 {
		t.Fatalf("want the token, DESK_HOURS and KB_DIR, got %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "\n  TELEGRAM_BOT_TOKEN is not set") || !strings.Contains(msg, "\n  DESK_HOURS ") || !strings.Contains(msg, "\n  KB_DIR ") {
		t.Errorf("one problem a line, each naming its variable: %q", msg)
	}
	if _, err := Parse(env(nil)); err != nil {
		t.Errorf("chat and ask need no token: %v", err)
	}
}
