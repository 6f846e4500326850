package knowledge

import (
	"slices"
	"strings"
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
		{q: "Hiệp hội có bao nhiêu hội viên?", asked: []string{"count"}, want: []string{"hoi vien", "hiep hoi"}},
		{q: "sự kiện đó có bao nhiêu người tham dự?", asked: []string{"count"}, want: []string{"tham du"}},
		{q: "dự án nào lớn nhất?", asked: []string{"top"}, want: []string{"du an"}},
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
// logistics" of "khu dịch vụ logistics"), in order.
func TestTermIn(t *testing.T) {
	tests := []struct {
		sentence string
		term     [2]string
		want     bool
	}{
		{"khu dich vu logistics khoang 50 ha", [2]string{"khu", "logistics"}, true},
		{"logistics va khu cong nghiep", [2]string{"khu", "logistics"}, false},
		{"hoi vien cua hiep hoi", [2]string{"hoi", "vien"}, true},
		{"co hoi dau tu vao nhieu linh vuc cho vien", [2]string{"hoi", "vien"}, false},
	}
	for _, tt := range tests {
		if got := termIn(strings.Fields(tt.sentence), tt.term); got != tt.want {
			t.Errorf("termIn(%q, %q) = %v, want %v", tt.sentence, tt.term, got, tt.want)
		}
	}
}
