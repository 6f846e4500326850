package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"strings"
	"sync/atomic"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/llm"
	"github.com/thanhhoa/investbot/memstore"
)

// loadKB loads dir, or the bundled knowledge base when dir is empty.
func loadKB(dir string) (*knowledge.KB, error) {
	if dir == "" {
		return knowledge.Bundled()
	}
	return knowledge.LoadDir(dir)
}

// localAnswerer is the knowledge base, with the LLM fallback when
// OPENAI_API_KEY is set, so that `ask --json` reports checked generated
// answers as answered.
func localAnswerer(e env) (knowledge.Answerer, error) {
	cfg, err := config.Parse(e.getenv)
	if err != nil {
		return nil, err
	}
	return app.NewAnswerer(cfg, llm.Deps{Logger: slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}), nil
}

// chat is a console conversation with the bot on an in-memory store: the
// quickest way to try it, with no token and no Redis.
func chat(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("kb", e.getenv("KB_DIR"), "knowledge-base directory (default: bundled)")
	lang := fs.String("lang", "", "your language for the interface: en, vi, ja or ko")
	if err := fs.Parse(args); err != nil {
		return err
	}
	kb, err := loadKB(*dir)
	if err != nil {
		return err
	}
	answerer, err := localAnswerer(e)
	if err != nil {
		return err
	}
	store := memstore.New(memstore.Options{})
	router := handlers.New(handlers.Deps{KB: knowledge.NewLive(kb), Answerer: answerer, Sessions: store, Leads: store})
	c := &console{router: router, out: e.stdout, hint: investbot.ParseLang(*lang)}
	fmt.Fprintf(e.stdout, "investbot console · knowledge base %s (%d entries)\nType a question in English, Tiếng Việt, 日本語 or 한국어; a number presses a button; /help for commands; /quit to leave.\n\n", kb.Version(), kb.Len())
	c.send(ctx, handlers.Request{Command: "start"})
	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for {
		fmt.Fprint(e.stdout, "> ")
		if !in.Scan() {
			fmt.Fprintln(e.stdout)
			return in.Err()
		}
		line := strings.TrimSpace(in.Text())
		switch {
		case line == "/quit" || line == "/exit":
			return nil
		case line == "":
			continue
		}
		if ctx.Err() != nil {
			return nil
		}
		c.send(ctx, c.request(line))
	}
}

// console renders replies as text and remembers the last buttons so that
// typing their number presses them.
type console struct {
	router  *handlers.Router
	out     io.Writer
	hint    investbot.Lang
	buttons []handlers.Button
	update  atomic.Int64
}

const consoleUser = 1

func (c *console) request(line string) handlers.Request {
	var n int
	if _, err := fmt.Sscanf(line, "%d", &n); err == nil && fmt.Sprint(n) == line && n >= 1 && n <= len(c.buttons) {
		return handlers.Request{Callback: c.buttons[n-1].Data}
	}
	if strings.HasPrefix(line, "/") {
		cmd, args, _ := strings.Cut(line[1:], " ")
		return handlers.Request{Command: strings.ToLower(cmd), Args: strings.TrimSpace(args)}
	}
	return handlers.Request{Text: line}
}

