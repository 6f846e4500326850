package knowledge

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// TestWordsInIndex: reading only the words the index finds a question may
// hold gives what trying every word of the list gives, on every example
// question of the bundled base.
func TestWordsInIndex(t *testing.T) {
	b, err := base.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	every := func(norm string, list []string, compounds bool) []string {
		var out []string
		for _, p := range list {
			if r, _ := utf8.DecodeRuneInString(p); r < 0x80 {
				if textnorm.ContainsWord(norm, p) {
					out = append(out, p)
				}
			} else if containsCJKWord(norm, p) || (compounds && containsKatakanaTail(norm, p)) {
				out = append(out, p)
			}
		}
		return out
	}
	n, found := 0, 0
	for _, e := range b.Entries() {
		for _, exs := range e.Examples {
			for _, ex := range exs {
				norm := textnorm.Normalize(ex)
				n++
				if got, want := offTopicsIn(norm), every(norm, offTopics, true); !slices.Equal(got, want) {
					t.Errorf("offTopicsIn(%q) = %q, want %q", norm, got, want)
				}
				got, want := placesIn(norm), every(norm, otherPlaces, false)
				if !slices.Equal(got, want) {
					t.Errorf("placesIn(%q) = %q, want %q", norm, got, want)
				}
				found += len(want)
				if otherPlacesIndex.Has(norm) != textnorm.HasPhrase(norm, otherPlaces) {
					t.Errorf("otherPlacesIndex.Has(%q) differs from HasPhrase", norm)
				}
			}
		}
	}
	if n < 1000 || found == 0 {
		t.Errorf("%d examples, %d places found", n, found)
	}
}
