package main

import (
	"encoding/json"
	"testing"

	"github.com/thanhhoa/investbot"
)

// FuzzDialogLine: no input line makes the parser panic, and a line it
// accepts is a usable turn.
//
//	go test -fuzz FuzzDialogLine ./cmd/investbot
func FuzzDialogLine(f *testing.F) {
	for _, s := range []string{
		`{"dialog":"d1","q":"How big is WHA?"}`,
		`{"dialog":"d1","q":"規模は？","lang":"ja"}`,
		`{"dialog":"d1","press":"1"}`,
		`{"dialog":"","q":"x"}`,
		`{"dialog":"d1","q":"x","press":"y"}`,
		`{"dialog":1,"q":"x"}`,
		`{"dialog":"d1","q":"\ud800"}`,
		`{"dialog":"d1","q":"x","lang":"fr"}`,
		`[1,2]`, `null`, `"x"`, `{`, ``, "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := parseDialogLine(b)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if l.Dialog == "" || (l.Q == "") == (l.Press == "") {
			t.Fatalf("accepted a line that is not one turn: %+v", l)
		}
		if l.Lang != "" && !investbot.ParseLang(l.Lang).Valid() {
			t.Fatalf("accepted lang %q", l.Lang)
		}
		// What was accepted survives a round trip.
		again, _ := json.Marshal(l)
		if l2, err := parseDialogLine(again); err != nil || l2 != l {
			t.Fatalf("round trip of %+v: %+v, %v", l, l2, err)
		}
	})
}
