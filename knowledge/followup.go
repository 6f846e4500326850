package knowledge

import (
	"strings"
	"unicode/utf8"
)

// aspect is what a follow-up asks about the entry in context.
type aspect uint8

const (
	aspectNone      aspect = iota
	aspectSelf             // area, location, stage...: the context entry answers it
	aspectContact          // who to talk to: the related contact entry
	aspectIncentive        // tax and incentives: the related incentive entry
)

// Follow-up vocabulary, normalised at start. Latin words match whole
// words; CJK and Hangul phrases match as substrings.
var (
	pronouns = foldAll(`it its there that this they them those`,
		`nó đó đấy kia ấy`,
		`それ そこ その あれ あそこ この`,
		`그거 거기 그곳 그것 이곳 저곳 그 곳`)
	selfAspects = foldAll(`area size big large hectare hectares ha where location located when stage status progress developer investor who sector sectors industry`,
		`diện_tích rộng quy_mô ở_đâu vị_trí khi_nào tiến_độ chủ_đầu_tư ngành lớn`,
		`面積 広さ 規模 どこ 場所 いつ 進捗 開発 業種 大きさ`,
		`면적 규모 크기 어디 위치 언제 진행 개발 업종 넓이`)
	contactAspects = foldAll(`contact phone email call reach talk address`,
		`liên_hệ điện_thoại email địa_chỉ`,
		`連絡 問い合わせ 電話 窓口 担当`,
		`연락 문의 전화 담당 연락처`)
	incentiveAspects = foldAll(`incentive incentives tax taxes cit exemption`,
		`ưu_đãi thuế miễn`,
		`優遇 税 インセンティブ`,
		`인센티브 혜택 세금 세제 감면`)
)

// foldAll normalises phrase lists; "_" joins the words of one phrase.
func foldAll(lists ...string) []string {
	var out []string
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			out = append(out, Normalize(strings.ReplaceAll(w, "_", " ")))
		}
	}
	return out
}

// hasPhrase reports whether the normalised text contains one of phrases:
// Latin phrases as whole words, also when glued to Japanese or Korean
// ("1m2あたり"), others as substrings.
func hasPhrase(norm string, phrases []string) bool {
	for _, p := range phrases {
		if p == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p)
		if r < 0x80 {
			if containsWord(norm, p) {
				return true
			}
		} else if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// followUp resolves a short question against the entry answered last
// ("how big is it?", "連絡先は?") when the text alone is not a confident
// answer. It returns false when the question does not look like a
// follow-up.
func (kb *KB) followUp(q Query, norm string, alone Result) (Result, bool) {
	ctx := kb.Entry(q.Context)
	if ctx == nil || utf8.RuneCountInString(norm) > 60 || len(strings.Fields(norm)) > 9 {
		return alone, false
	}
	pron := hasPhrase(norm, pronouns)
	asp := aspectNone
	switch {
	case hasPhrase(norm, contactAspects):
		asp = aspectContact
	case hasPhrase(norm, incentiveAspects):
		asp = aspectIncentive
	case hasPhrase(norm, selfAspects):
		asp = aspectSelf
	}
	if !pron && asp == aspectNone {
		return alone, false
	}
	// A confident answer of its own wins unless the question is nothing
	// but an aspect ("面積は?", "diện tích?"), or leans on the context with
	// a pronoun and the text alone is not near-certain.
	target := ctx
	switch asp {
	case aspectContact:
		target = kb.relatedOf(ctx, KindContact, "contact.japan-desk")
	case aspectIncentive:
		target = kb.relatedOf(ctx, KindIncentive, "incentive.overview")
	}
	if alone.Confident && !bare(norm) && (!pron || alone.Best.Confidence >= 0.9) {
		// The text alone already names what the context points to:
		// still a follow-up, answered the same way.
		alone.FollowUp = alone.Best.Entry == target
		return alone, alone.FollowUp
	}
	r := alone
	r.Best = &Match{Entry: target, Score: 0, Confidence: 0.8}
	if alone.Best != nil && alone.Best.Entry == target {
		r.Best.Score = alone.Best.Score
		r.Best.Confidence = max(0.8, alone.Best.Confidence)
	}
	r.RunnersUp = nil
	r.Confident, r.Ambiguous, r.OutOfScope, r.FollowUp = true, false, false, true
	return r, true
}

// bare reports whether norm holds nothing but follow-up words (pronouns,
// aspects) and stop words.
func bare(norm string) bool {
	rest := " " + norm + " "
	for _, list := range [][]string{contactAspects, incentiveAspects, selfAspects, pronouns} {
		for _, p := range list {
			if p == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(p)
			if r < 0x80 {
				rest = strings.ReplaceAll(rest, " "+p+" ", "  ")
			} else {
				rest = strings.ReplaceAll(rest, p, " ")
			}
		}
	}
	content := false
	tokenize(strings.TrimSpace(rest), func(t token) {
		if t.kind == termWord || t.kind == termCJK || t.kind == termHangul {
			content = true
		}
	})
	return !content
}

// relatedOf picks the entry of kind k for e: e itself when it is of that
// kind, else its first related entry of that kind, else the fallback id,
// else e.
func (kb *KB) relatedOf(e *Entry, k Kind, fallback string) *Entry {
	if e.Kind == k {
		return e
	}
	for _, id := range e.Related {
		if r := kb.Entry(id); r != nil && r.Kind == k {
			return r
		}
	}
	if r := kb.Entry(fallback); r != nil {
		return r
	}
	return e
}
