package handlers

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// The investment amount is read the way people type it: "5m", "about 20
// million USD", "2千万ドル", "200억 원", "20 triệu USD", "1억 5천만원",
// "$20M". Words are data (amountWords), one table for the four languages.
// An amount in yen, won or dong is kept in that currency: the bot has no
// exchange rate it could cite, so it converts nothing.

type amountWordKind int

const (
	wordScale    amountWordKind = iota // multiplies the number before it
	wordCurrency                       // names the currency
	wordFiller                         // "about", "khoảng", "約", "약": changes nothing
)

type amountWord struct {
	kind     amountWordKind
	scale    float64
	currency string
}

func scale(f float64) amountWord   { return amountWord{kind: wordScale, scale: f} }
func currency(c string) amountWord { return amountWord{kind: wordCurrency, currency: c} }
func fillerWord() amountWord       { return amountWord{kind: wordFiller} }
func words(ws string, w amountWord) map[string]amountWord {
	m := map[string]amountWord{}
	for _, s := range strings.Fields(ws) {
		m[s] = w
	}
	return m
}

// amountWords are matched on lower-cased, width-folded text; written
// without spaces (CJK), the longest word at a position wins.
var amountWords = merge(
	words("k thousand thousands nghìn nghin ngàn ngan 千 천", scale(1e3)),
	words("m mn mio mil million millions triệu trieu tr", scale(1e6)),
	words("b bn billion billions tỷ tỉ ty", scale(1e9)),
	words("十 십", scale(10)),
	words("百 백", scale(100)),
	words("万 만", scale(1e4)),
	words("億 억", scale(1e8)),
	words("兆 조", scale(1e12)),
	words("usd us$ $ dollar dollars đô đôla ドル 米ドル 달러 미화 불", currency("USD")),
	words("jpy yen ¥ 円 엔 yên", currency("JPY")),
	words("krw won ₩ 원 웡", currency("KRW")),
	words("vnd đồng dong đ ₫ 동", currency("VND")),
	words("about around approximately approx approx. roughly some circa ca. ~ ≈ la us "+
		"khoảng khoang chừng chung tầm tam độ do "+
		"約 およそ 程度 くらい ぐらい 位 ほど 前後 "+
		"약 대략 정도 쯤 가량", fillerWord()),
)

