package handlers

import (
	"context"
	"sort"
	"strings"

	"github.com/thanhhoa/investbot"
)

// CommandHelp is one line of /help.
type CommandHelp struct {
	Name string
	// Text is the locale files' help.<Name>, in every language.
	Text investbot.Text
	// Role is who may use the command: investors (RoleInvestor), staff or
	// admins.
	Role investbot.Role
}

// commandHelp describes every command, in the order /help lists them. A
// test checks that each registered command is here or in commandAliases,
// so the list cannot drift from the table that dispatches them.
var commandHelp = []CommandHelp{
	{Name: "start"},
	{Name: "zones"},
	{Name: "compare"},
	{Name: "incentives"},
	{Name: "stats"},
	{Name: "partners"},
	{Name: "contacts"},
	{Name: "events"},
	{Name: "human"},
	{Name: "endchat"},
	{Name: "lead"},
	{Name: "back"},
	{Name: "cancel"},
	{Name: "language"},
	{Name: "subscribe"},
	{Name: "unsubscribe"},
	{Name: "forgetme"},
	{Name: "help"},
	{Name: "close", Role: investbot.RoleStaff},
	{Name: "kb", Role: investbot.RoleAdmin},
	{Name: "unanswered", Role: investbot.RoleAdmin},
	{Name: "usage", Role: investbot.RoleAdmin},
	{Name: "leads", Role: investbot.RoleAdmin},
	{Name: "broadcast", Role: investbot.RoleAdmin},
	{Name: "audit", Role: investbot.RoleAdmin},
}

// helpKey is the key of a command's line of /help.
func helpKey(name string) msg { return msg("help." + name) }

// commandAliases are other names of listed commands.
var commandAliases = map[string]string{"menu": "start", "lang": "language", "desk": "human", "contactme": "lead"}

// Commands returns the help lines of the commands role may use that are
// registered on this router, in /help order.
func (r *Router) Commands(role investbot.Role) []CommandHelp {
	var out []CommandHelp
	for _, c := range commandHelp {
		if _, ok := r.commands[c.Name]; ok && c.Role <= role {
			c.Text = r.text(helpKey(c.Name))
			out = append(out, c)
		}
	}
	return out
}

// undocumentedCommands returns registered commands that /help does not
// describe (none, unless someone forgot).
func (r *Router) undocumentedCommands() []string {
	known := map[string]bool{}
	for _, c := range commandHelp {
		known[c.Name] = true
	}
	var out []string
	for name := range r.commands {
		if !known[name] && commandAliases[name] == "" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func (r *Router) help(_ context.Context, tn *turn) investbot.Reply {
	var b strings.Builder
	b.WriteString(r.t(msgHelp, tn.lang) + "\n")
	for _, c := range r.Commands(tn.req.Role) {
		b.WriteString("\n/" + c.Name + " – " + c.Text.In(tn.lang))
	}
	return investbot.Reply{Messages: []investbot.Message{{Text: b.String(), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentHelp}}
}
