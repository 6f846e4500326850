package handlers

import (
	"fmt"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
)

// msg is the key of a user-interface string. The strings themselves are not
// facts: facts live in the knowledge base, with sources.
type msg int

const (
	msgWelcome msg = iota
	msgHelp
	msgMenuZones
	msgMenuIncentives
	msgMenuStats
	msgMenuPartners
	msgMenuContacts
	msgMenuDesk
	msgMenuLanguage
	msgMenuEvents
	msgMenuCompare
	msgBackToMenu
	msgChooseLanguage
	msgLanguageSet
	msgDontKnow
	msgOutOfScope
	msgDidYouMean
	msgOfferDesk
	msgSources
	msgAsOf
	msgIncentivesButton
	msgPickTopic
	msgCompareTitle
	msgOpenApp
	msgFlood
	msgEmpty
	msgTooLong
	msgUnsupportedMedia
	msgVoice
	msgLocation
	msgUnknownCommand
	msgDeskIntro
	msgDeskNoGroup
	msgOfferLead
	msgBareNumber
	msgDeskSent
	msgUnavailable
	msgGenerated
	msgUnknownButton
	msgStaffOnly
	msgStaffNoMatch
	msgForgetDone
	msgCancelled
	msgNothingToCancel
	msgSubscribe
	msgSubscribed
	msgUnsubscribed
	msgThanks
	msgEntryGone
)

