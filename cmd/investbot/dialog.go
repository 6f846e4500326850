package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/handlers"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/memstore"
)

// `investbot ask --json --dialog` answers conversations: each stdin line is
// one turn of one conversation, and every conversation keeps its own
// session, as a Telegram chat does. The turns go through the same router
// and handlers as Telegram, on the in-memory store `chat` uses, so that
// follow-ups, button presses and forms are measured as users meet them.

// dialogLine is one input line:
//
//	{"dialog": "d1", "q": "How big is WHA?", "lang": "ja"}
//	{"dialog": "d1", "press": "Incentives in this zone"}
//
// q is typed text ("/zones" is a command); press presses a button of the
// conversation's last reply, by its label or its 1-based number; lang is
// the user's Telegram language (a hint, as language_code is).
type dialogLine struct {
	Dialog string `json:"dialog"`
	Q      string `json:"q"`
	Press  string `json:"press"`
	Lang   string `json:"lang"`
}

// dialogError is the output for an input line that cannot be a turn. It
// names the line so that nothing is lost silently; the conversation goes on
// with the next good line.
type dialogError struct {
	Line   int    `json:"line"`
	Dialog string `json:"dialog,omitempty"`
	Error  string `json:"error"`
}

// maxDialogLineBytes bounds one input line; a Telegram message is at most
// 4,096 characters, so a turn never needs more.
const maxDialogLineBytes = 64 << 10

// parseDialogLine checks one input line.
func parseDialogLine(b []byte) (dialogLine, error) {
	var l dialogLine
	b = bytes.TrimSpace(b)
	if len(b) > maxDialogLineBytes {
		return l, fmt.Errorf("line of %d bytes, more than %d", len(b), maxDialogLineBytes)
	}
	if len(b) == 0 || b[0] != '{' {
		return l, errors.New(`want a JSON object such as {"dialog":"d1","q":"How big is WHA?"}`)
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return dialogLine{}, fmt.Errorf("not a turn: %w", err)
	}
	l.Dialog = strings.TrimSpace(l.Dialog)
	l.Q = strings.TrimSpace(l.Q)
	l.Press = strings.TrimSpace(l.Press)
	switch {
	case l.Dialog == "":
		return l, errors.New(`"dialog" is missing or empty`)
	case l.Q == "" && l.Press == "":
		return l, errors.New(`"q" (or "press") is missing or empty`)
	case l.Q != "" && l.Press != "":
		return l, errors.New(`a turn is "q" or "press", not both`)
	case !utf8.ValidString(l.Q) || !utf8.ValidString(l.Dialog) || !utf8.ValidString(l.Press):
		return l, errors.New("not valid UTF-8")
	}
	if l.Lang != "" && investbot.ParseLang(l.Lang) == "" {
		return l, fmt.Errorf(`"lang" %q: want en, vi, ja or ko`, l.Lang)
	}
	return l, nil
}

// conversation is what the runner keeps per dialog id: the user it is
// played as, its turn count and the buttons of its last reply.
type conversation struct {
	user    int64
	turns   int
	buttons []investbot.Button
}

// runDialogs answers the conversations on in, one output line per input
// line.
func runDialogs(ctx context.Context, kb *knowledge.KB, answerer knowledge.Answerer, hint investbot.Lang, in io.Reader, w io.Writer) error {
	// No flood limit: a measured conversation may be long and fast.
	store := memstore.New(memstore.Options{Admission: investbot.Admission{FloodLimit: -1}})
	router := handlers.New(handlers.Deps{KB: knowledge.NewLive(kb), Answerer: answerer, Sessions: store, Leads: store})
	convs := map[string]*conversation{}
	out := bufio.NewWriter(w)
	defer out.Flush()
	emit := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out.Write(append(b, '\n'))
		return out.Flush()
	}
	r := bufio.NewReader(in)
	var update int64
	for n := 1; ; n++ {
		raw, rerr := r.ReadBytes('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return fmt.Errorf("read conversations: line %d: %w", n, rerr)
		}
		if len(bytes.TrimSpace(raw)) > 0 {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			line, err := parseDialogLine(raw)
			c := convs[line.Dialog]
			if err == nil && c == nil {
				c = &conversation{user: int64(len(convs) + 1)}
				convs[line.Dialog] = c
			}
			var req investbot.Request
			if err == nil {
				req, err = c.request(line)
			}
			if err != nil {
				if eerr := emit(dialogError{Line: n, Dialog: line.Dialog, Error: err.Error()}); eerr != nil {
					return eerr
				}
			} else {
				update++
				req.UpdateID, req.UserID, req.ChatID, req.Chat = update, c.user, c.user, investbot.ChatPrivate
				req.LangHint = hint
				if line.Lang != "" {
					req.LangHint = investbot.ParseLang(line.Lang)
				}
				reply, err := router.Handle(ctx, req)
				if err != nil {
					return fmt.Errorf("line %d: %w", n, err)
				}
				c.turns++
				c.buttons = callbackButtons(reply)
				q := line.Q
				if line.Press != "" {
					q = "[" + line.Press + "]"
				}
				res := newAskResult(q, reply, turnText(reply))
				res.Dialog, res.Turn = line.Dialog, c.turns
				if err := emit(res); err != nil {
					return err
				}
			}
		}
		if rerr != nil {
			return nil
		}
	}
}

