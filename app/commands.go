package app

import (
	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/bot"
	"github.com/thanhhoa/investbot/locales"
)

// menuCommands are the commands Telegram shows next to the text field, in
// menu order; their descriptions are the locale files' command.<name>.
var menuCommands = []string{"start", "zones", "compare", "incentives", "stats", "contacts", "human", "language", "help"}

// commandMenus is the command list per user language (setMyCommands with
// language_code), one for each language of the locale files.
func commandMenus(loc *locales.Catalog) map[investbot.Lang][]bot.Command {
	out := map[investbot.Lang][]bot.Command{}
	for _, l := range loc.Langs() {
		for _, name := range menuCommands {
			out[l] = append(out[l], bot.Command{Name: name, Description: loc.T("command."+name, l)})
		}
	}
	return out
}
