package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/memstore"
)

// The console plays Telegram for one investor (user 1 in a private chat)
// and, with --desk, for the Japan Desk group too, so that the handoff can
// be tried without Telegram: what the group would receive is shown in a
// frame, and /reply and /close act as a staff member in the group through
// the same handlers.
const (
	consoleUser  = 1
	consoleStaff = 2
	consoleDesk  = -100
)

// chat is a console conversation with the bot on an in-memory store: the
// quickest way to try it, with no token and no Redis.
func chat(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("kb", e.getenv("KB_DIR"), "knowledge-base directory (default: bundled)")
	lang := fs.String("lang", "", "your language for the interface: en, vi, ja or ko")
	desk := fs.Bool("desk", false, "also play the Japan Desk group: see what staff receive, answer with /reply T1 …, /close T1")
	if err := fs.Parse(args); err != nil {
		return err
	}
	kb, err := app.LoadKB(*dir)
	if err != nil {
		return err
	}
	answerer, err := localAnswerer(e)
	if err != nil {
		return err
	}
	store := memstore.New(memstore.Options{})
	deps := handlers.Deps{KB: knowledge.NewLive(kb), Answerer: answerer, Sessions: store, Leads: store}
	if *desk {
		deps.StaffChatID, deps.Tickets = consoleDesk, memstore.NewTickets()
	}
	c := &console{router: handlers.New(deps), out: e.stdout, hint: investbot.ParseLang(*lang), width: e.width, desk: *desk, groupMsgs: map[string]int{}, tickets: deps.Tickets}
	intro := "investbot console · knowledge base %s (%d entries)\nType a question in English, Tiếng Việt, 日本語 or 한국어; a number presses a button; /help for commands; /quit to leave.\n"
	if *desk {
		intro += "You also play the Japan Desk group: what it would receive is framed; answer a ticket with /reply T1 <text>, end it with /close T1.\n"
	}
	fmt.Fprint(e.stdout, wrap(fmt.Sprintf(intro, kb.Version(), kb.Len()), e.width)+"\n")
	c.send(ctx, c.investor(investbot.Request{Command: "start"}))
	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for {
		fmt.Fprint(e.stdout, "> ")
		if !in.Scan() {
			fmt.Fprintln(e.stdout)
			return in.Err()
		}
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		if ctx.Err() != nil {
			return nil
		}
		if quit := c.line(ctx, line); quit {
			return nil
		}
	}
}

// consoleCommand is a command of the console itself, not of the bot.
type consoleCommand struct {
	name, usage, help string
	desk              bool // only with --desk
	run               func(c *console, ctx context.Context, args string) (quit bool)
}

// consoleCommands is both the dispatch table and what /help adds to the
// bot's own list, so the two cannot drift.
var consoleCommands = []consoleCommand{
	{name: "quit", usage: "/quit", help: "leave the console (also /exit)", run: func(*console, context.Context, string) bool { return true }},
	{name: "exit", run: func(*console, context.Context, string) bool { return true }},
	{name: "reply", usage: "/reply T1 <text>", help: "as Japan Desk staff, answer ticket T1 (a reply to its message in the group)", desk: true, run: (*console).staffReply},
	{name: "close", usage: "/close T1", help: "as Japan Desk staff, close ticket T1", desk: true, run: (*console).staffClose},
}

// console renders replies as text and remembers the last buttons so that
// typing their number presses them.
type console struct {
	router  *handlers.Router
	out     io.Writer
	hint    investbot.Lang
	width   int // wrap at this many columns; 0: do not wrap
	desk    bool
	buttons []investbot.Button
	update  atomic.Int64
	msgID   int
	// groupMsgs is the last message the desk group received about each
	// ticket, which /reply answers as a Telegram reply would.
	groupMsgs map[string]int
	// tickets is the ticket store of --desk: it learns which group
	// message belongs to which ticket, as the Telegram adapter tells it
	// after sending, so that a staff reply finds its ticket the same way.
	tickets investbot.TicketStore
}

// line handles one typed line and reports whether the console should end.
func (c *console) line(ctx context.Context, line string) bool {
	if strings.HasPrefix(line, "/") {
		name, args, _ := strings.Cut(line[1:], " ")
		for _, cc := range consoleCommands {
			if cc.name == strings.ToLower(name) && (c.desk || !cc.desk) {
				return cc.run(c, ctx, strings.TrimSpace(args))
			}
		}
	}
	req := c.request(line)
	c.send(ctx, c.investor(req))
	if req.Command == "help" {
		c.consoleHelp()
	}
	return false
}

func (c *console) consoleHelp() {
	var b strings.Builder
	b.WriteString("In this console:\n")
	for _, cc := range consoleCommands {
		if cc.usage != "" && (c.desk || !cc.desk) {
			fmt.Fprintf(&b, "%s – %s\n", cc.usage, cc.help)
		}
	}
	b.WriteString("a number – press the button shown with it in brackets\n")
	c.print(b.String())
}

func (c *console) request(line string) investbot.Request {
	var n int
	if _, err := fmt.Sscanf(line, "%d", &n); err == nil && fmt.Sprint(n) == line && n >= 1 && n <= len(c.buttons) {
		return investbot.Request{Callback: c.buttons[n-1].Data}
	}
	if strings.HasPrefix(line, "/") {
		cmd, args, _ := strings.Cut(line[1:], " ")
		return investbot.Request{Command: strings.ToLower(cmd), Args: strings.TrimSpace(args)}
	}
	// Anything else, a number with no button included, is what the
	// investor typed.
	return investbot.Request{Text: line}
}

