package knowledge

// Dated rules. When a law changes what projects get (industrial parks lost
// their corporate income tax holiday for projects licensed from 1 October
// 2025), the knowledge base keeps one entry per rule: today's rule
// (applies_to.licensed_from) and the rule that projects licensed earlier
// keep (applies_to.licensed_before, superseded_by today's). Both answer the
// same questions, so the index files the older one under today's (one
// topic, found once) and the question's cues choose the version. An investor who asks without saying is treated as planning a new
// project — the one the bot's audience mostly has — and gets today's rule,
// whose answer says what changed.

// existingProject are cues that the asker's project already holds its
// licence; newProject are cues that it does not yet. Folded phrases, "_"
// joins words.
var (
	existingProject = foldAll(
		`existing_project existing_projects existing_plant existing_factory existing_investment already_licensed already_have_a_licence
		already_have_a_license already_have_our already_registered already_operating already_invested already_holds already_hold
		our_current_project current_project licensed_before licensed_in received_our_licence received_our_license grandfathered
		we_got_our_irc got_our_irc our_irc_was_issued was_licensed were_licensed`,
		`dự_án_hiện_hữu dự_án_đang_hoạt_động dự_án_đã_được_cấp đã_được_cấp đã_có_giấy đã_cấp_phép dự_án_cũ đã_đầu_tư
		đã_được_cấp_phép đang_được_hưởng đang_hưởng đã_hưởng du_an_hien_huu da_duoc_cap`,
		`既存 既に 取得済 認可済み 稼働中の 取得した 発給された 受けている`,
		`기존 이미_허가 이미_등록 이미_투자 이미_받은 운영_중인 발급받은 받고_있는`)
	newProject = foldAll(
		`new_project new_projects new_investment new_plant new_factory plan_to planning_to plan_on will_invest going_to_invest
		next_year this_year prospective considering not_yet_licensed before_licensing`,
		`dự_án_mới sắp_đầu_tư dự_định định_đầu_tư năm_sau năm_tới năm_nay mới_đầu_tư chưa_được_cấp du_an_moi`,
		`新規 新しく 来年 今年 予定 計画中 検討中 これから 進出予定`,
		`신규 새로 내년 올해 예정 계획 검토_중 진출_예정`)
	// licenceWords tie a year in the question to the licence date.
	licenceWords = foldAll(`licensed licence license licenced irc certificate registered approved`,
		`cấp_phép giấy_chứng_nhận cấp_giấy đăng_ký được_cấp cap_phep`,
		`認可 取得 登録 発給 許可`,
		`허가 등록 발급 인가`)
)

// ruleFamily returns today's rule for e and the older rules it replaced;
// ok is false when e is not a dated rule.
func (kb *KB) ruleFamily(e *Entry) (today *Entry, older []*Entry, ok bool) {
	today = e
	if e.SupersededBy != "" {
		today = kb.Entry(e.SupersededBy)
	}
	if today == nil {
		return nil, nil, false
	}
	older = kb.superseded[today.ID]
	return today, older, len(older) > 0
}

// pickRule answers a question about a dated rule with the rule that fits
// the asker's project: the older rule when the question says the project
// is already licensed (or licensed in a year before today's rule), today's
// rule otherwise.
func (kb *KB) pickRule(r Result, norm string) Result {
	if r.Best == nil || r.Generated != nil {
		return r
	}
	today, older, ok := kb.ruleFamily(r.Best.Entry)
	if !ok {
		return r
	}
	chosen := today
	if kb.existingProject(norm, today) {
		chosen = older[0]
	}
	inFamily := func(e *Entry) bool {
		if e == nil {
			return false
		}
		t, _, ok := kb.ruleFamily(e)
		return ok && t == today
	}
	best := *r.Best
	best.Entry = chosen
	r.Best = &best
	if r.Ambiguous && len(r.RunnersUp) > 0 && inFamily(r.RunnersUp[0].Entry) {
		// Two versions of one rule are not two meanings of the question.
		r.Ambiguous, r.Confident = false, true
	}
	if r.Also != nil && inFamily(r.Also.Entry) {
		r.Also = nil
	}
	var rest []Match
	for _, m := range r.RunnersUp {
		if !inFamily(m.Entry) {
			rest = append(rest, m)
		}
	}
	r.RunnersUp = rest
	return r
}

// existingProject reports whether norm speaks of a project licensed before
// today's rule applies.
func (kb *KB) existingProject(norm string, today *Entry) bool {
	if hasPhrase(norm, newProject) && !hasPhrase(norm, existingProject) {
		return false
	}
	if hasPhrase(norm, existingProject) {
		return true
	}
	if today.AppliesTo == nil || today.AppliesTo.LicensedFrom.IsZero() || !hasPhrase(norm, licenceWords) {
		return false
	}
	from := today.AppliesTo.LicensedFrom.Year()
	for _, y := range queryYears(norm) {
		if y < from {
			return true
		}
	}
	return false
}
