package knowledge

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// TestPhraseStrip: removing only the phrases the index finds a text may
// hold leaves what trying every phrase in turn leaves, for the cue words
// of every language, the fact-asking words and the meta phrases, on every example question
// of the bundled base and on texts where removing a phrase from inside a
// word makes a new one.
func TestPhraseStrip(t *testing.T) {
	b, err := base.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	every := func(norm string, sets []*cueSet) (cuesOut, factsOut string) {
		rest := " " + norm + " "
		for _, cs := range sets {
			for _, p := range cs.strip {
				if !strings.Contains(rest, p) {
					continue
				}
				if oneHangul(p) {
					rest = blankHangulCue(rest, p)
					continue
				}
				blank := " "
				if p[0] == ' ' {
					blank = "  "
				}
				rest = strings.ReplaceAll(strings.ReplaceAll(rest, p, blank), p, blank)
			}
		}
		facts := " " + norm + " "
		for _, cs := range sets {
			for _, p := range cs.factStrip {
				facts = strings.ReplaceAll(facts, p, " ")
			}
		}
		return strings.Join(strings.Fields(rest), " "), strings.Join(strings.Fields(facts), " ")
	}
	texts := []string{"who are you, are you a real person?", "あなたは誰ですか", "thanh hoaの面積", "面積は何ha", "dien tich bao nhieu ha", "how big is it and where", "주소가 어디예요"}
	for _, e := range b.Entries() {
		for _, exs := range e.Examples {
			texts = append(texts, exs...)
		}
	}
	for _, text := range texts {
		norm := textnorm.Normalize(text)
		wantCues, wantFacts := every(norm, allCues)
		if got := stripCues(norm, allCues); got != wantCues {
			t.Errorf("stripCues(%q) = %q, want %q", norm, got, wantCues)
		}
		if got := stripFactAsks(norm, allCues); got != wantFacts {
			t.Errorf("stripFactAsks(%q) = %q, want %q", norm, got, wantFacts)
		}
		rest, found := " "+norm+" ", false
		for _, p := range metaPhrases {
			if p == "" {
				continue
			}
			if p[0] < 0x80 {
				if strings.Contains(rest, " "+p+" ") {
					rest, found = strings.ReplaceAll(rest, " "+p+" ", "  "), true
				}
			} else if strings.Contains(rest, p) {
				rest, found = strings.ReplaceAll(rest, p, " "), true
			}
		}
		if got, gotFound := stripMeta(norm); got != rest || gotFound != found {
			t.Errorf("stripMeta(%q) = %q, %v, want %q, %v", norm, got, gotFound, rest, found)
		}
	}
	// A phrase taken from inside a word leaves words a later phrase
	// may be.
	s := newPhraseStrip([]string{"ア", " x y ", " x "})
	remove := func(rest, p string) (string, bool) {
		if !strings.Contains(rest, p) {
			return rest, false
		}
		return strings.ReplaceAll(rest, p, " "), true
	}
	if got := s.strip(" xアy ", remove); strings.Join(strings.Fields(got), " ") != "" {
		t.Errorf("strip = %q, want nothing left", got)
	}
}
