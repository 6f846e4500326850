package knowledge_test

import (
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// TestLeadIn: a few words before a colon or a dash that ask and name
// nothing do not change what the question after them finds; words that
// name a topic stay part of the question.
func TestLeadIn(t *testing.T) {
	kb := mustBundled(t)
	tests := []struct {
		q, want string
	}{
		{"while I wait: who is the Japanese ambassador involved?", "partner.japan-embassy"},
		{"logistics - port?", "zone.nghi-son-port"},
		{"Resolution 59 - what are the 2030 targets?", "stat.targets-2030"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := kb.Match(knowledge.Query{Text: tt.q})
			if !r.Confident || r.Best == nil || r.Best.Entry.ID != tt.want {
				id := ""
				if r.Best != nil {
					id = r.Best.Entry.ID
				}
				t.Errorf("got %q (confident %v), want %q", id, r.Confident, tt.want)
			}
		})
	}
	// Two questions after a lead-in holding a pronoun are both answered.
	r := kb.Match(knowledge.Query{Text: "two more from him - how many FDI projects did Thanh Hoa attract in 2025, and what were exports that year?"})
	if len(r.Parts) != 2 {
		t.Errorf("parts = %d, want 2", len(r.Parts))
	}
}
