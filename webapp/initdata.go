package webapp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Why a request's initData was refused. The text goes to the log, never
// to the client, which only sees 401.
var (
	ErrNoInitData = errors.New("no initData")
	ErrForged     = errors.New("initData hash does not match")
	ErrStale      = errors.New("initData auth_date is too old")
	ErrReplayed   = errors.New("initData already used by another client")
	ErrMalformed  = errors.New("initData is malformed")
)

// User is the Telegram user an initData vouches for.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	LanguageCode string `json:"language_code"`
}

// InitData is a verified initData.
type InitData struct {
	User     User
	AuthDate time.Time
	// Hash identifies this initData (its signature); the replay guard
	// binds it to one client.
	Hash string
}

// secretKey is HMAC_SHA256("WebAppData", token), the key Telegram signs a
// Mini App's initData with.
func secretKey(token string) []byte {
	m := hmac.New(sha256.New, []byte("WebAppData"))
	m.Write([]byte(token))
	return m.Sum(nil)
}

// Verify checks raw, the initData string Telegram gives the Mini App: the
// hash must be HMAC_SHA256(secretKey(token), data-check-string), where
// the data-check-string is every other field as key=value, sorted, joined
// by newlines; auth_date must be at most maxAge before now (and not in the
// future beyond a minute of clock skew); a user must be named.
func Verify(raw, token string, now time.Time, maxAge time.Duration) (InitData, error) {
	if raw == "" {
		return InitData{}, ErrNoInitData
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return InitData{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	hash := vals.Get("hash")
	pairs := make([]string, 0, len(vals))
	for k, v := range vals {
		if k == "hash" {
			continue
		}
		if len(v) != 1 {
			return InitData{}, fmt.Errorf("%w: field %s repeated", ErrMalformed, k)
		}
		pairs = append(pairs, k+"="+v[0])
	}
	sort.Strings(pairs)
	m := hmac.New(sha256.New, secretKey(token))
	m.Write([]byte(strings.Join(pairs, "\n")))
	want := m.Sum(nil)
	got, err := hex.DecodeString(hash)
	if err != nil || !hmac.Equal(got, want) {
		return InitData{}, ErrForged
	}
	sec, err := strconv.ParseInt(vals.Get("auth_date"), 10, 64)
	if err != nil {
		return InitData{}, fmt.Errorf("%w: auth_date", ErrMalformed)
	}
	at := time.Unix(sec, 0)
	if now.Sub(at) > maxAge || at.Sub(now) > time.Minute {
		return InitData{}, ErrStale
	}
	var u User
	if err := json.Unmarshal([]byte(vals.Get("user")), &u); err != nil || u.ID == 0 {
		return InitData{}, fmt.Errorf("%w: user", ErrMalformed)
	}
	return InitData{User: u, AuthDate: at, Hash: hash}, nil
}

// Sign returns initData for fields signed with token, as Telegram would
// build it: tests and the screenshots use it to open the app as a given
// user without Telegram.
func Sign(token string, fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	q := url.Values{}
	for _, k := range keys {
		pairs = append(pairs, k+"="+fields[k])
		q.Set(k, fields[k])
	}
	m := hmac.New(sha256.New, secretKey(token))
	m.Write([]byte(strings.Join(pairs, "\n")))
	q.Set("hash", hex.EncodeToString(m.Sum(nil)))
	return q.Encode()
}

// SignUser is Sign for a user id, name and language at authDate.
func SignUser(token string, id int64, lang string, authDate time.Time) string {
	u, _ := json.Marshal(User{ID: id, FirstName: "Test", LanguageCode: lang})
	return Sign(token, map[string]string{
		"auth_date": strconv.FormatInt(authDate.Unix(), 10),
		"query_id":  "AAH" + rand.Text()[:16], // each opening is a new initData
		"user":      string(u),
	})
}
