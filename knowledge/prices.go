package knowledge

// A question for a price per area ("giá thuê 1m2", "平米単価", "평당
// 임대료", "USD per m2") asks for a figure the sources never give: it is
// refused, with the knowledge base's own note on land prices (a gap
// entry) when that is among the candidates. Without this rule the entry
// on land-rent exemptions or the zone named in the question would answer
// as if it held the price.

// areaUnits are folded units of land area; Latin ones match as words.
var areaUnits = foldAll(
	`m2 1m2 sqm square_metre square_meter square_metres square_meters per_ha per_hectare mét_vuông met2`,
	`平米 平方メートル 坪 m2あたり`,
	`평당 제곱미터 평방미터 m2당`)

// priceWords ask for an amount of money.
var priceWords = foldAll(
	`price prices pricing rent rental lease cost costs usd dollar dollars vnd fee fees giá thuê tiền phí`,
	`価格 賃料 値段 地代 単価 ドル いくら 費用 料金`,
	`가격 임대료 얼마 달러 비용 단가 금액 시세`)

// perUnit ask for the amount of one unit of land, price word or not
// ("how much is 1 m2", "평당 얼마", "1坪").
var perUnit = foldAll(
	`1_m2 1m2 per_m2 per_sqm per_square 1_sqm một_m2 mỗi_m2`,
	`1平米 1坪 坪単価 平米単価 m2単価 m2あたり 1m2`,
	`평당 m2당 제곱미터당`)

// asksPricePerArea reports whether norm asks for a price per unit of land.
func asksPricePerArea(norm string) bool {
	return hasPhrase(norm, perUnit) || (hasPhrase(norm, areaUnits) && hasPhrase(norm, priceWords))
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
