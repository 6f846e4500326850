package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQuestionExcerpt(t *testing.T) {
	intro := strings.Repeat("Our company makes precision parts for car makers in Nagoya. ", 40)
	tests := []struct {
		name string
		text string
		want []string // sentences the excerpt must keep
		cut  bool
	}{
		{"short", "How big is WHA phase 1?", []string{"How big is WHA phase 1?"}, false},
		{"question at the end", "Dear Sir,\n" + intro + "How big is WHA phase 1?\nBest regards, Ken", []string{"Dear Sir,", "How big is WHA phase 1?", "Best regards, Ken"}, true},
		{"question in the middle", "Dear Sir,\n" + intro + "How big is WHA phase 1? " + intro + "Best regards, Ken", []string{"How big is WHA phase 1?", "Best regards, Ken"}, true},
		{"one endless sentence", strings.Repeat("word ", 1000), []string{"word word"}, true},
	}
	for _, tc := range tests {
		got, cut := questionExcerpt(tc.text)
		if cut != tc.cut {
			t.Errorf("%s: cut = %v", tc.name, cut)
		}
		if n := utf8.RuneCountInString(got); n > excerptBudgetRunes && cut {
			t.Errorf("%s: excerpt of %d runes, budget %d", tc.name, n, excerptBudgetRunes)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: excerpt lacks %q:\n%s", tc.name, w, got)
			}
		}
	}
}
