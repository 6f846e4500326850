package knowledge

import (
	"strings"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// expandWeight discounts a lexicon synonym against a word the asker used.
const expandWeight = 0.2

// lexiconGroups are investor concepts written the ways people ask for them
// in the four languages ("_" joins the words of one phrase). A question
// naming one phrase of a group also searches for the others, discounted,
// and an entry matched through a synonym is credited with the question's
// word: "how large is WHA phase 1" meets examples that said "diện tích",
// "面積" or "area". Examples already exist in every language, so a
// cross-lingual synonym finds the right entry through its other-language
// examples.
var lexiconGroups = [][]string{
	{"area", "size", "big", "large", "hectare", "ha", "wide", "diện_tích", "rộng", "quy_mô", "hecta", "面積", "広さ", "規模", "ヘクタール", "면적", "규모", "넓이", "크기", "헥타르"},
	{"developer", "investor", "chủ_đầu_tư", "nhà_đầu_tư", "開発者", "事業者", "デベロッパー", "개발사", "사업자", "개발업체"},
	{"tax", "cit", "thuế", "tndn", "法人税", "税金", "税制", "법인세", "세금", "세제"},
	{"total", "cumulative", "so_far", "to_date", "lũy_kế", "tổng", "累計", "合計", "累積", "누적", "총액"},
	{"export", "xuất_khẩu", "輸出", "수출"},
	{"import", "nhập_khẩu", "輸入", "수입"},
	{"groundbreaking", "construction", "start", "begin", "break_ground", "khởi_công", "xây_dựng", "着工", "工事", "착공", "공사"},
	{"when", "khi_nào", "bao_giờ", "いつ", "언제"},
	{"contact", "reach", "liên_hệ", "連絡", "窓口", "問い合わせ", "연락", "문의", "연락처"},
	{"labour", "labor", "worker", "workforce", "manpower", "lao_động", "nhân_lực", "công_nhân", "人材", "労働", "労働者", "인력", "노동", "근로자"},
	{"port", "harbour", "harbor", "cảng", "港", "港湾", "항구", "항만"},
	{"price", "cost", "giá", "価格", "値段", "가격"},
	{"tourist", "visitor", "tourism", "du_khách", "khách_du_lịch", "du_lịch", "観光客", "観光", "관광객", "관광"},
	{"sector", "industry", "ngành", "業種", "産業", "업종", "산업"},
	{"incentive", "preferential", "ưu_đãi", "優遇", "インセンティブ", "인센티브", "우대", "혜택"},
	{"exemption", "exempt", "reduction", "miễn", "giảm", "免除", "減免", "면제", "감면"},
	{"machinery", "equipment", "máy_móc", "thiết_bị", "設備", "機械", "설비", "기계"},
	{"growth", "tăng_trưởng", "成長", "성장"},
	{"market", "thị_trường", "市場", "시장"},
	{"agreement", "thỏa_thuận", "hiệp_định", "協定", "合意", "협정"},
	{"sister", "twin", "friendship", "kết_nghĩa", "hữu_nghị", "友好", "姉妹", "자매", "우호"},
	{"delegation", "đoàn_công_tác", "訪問団", "代表団", "방문단", "대표단"},
	{"embassy", "ambassador", "đại_sứ", "大使", "大使館", "대사", "대사관"},
	{"conference", "seminar", "forum", "hội_nghị", "hội_thảo", "diễn_đàn", "会議", "セミナー", "フォーラム", "회의", "포럼", "세미나"},
	{"training", "đào_tạo", "研修", "育成", "訓練", "교육", "훈련"},
	{"rent", "lease", "thuê_đất", "賃料", "賃貸", "임대료", "임대"},
	{"target", "goal", "mục_tiêu", "目標", "목표"},
	{"logistics", "warehouse", "kho_vận", "物流", "물류"},
	{"workforce_training", "vocational", "dạy_nghề", "職業訓練", "직업훈련"},
	{"economic_zone", "khu_kinh_tế", "kkt", "経済区", "経済特区", "경제구역", "경제특구"},
	{"industrial_park", "industrial_zone", "khu_công_nghiệp", "kcn", "工業団地", "産業団地", "산업단지", "산단", "공단"},
	// Vietnamese chat abbreviations.
	{"danh_sách", "ds"},
	{"số_điện_thoại", "sdt", "đt_liên_hệ"},
	{"nhà_đầu_tư", "ndt", "nđt"},
	{"rail", "railway", "railroad", "train", "đường_sắt", "鉄道", "철도"},
	{"airport", "flight", "sân_bay", "空港", "공항"},
	{"highway", "expressway", "road", "cao_tốc", "đường_bộ", "高速道路", "道路", "고속도로", "도로"},
	{"factory", "plant", "manufacturing_site", "nhà_máy", "工場", "공장"},
	{"phone", "telephone", "hotline", "điện_thoại", "電話", "전화"},
	{"email", "mail", "thư_điện_tử", "メール", "이메일"},
	{"address", "địa_chỉ", "住所", "所在地", "주소"},
	{"location", "located", "situated", "vị_trí", "nằm_ở", "場所", "位置", "위치"},
	{"economy", "economic_size", "gdp", "grdp", "kinh_tế", "経済", "경제"},
	{"approval", "approved", "license", "licence", "permit", "phê_duyệt", "cấp_phép", "chấp_thuận", "承認", "認可", "許可", "승인", "허가"},
}

// lexPhrase is one phrase of a group as query terms: the texts that must
// all occur in a question (no lone kanji of a longer word), and the terms
// it expands to.
type lexPhrase struct {
	group int
	need  []string
	terms []token
}

type lexicon struct {
	phrases []lexPhrase
	// byText lists, for each term text, the phrases that need it.
	byText map[string][]int
	groups [][]int // phrase indices per group
}

var lex = func() *lexicon {
	l := &lexicon{byText: make(map[string][]int)}
	for g, words := range lexiconGroups {
		l.groups = append(l.groups, nil)
		for _, w := range words {
			var p lexPhrase
			p.group = g
			tokenize(textnorm.Normalize(strings.ReplaceAll(w, "_", " ")), func(t token) {
				p.terms = append(p.terms, t)
				if t.kind != termKanji && t.kind != termKana {
					p.need = append(p.need, t.text)
				}
			})
			if len(p.need) == 0 {
				continue
			}
			i := len(l.phrases)
			l.phrases = append(l.phrases, p)
			l.groups[g] = append(l.groups[g], i)
			l.byText[p.need[0]] = append(l.byText[p.need[0]], i)
		}
	}
	return l
}()

// expand adds the lexicon synonyms of the question's concepts to s.terms.
func (ix *index) expand(s *scratch) {
	has := func(text string) (uint64, bool) {
		for _, q := range s.terms {
			if !q.expanded && ix.textOf(q, s) == text {
				return q.bit, true
			}
		}
		return 0, false
	}
	n := len(s.seen)
	var done uint64 // groups already expanded (the first 64)
	for i := 0; i < n; i++ {
		for _, pi := range lex.byText[s.seen[i]] {
			p := &lex.phrases[pi]
			if p.group < 64 && done&(1<<p.group) != 0 {
				continue
			}
			var bits uint64
			ok := true
			for _, t := range p.need {
				b, found := has(t)
				if !found {
					ok = false
					break
				}
				bits |= b
			}
			if !ok || bits == 0 {
				continue
			}
			if p.group < 64 {
				done |= 1 << p.group
			}
			for _, oi := range lex.groups[p.group] {
				if oi == pi {
					continue
				}
				for _, t := range lex.phrases[oi].terms {
					if len(s.seen) >= 2*maxQueryTerms || seenText(s.seen, t.text) {
						continue
					}
					id, known := ix.terms[t.text]
					if !known {
						continue
					}
					s.seen = append(s.seen, t.text)
					s.terms = append(s.terms, qterm{id: id, w: expandWeight * kindWeight[t.kind], idf: ix.idf[id], expanded: true, bit: bits})
				}
			}
		}
	}
}

// textOf returns the text of a query term (its vocabulary word, or for an
// unknown word the text it was seen as).
func (ix *index) textOf(q qterm, s *scratch) string {
	if q.id >= 0 {
		return ix.text[q.id]
	}
	return q.text
}

func seenText(seen []string, t string) bool {
	for _, x := range seen {
		if x == t {
			return true
		}
	}
	return false
}
