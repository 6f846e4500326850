package handlers

import (
	"fmt"
	"github.com/thanhhoa/investbot"
	"strings"
	"unicode"
)

// isBareNumber reports whether text is a number and nothing else ("12",
// "3.5", "１２"): a pressed-button habit from the console or a menu, not a
// question. The answer engine would otherwise match the digits against
// figures in the knowledge base and answer about whatever holds them.
func isBareNumber(text string) bool {
	text = strings.TrimSpace(text)
	digits := 0
	for _, r := range text {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == ',' || r == '#' || r == '-' || r == '+':
		default:
			return false
		}
	}
	return digits > 0
}

func (r *Router) bareNumber(tn *turn) investbot.Reply {
	text := fmt.Sprintf(r.t(msgBareNumber, tn.lang), strings.TrimSpace(tn.req.Text))
	return investbot.Reply{Messages: []investbot.Message{{Text: text, Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentBareNumber}}
}