// ui holds every interface string in the four languages.
var ui = map[msg]investbot.Text{
	msgWelcome: {
		investbot.EN: "Welcome! I answer investors' questions about Thanh Hóa province, Vietnam: industrial zones, incentives, key figures, partners and contacts. Every answer names its source and date. Ask me in English, Vietnamese, Japanese or Korean, or pick a topic:",
		investbot.VI: "Xin chào! Tôi trả lời câu hỏi của nhà đầu tư về tỉnh Thanh Hóa: khu công nghiệp, ưu đãi, số liệu chính, đối tác và đầu mối liên hệ. Mỗi câu trả lời đều ghi nguồn và thời điểm. Hãy hỏi bằng tiếng Việt, Anh, Nhật hoặc Hàn, hoặc chọn một chủ đề:",
		investbot.JA: "ようこそ。ベトナム・タインホア省への投資について、工業団地、優遇措置、主要統計、パートナー、窓口に関するご質問にお答えします。すべての回答に出典と時点を記載しています。日本語・英語・ベトナム語・韓国語でご質問いただくか、トピックをお選びください。",
		investbot.KO: "환영합니다! 베트남 타인호아성 투자에 관한 질문(산업단지, 인센티브, 주요 통계, 파트너, 연락처)에 답해 드립니다. 모든 답변에는 출처와 기준일이 표시됩니다. 한국어·영어·베트남어·일본어로 질문하시거나 주제를 선택하세요.",
	},
	msgHelp: {
		investbot.EN: "Type a question in your own words, for example \"Which industrial parks does WHA develop?\" or \"CIT incentives in Nghi Son economic zone\".",
		investbot.VI: "Hãy nhập câu hỏi theo cách của bạn, ví dụ \"WHA phát triển những khu công nghiệp nào?\" hoặc \"ưu đãi thuế khu kinh tế Nghi Sơn\".",
		investbot.JA: "ご質問を自由に入力してください。例：「WHAはどの工業団地を開発していますか」「ギソン経済区の法人税優遇」",
		investbot.KO: "궁금한 점을 자유롭게 입력하세요. 예: \"WHA가 개발하는 산업단지는?\" 또는 \"응이선 경제구역 법인세 혜택\"",
	},
	msgMenuZones:      {investbot.EN: "🏭 Industrial zones", investbot.VI: "🏭 Khu công nghiệp", investbot.JA: "🏭 工業団地", investbot.KO: "🏭 산업단지"},
	msgMenuIncentives: {investbot.EN: "💴 Incentives", investbot.VI: "💴 Ưu đãi", investbot.JA: "💴 優遇措置", investbot.KO: "💴 인센티브"},
	msgMenuStats:      {investbot.EN: "📊 Key figures", investbot.VI: "📊 Số liệu chính", investbot.JA: "📊 主要統計", investbot.KO: "📊 주요 통계"},
	msgMenuPartners:   {investbot.EN: "🤝 Partners", investbot.VI: "🤝 Đối tác", investbot.JA: "🤝 パートナー", investbot.KO: "🤝 파트너"},
	msgMenuContacts:   {investbot.EN: "📇 Contacts", investbot.VI: "📇 Liên hệ", investbot.JA: "📇 窓口", investbot.KO: "📇 연락처"},
	msgMenuDesk:       {investbot.EN: "🙋 Talk to the Japan Desk", investbot.VI: "🙋 Gặp Japan Desk", investbot.JA: "🙋 ジャパンデスクと話す", investbot.KO: "🙋 재팬 데스크 상담"},
	msgMenuLanguage:   {investbot.EN: "🌐 Language", investbot.VI: "🌐 Ngôn ngữ", investbot.JA: "🌐 言語", investbot.KO: "🌐 언어"},
	msgMenuEvents:     {investbot.EN: "📅 Events", investbot.VI: "📅 Sự kiện", investbot.JA: "📅 イベント", investbot.KO: "📅 행사"},
	msgMenuCompare:    {investbot.EN: "⚖️ Compare zones", investbot.VI: "⚖️ So sánh các khu", investbot.JA: "⚖️ 工業団地を比較", investbot.KO: "⚖️ 산업단지 비교"},
	msgBackToMenu:     {investbot.EN: "↩️ Back to menu", investbot.VI: "↩️ Về menu", investbot.JA: "↩️ メニューに戻る", investbot.KO: "↩️ 메뉴로"},
	msgChooseLanguage: {investbot.EN: "Choose your language:", investbot.VI: "Chọn ngôn ngữ:", investbot.JA: "言語を選んでください：", investbot.KO: "언어를 선택하세요:"},
	msgLanguageSet:    {investbot.EN: "I will answer in English from now on.", investbot.VI: "Từ giờ tôi sẽ trả lời bằng tiếng Việt.", investbot.JA: "これからは日本語でお答えします。", investbot.KO: "이제부터 한국어로 답변드리겠습니다."},
	msgDontKnow: {
		investbot.EN: "I'm sorry, I don't have a sourced answer to that. I'd rather not guess.",
		investbot.VI: "Xin lỗi, tôi chưa có câu trả lời có nguồn cho câu hỏi này và không muốn đoán.",
		investbot.JA: "申し訳ありません。その質問には出典のある回答がありません。推測でお答えすることは控えます。",
		investbot.KO: "죄송합니다. 이 질문에 대해서는 출처가 있는 답변이 없습니다. 추측으로 답하지 않겠습니다.",
	},
	msgOutOfScope: {
		investbot.EN: "I can only help with investing in Thanh Hóa province: industrial zones, incentives, key figures, partners and contacts.",
		investbot.VI: "Tôi chỉ hỗ trợ các câu hỏi về đầu tư vào tỉnh Thanh Hóa: khu công nghiệp, ưu đãi, số liệu, đối tác và đầu mối liên hệ.",
		investbot.JA: "タインホア省への投資（工業団地、優遇措置、統計、パートナー、窓口）に関するご質問のみお答えできます。",
		investbot.KO: "타인호아성 투자(산업단지, 인센티브, 통계, 파트너, 연락처)에 관한 질문에만 답변드릴 수 있습니다.",
	},
	msgDidYouMean:       {investbot.EN: "Did you mean one of these?", investbot.VI: "Có phải bạn muốn hỏi về:", investbot.JA: "次のどれについてのご質問ですか？", investbot.KO: "다음 중 어떤 내용을 찾으시나요?"},
	msgOfferDesk:        {investbot.EN: "Shall I connect you to the Japan Desk? A person will reply here.", investbot.VI: "Bạn có muốn tôi kết nối với Japan Desk không? Cán bộ sẽ trả lời ngay trong cuộc trò chuyện này.", investbot.JA: "ジャパンデスクにおつなぎしましょうか？担当者がこのチャットで返信します。", investbot.KO: "재팬 데스크에 연결해 드릴까요? 담당자가 이 대화창에서 답변드립니다."},
	msgSources:          {investbot.EN: "Source", investbot.VI: "Nguồn", investbot.JA: "出典", investbot.KO: "출처"},
	msgAsOf:             {investbot.EN: "as of", investbot.VI: "thời điểm", investbot.JA: "時点", investbot.KO: "기준일"},
	msgIncentivesButton: {investbot.EN: "💴 Incentives in this zone", investbot.VI: "💴 Ưu đãi tại khu này", investbot.JA: "💴 この地域の優遇措置", investbot.KO: "💴 이 지역 인센티브"},
	msgPickTopic:        {investbot.EN: "Pick a topic:", investbot.VI: "Chọn một mục:", investbot.JA: "項目を選んでください：", investbot.KO: "항목을 선택하세요:"},
	msgOpenApp:          {investbot.EN: "🗂 Zones, figures and contact form (app)", investbot.VI: "🗂 Khu công nghiệp, số liệu, đăng ký liên hệ (ứng dụng)", investbot.JA: "🗂 工業団地・統計・お問い合わせ（アプリ）", investbot.KO: "🗂 산업단지·통계·문의 양식(앱)"},
	msgCompareTitle:     {investbot.EN: "Industrial zones side by side", investbot.VI: "So sánh các khu công nghiệp", investbot.JA: "工業団地の比較", investbot.KO: "산업단지 비교"},
	msgFlood: {
		investbot.EN: "You're sending messages faster than I can answer well. Please wait a minute; I'll read your next message.",
		investbot.VI: "Bạn gửi tin nhắn quá nhanh. Vui lòng đợi một phút, tôi sẽ đọc tin nhắn tiếp theo của bạn.",
		investbot.JA: "メッセージの送信が速すぎます。1分ほどお待ちください。次のメッセージからお読みします。",
		investbot.KO: "메시지가 너무 빠르게 전송되고 있습니다. 1분 정도 기다려 주세요. 다음 메시지부터 읽겠습니다.",
	},
	msgEmpty: {investbot.EN: "Please type your question as text.", investbot.VI: "Vui lòng nhập câu hỏi bằng chữ.", investbot.JA: "ご質問を文字で入力してください。", investbot.KO: "질문을 텍스트로 입력해 주세요."},
	msgTooLong: {
		investbot.EN: "Your message is long; I read its beginning, its end and the questions in it.",
		investbot.VI: "Tin nhắn khá dài; tôi đã đọc phần đầu, phần cuối và các câu hỏi trong đó.",
		investbot.JA: "メッセージが長いため、冒頭と末尾、そして質問の部分を読みました。",
		investbot.KO: "메시지가 길어 앞부분과 끝부분, 그리고 질문 부분을 읽었습니다.",
	},
	msgUnsupportedMedia: {investbot.EN: "I can only read text. Please type your question, or tap a topic below.", investbot.VI: "Tôi chỉ đọc được văn bản. Vui lòng nhập câu hỏi hoặc chọn chủ đề bên dưới.", investbot.JA: "テキストのみ読み取れます。質問を入力するか、下のトピックを選んでください。", investbot.KO: "텍스트만 읽을 수 있습니다. 질문을 입력하거나 아래 주제를 선택해 주세요."},
	msgVoice:            {investbot.EN: "I can't listen to voice messages yet. Please type your question.", investbot.VI: "Tôi chưa nghe được tin nhắn thoại. Vui lòng nhập câu hỏi.", investbot.JA: "音声メッセージにはまだ対応していません。質問を入力してください。", investbot.KO: "음성 메시지는 아직 지원하지 않습니다. 질문을 입력해 주세요."},
	msgLocation:         {investbot.EN: "Thanks for the location. To find a zone, open the list of industrial zones:", investbot.VI: "Cảm ơn bạn đã gửi vị trí. Để tìm khu công nghiệp, hãy mở danh sách:", investbot.JA: "位置情報ありがとうございます。工業団地は一覧からご覧ください：", investbot.KO: "위치를 보내 주셔서 감사합니다. 산업단지는 목록에서 확인하세요:"},
	msgUnknownCommand:   {investbot.EN: "I don't know that command. Send /help for the list.", investbot.VI: "Tôi không biết lệnh này. Gửi /help để xem danh sách.", investbot.JA: "そのコマンドはありません。/help で一覧を表示します。", investbot.KO: "알 수 없는 명령입니다. /help 로 목록을 확인하세요."},
	msgDeskIntro: {
		investbot.EN: "The Japan Desk is the province's support desk for Japanese investors. Tell me your question in one message and I will pass it to the desk with our conversation; a person will reply in this chat.",
		investbot.VI: "Japan Desk là bộ phận hỗ trợ nhà đầu tư Nhật Bản của tỉnh. Hãy gửi câu hỏi trong một tin nhắn, tôi sẽ chuyển cho Japan Desk kèm nội dung trò chuyện; cán bộ sẽ trả lời trong cuộc trò chuyện này.",
		investbot.JA: "ジャパンデスクは、日本の投資家を支援する省の窓口です。ご質問を1つのメッセージでお送りください。これまでの会話と一緒にデスクへお伝えし、担当者がこのチャットで返信します。",
		investbot.KO: "재팬 데스크는 일본 투자자를 지원하는 성의 창구입니다. 질문을 한 메시지로 보내 주시면 지금까지의 대화와 함께 데스크에 전달하며, 담당자가 이 대화창에서 답변드립니다.",
	},
	msgDeskNoGroup: {
		investbot.EN: "The Japan Desk is not connected to this bot yet, so I cannot pass a question on or open a chat with its staff. You can leave your contact details with /lead: they are saved for the desk.",
		investbot.VI: "Japan Desk chưa được kết nối với bot này nên tôi chưa thể chuyển câu hỏi hay mở cuộc trò chuyện với cán bộ. Bạn có thể để lại thông tin liên hệ bằng /lead: thông tin sẽ được lưu lại cho Japan Desk.",
		investbot.JA: "このボットはまだジャパンデスクに接続されていないため、ご質問をお伝えすることも担当者との会話を始めることもできません。/lead で連絡先を登録していただければ、ジャパンデスク向けに保存します。",
		investbot.KO: "이 봇은 아직 재팬 데스크와 연결되어 있지 않아 질문을 전달하거나 담당자와 대화를 시작할 수 없습니다. /lead 로 연락처를 남기시면 재팬 데스크를 위해 저장해 둡니다.",
	},
	msgBareNumber: {
		investbot.EN: "“%s” is only a number, so I can't tell what you are asking. Please type your question in words, or pick a topic:",
		investbot.VI: "“%s” chỉ là một con số nên tôi chưa hiểu bạn muốn hỏi gì. Vui lòng nhập câu hỏi bằng lời, hoặc chọn một chủ đề:",
		investbot.JA: "「%s」は数字だけのため、ご質問の内容が分かりません。ご質問を文章で入力するか、トピックを選んでください：",
		investbot.KO: "“%s”는 숫자만 있어 무엇을 물으시는지 알 수 없습니다. 질문을 문장으로 입력하시거나 주제를 선택하세요:",
	},
	msgOfferLead: {
		investbot.EN: "A person at the Japan Desk could help, but this bot is not connected to the desk yet. You can leave your contact details with /lead: they are saved for the desk.",
		investbot.VI: "Cán bộ Japan Desk có thể hỗ trợ, nhưng bot này chưa được kết nối với Japan Desk. Bạn có thể để lại thông tin liên hệ bằng /lead: thông tin sẽ được lưu lại cho Japan Desk.",
		investbot.JA: "ジャパンデスクの担当者ならお手伝いできますが、このボットはまだデスクに接続されていません。/lead で連絡先を登録していただければ、ジャパンデスク向けに保存します。",
		investbot.KO: "재팬 데스크 담당자가 도와드릴 수 있지만 이 봇은 아직 데스크와 연결되어 있지 않습니다. /lead 로 연락처를 남기시면 재팬 데스크를 위해 저장해 둡니다.",
	},
	msgDeskSent: {
		investbot.EN: "Your question has been passed to the Japan Desk. A person will reply in this chat.",
		investbot.VI: "Câu hỏi của bạn đã được chuyển tới Japan Desk. Cán bộ sẽ trả lời trong cuộc trò chuyện này.",
		investbot.JA: "ご質問をジャパンデスクにお伝えしました。担当者がこのチャットで返信します。",
		investbot.KO: "질문이 재팬 데스크에 전달되었습니다. 담당자가 이 대화창에서 답변드립니다.",
	},
	msgUnavailable: {
		investbot.EN: "I can't save that right now because of a technical problem; nothing was stored. Please try again in a few minutes.",
		investbot.VI: "Hiện tôi không thể lưu do sự cố kỹ thuật; chưa có gì được lưu. Vui lòng thử lại sau vài phút.",
		investbot.JA: "技術的な問題により現在保存できません。何も保存されていません。数分後にもう一度お試しください。",
		investbot.KO: "기술적 문제로 지금은 저장할 수 없습니다. 아무것도 저장되지 않았습니다. 몇 분 후 다시 시도해 주세요.",
	},
	msgGenerated: {
		investbot.EN: "This answer was composed automatically from the entries cited below; please check it with the Japan Desk before relying on it.",
		investbot.VI: "Câu trả lời này được tự động tổng hợp từ các mục trích dẫn dưới đây; vui lòng xác nhận với Japan Desk trước khi sử dụng.",
		investbot.JA: "この回答は下記の項目から自動作成されたものです。ご利用の前にジャパンデスクにご確認ください。",
		investbot.KO: "이 답변은 아래 인용 항목을 바탕으로 자동 작성되었습니다. 활용하시기 전에 재팬 데스크에 확인해 주세요.",
	},
	msgUnknownButton: {investbot.EN: "That button has expired. Here is the menu:", investbot.VI: "Nút này đã hết hạn. Đây là menu:", investbot.JA: "このボタンは無効になりました。メニューはこちら：", investbot.KO: "만료된 버튼입니다. 메뉴는 다음과 같습니다:"},
	msgStaffOnly:     {investbot.EN: "This command is for the Japan Desk staff.", investbot.VI: "Lệnh này dành cho cán bộ Japan Desk.", investbot.JA: "このコマンドはジャパンデスク職員専用です。", investbot.KO: "이 명령은 재팬 데스크 직원 전용입니다."},
	msgStaffNoMatch:  {investbot.EN: "No entry answers this with confidence. Closest entries:", investbot.VI: "Không có mục nào trả lời chắc chắn. Các mục gần nhất:", investbot.JA: "確信をもって回答できる項目はありません。近い項目：", investbot.KO: "확실히 답할 수 있는 항목이 없습니다. 가까운 항목:"},
	msgForgetDone: {
		investbot.EN: "Done: your session, your language choice and any contact details you left have been deleted.",
		investbot.VI: "Đã xong: phiên trò chuyện, lựa chọn ngôn ngữ và thông tin liên hệ bạn để lại đã được xóa.",
		investbot.JA: "完了しました。会話の状態、言語設定、お預かりした連絡先をすべて削除しました。",
		investbot.KO: "완료되었습니다. 대화 상태, 언어 설정, 남기신 연락처를 모두 삭제했습니다.",
	},
	msgCancelled:       {investbot.EN: "Cancelled.", investbot.VI: "Đã hủy.", investbot.JA: "キャンセルしました。", investbot.KO: "취소했습니다."},
	msgNothingToCancel: {investbot.EN: "There is nothing to cancel.", investbot.VI: "Không có gì để hủy.", investbot.JA: "キャンセルする操作はありません。", investbot.KO: "취소할 작업이 없습니다."},
	msgSubscribe:       {investbot.EN: "🔔 Get announcements", investbot.VI: "🔔 Nhận thông báo", investbot.JA: "🔔 お知らせを受け取る", investbot.KO: "🔔 소식 받기"},
	msgSubscribed:      {investbot.EN: "You will receive announcements such as the Investment Promotion Conference 2026. Send /unsubscribe to stop.", investbot.VI: "Bạn sẽ nhận thông báo, ví dụ về Hội nghị Xúc tiến đầu tư 2026. Gửi /unsubscribe để dừng.", investbot.JA: "投資促進会議2026などのお知らせをお送りします。停止は /unsubscribe です。", investbot.KO: "2026 투자촉진회의 등 소식을 보내 드립니다. 중단하려면 /unsubscribe 를 보내세요."},
	msgUnsubscribed:    {investbot.EN: "You will no longer receive announcements.", investbot.VI: "Bạn sẽ không nhận thông báo nữa.", investbot.JA: "お知らせの配信を停止しました。", investbot.KO: "더 이상 소식을 보내지 않습니다."},
	msgThanks: {
		investbot.EN: "You're welcome. Ask me anything else about investing in Thanh Hóa, or pick a topic:",
		investbot.VI: "Không có gì ạ. Bạn cứ hỏi thêm về đầu tư tại Thanh Hóa, hoặc chọn một chủ đề:",
		investbot.JA: "どういたしまして。タインホア省への投資について、ほかにもご質問ください。トピックもお選びいただけます。",
		investbot.KO: "천만에요. 타인호아 투자에 대해 더 궁금한 점을 물어보시거나 주제를 선택하세요.",
	},
	msgEntryGone: {investbot.EN: "That topic is no longer in the knowledge base. Here is the menu:", investbot.VI: "Chủ đề này không còn trong cơ sở tri thức. Đây là menu:", investbot.JA: "このトピックは現在ありません。メニューはこちら：", investbot.KO: "해당 주제는 더 이상 없습니다. 메뉴는 다음과 같습니다:"},
}

