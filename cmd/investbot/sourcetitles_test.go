package main

import (
	"strings"
	"testing"
)

// ask --json keeps sources as stable ids and names them in source_titles,
// same order, in the answer's language; the text's source line never
// shows a file name.
func TestAskSourceTitles(t *testing.T) {
	tests := []struct {
		q, lang, want string
	}{
		{"How big is WHA Smart Technology phase 1?", "en", "News article"},
		{"khu cong nghiep wha giai doan 1 rong bao nhieu", "vi", "Bài báo"},
		{"WHAスマートテクノロジー第1期の面積は？", "ja", "ニュース記事"},
		{"WHA 스마트 테크놀로지 1단계 면적은?", "ko", "뉴스 기사"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			res := askJSON(t, nil, tt.q)
			r := res[0]
			if r.Lang != tt.lang || len(r.Sources) == 0 {
				t.Fatalf("%+v", r)
			}
			if len(r.SourceTitles) != len(r.Sources) {
				t.Fatalf("source_titles %v do not match sources %v", r.SourceTitles, r.Sources)
			}
			if !strings.HasSuffix(r.Sources[0], ".txt") {
				t.Errorf("sources[0] = %q, want the stable id (file name)", r.Sources[0])
			}
			if !strings.Contains(r.SourceTitles[0], tt.want) || strings.Contains(r.SourceTitles[0], ".txt") {
				t.Errorf("source_titles[0] = %q, want a %s headline", r.SourceTitles[0], tt.lang)
			}
			if strings.Contains(r.Text, ".txt") {
				t.Errorf("the text names a file: %s", r.Text)
			}
		})
	}
}