func (c *console) send(ctx context.Context, req handlers.Request) {
	req.UpdateID = c.update.Add(1)
	req.UserID, req.ChatID, req.Chat, req.LangHint = consoleUser, consoleUser, handlers.ChatPrivate, c.hint
	reply, err := c.router.Handle(ctx, req)
	if err != nil {
		fmt.Fprintf(c.out, "(error: %v)\n", err)
		return
	}
	c.buttons = c.buttons[:0]
	for _, m := range reply.Messages {
		if m.ChatID != 0 && m.ChatID != consoleUser {
			fmt.Fprintf(c.out, "  (sent to chat %d: %s)\n", m.ChatID, firstLine(m.Title+" "+m.Text))
			continue
		}
		if m.Title != "" {
			fmt.Fprintf(c.out, "【%s】\n", m.Title)
		}
		if m.Text != "" {
			fmt.Fprintln(c.out, m.Text)
		}
		if m.Venue != nil {
			fmt.Fprintf(c.out, "📍 %s (%.5f, %.5f)\n", m.Venue.Title, m.Venue.Lat, m.Venue.Lon)
		}
		for _, row := range m.Buttons {
			var cells []string
			for _, b := range row {
				if b.Data == "" {
					cells = append(cells, b.Text+" <"+b.URL+">")
					continue
				}
				c.buttons = append(c.buttons, b)
				cells = append(cells, fmt.Sprintf("[%d] %s", len(c.buttons), b.Text))
			}
			fmt.Fprintln(c.out, "  "+strings.Join(cells, "   "))
		}
		fmt.Fprintln(c.out)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// askResult is one line of `investbot ask --json`. Its shape is a contract
// with other tools (shared/DESIGN.md).
type askResult struct {
	Question   string   `json:"question"`
	Lang       string   `json:"lang"`
	Answered   bool     `json:"answered"`
	Intent     string   `json:"intent"`
	Confidence float64  `json:"confidence"`
	Text       string   `json:"text"`
	Sources    []string `json:"sources"`
	// SourceTitles names each source (same order) as the investor reads
	// it: headline or law number and title, with its date, in Lang.
	SourceTitles []string `json:"source_titles"`
}

// ask answers one question, or one per line of stdin, in one process so
// that a whole evaluation file is answered quickly.
func ask(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	lang := fs.String("lang", "", "answer language when the question's own cannot be told: en, vi, ja, ko")
	dir := fs.String("kb", e.getenv("KB_DIR"), "knowledge-base directory (default: bundled)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	hint := investbot.Lang("")
	if *lang != "" {
		if hint = investbot.ParseLang(*lang); hint == "" {
			return fmt.Errorf("--lang %q: want en, vi, ja or ko", *lang)
		}
	}
	kb, err := loadKB(*dir)
	if err != nil {
		return err
	}
	answerer, err := localAnswerer(e)
	if err != nil {
		return err
	}
	// Every question stands alone: a store that remembers nothing.
	router := handlers.New(handlers.Deps{KB: knowledge.NewLive(kb), Answerer: answerer, Sessions: oneShot{}, Leads: oneShot{}})
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	answer := func(id int64, q string) error {
		reply, err := router.Handle(ctx, handlers.Request{UpdateID: id, UserID: 1, ChatID: 1, Chat: handlers.ChatPrivate, Text: q, LangHint: hint})
		if err != nil {
			return err
		}
		res := askResult{
			Question:   q,
			Lang:       string(reply.Meta.Lang),
			Answered:   reply.Meta.Answered,
			Intent:     reply.Meta.Intent,
			Confidence: math.Round(reply.Meta.Confidence*1000) / 1000,
			Text:       replyText(reply),
			Sources:    reply.Meta.Sources,
		}
		if res.Sources == nil {
			res.Sources = []string{}
		}
		res.SourceTitles = kb.SourceTitles(res.Sources, reply.Meta.Lang)
		if *asJSON {
			b, err := json.Marshal(res)
			if err != nil {
				return err
			}
			out.Write(append(b, '\n'))
		} else {
			fmt.Fprintf(out, "%s\n\n", res.Text)
		}
		return out.Flush()
	}
	if fs.NArg() > 0 {
		return answer(1, strings.Join(fs.Args(), " "))
	}
	in := bufio.NewReader(e.stdin)
	var id int64
	for {
		line, err := in.ReadString('\n')
		if q := strings.TrimSpace(line); q != "" {
			id++
			if aerr := answer(id, q); aerr != nil {
				return aerr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read questions: %w", err)
		}
	}
}

// replyText is what the user would read: the messages to their own chat.
func replyText(r handlers.Reply) string {
	var parts []string
	for _, m := range r.Messages {
		if m.ChatID != 0 {
			continue
		}
		s := strings.TrimSpace(strings.TrimSpace(m.Title) + "\n" + m.Text)
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}

// oneShot is a session store that remembers nothing, for `ask`.
type oneShot struct{}

func (oneShot) Begin(_ context.Context, _, userID int64) (investbot.Gate, error) {
	return investbot.Gate{Session: investbot.Session{UserID: userID}}, nil
}
func (oneShot) Load(_ context.Context, userID int64) (investbot.Session, error) {
	return investbot.Session{UserID: userID}, nil
}
func (oneShot) Save(context.Context, investbot.Session) error     { return nil }
func (oneShot) Done(context.Context, []investbot.UpdateRef) error { return nil }
func (oneShot) Delete(context.Context, int64) error               { return nil }
func (oneShot) AddLead(context.Context, investbot.Lead) error {
	return fmt.Errorf("ask keeps no leads: %w", investbot.ErrUnavailable)
}
func (oneShot) Leads(context.Context) ([]investbot.Lead, error) { return nil, nil }
