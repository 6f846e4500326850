package knowledge

import "github.com/thanhhoa/investbot/knowledge/textnorm"

// A question for a price per area ("giá thuê 1m2", "平米単価", "평당
// 임대료", "USD per m2") asks for a figure the sources never give: it is
// refused, with the knowledge base's own note on land prices (a gap
// entry) when that is among the candidates. Without this rule the entry
// on land-rent exemptions or the zone named in the question would answer
// as if it held the price.

// areaUnits are folded units of land area; Latin ones match as words.
var areaUnits = textnorm.FoldAll(wordLists("area_units")...)

// priceWords ask for an amount of money.
var priceWords = textnorm.FoldAll(wordLists("price_words")...)

// perUnit ask for the amount of one unit of land, price word or not
// ("how much is 1 m2", "평당 얼마", "1坪").
var perUnit = textnorm.FoldAll(wordLists("per_unit")...)

// asksPricePerArea reports whether norm asks for a price per unit of land.
func asksPricePerArea(norm string) bool {
	return textnorm.HasPhrase(norm, perUnit) || (textnorm.HasPhrase(norm, areaUnits) && textnorm.HasPhrase(norm, priceWords))
}

// refusePricePerArea turns r into a refusal for a price-per-area question:
// the gap entry among the candidates when there is one (its text says the
// sources give no prices and offers the Japan Desk), otherwise nothing.
func refusePricePerArea(r Result) Result {
	var gap *Match
	if r.Best != nil && r.Best.Entry.Gap {
		gap = r.Best
	}
	for i := 0; gap == nil && i < len(r.RunnersUp); i++ {
		if r.RunnersUp[i].Entry.Gap {
			gap = &r.RunnersUp[i]
		}
	}
	r.Also, r.Ambiguous, r.FollowUp = nil, false, false
	if gap == nil {
		r.Confident, r.OutOfScope = false, true
		return r
	}
	m := *gap
	m.Confidence = max(m.Confidence, ConfidentAt)
	r.Best, r.RunnersUp = &m, nil
	r.Confident, r.OutOfScope = true, false
	return r
}
