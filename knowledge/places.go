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
	indonesia malaysia philippines cambodia campuchia myanmar germany france london paris bali australia`,
	`ハノイ ダナン ホーチミン サイゴン ハイフォン バクニン バクザン ビンズオン ドンナイ ゲアン クアンニン ハティン
	ニンビン フエ カントー タイ バンコク 東京 大阪 ソウル 釜山 シンガポール 中国 カンボジア ドイツ フランス ロンドン パリ オーストラリア`,
	`하노이 다낭 호찌민 호치민 사이공 하이퐁 박닌 박장 빈즈엉 동나이 응에안 꽝닌 하띤 닌빈 후에 껀터 태국 방콕
	도쿄 오사카 서울 부산 싱가포르 중국 캄보디아 독일 프랑스 런던 파리 호주`)

// homeNames name Thanh Hóa and its economic zone. A question that names
// them is about Thanh Hóa even when it also names another place: the
// asker's home ("our Tokyo office"), a comparison ("why Thanh Hoa and not
// Bac Ninh"), a route ("or truck to Hai Phong").
var homeNames = foldAll(
	`thanh_hoa thanhhoa xu_thanh nghi_son`,
	`タインホア タンホア ギソン ニソン`,
	`타인호아 탄호아 응이선 응이손 니손 니선`)

// accessWords ask how to get to Thanh Hóa: the other place named is where
// the trip starts ("ハノイからのアクセス", "how far from Hanoi").
var accessWords = foldAll(
	`access how_far distance drive driving commute`,
	`bao_xa khoảng_cách mất_bao_lâu`,
	`アクセス 距離 所要時間 何時間`,
	`거리 접근성 소요_시간 몇_시간`)

// fromMarks say a place is where something starts: before it in English
// and Vietnamese, after it in Japanese and Korean.
var fromMarks = []string{"from", "tu", "から", "에서"}

// originMarks follow or precede a place that only says where the asker
// is from ("Singapore-based", "부산 소재", "東京本社").
var originMarks = foldAll(`based headquartered`, `本社 支店 拠点`, `소재 본사`)

// placeIsContext reports whether the other place p is only context in the
// question, not its subject: the question names Thanh Hóa too, asks how to
// get there, or marks p as the asker's home.
func placeIsContext(norm, p string) bool {
	if hasPhrase(norm, homeNames) {
		return true
	}
	i := strings.Index(norm, p)
	if i < 0 {
		return false
	}
	after := strings.TrimLeft(norm[i+len(p):], " -")
	before := strings.TrimRight(norm[:i], " ")
	if hasPhrase(norm, accessWords) && len(placesIn(norm)) == 1 {
		// The start of a trip to Thanh Hóa: "from Hanoi", "ハノイから",
		// "từ Hà Nội", "하노이에서".
		for _, m := range fromMarks {
			if strings.HasSuffix(before, m) || strings.HasPrefix(after, m) {
				return true
			}
		}
	}
	for _, m := range originMarks {
		if strings.HasPrefix(after, m) || strings.HasSuffix(before, m+" in") {
			return true
		}
	}
	// A comparison: "like Bac Ninh", "バクニンみたいに", "박닌처럼", "so với Bắc Ninh".
	for _, m := range compareBefore {
		if strings.HasSuffix(before, " "+m) || before == m {
			return true
		}
	}
	for _, m := range compareAfter {
		if strings.HasPrefix(after, m) {
			return true
		}
	}
	return false
}

// compareBefore and compareAfter mark a place named for comparison (folded;
// Latin marks precede the place, Japanese and Korean ones follow it).
var (
	compareBefore = []string{"like", "than", "compared to", "compared with", "versus", "vs", "unlike", "nhu", "so voi", "hon"}
	compareAfter  = []string{"みたい", "のよう", "と比べ", "と比較", "より", "처럼", "보다", "와 비교", "과 비교", "에 비해"}
)

// placesIn returns the other places norm mentions.
func placesIn(norm string) []string { return wordsIn(norm, otherPlaces, false) }

// offTopics are things investors also ask a chatbot about that the
// knowledge base never answers (visas, weather, hotels, exchange rates,
// shares...). A question naming one is about that topic, even when it
// also names Japan or tourism, unless the matched entry itself names it.
var offTopics = foldAll(
	`visa visas weather forecast hotel hotels restaurant restaurants flight flights airfare ticket tickets
	recipe football soccer exchange_rate stock_price shares bitcoin crypto lottery movie song poem joke jokes
	funny story married girlfriend boyfriend what_time_is_it time_now current_time today_s_date what_day_is_it
	haiku match_score final_score world_cup premier_league cuisine delicious recipes esta favorite favourite driving_licence driving_license driver_s_license
	business_visa work_visa tourist_visa visa_application apply_for_a_visa get_a_visa e_visa evisa visa_on_arrival work_permit how_old_are_you your_hobby your_hobbies population capital_city`,
	`thị_thực thời_tiết khách_sạn nhà_hàng vé_máy_bay chuyến_bay tỷ_giá cổ_phiếu bóng_đá xổ_số công_thức_nấu bài_thơ
	truyện_cười chuyện_cười mấy_giờ_rồi bây_giờ_là_mấy_giờ hôm_nay_là_ngày tỷ_số trận_đấu làm_thơ món_ăn món_ngon đặc_sản nem_chua nấu_ăn quán_phở phở_ngon quán_ăn quán_ngon yêu_thích bằng_lái giấy_phép_lái_xe visa_công_tác visa_du_lịch xin_visa làm_visa giấy_phép_lao_động đội_tuyển kết_quả_trận đá_bóng vòng_loại bao_nhiêu_tuổi sở_thích dân_số thủ_đô`,
	`ビザ 査証 天気 ホテル レストラン 航空券 為替 株価 サッカー 宝くじ レシピ 結婚 面白い話 冗談 ジョーク 今何時 今日は何日 俳句 短歌 試合 スコア 料理 グルメ 名物 フォー おすすめの店 おすすめの株 銘柄 株式投資 食べ物 好きな 寿司 ラーメン 居酒屋 カフェ 屋台 運転免許 ビジネスビザ 就労ビザ 観光ビザ ビザ申請 ビザの取 ビザを取 何歳 趣味 年齢 人口 首都`,
	`비자 날씨 호텔 맛집 식당 항공권 환율 주가 축구 복권 레시피 결혼 재미있는 농담 유머 몇_시야 몇_시예요 지금_몇_시 하이쿠 경기_결과 스코어 맛있는 요리 음식 쌀국수 맛집 종목_추천 추천_종목 좋아하는 운전면허 비즈니스_비자 취업_비자 관광_비자 비자_신청 비자_발급 비자를 전자비자 관광비자 취업비자 비즈니스비자 몇_살 취미 인구 수도는`)

// offTopicsIn returns the off-topic words norm names, also as the last
// part of a katakana compound ("ビジネスビザ").
func offTopicsIn(norm string) []string { return wordsIn(norm, offTopics, true) }

// wordsIn returns the words of list that norm contains as words: Latin
// ones with no Latin letter glued to them (containsWord), others by
// containsCJKWord, or as a katakana compound's tail when compounds is set.
func wordsIn(norm string, list []string, compounds bool) []string {
	var out []string
	for _, p := range list {
		if r, _ := utf8.DecodeRuneInString(p); r < 0x80 {
			if containsWord(norm, p) {
				out = append(out, p)
			}
		} else if containsCJKWord(norm, p) || (compounds && containsKatakanaTail(norm, p)) {
			out = append(out, p)
		}
	}
	return out
}

// containsKatakanaTail reports whether s contains p as the last part of a
// katakana compound ("ビジネスビザ", "ビジネスホテル"): an off-topic word
// keeps its meaning there, unlike a place ("タイ" in "タインホア"), which
// is only tested as a whole word.
func containsKatakanaTail(s, p string) bool {
	first, _ := utf8.DecodeRuneInString(p)
	if !isKatakana(first) {
		return false
	}
	for i := 0; ; {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		j += i
		next, _ := utf8.DecodeRuneInString(s[j+len(p):])
		if !isKatakana(next) {
			return true
		}
		i = j + 1
	}
}

// containsCJKWord reports whether s contains p as a word: not glued to
// more katakana ("タイ", Thailand, is not in "タインホア", Thanh Hóa) and,
// in Korean, at the start of a word.
func containsCJKWord(s, p string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(p)
		last, _ := utf8.DecodeLastRuneInString(p)
		next, _ := utf8.DecodeRuneInString(s[end:])
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		first, _ := utf8.DecodeRuneInString(p)
		// Korean glues particles and endings to the end of a word, never
		// to its start: "주가" (share price) begins a word, it is not the
		// end of "입주가" (moving in + particle).
		hangulInside := isHangul(first) && j > 0 && isHangul(prev)
		if !(isKatakana(last) && isKatakana(next)) && !(isKatakana(first) && isKatakana(prev)) && !hangulInside {
			return true
		}
		i = j + 1
	}
}

func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

func isKatakana(r rune) bool { return (r >= 0x30A0 && r <= 0x30FF) || r == 'ー' }