func (c *console) investor(req investbot.Request) investbot.Request {
	req.UserID, req.ChatID, req.Chat, req.LangHint = consoleUser, consoleUser, investbot.ChatPrivate, c.hint
	return req
}

// staff is a request by a staff member in the desk group.
func (c *console) staff(req investbot.Request) investbot.Request {
	c.msgID++
	req.UserID, req.ChatID, req.Chat, req.Role, req.UserName, req.MessageID = consoleStaff, consoleDesk, investbot.ChatGroup, investbot.RoleStaff, "Desk Tester", c.msgID
	return req
}

func ticketArg(args string) (id, rest string) {
	id, rest, _ = strings.Cut(strings.TrimSpace(args), " ")
	return strings.ToUpper(strings.TrimPrefix(id, "#")), strings.TrimSpace(rest)
}

func (c *console) staffReply(ctx context.Context, args string) bool {
	id, text := ticketArg(args)
	msgID, ok := c.groupMsgs[id]
	if id == "" || text == "" || !ok {
		c.print(fmt.Sprintf("usage: /reply T1 <text>, for a ticket the desk group has received (%s)\n", c.ticketList()))
		return false
	}
	c.send(ctx, c.staff(investbot.Request{Text: text, ReplyTo: msgID}))
	return false
}

func (c *console) staffClose(ctx context.Context, args string) bool {
	id, _ := ticketArg(args)
	if id == "" {
		c.print(fmt.Sprintf("usage: /close T1 (%s)\n", c.ticketList()))
		return false
	}
	c.send(ctx, c.staff(investbot.Request{Command: "close", Args: id}))
	return false
}

func (c *console) ticketList() string {
	if len(c.groupMsgs) == 0 {
		return "no ticket yet: ask for a person with /human"
	}
	var ids []string
	for id := range c.groupMsgs {
		ids = append(ids, id)
	}
	return "tickets: " + strings.Join(ids, ", ")
}

// send handles req and shows the reply: messages to the investor as they
// would read them, to the desk group in a frame, to anyone else in a line.
func (c *console) send(ctx context.Context, req investbot.Request) {
	req.UpdateID = c.update.Add(1)
	reply, err := c.router.Handle(ctx, req)
	if err != nil {
		fmt.Fprintf(c.out, "(error: %v)\n", err)
		return
	}
	var buttons []investbot.Button
	for _, m := range reply.Messages {
		to := m.ChatID
		if to == 0 {
			to = req.ChatID
		}
		switch {
		case to == consoleUser:
			buttons = c.investorMessage(m, buttons)
		case to == consoleDesk && c.desk:
			c.groupMessage(ctx, m)
		default:
			fmt.Fprintf(c.out, "  (sent to chat %d: %s)\n", to, firstLine(m.Title+" "+m.Text))
		}
	}
	// As in Telegram, buttons shown earlier stay pressable until new ones
	// replace them: a notice without buttons (the flood limit, a relayed
	// message) does not take their numbers away.
	if len(buttons) > 0 {
		c.buttons = buttons
	}
}

func (c *console) investorMessage(m investbot.Message, buttons []investbot.Button) []investbot.Button {
	var b strings.Builder
	if m.Title != "" {
		fmt.Fprintf(&b, "【%s】\n", m.Title)
	}
	if m.Text != "" {
		b.WriteString(m.Text + "\n")
	}
	if m.Venue != nil {
		fmt.Fprintf(&b, "📍 %s (%.5f, %.5f)\n", m.Venue.Title, m.Venue.Lat, m.Venue.Lon)
	}
	c.print(b.String())
	for _, row := range m.Buttons {
		var cells []string
		for _, btn := range row {
			if btn.Data == "" {
				cells = append(cells, btn.Text+" <"+btn.URL+">")
				continue
			}
			buttons = append(buttons, btn)
			cells = append(cells, fmt.Sprintf("[%d] %s", len(buttons), btn.Text))
		}
		fmt.Fprintln(c.out, "  "+strings.Join(cells, "   "))
	}
	fmt.Fprintln(c.out)
	return buttons
}

// groupMessage shows what the Japan Desk group receives and, for a message
// about a ticket, binds its id to the ticket for /reply.
func (c *console) groupMessage(ctx context.Context, m investbot.Message) {
	c.msgID++
	text := strings.TrimSpace(m.Title + "\n" + m.Text)
	if m.Copy != nil {
		text += "\n(a copy of the investor's message)"
	}
	if m.Ticket != "" && c.tickets != nil {
		if err := c.tickets.BindMessage(ctx, consoleDesk, c.msgID, m.Ticket); err != nil {
			fmt.Fprintf(c.out, "(error: %v)\n", err)
		}
		c.groupMsgs[m.Ticket] = c.msgID
	}
	width := c.width
	if width > 4 {
		width -= 4
	}
	var b strings.Builder
	b.WriteString("  ┌─ to the Japan Desk group\n")
	for _, l := range strings.Split(wrap(text, width), "\n") {
		b.WriteString("  │ " + l + "\n")
	}
	b.WriteString("  └─\n\n")
	fmt.Fprint(c.out, b.String())
}

// print writes text wrapped to the console's width.
func (c *console) print(text string) {
	fmt.Fprint(c.out, wrap(text, c.width))
}
