package redisstore

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/storetest"
)

func TestCodecSize(t *testing.T) {
	s := TypicalSession(7_123_456_789)
	compact, err := encodeSession(s)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := json.Marshal(s)
	t.Logf("typical session: %d bytes compact (%s), %d bytes plain JSON", len(compact), compact, len(plain))
	if len(compact) >= len(plain) {
		t.Errorf("compact encoding (%d B) is not smaller than plain JSON (%d B)", len(compact), len(plain))
	}
	got, ok := decodeSession(s.UserID, compact)
	if !ok {
		t.Fatal("decode failed")
	}
	if d := storetest.SameSession(s, got); d != "" {
		t.Error(d)
	}
}

// TypicalSession is a session as most users have it between messages: a
// chosen language, the last entry answered and when.
func TypicalSession(userID int64) investbot.Session {
	return investbot.Session{
		UserID:    userID,
		Lang:      investbot.JA,
		LastEntry: "zone.nghi-son-ez",
		LastAt:    time.Date(2025, 5, 6, 10, 20, 30, 123_000_000, time.UTC),
	}
}
