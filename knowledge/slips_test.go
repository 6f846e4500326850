package knowledge

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

func mustSlipKB(tb testing.TB) *KB {
	tb.Helper()
	b, err := base.Bundled()
	if err != nil {
		tb.Fatal(err)
	}
	return New(b)
}

// TestRespellLatin: a Latin word one slip (two for eight letters or more)
// from exactly one word of the entries is read as that word; ordinary
// words, Vietnamese syllables without a pair to make, short words,
// numbers, abbreviations, other forms of a word and capitalised names
// the entries do not write are left as written.
func TestRespellLatin(t *testing.T) {
	kb := mustSlipKB(t)
	tests := []struct {
		text, want string
	}{
		// Slips of the vocabulary, English and Vietnamese.
		{"investmnet in wha smart techology", "investment in wha smart technology"},
		{"indusrtial zone", "industrial zone"},
		{"Sumitmo", "sumitomo"},
		{"Nghi Sonn economic zone", "nghi son economic zone"},
		{"expots 2025", "exports 2025"},
		{"dau tu nhta ban bao nhieu du an", "dau tu nhat ban bao nhieu du an"},
		{"Nhat Ban hien co bao nieu du an", "nhat ban hien co bao nhieu du an"},
		{"kcn long duy gaing", "kcn long duy giang"},
		{"pls conect me with a humna", "pls connect me with a human"},
		// Left as written.
		{"KOTRA office in thanh hoa", "kotra office in thanh hoa"},           // a name no entry is one slip from
		{"Bac Ninh industrial zones", "bac ninh industrial zones"},           // a place of the word files
		{"the contract and our customers", "the contract and our customers"}, // ordinary English words
		{"dau tu nhat bna", "dau tu nhat bna"},                               // three letters
		{"expo 2025", "expo 2025"},                                           // an abbreviation of "export"
		{"sister citys", "sister citys"},                                     // another form of "city"
		{"x2025 exprts2025", "x2025 exprts2025"},                             // glued to digits
		{"Dear Mr Inoue of Vina Foods", "dear mr inoue of vina foods"},       // names the entries do not write
		{"ninh binh", "ninh binh"},                                           // a syllable with no pair to make
		{"whaスマート", "whaスマート"},
		{"Sumitmoの投資額", "sumitomoの投資額"},
	}
	for _, tt := range tests {
		if got := kb.respellLatin(textnorm.Normalize(tt.text), tt.text); got != tt.want {
			t.Errorf("respellLatin(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSlipsAnswerAlike: a question with a slip in any of the four
// languages (Latin words through the vocabulary, katakana and Hangul names
// through the gazetteer) gets the entry its standard spelling gets.
func TestSlipsAnswerAlike(t *testing.T) {
	kb := mustSlipKB(t)
	tests := []struct {
		lang            investbot.Lang
		standard, typed string
	}{
		{investbot.EN, "exports 2025", "expots 2025"},
		{investbot.EN, "Nghi Son economic zone", "Nghi Sonn economic zone"},
		{investbot.EN, "How big is the WHA Smart Technology park?", "how big is the wha smart technlogy park"},
		{investbot.EN, "which countries invest the most in thanh hoa", "which contries invest the most in thanh hoa"},
		{investbot.VI, "dau tu nhat ban bao nhieu du an", "dau tu nhta ban bao nhieu du an"},
		{investbot.VI, "Nhật Bản hiện có bao nhiêu dự án ở Thanh Hóa?", "Nhat Ban hien co bao nieu du an o Thanh Hoa?"},
		{investbot.JA, "スミトモの工業団地", "スミモトの工業団地"},
		{investbot.JA, "Sumitomoの投資額は？", "Sumitmoの投資額は？"},
		{investbot.KO, "스미토모 공단 위치", "스미또모 공단 위치"},
		{investbot.KO, "Nghi Son 경제구역 면적은?", "Nghi Sonn 경제구역 면적은?"},
	}
	for _, tt := range tests {
		answersLike(t, kb, tt.lang, tt.typed, tt.standard, false)
	}
}

// answersLike checks that kb answers text as it answers standard, a
// question it must answer: with the same entry and, unless onlyEntry,
// as confidently and missing the same.
func answersLike(t *testing.T, kb *KB, lang investbot.Lang, text, standard string, onlyEntry bool) {
	t.Helper()
	want := kb.Match(Query{Text: standard, Lang: lang})
	if want.Best == nil || onlyEntry && !want.Confident {
		t.Errorf("%s: %q is not answered; the test needs a standard the engine answers", lang, standard)
		return
	}
	got := kb.Match(Query{Text: text, Lang: lang})
	id := ""
	if got.Best != nil {
		id = got.Best.Entry.ID
	}
	switch {
	case id != want.Best.Entry.ID:
		t.Errorf("%s: %q → %q, want %s like %q", lang, text, id, want.Best.Entry.ID, standard)
	case !onlyEntry && (got.Confident != want.Confident || got.Missing != want.Missing):
		t.Errorf("%s: %q → confident %v, missing %q, want %v, %q like %q", lang, text, got.Confident, got.Missing, want.Confident, want.Missing, standard)
	}
}

// TestSlipsKeepUnknownNames: the unknown-names step still sees a name
// the sources lack, whatever the speller does, and no longer takes a
// slip of a name they hold for one.
func TestSlipsKeepUnknownNames(t *testing.T) {
	kb := mustSlipKB(t)
	tests := []struct {
		q, missing string
	}{
		{"What is the phone number of the KOTRA office?", "name:KOTRA"},
		{"KOTRA 사무소 연락처는?", "name:KOTRA"},
		{"Nghi Sonn economic zone", ""},
		{"Sumitmo investment amount?", ""},
	}
	for _, tt := range tests {
		if got := kb.Match(Query{Text: tt.q}); got.Missing != tt.missing {
			t.Errorf("%q: missing %q, want %q", tt.q, got.Missing, tt.missing)
		}
	}
}

// TestLetterQuestionAnswers: in a letter, the question sentences decide
// the entry wherever they stand; the sender's background (what it
// exports, where its customers are, which provinces it visited) does
// not bring in another.
func TestLetterQuestionAnswers(t *testing.T) {
	kb := mustSlipKB(t)
	letters := []struct {
		lang             investbot.Lang
		question, before string
	}{
		{investbot.EN, "What share of Thanh Hoa's FDI capital comes from Japanese investors?",
			"Dear Sir or Madam,\n\nHoshino Precision Co., Ltd. makes stamped metal parts for air conditioners and exports most of them to our customers in Europe and the United States. Last year we visited Bac Ninh and Hai Phong."},
		{investbot.VI, "Tổng mức đầu tư dự kiến của Sumitomo ở Thanh Hóa là bao nhiêu?",
			"Kính gửi Quý cơ quan,\n\nCông ty Cổ phần Minh Phát chuyên sản xuất bao bì nhựa, hiện có nhà máy tại Bình Dương và Long An. Khách hàng của chúng tôi chủ yếu ở châu Âu và Hàn Quốc. Chúng tôi quan tâm các ưu đãi thuế."},
		{investbot.JA, "タインホア市西部の工業団地に投資しているのはどこですか？",
			"ご担当者様\n\nいつもお世話になっております。弊社は自動車向けの精密部品を製造しており、製品の多くを欧州のお客様に輸出しております。昨年はバクニン省とハイフォン市を視察しました。"},
		{investbot.KO, "타인호아 서부 산업단지 투자자는 누구인가요?",
			"안녕하십니까, 담당자님께.\n\n저희 회사는 전자부품을 생산하여 유럽과 미국 고객사에 수출하고 있습니다. 작년에 박닌성과 하이퐁을 방문하여 여러 산업단지를 둘러보았습니다."},
	}
	for _, l := range letters {
		greeting, rest, _ := strings.Cut(l.before, "\n\n")
		for _, text := range []string{
			l.before + "\n\n" + l.question + "\n\nBest regards,\nSigned",
			greeting + "\n\n" + l.question + "\n\n" + rest,
		} {
			answersLike(t, kb, l.lang, text, l.question, true)
		}
	}
}

// FuzzRespellLatin: reading slips never panics, keeps the text valid
// and its words where they were (as many, the other scripts untouched),
// and leaves text without an ASCII word as it is.
func FuzzRespellLatin(f *testing.F) {
	kb := mustSlipKB(f)
	for _, s := range []string{"investmnet in wha smart techology", "Nghi Sonn", "dau tu nhta ban", "ジュトロ Sumitmo", "x2025 exprts", "", "a b c", "Ñghi Sơnn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		norm := textnorm.Normalize(s)
		got := kb.respellLatin(norm, s)
		if !utf8.ValidString(got) {
			t.Fatalf("respellLatin(%q) = %q: invalid UTF-8", norm, got)
		}
		if len(strings.Fields(got)) != len(strings.Fields(norm)) {
			t.Fatalf("respellLatin(%q) = %q: words added or lost", norm, got)
		}
		keep := func(r rune) rune {
			if r < 0x80 {
				return -1
			}
			return r
		}
		if strings.Map(keep, got) != strings.Map(keep, norm) {
			t.Fatalf("respellLatin(%q) = %q: other scripts changed", norm, got)
		}
	})
}

// dictionaryLines is words/dictionary/en.txt's words, split as a reader
// of the file would.
func dictionaryLines() []string {
	var out []string
	for _, l := range strings.Split(dictionaryText, "\n") {
		if l != "" && l[0] != '#' {
			out = append(out, l)
		}
	}
	return out
}

// TestDictionarySorted: inDictionary searches the embedded text as it is,
// which needs its lines sorted (bytewise, as Go compares strings).
func TestDictionarySorted(t *testing.T) {
	words := dictionaryLines()
	if !slices.IsSorted(words) {
		t.Fatal("words/dictionary/en.txt is not sorted")
	}
	if len(words) < 1000 {
		t.Fatalf("words/dictionary/en.txt has %d words", len(words))
	}
}

// TestInDictionary: the search of the text finds every word of the file,
// and no word between, before or after them.
func TestInDictionary(t *testing.T) {
	words := dictionaryLines()
	for _, w := range words {
		if !inDictionary(w) {
			t.Fatalf("inDictionary(%q) = false", w)
		}
	}
	for _, w := range []string{"", "a", "aaaa", "zzzzzzzz", "contrac", "contractt", "investmnet", "sumitomo", "#", "ordinary english"} {
		if _, want := slices.BinarySearch(words, w); inDictionary(w) != want {
			t.Errorf("inDictionary(%q) = %v, want %v", w, !want, want)
		}
	}
	for i := 0; i+1 < len(words); i += 97 {
		// A word between two neighbours is none.
		if w := words[i] + "zz"; w < words[i+1] && inDictionary(w) {
			t.Errorf("inDictionary(%q) = true", w)
		}
	}
}

// TestDelIndex: the flat deletion index files the same ids, in the same
// order, under every hash as one map of slices would.
func TestDelIndex(t *testing.T) {
	words := mustSlipKB(t).spell.words
	want := map[uint64][]int32{}
	for id, w := range words {
		if !indexed(w) {
			continue
		}
		deletions(w, func(h uint64) {
			if ids := want[h]; len(ids) == 0 || ids[len(ids)-1] != int32(id) {
				want[h] = append(ids, int32(id))
			}
		})
	}
	d := newDelIndex(words)
	for h, ids := range want {
		if got := d.get(h); !slices.Equal(got, ids) {
			t.Fatalf("get(%x) = %v, want %v", h, got, ids)
		}
	}
	if n := len(d.ids); n != func() int {
		c := 0
		for _, ids := range want {
			c += len(ids)
		}
		return c
	}() {
		t.Errorf("%d ids filed", n)
	}
	for _, w := range []string{"zzzzqqq", "xylophonez"} {
		if got := d.get(hashSkip(w, -1, -1)); len(got) != 0 {
			t.Errorf("get(%q) = %v", w, got)
		}
	}
	var empty delIndex
	if got := empty.get(1); got != nil {
		t.Errorf("empty get = %v", got)
	}
}
