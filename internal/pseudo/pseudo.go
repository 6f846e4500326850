// Package pseudo turns Telegram user ids into keyed hashes (pseudonyms) for
// logs, the audit log and the unanswered-questions log: the same user gets
// the same pseudonym on every replica, so log lines can be followed, while
// the id itself is not written where it would outlive /forgetme. Without
// the key a pseudonym cannot be turned back into an id.
package pseudo

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Hasher makes pseudonyms with one key. The zero value is not usable: use
// New or Random.
type Hasher struct {
	key []byte
}

// New derives the key from secret (the bot token: every replica has it and
// it is never logged). Changing the secret changes every pseudonym.
func New(secret string) *Hasher {
	mac := hmac.New(sha256.New, []byte("investbot pseudonym key v1"))
	mac.Write([]byte(secret))
	return &Hasher{key: mac.Sum(nil)}
}

// Random returns a Hasher with a key that lives as long as the process
// (the console chat, tests).
func Random() *Hasher {
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return &Hasher{key: key}
}

// User returns the pseudonym of a Telegram user id: "u-" and 16 hex digits
// (64 bits, so that two users of one bot practically never share one).
func (h *Hasher) User(id int64) string {
	mac := hmac.New(sha256.New, h.key)
	mac.Write([]byte(strconv.FormatInt(id, 10)))
	return "u-" + hex.EncodeToString(mac.Sum(nil)[:8])
}
