package app

import (
	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/bot"
)

// commandMenus is the command list Telegram shows next to the text field,
// per user language (setMyCommands with language_code).
var commandMenus = map[investbot.Lang][]bot.Command{
	investbot.EN: {
		{Name: "start", Description: "Main menu"},
		{Name: "zones", Description: "Industrial zones"},
		{Name: "compare", Description: "Compare industrial zones"},
		{Name: "incentives", Description: "Investment incentives"},
		{Name: "stats", Description: "Key figures"},
		{Name: "contacts", Description: "Who can help"},
		{Name: "human", Description: "Talk to the Japan Desk"},
		{Name: "language", Description: "Change language"},
		{Name: "help", Description: "How to use this bot"},
	},
	investbot.VI: {
		{Name: "start", Description: "Menu chính"},
		{Name: "zones", Description: "Khu công nghiệp"},
		{Name: "compare", Description: "So sánh các khu công nghiệp"},
		{Name: "incentives", Description: "Ưu đãi đầu tư"},
		{Name: "stats", Description: "Số liệu chính"},
		{Name: "contacts", Description: "Đầu mối hỗ trợ"},
		{Name: "human", Description: "Gặp Japan Desk"},
		{Name: "language", Description: "Đổi ngôn ngữ"},
		{Name: "help", Description: "Hướng dẫn sử dụng"},
	},
	investbot.JA: {
		{Name: "start", Description: "メインメニュー"},
		{Name: "zones", Description: "工業団地"},
		{Name: "compare", Description: "工業団地の比較"},
		{Name: "incentives", Description: "投資優遇措置"},
		{Name: "stats", Description: "主要統計"},
		{Name: "contacts", Description: "相談窓口"},
		{Name: "human", Description: "ジャパンデスクと話す"},
		{Name: "language", Description: "言語の変更"},
		{Name: "help", Description: "使い方"},
	},
	investbot.KO: {
		{Name: "start", Description: "메인 메뉴"},
		{Name: "zones", Description: "산업단지"},
		{Name: "compare", Description: "산업단지 비교"},
		{Name: "incentives", Description: "투자 인센티브"},
		{Name: "stats", Description: "주요 통계"},
		{Name: "contacts", Description: "문의처"},
		{Name: "human", Description: "재팬 데스크 상담"},
		{Name: "language", Description: "언어 변경"},
		{Name: "help", Description: "사용 방법"},
	},
}
