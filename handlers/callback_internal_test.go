package handlers

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
)

// Buttons that carry an entry id must fit Telegram's 64-byte callback_data
// with the longest id kb validate lets through.
func TestEntryCallbacksFitTelegram(t *testing.T) {
	for _, prefix := range []string{cbEntry} {
		if n := len(prefix) + 1; n > base.MaxCallbackPrefixBytes {
			t.Errorf("callback prefix %q: is %d bytes, more than knowledge.MaxCallbackPrefixBytes (%d)", prefix+":", n, base.MaxCallbackPrefixBytes)
		}
	}
}
