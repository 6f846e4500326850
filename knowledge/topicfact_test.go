package knowledge_test

import "testing"

// A figure or a superlative the entry gives of something else is not the
// one asked: the Vietnamese question's own words (pairs of syllables:
// "hội viên", "tham dự", "dự án") must stand in a sentence giving it. A
// question whose words the sentence holds, or that has none of its own
// beside the fact's ("rộng bao nhiêu?"), is answered as before.
func TestFactOfOtherTopic(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"members of an association the entry does not count": {
			turns:   []string{"Vì sao nên đầu tư vào Thanh Hóa?", "Hiệp hội có bao nhiêu hội viên?"},
			missing: "count",
		},
		"attendance of an event the entry does not count": {
			turns:   []string{"ĐSQ Nhật có tổ chức sự kiện văn hóa gì ở TH ko?", "sự kiện đó có bao nhiêu người tham dự?"},
			missing: "count",
		},
		"the biggest project, of an entry whose biggest is an investor": {
			turns:   []string{"ODA tỉnh huy động được mấy dự án?", "dự án nào lớn nhất?"},
			missing: anyRefusal,
		},
		"agreements with Japan the entry does not count": {
			turns:   []string{"Còn thỏa thuận quốc tế giai đoạn 2021-2025?", "Bao nhiêu thỏa thuận với Nhật?"},
			missing: anyRefusal,
		},
		"the projects the ODA entry counts": {
			turns: []string{"ODA tỉnh huy động được mấy dự án?"},
			want:  "stat.oda",
		},
		"the area of the logistics zone, worded apart from its sentence": {
			turns: []string{"khu logistics rong bao nhieu"},
			want:  "zone.wha-logistics",
		},
		"a size with no topic word of its own": {
			turns: []string{"KCN WHA giai đoạn 1", "rộng bao nhiêu ha?"},
			want:  "zone.wha-smart-tech-1",
		},
		"Japan's share of FDI, a name between the words": {
			turns: []string{"vốn Nhật chiếm bao nhiêu phần trăm?"},
			want:  "partner.japan",
		},
		"the national rank the FDI entry gives": {
			turns: []string{"FDI Thanh Hóa", "xếp thứ mấy cả nước"},
			want:  "stat.fdi-total",
		},
	})
}

// Vietnamese ways of asking a fact (knowledge/lang/vi.yaml): a wage per
// month, the person in charge, the year since when; a word of two
// syllables the entry holds only where it says the sources lack it.
func TestVietnameseFactAsks(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"a monthly wage the sources do not give": {
			turns:   []string{"chu tich hiep hoi det may la ai", "luong cong nhan may bao nhieu 1 thang"},
			missing: "price",
		},
		"the person in charge of an event with no contact": {
			turns:   []string{"công ty mình muốn tham gia Hội nghị xúc tiến đầu tư 2026, ai là đầu mối vậy bạn?"},
			missing: "contact",
		},
		"an office the JETRO entry says the sources do not give": {
			turns:   []string{"trưởng đại diện JETRO tên gì", "JETRO có văn phòng ở Thanh Hóa không?"},
			missing: anyRefusal,
		},
		"since which year, after the partner localities": {
			turns: []string{"Thanh Hóa có quan hệ với địa phương nào của Hàn Quốc?", "từ năm nào v?"},
			want:  "partner.localities",
		},
	})
}

// A comparison of figures whose named side's own entry says the sources
// lack that figure is not answered side by side: no ratio can be given.
// A choice between the sides ("which is bigger?") is answered by the side
// the sources call the largest.
func TestCompareSideAbsent(t *testing.T) {
	runTraps(t, map[string]trapCase{
		"a ratio to Korea's FDI, which the sources do not give": {
			turns:   []string{"Vốn Nhật chiếm bao nhiêu % FDI của tỉnh?", "So với vốn Hàn Quốc thì gấp mấy lần?"},
			missing: "capital",
		},
		"a choice between Japan and Korea": {
			turns: []string{"日本と韓国、タインホアへの投資額はどっちが大きい？"},
			want:  "partner.japan",
		},
	})
}
