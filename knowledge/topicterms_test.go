package knowledge

import (
	"slices"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// A Vietnamese question's topic words are pairs of syllables beside the
// fact's own words: the noun a quantifier counts stays ("hội viên"), a
// word of two function syllables stays ("dự án"), the fact's asking words,
// chat shorthand and letters alone go.
func TestTopicTerms(t *testing.T) {
	tests := []struct {
		q     string
		asked []string
		want  []string // pairs that must be there, "a b"
		none  bool     // no pair at all
	}{
		{q: "Hiệp hội có bao nhiêu hội viên?", asked: []string{"count"}, want: []string{"hội viên", "hiệp hội"}},
		{q: "sự kiện đó có bao nhiêu người tham dự?", asked: []string{"count"}, want: []string{"tham dự"}},
		{q: "dự án nào lớn nhất?", asked: []string{"top"}, want: []string{"dự án"}},
		{q: "rộng bao nhiêu ha?", asked: []string{"area"}, none: true},
		{q: "tổng vốn bao nhiêu?", asked: []string{"capital"}, none: true},
		{q: "bn dn xk v", asked: []string{"count"}, none: true},
	}
	for _, tt := range tests {
		q := &question{text: tt.q, norm: textnorm.Normalize(tt.q), detected: investbot.VI, lang: investbot.VI, cues: []*cueSet{cues[investbot.VI]}}
		var got []string
		for _, p := range q.topicTerms(tt.asked) {
			got = append(got, p[0]+" "+p[1])
		}
		if tt.none && len(got) > 0 {
			t.Errorf("topicTerms(%q) = %q, want none", tt.q, got)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("topicTerms(%q) = %q, want %q among them", tt.q, got, w)
			}
		}
	}
}

// A topic's syllables may stand a few words apart in the entry ("khu
// logistics" of "khu dịch vụ logistics"), in order; a syllable written
// with its marks matches only them.
func TestTermIn(t *testing.T) {
	tests := []struct {
		sentence string
		term     [2]string
		want     bool
	}{
		{"Khu dịch vụ logistics khoảng 50 ha", [2]string{"khu", "logistics"}, true},
		{"logistics và khu công nghiệp", [2]string{"khu", "logistics"}, false},
		{"hội viên của hiệp hội", [2]string{"hoi", "vien"}, true},
		{"hội viên của hiệp hội", [2]string{"hội", "viên"}, true},
		{"cơ hội đầu tư vào nhiều lĩnh vực cho viên", [2]string{"hoi", "vien"}, false},
		{"nhà đầu tư tại Thanh Hóa", [2]string{"nhà", "tài"}, false},
		{"nhà đầu tư tại Thanh Hóa", [2]string{"nha", "tai"}, true},
	}
	for _, tt := range tests {
		if got := termIn(sentenceWords(tt.sentence), tt.term); got != tt.want {
			t.Errorf("termIn(%q, %q) = %v, want %v", tt.sentence, tt.term, got, tt.want)
		}
	}
}
