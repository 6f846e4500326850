package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseDefaults(t *testing.T) {
	c, err := Parse(env(nil))
	if err != nil {
		t.Fatalf("Parse(empty): %v", err)
	}
	if c.TelegramEndpoint != DefaultEndpoint || c.ListenAddr != DefaultListenAddr ||
		c.SessionTTL != 30*24*time.Hour || c.FloodLimit != 20 || c.OpenAIModel != DefaultModel ||
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
		{map[string]string{"WEBHOOK_URL": "https://x.example.org/hook"}, "WEBHOOK_SECRET"},
		{map[string]string{"ADMIN_IDS": "12,abc"}, "ADMIN_IDS"},
		{map[string]string{"STAFF_CHAT_ID": "japan-desk"}, "STAFF_CHAT_ID"},
		{map[string]string{"SESSION_TTL": "30 days"}, "SESSION_TTL"},
		{map[string]string{"FLOOD_LIMIT": "-1"}, "FLOOD_LIMIT"},
		{map[string]string{"LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{map[string]string{"LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{map[string]string{"TELEGRAM_API_ENDPOINT": "localhost:8081"}, "TELEGRAM_API_ENDPOINT"},
		{map[string]string{"REDIS_URL": "127.0.0.1"}, "REDIS_URL"},
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
	_, err := Parse(env(map[string]string{"FLOOD_LIMIT": "x", "LOG_LEVEL": "y"}))
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Problems) != 2 {
		t.Fatalf("want both problems, got %v", err)
	}
}
