package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// TestContinuationEnds: a particle of the cue files' continuation_ends
// carries the conversation on only as the question's last word; inside a
// sentence it marks the sentence's own topic.
func TestContinuationEnds(t *testing.T) {
	ja := cueLangs(investbot.JA)
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"韓国は？", true},
		{"韓国のほうは？", true},
		{"第2期は", true},
		{"それはどこで開催されましたか", false},
		{"新潟の強みは何ですか", false},
		{"うちの県としても交流を検討したい", false},
	} {
		if got := endsWithCue(textnorm.Normalize(tc.q), ja); got != tc.want {
			t.Errorf("endsWithCue(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestHasPronoun: a pronoun inside a longer word of the demonstratives'
// not list ("それぞれ", each) points at nothing.
func TestHasPronoun(t *testing.T) {
	ja := cueLangs(investbot.JA)
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"それは何位？", true},
		{"その港の水深は？", true},
		{"新潟と城南市、それぞれの強みを比べてください", false},
		{"どこの国の会社？", false},
	} {
		if got := hasPronoun(textnorm.Normalize(tc.q), ja); got != tc.want {
			t.Errorf("hasPronoun(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestDropPreamble: the sentences of a short message before its first
// question are left out when they ask nothing and name nothing the
// knowledge base holds; a request for a person, a name, a year, or a
// question pointing back at them keeps the message whole.
func TestDropPreamble(t *testing.T) {
	kb := mustSlipKB(t)
	for _, tc := range []struct{ in, want string }{
		{"食品メーカーの者です。城南市の強みは何ですか？", "城南市の強みは何ですか？"},
		{"展示会で資料をもらいました。タインホアって日本とどういう関係なんですか？", "タインホアって日本とどういう関係なんですか？"},
		{"We met your team at the fair. What incentives do industrial parks get?", "What incentives do industrial parks get?"},
		{"WHAの工業団地を検討しています。規模は？", "WHAの工業団地を検討しています。規模は？"},
		{"2025年の資料を読みました。件数は？", "2025年の資料を読みました。件数は？"},
		{"We'd rather go through both sites with a person before we fly over. Is that possible?", "We'd rather go through both sites with a person before we fly over. Is that possible?"},
		{"新潟の強みは？", "新潟の強みは？"},
	} {
		if got := kb.dropPreamble(tc.in); got != tc.want {
			t.Errorf("dropPreamble(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAsksPhrase: a fact's asking word right after a number states the
// fact ("10周年の行事", the event of a known anniversary), not asks it.
func TestAsksPhrase(t *testing.T) {
	ask := cues[investbot.JA].facts["anniversary"].ask
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"何周年の記念行事ですか", true},
		{"周年行事はありましたか", true},
		{"その10周年の行事には何人参加しましたか", false},
		{"30周年と、何周年の行事がありましたか", true},
	} {
		if got := asksPhrase(textnorm.Normalize(tc.q), ask); got != tc.want {
			t.Errorf("asksPhrase(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
