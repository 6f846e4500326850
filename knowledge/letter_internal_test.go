package knowledge

import "testing"

func TestReadLetter(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain message", "Who heads JETRO?", "Who heads JETRO?"},
		{"one header-like line is no envelope", "Từ: hôm qua\nvốn FDI bao nhiêu?", "Từ: hôm qua\nvốn FDI bao nhiêu?"},
		{"headers dropped, subject kept", "From: Anna\nSubject: Japan share\n\nWhat share of FDI is Japanese?", "Japan share\n\nWhat share of FDI is Japanese?"},
		{"note after the forwarded body", "---------- 전달된 메일 ----------\n보낸 사람: 박지훈\n제목: 후보지\n\n회의 자료 준비 중입니다.\n\n---\nFDI 순위는 몇 위인가요?", "FDI 순위는 몇 위인가요?"},
		{"note before the marker", "Cho mình hỏi vốn FDI bao nhiêu?\n----- Forwarded -----\nNgười gửi: A\nTiêu đề: B\nChào anh.", "Cho mình hỏi vốn FDI bao nhiêu?"},
		{"the forwarded message asks", "----- Forwarded -----\n差出人: 山田\n件名: 件\n日系のシェアは？\n---\nよろしく", "件\n日系のシェアは？\nよろしく"},
		{"a sentence saying forwarded is no marker", "A colleague forwarded me this bot - a mid-size firm - north-central:\nWhat are the exports?", "A colleague forwarded me this bot - a mid-size firm - north-central:\nWhat are the exports?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readLetter(tt.in); got != tt.want {
				t.Errorf("readLetter = %q, want %q", got, tt.want)
			}
		})
	}
}