func merge(ms ...map[string]amountWord) map[string]amountWord {
	out := map[string]amountWord{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// amountBounds are the amounts a lead may state, per currency: from a
// small project to more than any investment in the province so far.
var amountBounds = map[string][2]float64{
	"USD": {1e3, 1e11},
	"JPY": {1e5, 1e13},
	"KRW": {1e6, 1e14},
	"VND": {1e7, 1e16},
}

// spacedThousands joins "5 000 000" into one number.
var spacedThousands = regexp.MustCompile(`(\d) (\d{3})\b`)

// maxCJKWord is the longest word of amountWords in runes.
const maxCJKWord = 3

// parseAmount reads an investment amount and returns it as whole units and
// an ISO currency code, "20000000 USD"; ok is false when the text is not
// an amount this parser is sure of.
func parseAmount(s string) (string, bool) {
	v, cur, ok := readAmount(s)
	if !ok {
		return "", false
	}
	return strconv.FormatFloat(v, 'f', 0, 64) + " " + cur, true
}

func readAmount(s string) (float64, string, bool) {
	s = strings.ToLower(width.Fold.String(strings.TrimSpace(s)))
	if len(s) > 200 {
		return 0, "", false
	}
	for i := 0; i < 4 && spacedThousands.MatchString(s); i++ {
		s = spacedThousands.ReplaceAllString(s, "$1$2")
	}
	var (
		total, term float64
		haveTerm    bool
		terms       int
		cur         string
	)
	closeTerm := func() {
		if haveTerm {
			total += term
			haveTerm = false
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == ',':
			i += size
		case r >= '0' && r <= '9':
			end := i
			for end < len(s) && (s[end] >= '0' && s[end] <= '9' || (s[end] == '.' || s[end] == ',') && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9') {
				end++
			}
			n, ok := readNumber(s[i:end])
			if !ok {
				return 0, "", false
			}
			closeTerm()
			term, haveTerm = n, true
			terms++
			i = end
		default:
			w, n := matchAmountWord(s[i:])
			if n == 0 {
				return 0, "", false
			}
			switch w.kind {
			case wordScale:
				if !haveTerm {
					return 0, "", false
				}
				term *= w.scale
			case wordCurrency:
				if cur != "" && cur != w.currency {
					return 0, "", false
				}
				cur = w.currency
			}
			i += n
		}
	}
	closeTerm()
	if terms == 0 || math.IsInf(total, 0) || math.IsNaN(total) {
		return 0, "", false
	}
	if cur == "" {
		cur = "USD" // the question asks for US dollars
	}
	b := amountBounds[cur]
	total = math.Round(total)
	if total < b[0] || total > b[1] {
		return 0, "", false
	}
	return total, cur, true
}

// readNumber reads "5", "2.5", "5,000,000", "5.000.000" or "1,5" (a decimal
// comma): a single separator followed by exactly three digits groups
// thousands, any other single one is a decimal point.
func readNumber(s string) (float64, bool) {
	seps := strings.Count(s, ".") + strings.Count(s, ",")
	switch {
	case seps == 0:
	case strings.Count(s, ".") > 0 && strings.Count(s, ",") > 0:
		// "5,000,000.50" or "5.000.000,50": the last separator is the
		// decimal one.
		last := strings.LastIndexAny(s, ".,")
		s = strings.NewReplacer(",", "", ".", "").Replace(s[:last]) + "." + s[last+1:]
	case seps == 1:
		i := strings.IndexAny(s, ".,")
		if len(s)-i-1 == 3 {
			s = s[:i] + s[i+1:]
		} else {
			s = s[:i] + "." + s[i+1:]
		}
	default:
		for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
		s = strings.NewReplacer(",", "", ".", "").Replace(s)
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// matchAmountWord returns the known word s starts with and its length in
// bytes, or 0. A Latin word must end at a non-letter; a CJK word may be
// followed by anything ("千万ドル").
func matchAmountWord(s string) (amountWord, int) {
	// A Latin-script word: letters, with "$", "." and "đ" inside.
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !(unicode.IsLetter(r) && !isCJK(r) || r == '$' || r == '.' && end > 0) {
			break
		}
		end += size
	}
	if end > 0 {
		word := s[:end]
		if w, ok := amountWords[word]; ok {
			return w, end
		}
		if w, ok := amountWords[strings.TrimSuffix(word, ".")]; ok {
			return w, len(strings.TrimSuffix(word, "."))
		}
		// "us$20m", "$20m": a symbol glued to what follows.
		if w, ok := amountWords[s[:1]]; ok && !unicode.IsLetter(rune(s[0])) {
			return w, 1
		}
		if strings.HasPrefix(word, "us$") {
			return amountWords["us$"], 3
		}
		return amountWord{}, 0
	}
	// CJK, Hangul and symbols: the longest known word here.
	runes := 0
	best, bestLen := amountWord{}, 0
	for j := range s {
		if runes == maxCJKWord {
			break
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		runes++
		if w, ok := amountWords[s[:j+size]]; ok {
			best, bestLen = w, j+size
		}
	}
	return best, bestLen
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// formatAmount shows a stored amount ("20000000 USD") with thousands
// separators, "20,000,000 USD"; anything else is returned as it is.
func formatAmount(v string) string {
	num, cur, ok := strings.Cut(v, " ")
	if !ok {
		num = v
	}
	if _, err := strconv.ParseUint(num, 10, 64); err != nil {
		return v
	}
	var b strings.Builder
	for i, c := range num {
		if i > 0 && (len(num)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if cur != "" {
		b.WriteString(" " + cur)
	}
	return b.String()
}
