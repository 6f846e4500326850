package textnorm

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPhraseIndex: Matched and Has find what HasPhrase finds, list by
// list, on texts and phrases made of Latin words, digits, signs, letters
// with marks and kana glued every way.
func TestPhraseIndex(t *testing.T) {
	tests := []struct {
		norm    string
		phrases []string
		want    bool
	}{
		{"where is wha", []string{"wha"}, true},
		{"where is whampoa", []string{"wha"}, false},
		{"1m2あたり", []string{"m2"}, true}, // a digit glues to no Latin word
		{"x1m2あたり", []string{"1m2"}, false},
		{"%1m2あたり", []string{"1m2"}, true},
		{"xm2", []string{"m2"}, false},
		{"giá 1 m2あたり", []string{"m2"}, true},
		{"dien tich bao nhieu", []string{"bao nhieu", "dien"}, true},
		{"dien tich bao nhieux", []string{"bao nhieu"}, false},
		{"đường", []string{"ường"}, true},
		{"タインホア", []string{"タイ"}, true},
		{"exact date?", []string{"date"}, true},
		{"", []string{"a"}, false},
		{"x", []string{""}, false},
	}
	for _, tt := range tests {
		x := NewPhraseIndex(tt.phrases)
		if got := x.Has(tt.norm); got != tt.want {
			t.Errorf("Has(%q, %q) = %v, want %v", tt.norm, tt.phrases, got, tt.want)
		}
		if got := HasPhrase(tt.norm, tt.phrases); got != tt.want {
			t.Errorf("HasPhrase(%q, %q) = %v, want %v", tt.norm, tt.phrases, got, tt.want)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "b", "ab", "ba", " ", " ", "1", "%", "-", "đ", "ư", "ア", "イ", "ー", "주", "가", "é"}
	gen := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 2000 {
		lists := make([][]string, 1+r.IntN(5))
		for i := range lists {
			for range r.IntN(4) {
				lists[i] = append(lists[i], strings.TrimSpace(gen(1+r.IntN(3))))
			}
		}
		x := NewPhraseIndex(lists...)
		for range 10 {
			norm := gen(r.IntN(12))
			var want uint64
			for i, l := range lists {
				if HasPhrase(norm, l) {
					want |= 1 << i
				}
			}
			if got := x.Matched(norm); got != want {
				t.Fatalf("Matched(%q) of %q = %b, want %b", norm, lists, got, want)
			}
			if got := x.Has(norm); got != (want != 0) {
				t.Fatalf("Has(%q) of %q = %v, want %v", norm, lists, got, want != 0)
			}
		}
	}
	var none *PhraseIndex
	if none.Has("a") || none.Matched("a") != 0 {
		t.Error("a nil index matched")
	}
}

// TestPhraseCandidates: the candidates hold every phrase HasPhrase finds
// and every non-Latin one the text holds as a substring, ascending, once.
func TestPhraseCandidates(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "b", "ab", " ", "1", "%", "đ", "ア", "イ", "ー", "주", "é"}
	gen := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 3000 {
		var list []string
		for range r.IntN(8) {
			list = append(list, strings.TrimSpace(gen(1+r.IntN(3))))
		}
		x := NewPhraseIndex(list)
		norm := gen(r.IntN(12))
		got := x.Candidates(norm, nil)
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("Candidates(%q) of %q = %v: not ascending once each", norm, list, got)
		}
		for i, p := range list {
			first, _ := utf8.DecodeRuneInString(p)
			must := p != "" && (HasPhrase(norm, []string{p}) || first >= utf8.RuneSelf && strings.Contains(norm, p))
			if must && !slices.Contains(got, int32(i)) {
				t.Fatalf("Candidates(%q) of %q = %v: no %d (%q)", norm, list, got, i, p)
			}
		}
	}
}

func TestWordCount(t *testing.T) {
	for _, s := range []string{"", " ", "wha", "how big is it", "  two\tspaced\n words ", "thanh hoa　khu", "ギソン 経済区"} {
		if got, want := WordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("WordCount(%q) = %d, want %d", s, got, want)
		}
	}
}