// stageNames translates zone stages.
var stageNames = map[knowledge.Stage]investbot.Text{
	knowledge.StagePlanned:           {investbot.EN: "planned", investbot.VI: "dự kiến", investbot.JA: "計画中", investbot.KO: "계획"},
	knowledge.StageApproved:          {investbot.EN: "approved", investbot.VI: "đã chấp thuận", investbot.JA: "承認済み", investbot.KO: "승인"},
	knowledge.StageInvesting:         {investbot.EN: "being invested", investbot.VI: "đang được đầu tư", investbot.JA: "投資中", investbot.KO: "투자 진행 중"},
	knowledge.StageUnderConstruction: {investbot.EN: "under construction", investbot.VI: "đang xây dựng", investbot.JA: "建設中", investbot.KO: "건설 중"},
	knowledge.StageOperating:         {investbot.EN: "operating", investbot.VI: "đang hoạt động", investbot.JA: "稼働中", investbot.KO: "운영 중"},
}

// countryNames translates the developer countries of the zones' structured
// fields, which the knowledge base writes in English; a country missing
// here is shown as written.
var countryNames = map[string]investbot.Text{
	"japan":       {investbot.EN: "Japan", investbot.VI: "Nhật Bản", investbot.JA: "日本", investbot.KO: "일본"},
	"thailand":    {investbot.EN: "Thailand", investbot.VI: "Thái Lan", investbot.JA: "タイ", investbot.KO: "태국"},
	"korea":       {investbot.EN: "Korea", investbot.VI: "Hàn Quốc", investbot.JA: "韓国", investbot.KO: "한국"},
	"south korea": {investbot.EN: "South Korea", investbot.VI: "Hàn Quốc", investbot.JA: "韓国", investbot.KO: "한국"},
	"vietnam":     {investbot.EN: "Vietnam", investbot.VI: "Việt Nam", investbot.JA: "ベトナム", investbot.KO: "베트남"},
	"taiwan":      {investbot.EN: "Taiwan", investbot.VI: "Đài Loan", investbot.JA: "台湾", investbot.KO: "대만"},
	"china":       {investbot.EN: "China", investbot.VI: "Trung Quốc", investbot.JA: "中国", investbot.KO: "중국"},
	"singapore":   {investbot.EN: "Singapore", investbot.VI: "Singapore", investbot.JA: "シンガポール", investbot.KO: "싱가포르"},
	"india":       {investbot.EN: "India", investbot.VI: "Ấn Độ", investbot.JA: "インド", investbot.KO: "인도"},
}

// kindMenus maps an entry kind to its menu label.
var kindMenus = map[knowledge.Kind]msg{
	knowledge.KindZone:      msgMenuZones,
	knowledge.KindIncentive: msgMenuIncentives,
	knowledge.KindStat:      msgMenuStats,
	knowledge.KindPartner:   msgMenuPartners,
	knowledge.KindContact:   msgMenuContacts,
	knowledge.KindEvent:     msgMenuEvents,
}

// t returns the interface string m in lang.
func t(m msg, lang investbot.Lang) string {
	s, ok := ui[m]
	if !ok {
		panic(fmt.Sprintf("handlers: no text for message %d", m))
	}
	return s.In(lang)
}
