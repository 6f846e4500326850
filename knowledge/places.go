package knowledge

import (
	"strings"
	"unicode/utf8"
)

// otherPlaces names provinces, cities and countries that are not Thanh Hóa,
// in the four languages. A question about one of them ("FDI in Da Nang",
// "ダナンのFDI") is out of scope unless the matched entry itself mentions
// the place (the Vietnam–Japan forum was held in Quảng Ninh; WHA is Thai).
var otherPlaces = foldAll(
	`hà_nội hanoi đà_nẵng da_nang hồ_chí_minh ho_chi_minh hcmc saigon sài_gòn hải_phòng hai_phong
	bắc_ninh bac_ninh bắc_giang bac_giang bình_dương binh_duong đồng_nai dong_nai nghệ_an nghe_an
	quảng_ninh quang_ninh hà_tĩnh ha_tinh ninh_bình ninh_binh huế hue cần_thơ can_tho long_an
	thái_nguyên thai_nguyen vĩnh_phúc vinh_phuc hưng_yên hung_yen quảng_nam quang_nam khánh_hòa khanh_hoa
	bà_rịa ba_ria vũng_tàu vung_tau quảng_ngãi quang_ngai lào_cai lao_cai nam_định nam_dinh hải_dương hai_duong
	thailand thái_lan thai_lan bangkok tokyo osaka seoul busan singapore china trung_quốc trung_quoc
	indonesia malaysia philippines cambodia campuchia myanmar`,
	`ハノイ ダナン ホーチミン サイゴン ハイフォン バクニン バクザン ビンズオン ドンナイ ゲアン クアンニン ハティン
	ニンビン フエ カントー タイ バンコク 東京 大阪 ソウル 釜山 シンガポール 中国 カンボジア`,
	`하노이 다낭 호찌민 호치민 사이공 하이퐁 박닌 박장 빈즈엉 동나이 응에안 꽝닌 하띤 닌빈 후에 껀터 태국 방콕
	도쿄 오사카 서울 부산 싱가포르 중국 캄보디아`)

// placesIn returns the other places norm mentions.
func placesIn(norm string) []string {
	var out []string
	padded := " " + norm + " "
	for _, p := range otherPlaces {
		r, _ := utf8.DecodeRuneInString(p)
		if r < 0x80 {
			if strings.Contains(padded, " "+p+" ") {
				out = append(out, p)
			}
		} else if strings.Contains(norm, p) {
			out = append(out, p)
		}
	}
	return out
}
