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

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/llm"
)

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

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// askResult is one line of `investbot ask --json`. Its shape is a contract
// with other tools (shared/DESIGN.md); fields are only ever added.
type askResult struct {
	// Dialog and Turn (1-based) are set by --dialog.
	Dialog     string   `json:"dialog,omitempty"`
	Turn       int      `json:"turn,omitempty"`
	Question   string   `json:"question"`
	Lang       string   `json:"lang"`
	Answered   bool     `json:"answered"`
	Intent     string   `json:"intent"`
	Confidence float64  `json:"confidence"`
	Text       string   `json:"text"`
	Sources    []string `json:"sources"`
	// Candidates are the entry ids a "did you mean" (or an "I don't know"
	// with suggestions) offers, best first.
	Candidates []string `json:"candidates,omitempty"`
	// Desk is true when the reply opens the Japan Desk or, not answering,
	// offers it.
	Desk bool `json:"desk,omitempty"`
	// Missing names the fact asked ("area", "phone") that the sources
	// do not give for the entry Intent: the reply says so, unanswered.
	Missing string `json:"missing,omitempty"`
	// SourceTitles names each source (same order) as the investor reads
	// it: headline or law number and title, with its date, in Lang.
	SourceTitles []string `json:"source_titles"`
}

func newAskResult(q string, reply investbot.Reply, text string) askResult {
	res := askResult{
		Question:   q,
		Lang:       string(reply.Meta.Lang),
		Answered:   reply.Meta.Answered,
		Intent:     string(reply.Meta.Intent),
		Confidence: math.Round(reply.Meta.Confidence*1000) / 1000,
		Text:       text,
		Sources:    reply.Meta.Sources,
		Candidates: reply.Meta.Candidates,
		Desk:       handlers.OffersDesk(reply),
		Missing:    reply.Meta.Missing,
	}
	if res.Sources == nil {
		res.Sources = []string{}
	}
	return res
}

// ask answers one question, or one per line of stdin, in one process so
// that a whole evaluation file is answered quickly. With --dialog, stdin is
// conversations (see dialog.go).
func ask(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	dialog := fs.Bool("dialog", false, `with --json: read conversations, one JSON line per turn: {"dialog":"d1","q":"…"}`)
	lang := fs.String("lang", "", "answer language when the question's own cannot be told: en, vi, ja, ko")
	dir := fs.String("kb", e.getenv("KB_DIR"), "knowledge-base directory (default: bundled)")
	examples := fs.Int("examples", 0, "keep only the first N example questions per language of every entry (0: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *examples < 0 {
		return fmt.Errorf("--examples %d: want 0 (all) or more", *examples)
	}
	hint := investbot.Lang("")
	if *lang != "" {
		if hint = investbot.ParseLang(*lang); hint == "" {
			return fmt.Errorf("--lang %q: want en, vi, ja or ko", *lang)
		}
	}
	if *dialog && (!*asJSON || fs.NArg() > 0) {
		return errors.New("--dialog reads JSON lines from stdin: use ask --json --dialog < conversations.jsonl")
	}
	kb, err := app.LoadKBExamples(*dir, *examples)
	if err != nil {
		return err
	}
	answerer, err := localAnswerer(e)
	if err != nil {
		return err
	}
	if *dialog {
		return runDialogs(ctx, kb, answerer, hint, e.stdin, e.stdout)
	}
	// Every question stands alone: a store that remembers nothing.
	router := handlers.New(handlers.Deps{KB: knowledge.NewLive(kb), Answerer: answerer, Sessions: oneShot{}, Leads: oneShot{}})
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	answer := func(id int64, q string) error {
		reply, err := router.Handle(ctx, investbot.Request{UpdateID: id, UserID: 1, ChatID: 1, Chat: investbot.ChatPrivate, Text: q, LangHint: hint})
		if err != nil {
			return err
		}
		res := newAskResult(q, reply, replyText(reply))
		res.SourceTitles = kb.SourceTitles(res.Sources, reply.Meta.Lang)
		if err := writeAnswer(out, kb, res, *asJSON); err != nil {
			return err
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

// writeAnswer prints one answer: a JSON line, or the text a user would
// read with the choices of a "did you mean" listed.
func writeAnswer(out *bufio.Writer, kb *knowledge.KB, res askResult, asJSON bool) error {
	if asJSON {
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		out.Write(append(b, '\n'))
		return nil
	}
	fmt.Fprintf(out, "%s\n", res.Text)
	// The choices of a "did you mean" are buttons in Telegram:
	// here they are listed, with their entry ids.
	for i, id := range res.Candidates {
		if c := kb.Entry(id); c != nil {
			fmt.Fprintf(out, "  %d. %s (%s)\n", i+1, c.Title.In(investbot.Lang(res.Lang)), id)
		}
	}
	fmt.Fprintln(out)
	return nil
}

// replyText is what the user would read: the messages to their own chat.
func replyText(r investbot.Reply) string {
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
func (oneShot) Delete(context.Context, int64) (investbot.Erased, error) {
	return investbot.Erased{}, nil
}
func (oneShot) AddLead(context.Context, investbot.Lead) error {
	return fmt.Errorf("ask keeps no leads: %w", investbot.ErrUnavailable)
}
func (oneShot) Leads(context.Context) ([]investbot.Lead, error) { return nil, nil }
