package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
)

// The lead form collects an investor's contact details, with consent first
// (Vietnam's Law on Personal Data Protection 91/2025/QH15 and Decree 356/2025/ND-CP). Its steps
// are a table so that a field is added in one place.

const (
	formLead = "lead"
	cbLead   = "lead" // lead:yes, lead:no, lead:back, lead:send, lead:v:<value>
)

// choice is a button answer to a form step.
type choice struct {
	value string
	label investbot.Text
}

type leadField struct {
	key     string
	label   investbot.Text // in the summary
	prompt  investbot.Text
	choices []choice
	// parse validates typed text and returns the value to keep.
	parse   func(string) (string, bool)
	invalid investbot.Text
	// confirm, when set, shows how a typed answer was understood
	// ("about 20 million USD" → "20,000,000 USD") before the next step,
	// so that a misreading is seen and corrected with Back.
	confirm func(string) string
}

var leadFields = []leadField{
	{
		key:     "name",
		label:   investbot.Text{investbot.EN: "Name", investbot.VI: "Họ tên", investbot.JA: "お名前", investbot.KO: "성함"},
		prompt:  investbot.Text{investbot.EN: "Your name?", investbot.VI: "Họ tên của bạn?", investbot.JA: "お名前を教えてください。", investbot.KO: "성함을 알려 주세요."},
		parse:   textBetween(2, 100),
		invalid: investbot.Text{investbot.EN: "Please type a name of 2 to 100 characters.", investbot.VI: "Vui lòng nhập họ tên từ 2 đến 100 ký tự.", investbot.JA: "2〜100文字でお名前を入力してください。", investbot.KO: "2~100자로 성함을 입력해 주세요."},
	},
	{
		key:     "company",
		label:   investbot.Text{investbot.EN: "Company", investbot.VI: "Công ty", investbot.JA: "会社名", investbot.KO: "회사"},
		prompt:  investbot.Text{investbot.EN: "Your company?", investbot.VI: "Tên công ty?", investbot.JA: "会社名を教えてください。", investbot.KO: "회사명을 알려 주세요."},
		parse:   textBetween(2, 150),
		invalid: investbot.Text{investbot.EN: "Please type a company name of 2 to 150 characters.", investbot.VI: "Vui lòng nhập tên công ty từ 2 đến 150 ký tự.", investbot.JA: "2〜150文字で会社名を入力してください。", investbot.KO: "2~150자로 회사명을 입력해 주세요."},
	},
	{
		key:    "country",
		label:  investbot.Text{investbot.EN: "Country", investbot.VI: "Quốc gia", investbot.JA: "国", investbot.KO: "국가"},
		prompt: investbot.Text{investbot.EN: "Which country is your company from? Pick one or type it.", investbot.VI: "Công ty của bạn đến từ quốc gia nào? Chọn hoặc nhập.", investbot.JA: "御社の国を選ぶか入力してください。", investbot.KO: "회사의 국가를 선택하거나 입력해 주세요."},
		choices: []choice{
			{"Japan", investbot.Text{investbot.EN: "Japan", investbot.VI: "Nhật Bản", investbot.JA: "日本", investbot.KO: "일본"}},
			{"Korea", investbot.Text{investbot.EN: "Korea", investbot.VI: "Hàn Quốc", investbot.JA: "韓国", investbot.KO: "한국"}},
			{"Vietnam", investbot.Text{investbot.EN: "Vietnam", investbot.VI: "Việt Nam", investbot.JA: "ベトナム", investbot.KO: "베트남"}},
		},
		parse:   textBetween(2, 60),
		invalid: investbot.Text{investbot.EN: "Please pick a country or type its name.", investbot.VI: "Vui lòng chọn hoặc nhập tên quốc gia.", investbot.JA: "国を選ぶか国名を入力してください。", investbot.KO: "국가를 선택하거나 이름을 입력해 주세요."},
	},
	{
		key:    "sector",
		label:  investbot.Text{investbot.EN: "Sector", investbot.VI: "Lĩnh vực", investbot.JA: "業種", investbot.KO: "업종"},
		prompt: investbot.Text{investbot.EN: "Which sector? Pick one or type it.", investbot.VI: "Lĩnh vực đầu tư? Chọn hoặc nhập.", investbot.JA: "業種を選ぶか入力してください。", investbot.KO: "업종을 선택하거나 입력해 주세요."},
		choices: []choice{
			{"manufacturing", investbot.Text{investbot.EN: "Manufacturing", investbot.VI: "Chế biến, chế tạo", investbot.JA: "製造業", investbot.KO: "제조업"}},
			{"electronics", investbot.Text{investbot.EN: "Electronics", investbot.VI: "Điện tử", investbot.JA: "電子・電機", investbot.KO: "전자"}},
			{"logistics", investbot.Text{investbot.EN: "Logistics", investbot.VI: "Logistics", investbot.JA: "物流", investbot.KO: "물류"}},
			{"agri-food", investbot.Text{investbot.EN: "Agriculture & food", investbot.VI: "Nông nghiệp, thực phẩm", investbot.JA: "農業・食品", investbot.KO: "농업·식품"}},
			{"energy", investbot.Text{investbot.EN: "Renewable energy", investbot.VI: "Năng lượng tái tạo", investbot.JA: "再生可能エネルギー", investbot.KO: "재생에너지"}},
		},
		parse:   textBetween(2, 80),
		invalid: investbot.Text{investbot.EN: "Please pick a sector or type it.", investbot.VI: "Vui lòng chọn hoặc nhập lĩnh vực.", investbot.JA: "業種を選ぶか入力してください。", investbot.KO: "업종을 선택하거나 입력해 주세요."},
	},
	{
		key:     "investment_usd",
		label:   investbot.Text{investbot.EN: "Planned investment", investbot.VI: "Vốn dự kiến", investbot.JA: "投資予定額", investbot.KO: "투자 예정액"},
		prompt:  investbot.Text{investbot.EN: "Planned investment? For example 5m, about 20 million USD or 2千万ドル (amounts in yen, won or dong are kept as typed).", investbot.VI: "Vốn đầu tư dự kiến? Ví dụ 5m, 20 triệu USD hoặc 500 tỷ đồng.", investbot.JA: "投資予定額は？例：2千万ドル、20億円、5m", investbot.KO: "투자 예정액은? 예: 2천만 달러, 200억 원, 5m"},
		choices: []choice{{"unknown", investbot.Text{investbot.EN: "Not decided yet", investbot.VI: "Chưa xác định", investbot.JA: "未定", investbot.KO: "미정"}}},
		parse:   parseAmount,
		confirm: formatAmount,
		invalid: investbot.Text{investbot.EN: "I could not read that as an amount. Please type it like 5000000, 5m, 2.5 million USD or 200억 원.", investbot.VI: "Tôi chưa đọc được số tiền. Vui lòng nhập như 5000000, 5m, 20 triệu USD hoặc 500 tỷ đồng.", investbot.JA: "金額として読み取れませんでした。5000000、5m、2千万ドル、20億円のように入力してください。", investbot.KO: "금액으로 읽을 수 없습니다. 5000000, 5m, 2천만 달러, 200억 원처럼 입력해 주세요."},
	},
	{
		key:     "land_ha",
		label:   investbot.Text{investbot.EN: "Land need (ha)", investbot.VI: "Nhu cầu đất (ha)", investbot.JA: "必要面積（ha）", investbot.KO: "필요 부지(ha)"},
		prompt:  investbot.Text{investbot.EN: "How much land do you need, in hectares? For example 5 or 0.8.", investbot.VI: "Bạn cần bao nhiêu ha đất? Ví dụ 5 hoặc 0.8.", investbot.JA: "必要な土地は何ヘクタールですか？例：5、0.8", investbot.KO: "필요한 부지는 몇 헥타르입니까? 예: 5, 0.8"},
		choices: []choice{{"unknown", investbot.Text{investbot.EN: "Not sure", investbot.VI: "Chưa rõ", investbot.JA: "未定", investbot.KO: "미정"}}},
		parse:   parseHectares,
		invalid: investbot.Text{investbot.EN: "Please type a number of hectares between 0.01 and 10000, such as 5 or 0.8.", investbot.VI: "Vui lòng nhập số ha từ 0.01 đến 10000, ví dụ 5 hoặc 0.8.", investbot.JA: "0.01〜10000の数値（ha）を入力してください。例：5、0.8", investbot.KO: "0.01~10000 사이의 헥타르 수를 입력해 주세요. 예: 5, 0.8"},
	},
	{
		key:    "timeline",
		label:  investbot.Text{investbot.EN: "Timeline", investbot.VI: "Thời gian", investbot.JA: "時期", investbot.KO: "일정"},
		prompt: investbot.Text{investbot.EN: "When do you plan to invest?", investbot.VI: "Bạn dự định đầu tư khi nào?", investbot.JA: "投資の予定時期は？", investbot.KO: "투자 예정 시기는 언제입니까?"},
		choices: []choice{
			{"<6m", investbot.Text{investbot.EN: "Within 6 months", investbot.VI: "Trong 6 tháng", investbot.JA: "6か月以内", investbot.KO: "6개월 이내"}},
			{"6-12m", investbot.Text{investbot.EN: "6–12 months", investbot.VI: "6–12 tháng", investbot.JA: "6〜12か月", investbot.KO: "6~12개월"}},
			{"1-2y", investbot.Text{investbot.EN: "1–2 years", investbot.VI: "1–2 năm", investbot.JA: "1〜2年", investbot.KO: "1~2년"}},
			{"later", investbot.Text{investbot.EN: "Later", investbot.VI: "Sau đó", investbot.JA: "それ以降", investbot.KO: "그 이후"}},
		},
		parse:   textBetween(2, 60),
		invalid: investbot.Text{investbot.EN: "Please pick one of the buttons or type a time frame.", investbot.VI: "Vui lòng chọn một nút hoặc nhập thời gian.", investbot.JA: "ボタンを選ぶか時期を入力してください。", investbot.KO: "버튼을 선택하거나 시기를 입력해 주세요."},
	},
	{
		key:     "contact",
		label:   investbot.Text{investbot.EN: "Preferred contact", investbot.VI: "Cách liên hệ", investbot.JA: "ご希望の連絡先", investbot.KO: "희망 연락처"},
		prompt:  investbot.Text{investbot.EN: "How should the desk contact you? Type an e-mail address or phone number, or choose Telegram.", investbot.VI: "Japan Desk nên liên hệ bạn thế nào? Nhập e-mail hoặc số điện thoại, hoặc chọn Telegram.", investbot.JA: "ご連絡方法は？メールアドレスか電話番号を入力するか、Telegramを選んでください。", investbot.KO: "어떻게 연락드릴까요? 이메일이나 전화번호를 입력하거나 Telegram을 선택하세요."},
		choices: []choice{{"telegram", investbot.Text{investbot.EN: "Telegram (this chat)", investbot.VI: "Telegram (cuộc trò chuyện này)", investbot.JA: "Telegram（このチャット）", investbot.KO: "Telegram(이 대화)"}}},
		parse:   parseContact,
		invalid: investbot.Text{investbot.EN: "Please type a valid e-mail address (name@company.com) or phone number (+81 90 1234 5678), or choose Telegram.", investbot.VI: "Vui lòng nhập e-mail (ten@congty.com) hoặc số điện thoại (+84 912 345 678) hợp lệ, hoặc chọn Telegram.", investbot.JA: "有効なメールアドレス（name@company.com）または電話番号（+81 90 1234 5678）を入力するか、Telegramを選んでください。", investbot.KO: "올바른 이메일(name@company.com)이나 전화번호(+82 10 1234 5678)를 입력하거나 Telegram을 선택하세요."},
	},
}

