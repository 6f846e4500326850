package pseudo

import (
	"strconv"
	"strings"
	"testing"
)

func TestUser(t *testing.T) {
	a, b := New("token-a"), New("token-a")
	other := New("token-b")
	const id = 123456789
	tests := []struct {
		name string
		got  string
		want func(string) bool
	}{
		{"stable across hashers with the same secret", a.User(id), func(s string) bool { return s == b.User(id) }},
		{"differs with another secret", a.User(id), func(s string) bool { return s != other.User(id) }},
		{"differs between users", a.User(id), func(s string) bool { return s != a.User(id+1) }},
		{"does not contain the id", a.User(id), func(s string) bool { return !strings.Contains(s, strconv.Itoa(id)) }},
		{"has the documented shape", a.User(id), func(s string) bool { return len(s) == 18 && strings.HasPrefix(s, "u-") }},
		{"random keys differ", Random().User(id), func(s string) bool { return s != Random().User(id) }},
	}
	for _, tt := range tests {
		if !tt.want(tt.got) {
			t.Errorf("%s: %q", tt.name, tt.got)
		}
	}
}
