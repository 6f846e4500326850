package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge/base"
)

// TestOneSlip: a rune added, dropped, changed or two neighbours swapped
// is one slip, in katakana and Hangul alike; equal words and two slips
// are not.
func TestOneSlip(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"ジュトロ", "ジェトロ", true},
		{"スミモト", "スミトモ", true},
		{"スミトモ", "スミトモ", false},
		{"스미또모", "스미토모", true},
		{"니이가타현", "니가타현", true},
		{"니가타현", "니이가타현", true},
		{"ジェトロー", "ジェトロ", true},
		{"ジェトロ", "ジェトロー", true},
		{"セメント", "ジェトロ", false},
		{"スモミト", "スミトモ", false},
		{"", "ジ", true},
	}
	for _, tt := range tests {
		if got := oneSlip(tt.a, tt.b); got != tt.want {
			t.Errorf("oneSlip(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestRespellKana: a katakana or Korean word one rune from one name of the
// data, or spelt with the same sounds, is read as that name, its particles kept; a word the entries hold,
// a slip of an ordinary word, a short word, and Latin text are left alone.
func TestRespellKana(t *testing.T) {
	b, err := base.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	kb := New(b)
	tests := []struct {
		in, want string
	}{
		{"ジュトロとの会合", "ジェトロとの会合"},
		{"スミモトの工業団地", "スミトモの工業団地"},
		{"스미또모는 어디", "스미토모는 어디"},
		{"니이가타현과의 협력", "니가타현과의 협력"},
		{"セメンド工場", "セメンド工場"}, // no name is one kana away
		{"セメント工場", "セメント工場"},
		{"수출이 얼마", "수출이 얼마"}, // three syllables: too many words are one away
		{"ジェトロ", "ジェトロ"},
		{"sumitomo jetro", "sumitomo jetro"},
		// Spelt with the same sounds (words/*.yaml sound_folds).
		{"フーキー工業団地の面積", "フークイ工業団地の面積"},
		{"チエウホア県の工業団地", "ティエウホア県の工業団地"},
		{"푸뀌 산업단지 면적", "푸꾸이 산업단지 면적"},
		{"위치는 어디", "위치는 어디"}, // folded, an ordinary word still names nothing
		{"コーヒー工場", "コーヒー工場"},
		// A name typed in hiragana is read in katakana, its particle kept.
		{"すみともの工業団地", "スミトモの工業団地"},
		{"ぎそんセメント", "ギソンセメント"},
		{"ですか", "ですか"},
	}
	for _, tt := range tests {
		if got := kb.gaz.respellKana(tt.in, kb.mentionedAnywhere); got != tt.want {
			t.Errorf("respellKana(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