var leadText = map[string]investbot.Text{
	"consent": {
		investbot.EN: "Before you leave your details: I will keep your name, company, country, sector, planned investment, land need, timeline and how to contact you. They are used only so that the province's Japan Desk can follow up your investment enquiry, are seen only by its investment-support staff, and are kept until you delete them with /forgetme (Vietnam's Law on Personal Data Protection 91/2025/QH15 and Decree 356/2025/ND-CP). Do you agree?",
		investbot.VI: "Trước khi bạn để lại thông tin: tôi sẽ lưu họ tên, công ty, quốc gia, lĩnh vực, vốn dự kiến, nhu cầu đất, thời gian và cách liên hệ. Thông tin chỉ dùng để Japan Desk của tỉnh liên hệ hỗ trợ đầu tư, chỉ cán bộ hỗ trợ đầu tư được xem, và được lưu đến khi bạn xóa bằng /forgetme (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 và Nghị định 356/2025/NĐ-CP). Bạn có đồng ý không?",
		investbot.JA: "ご連絡先をお預かりする前に：お名前、会社名、国、業種、投資予定額、必要面積、時期、連絡方法を保存します。省のジャパンデスクが投資のご相談にご連絡するためだけに使用し、投資支援担当者のみが閲覧します。/forgetme で削除されるまで保管します（ベトナム個人データ保護法91/2025/QH15および政令356/2025/ND-CP）。同意されますか？",
		investbot.KO: "연락처를 남기시기 전에: 성함, 회사, 국가, 업종, 투자 예정액, 필요 부지, 일정, 연락 방법을 저장합니다. 성의 재팬 데스크가 투자 문의에 연락드리는 용도로만 사용하며 투자 지원 담당자만 열람하고, /forgetme 로 삭제하실 때까지 보관합니다(베트남 개인정보보호법 91/2025/QH15 및 시행령 356/2025/ND-CP). 동의하십니까?",
	},
	"agree":    {investbot.EN: "✅ I agree", investbot.VI: "✅ Tôi đồng ý", investbot.JA: "✅ 同意する", investbot.KO: "✅ 동의합니다"},
	"decline":  {investbot.EN: "No, thanks", investbot.VI: "Không, cảm ơn", investbot.JA: "同意しない", investbot.KO: "아니요"},
	"declined": {investbot.EN: "No problem: nothing was stored. You can still ask me anything.", investbot.VI: "Không sao: chưa có gì được lưu. Bạn vẫn có thể hỏi tôi bất cứ điều gì.", investbot.JA: "承知しました。何も保存していません。引き続きご質問いただけます。", investbot.KO: "알겠습니다. 아무것도 저장하지 않았습니다. 계속 질문하셔도 됩니다."},
	"back":     {investbot.EN: "⬅️ Back", investbot.VI: "⬅️ Quay lại", investbot.JA: "⬅️ 戻る", investbot.KO: "⬅️ 뒤로"},
	"cancel":   {investbot.EN: "✖️ Cancel", investbot.VI: "✖️ Hủy", investbot.JA: "✖️ キャンセル", investbot.KO: "✖️ 취소"},
	"save":     {investbot.EN: "✅ Save for the Japan Desk", investbot.VI: "✅ Lưu cho Japan Desk", investbot.JA: "✅ ジャパンデスク向けに保存", investbot.KO: "✅ 재팬 데스크용으로 저장"},
	"saved_only": {
		investbot.EN: "Thank you! Your details are saved for the Japan Desk. This bot is not connected to the desk yet, so nobody has been notified: the desk's staff will see them when they review saved contacts. Send /forgetme at any time to delete them.",
		investbot.VI: "Cảm ơn bạn! Thông tin của bạn đã được lưu cho Japan Desk. Bot này chưa được kết nối với Japan Desk nên chưa báo cho ai: cán bộ sẽ thấy thông tin khi xem danh sách liên hệ đã lưu. Gửi /forgetme bất cứ lúc nào để xóa.",
		investbot.JA: "ありがとうございます。ご連絡先をジャパンデスク向けに保存しました。このボットはまだデスクに接続されていないため、担当者への通知は行っていません。担当者が保存された連絡先を確認する際にご覧になります。/forgetme でいつでも削除できます。",
		investbot.KO: "감사합니다! 연락처를 재팬 데스크용으로 저장했습니다. 이 봇은 아직 데스크와 연결되어 있지 않아 담당자에게 알리지는 않았으며, 담당자가 저장된 연락처를 확인할 때 보게 됩니다. 언제든 /forgetme 로 삭제하실 수 있습니다.",
	},
	"send":       {investbot.EN: "✅ Send to the Japan Desk", investbot.VI: "✅ Gửi tới Japan Desk", investbot.JA: "✅ ジャパンデスクに送信", investbot.KO: "✅ 재팬 데스크로 보내기"},
	"review":     {investbot.EN: "Please check your details:", investbot.VI: "Vui lòng kiểm tra thông tin:", investbot.JA: "内容をご確認ください：", investbot.KO: "입력 내용을 확인해 주세요:"},
	"saved":      {investbot.EN: "Thank you! Your details were passed to the Japan Desk, which will contact you. Send /forgetme at any time to delete them.", investbot.VI: "Cảm ơn bạn! Thông tin đã được chuyển tới Japan Desk, cán bộ sẽ liên hệ với bạn. Gửi /forgetme bất cứ lúc nào để xóa.", investbot.JA: "ありがとうございます。ジャパンデスクにお伝えしました。担当者からご連絡します。/forgetme でいつでも削除できます。", investbot.KO: "감사합니다! 재팬 데스크에 전달되었으며 담당자가 연락드릴 것입니다. 언제든 /forgetme 로 삭제하실 수 있습니다."},
	"button":     {investbot.EN: "📝 Leave my contact details", investbot.VI: "📝 Để lại thông tin liên hệ", investbot.JA: "📝 連絡先を登録する", investbot.KO: "📝 연락처 남기기"},
	"understood": {investbot.EN: "%s: I understood %s. If that is wrong, press Back.", investbot.VI: "%s: tôi hiểu là %s. Nếu chưa đúng, hãy bấm Quay lại.", investbot.JA: "%s：%s と理解しました。違う場合は「戻る」を押してください。", investbot.KO: "%s: %s(으)로 이해했습니다. 틀렸다면 뒤로를 눌러 주세요."},
	"step":       {investbot.EN: "Step %d of %d", investbot.VI: "Bước %d/%d", investbot.JA: "%d / %d", investbot.KO: "%d / %d 단계"},
}

