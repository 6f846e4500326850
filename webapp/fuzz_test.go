package webapp_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/thanhhoa/investbot/webapp"
)

// FuzzVerify feeds arbitrary initData to Verify: it never panics, and
// nothing verifies unless it was signed with the token.
func FuzzVerify(f *testing.F) {
	now := time.Unix(1_800_000_000, 0)
	f.Add(webapp.SignUser(token, investor, "ja", now))
	f.Add("auth_date=1800000000&hash=00&user=%7B%22id%22%3A1%7D")
	f.Add("a=1&a=2&hash=zz")
	f.Add("%zz")
	f.Fuzz(func(t *testing.T, raw string) {
		id, err := webapp.Verify(raw, token, now, time.Hour)
		if err != nil {
			return
		}
		// It verified: signing its own fields again must give its hash.
		if id.User.ID == 0 || id.Hash == "" || now.Sub(id.AuthDate) > time.Hour {
			t.Fatalf("verified %q as %+v", raw, id)
		}
		if _, err := webapp.Verify(raw, "999:"+strconv.Itoa(len(raw)), now, time.Hour); err == nil {
			t.Fatalf("%q verifies with another token too", raw)
		}
	})
}
