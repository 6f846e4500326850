package redisstore

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/thanhhoa/investbot"
)

// Session values are stored as one version byte followed by a body:
//
//	'1' + JSON of wireV1: the short field names of investbot.Session without
//	    the user id (it is in the key) and with LastAt as Unix milliseconds.
//	'{' (no version byte): plain JSON of investbot.Session, also accepted.
//
// A typical session is about half the size of json.Marshal(Session); see
// docs/benchmarks.md. A new layout gets a new version byte, and old values
// keep decoding.
const versionV1 = '1'

type wireV1 struct {
	Lang       investbot.Lang  `json:"l,omitempty"`
	ReplyLang  investbot.Lang  `json:"rl,omitempty"`
	LastEntry  string          `json:"e,omitempty"`
	LastAtMS   int64           `json:"t,omitempty"`
	Misses     int             `json:"m,omitempty"`
	Form       *investbot.Form `json:"f,omitempty"`
	TicketID   string          `json:"k,omitempty"`
	Subscribed bool            `json:"s,omitempty"`
	Recent     []wireExchange  `json:"r,omitempty"`
	// Frame was added without a new version byte: older values have
	// none, and an older reader ignores it.
	Frame *investbot.Frame `json:"x,omitempty"`
}

// wireExchange is investbot.Exchange with its time as Unix milliseconds.
type wireExchange struct {
	Q    string `json:"q"`
	I    string `json:"i,omitempty"`
	AtMS int64  `json:"t,omitempty"`
}

// encodeSession returns the stored form of s. LastAt keeps millisecond
// precision.
func encodeSession(s investbot.Session) ([]byte, error) {
	w := wireV1{
		Lang:       s.Lang,
		ReplyLang:  s.ReplyLang,
		LastEntry:  s.LastEntry,
		Misses:     s.Misses,
		Form:       s.Form,
		TicketID:   s.TicketID,
		Subscribed: s.Subscribed,
		Frame:      s.Frame,
	}
	if !s.LastAt.IsZero() {
		w.LastAtMS = s.LastAt.UnixMilli()
	}
	for _, x := range s.Recent {
		wx := wireExchange{Q: x.Q, I: x.Intent}
		if !x.At.IsZero() {
			wx.AtMS = x.At.UnixMilli()
		}
		w.Recent = append(w.Recent, wx)
	}
	b, err := json.Marshal(w)
	if err != nil {
		return nil, err
	}
	return append([]byte{versionV1}, b...), nil
}

// decodeSession reads a stored session of userID. It reports false for a
// value it cannot read (corrupt, or written by a newer version).
func decodeSession(userID int64, b []byte) (investbot.Session, bool) {
	s := investbot.Session{UserID: userID}
	if len(b) == 0 {
		return s, false
	}
	switch b[0] {
	case versionV1:
		var w wireV1
		if err := json.Unmarshal(b[1:], &w); err != nil {
			return s, false
		}
		s.Lang, s.ReplyLang, s.LastEntry, s.Misses, s.Form, s.TicketID, s.Subscribed =
			w.Lang, w.ReplyLang, w.LastEntry, w.Misses, w.Form, w.TicketID, w.Subscribed
		s.Frame = w.Frame
		if w.LastAtMS != 0 {
			s.LastAt = time.UnixMilli(w.LastAtMS)
		}
		for _, x := range w.Recent {
			e := investbot.Exchange{Q: x.Q, Intent: x.I}
			if x.AtMS != 0 {
				e.At = time.UnixMilli(x.AtMS)
			}
			s.Recent = append(s.Recent, e)
		}
		return s, true
	case '{':
		if err := json.Unmarshal(b, &s); err != nil {
			return investbot.Session{UserID: userID}, false
		}
		s.UserID = userID
		return s, true
	}
	return s, false
}

// newLeadID returns a random 16-hex-digit lead id.
func newLeadID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