func (r *Router) registerLeads() {
	r.command("lead", investbot.RoleInvestor, r.leadStart)
	r.command("contactme", investbot.RoleInvestor, r.leadStart)
	r.command("back", investbot.RoleInvestor, func(ctx context.Context, tn *turn) investbot.Reply {
		if tn.sess.Form == nil || tn.sess.Form.Name != formLead {
			return investbot.Reply{Messages: []investbot.Message{{Text: t(msgNothingToCancel, tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentLeadBack}}
		}
		return r.leadCallback(ctx, tn, "back")
	})
	r.callback(cbLead, investbot.RoleInvestor, r.leadCallback)
}

// leadStart asks for consent; nothing is kept before the investor agrees.
func (r *Router) leadStart(_ context.Context, tn *turn) investbot.Reply {
	tn.sess.Form = nil
	lang := tn.lang
	return investbot.Reply{
		Messages: []investbot.Message{{
			Text: leadText["consent"].In(lang),
			Buttons: [][]investbot.Button{
				{{Text: leadText["agree"].In(lang), Data: cbLead + ":yes"}},
				{{Text: leadText["decline"].In(lang), Data: cbLead + ":no"}},
			},
		}},
		Meta: investbot.Meta{Intent: investbot.IntentLeadConsent},
	}
}

func (r *Router) leadCallback(ctx context.Context, tn *turn, arg string) investbot.Reply {
	open := tn.sess.Form != nil && tn.sess.Form.Name == formLead
	if tn.noStore && arg != "no" {
		// The form lives in the store: while it is down, say so plainly
		// and keep the button, rather than pretend the form expired.
		retry := [][]investbot.Button{{{Text: r.leadSendLabel(tn.lang), Data: cbLead + ":" + arg}}}
		if arg != "send" {
			retry = nil
		}
		return investbot.Reply{Messages: []investbot.Message{{Text: t(msgUnavailable, tn.lang), Buttons: retry}}, Meta: investbot.Meta{Intent: investbot.IntentLeadFailed}}
	}
	switch {
	case arg == "start":
		return r.leadStart(ctx, tn)
	case arg == "yes":
		tn.sess.Form = &investbot.Form{Name: formLead, Values: map[string]string{"consent_at": r.d.Now().UTC().Format("2006-01-02T15:04:05Z")}}
		return r.leadPrompt(tn, "")
	case arg == "no":
		tn.sess.Form = nil
		return investbot.Reply{Messages: []investbot.Message{{Text: leadText["declined"].In(tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentLeadDeclined}}
	case !open:
		// A button from a finished or cancelled form.
		return r.menuReply(tn, t(msgUnknownButton, tn.lang))
	case arg == "back":
		if tn.sess.Form.Step > 0 {
			tn.sess.Form.Step--
		}
		return r.leadPrompt(tn, "")
	case arg == "send":
		return r.leadSend(ctx, tn)
	case strings.HasPrefix(arg, "v:"):
		return r.leadAnswer(tn, strings.TrimPrefix(arg, "v:"), true)
	}
	return r.leadPrompt(tn, "")
}

// leadTyped handles a typed answer to the current step.
func (r *Router) leadTyped(ctx context.Context, tn *turn) investbot.Reply {
	text := strings.TrimSpace(tn.req.Text)
	switch strings.ToLower(text) {
	case "back", "quay lai", "quay lại", "戻る", "뒤로":
		return r.leadCallback(ctx, tn, "back")
	}
	return r.leadAnswer(tn, text, false)
}

func (r *Router) leadAnswer(tn *turn, value string, fromButton bool) investbot.Reply {
	f := tn.sess.Form
	if f.Step >= len(leadFields) {
		return r.leadReview(tn)
	}
	field := leadFields[f.Step]
	if fromButton {
		ok := false
		for _, c := range field.choices {
			ok = ok || c.value == value
		}
		if !ok {
			return r.leadPrompt(tn, "")
		}
	}
	note := ""
	if !fromButton {
		v, ok := field.parse(value)
		if !ok {
			return r.leadPrompt(tn, field.invalid.In(tn.lang))
		}
		value = v
		if field.confirm != nil {
			note = fmt.Sprintf(leadText["understood"].In(tn.lang), field.label.In(tn.lang), field.confirm(value))
		}
	}
	f.Values[field.key] = value
	f.Step++
	if f.Step >= len(leadFields) {
		reply := r.leadReview(tn)
		if note != "" {
			reply.Messages[0].Text = note + "\n\n" + reply.Messages[0].Text
		}
		return reply
	}
	return r.leadPrompt(tn, note)
}

// leadPrompt asks the current step's question, after problem when the last
// answer was invalid.
func (r *Router) leadPrompt(tn *turn, problem string) investbot.Reply {
	f := tn.sess.Form
	if f.Step >= len(leadFields) {
		return r.leadReview(tn)
	}
	lang := tn.lang
	field := leadFields[f.Step]
	var rows [][]investbot.Button
	for _, c := range field.choices {
		rows = append(rows, []investbot.Button{{Text: c.label.In(lang), Data: cbLead + ":v:" + c.value}})
	}
	nav := []investbot.Button{{Text: leadText["cancel"].In(lang), Data: cbLead + ":no"}}
	if f.Step > 0 {
		nav = append([]investbot.Button{{Text: leadText["back"].In(lang), Data: cbLead + ":back"}}, nav...)
	}
	rows = append(rows, nav)
	text := fmt.Sprintf(leadText["step"].In(lang), f.Step+1, len(leadFields)) + "\n" + field.prompt.In(lang)
	if problem != "" {
		text = problem + "\n\n" + text
	}
	return investbot.Reply{Messages: []investbot.Message{{Text: text, Buttons: rows}}, Meta: investbot.Meta{Intent: investbot.LeadFieldIntent(field.key)}}
}

func (r *Router) leadReview(tn *turn) investbot.Reply {
	lang := tn.lang
	text := leadText["review"].In(lang) + "\n\n" + leadSummary(tn.sess.Form.Values, lang)
	return investbot.Reply{
		Messages: []investbot.Message{{Text: text, Buttons: [][]investbot.Button{
			{{Text: r.leadSendLabel(lang), Data: cbLead + ":send"}},
			{{Text: leadText["back"].In(lang), Data: cbLead + ":back"}, {Text: leadText["cancel"].In(lang), Data: cbLead + ":no"}},
		}}},
		Meta: investbot.Meta{Intent: investbot.IntentLeadReview},
	}
}

func leadSummary(values map[string]string, lang investbot.Lang) string {
	var b strings.Builder
	for _, f := range leadFields {
		v := values[f.key]
		for _, c := range f.choices {
			if c.value == v {
				v = c.label.In(lang)
			}
		}
		if f.confirm != nil && v == values[f.key] {
			v = f.confirm(v)
		}
		fmt.Fprintf(&b, "%s: %s\n", f.label.In(lang), v)
	}
	return strings.TrimRight(b.String(), "\n")
}

// leadSend stores the lead and notifies the Japan Desk group. If the store
// is down the investor is told plainly and the form stays open, so that
// pressing Send again later works.
func (r *Router) leadSend(ctx context.Context, tn *turn) investbot.Reply {
	f := tn.sess.Form
	if f.Step < len(leadFields) {
		return r.leadPrompt(tn, "")
	}
	now := r.d.Now().UTC()
	lead := investbot.Lead{
		// Random, not derived from the user id: the id is shown in the
		// staff group and outlives /forgetme there.
		ID:        fmt.Sprintf("L%d-%s", now.UnixMilli(), randomHex(3)),
		UserID:    tn.req.UserID,
		Lang:      tn.lang,
		Fields:    map[string]string{},
		CreatedAt: now,
	}
	for k, v := range f.Values {
		if k != "consent_at" {
			lead.Fields[k] = v
		}
	}
	if at, err := time.Parse(time.RFC3339, f.Values["consent_at"]); err == nil {
		lead.ConsentAt = at
	}
	if err := r.d.Leads.AddLead(ctx, lead); err != nil {
		r.d.Log.Warn("lead not saved", "update_id", tn.req.UpdateID, "err", err)
		return investbot.Reply{Messages: []investbot.Message{{Text: t(msgUnavailable, tn.lang), Buttons: [][]investbot.Button{{{Text: r.leadSendLabel(tn.lang), Data: cbLead + ":send"}}}}}, Meta: investbot.Meta{Intent: investbot.IntentLeadFailed}}
	}
	tn.sess.Form = nil
	// Only a staff group makes "passed to the Japan Desk" true.
	saved := leadText["saved_only"]
	if r.d.StaffChatID != 0 {
		saved = leadText["saved"]
	}
	msgs := []investbot.Message{{Text: saved.In(tn.lang), Buttons: r.mainMenu(tn.lang)}}
	if r.d.StaffChatID != 0 {
		msgs = append(msgs, investbot.Message{
			ChatID: r.d.StaffChatID,
			Title:  "New lead " + lead.ID,
			Text:   fmt.Sprintf("Investor #%d · language %s\n\n%s", tn.req.UserID, strings.ToUpper(string(tn.lang)), leadSummary(lead.Fields, investbot.EN)),
		})
	}
	return investbot.Reply{Messages: msgs, Meta: investbot.Meta{Intent: investbot.IntentLeadSaved}, Events: []investbot.Event{investbot.LeadSaved{}}}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func textBetween(min, max int) func(string) (string, bool) {
	return func(s string) (string, bool) {
		s = strings.Join(strings.Fields(s), " ")
		n := utf8.RuneCountInString(s)
		if n < min || n > max || strings.HasPrefix(s, "/") {
			return "", false
		}
		return s, true
	}
}

func parseHectares(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), "ha"))
	s = strings.Replace(s, ",", ".", 1)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0.01 || v > 10000 {
		return "", false
	}
	return strconv.FormatFloat(v, 'f', -1, 64), true
}

var (
	emailRe = regexp.MustCompile(`^[^\s@<>]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$`)
	phoneRe = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{6,20}[0-9]$`)
)

func parseContact(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if emailRe.MatchString(s) || phoneRe.MatchString(s) {
		return s, true
	}
	return "", false
}
