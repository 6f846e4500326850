package base

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
)

func answers(en, vi, ja, ko string) investbot.Text {
	return investbot.Text{investbot.EN: en, investbot.VI: vi, investbot.JA: ja, investbot.KO: ko}
}

func TestParity(t *testing.T) {
	tests := []struct {
		name  string
		t     investbot.Text
		names []string
		want  []string // substrings of the problems, in order; nil = none
	}{
		{
			name: "equal in four languages",
			t: answers("FDI reached 15.6 billion USD in 179 projects as of 2 December 2025.",
				"Vốn FDI đạt 15,6 tỷ USD với 179 dự án, tính đến ngày 2/12/2025.",
				"FDIは179件、156億USDです（2025年12月2日現在）。",
				"FDI는 179개 프로젝트, 156억 달러입니다(2025년 12월 2일 기준)."),
		},
		{
			name: "a figure drifts in Korean",
			t:    answers("FDI reached 15.6 billion USD.", "FDI đạt 15,6 tỷ USD.", "FDIは156億USDです。", "FDI는 165억 달러입니다."),
			want: []string{`"15.6 billion" (value 15600000000) has no equal in answer.ko`, `ko "165억" (value 16500000000) has no equal in answer.en, answer.vi, answer.ja`},
		},
		{
			name: "a number in one language only",
			t:    answers("Japan is the top partner.", "Nhật Bản là đối tác hàng đầu.", "日本は第1のパートナーです。", "일본은 최대 파트너입니다."),
			want: []string{`ja "1" (value 1) has no equal in answer.en, answer.vi, answer.ko`},
		},
		{
			name:  "names and acronyms",
			t:     answers("WHA develops Phu Quy park with JETRO.", "WHA phát triển KCN Phú Quý cùng JETRO.", "WHAはフークイ（Phú Quý）を開発します。", "WHA는 푸꾸이(Phú Quý)를 JETRO와 개발합니다."),
			names: []string{"Phú Quý", "WHA"},
			want:  []string{`acronym "JETRO" (in answer.en) is missing from answer.ja`, `acronym "KCN" (in answer.vi) is missing from answer.en, answer.ja, answer.ko`},
		},
		{
			name:  "missing name",
			t:     answers("Nghi Son port.", "Cảng Nghi Sơn.", "ギソン港。", "응이선(Nghi Sơn) 항."),
			names: []string{"Nghi Sơn"},
			want:  []string{`name "Nghi Sơn" is missing from answer.ja`},
		},
		{
			name: "Latin word in Japanese only",
			t:    answers("A smart industrial park.", "Một khu công nghiệp thông minh.", "スマート（smart eco）工業団地。", "스마트 산업단지."),
			want: []string{`Latin word "smart" in answer.ja is missing from answer.vi`, `Latin word "eco" in answer.ja is missing from answer.en, answer.vi`},
		},
		{
			name:  "WHA is not found inside What and USD may be translated",
			t:     answers("What about WHA, 5 USD?", "WHA, 5 USD thì sao?", "WHA、5ドルは？", "WHA, 5달러는?"),
			names: []string{"WHA"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parity(&Entry{Answer: tt.t, Names: tt.names})
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %q, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}