// request turns a line into what Telegram would deliver: typed text, a
// command, or a button press.
func (c *conversation) request(l dialogLine) (investbot.Request, error) {
	if l.Press != "" {
		return c.press(l.Press)
	}
	if strings.HasPrefix(l.Q, "/") {
		cmd, args, _ := strings.Cut(l.Q[1:], " ")
		return investbot.Request{Command: strings.ToLower(cmd), Args: strings.TrimSpace(args)}, nil
	}
	return investbot.Request{Text: l.Q}, nil
}

// press finds a button of the last reply by label (case and brackets do not
// matter) or by number.
func (c *conversation) press(label string) (investbot.Request, error) {
	label = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(label, "["), "]"))
	if i, err := strconv.Atoi(label); err == nil && i >= 1 && i <= len(c.buttons) {
		return investbot.Request{Callback: c.buttons[i-1].Data}, nil
	}
	for _, b := range c.buttons {
		if strings.EqualFold(strings.TrimSpace(b.Text), label) {
			return investbot.Request{Callback: b.Data}, nil
		}
	}
	// "Talk to the Japan Desk" presses "🙋 Talk to the Japan Desk".
	for _, b := range c.buttons {
		if f := labelWords(label); f != "" && labelWords(b.Text) == f {
			return investbot.Request{Callback: b.Data}, nil
		}
	}
	var labels []string
	for _, b := range c.buttons {
		labels = append(labels, strconv.Quote(b.Text))
	}
	if len(labels) == 0 {
		return investbot.Request{}, fmt.Errorf("no button %q: the last reply has no buttons", label)
	}
	return investbot.Request{}, fmt.Errorf("no button %q; the last reply has %s", label, strings.Join(labels, ", "))
}

// labelWords is a label's letters and digits, lower-case, words separated
// by one space: what is left without emoji and punctuation.
func labelWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// callbackButtons are the buttons of a reply that can be pressed here
// (links open elsewhere).
func callbackButtons(r investbot.Reply) []investbot.Button {
	var bs []investbot.Button
	for _, m := range r.Messages {
		if m.ChatID != 0 {
			continue
		}
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Data != "" {
					bs = append(bs, b)
				}
			}
		}
	}
	return bs
}

// turnText is everything the user sees for a turn: every message to their
// chat with its title, map pin and button labels, a row of buttons per line.
func turnText(r investbot.Reply) string {
	var parts []string
	for _, m := range r.Messages {
		if m.ChatID != 0 {
			continue
		}
		var b strings.Builder
		if s := strings.TrimSpace(m.Title); s != "" {
			b.WriteString(s + "\n")
		}
		if s := strings.TrimSpace(m.Text); s != "" {
			b.WriteString(s + "\n")
		}
		if v := m.Venue; v != nil {
			fmt.Fprintf(&b, "📍 %s\n", v.Title)
		}
		for _, row := range m.Buttons {
			var cells []string
			for _, bt := range row {
				cells = append(cells, "["+bt.Text+"]")
			}
			b.WriteString(strings.Join(cells, " ") + "\n")
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			parts = append(parts, s)
		}
	}
	if r.CallbackText != "" && len(parts) == 0 {
		parts = append(parts, r.CallbackText)
	}
	return strings.Join(parts, "\n\n")
}
