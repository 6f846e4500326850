package handlers

import (
	"github.com/thanhhoa/investbot"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A message must never promise what this deployment cannot do. Entries of
// the knowledge base tell the reader how to reach the Japan Desk from the
// chat ("send /human …, and the Japan Desk will contact you here"); without
// a staff group that instruction would send them round in a circle. Such
// instructions are recognised by the command they name, so any entry that
// names an unavailable command is handled, whatever its wording.

// unavailableCommands are the commands that cannot do what entries say they
// do in this deployment.
func (r *Router) unavailableCommands() []string {
	if r.deskConnected() {
		return nil
	}
	return []string{"/human", "/desk"}
}

// entryText is an entry's answer as this deployment can stand behind it.
func (r *Router) entryText(text string) string {
	return withoutInstructions(text, r.unavailableCommands())
}

// withoutInstructions drops from text each sentence that names one of cmds.
// When the command follows a colon, the part before it is a statement of
// its own ("The sources give no phone number: send /human …") and is kept.
func withoutInstructions(text string, cmds []string) string {
	if len(cmds) == 0 {
		return text
	}
	var b strings.Builder
	dropped := false
	for _, s := range sentencesWithSpace(text) {
		at := commandAt(s, cmds)
		if at < 0 {
			// "…send /human. The desk will contact you.": a short
			// sentence that states no figure only finishes the dropped
			// instruction.
			if dropped && utf8.RuneCountInString(strings.TrimSpace(s)) <= followUpRunes && !strings.ContainsAny(s, "0123456789") {
				continue
			}
			b.WriteString(s)
			dropped = false
			continue
		}
		dropped = true
		head := s[:at]
		colon := strings.LastIndexAny(head, ":：")
		if colon <= 0 {
			continue
		}
		head = strings.TrimRightFunc(head[:colon], unicode.IsSpace)
		if strings.TrimSpace(head) == "" {
			continue
		}
		stop := "."
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s)); r == '。' {
			stop = "。"
		}
		b.WriteString(head + stop + trailingSpace(s))
	}
	return strings.TrimRightFunc(b.String(), unicode.IsSpace)
}

// followUpRunes is the length up to which a sentence after a dropped
// instruction is taken to be its end.
const followUpRunes = 40

// sentencesWithSpace splits text after ".", "!", "?" followed by a space or a line
// end, and after "。", "！", "？"; each sentence keeps its trailing spaces so
// that joining them gives text back.
func sentencesWithSpace(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		end := -1
		switch r {
		case '。', '！', '？':
			end = i + utf8.RuneLen(r)
		case '.', '!', '?':
			next := i + 1
			if next == len(text) || text[next] == ' ' || text[next] == '\n' {
				end = next
			}
		}
		if end < 0 {
			continue
		}
		for end < len(text) && (text[end] == ' ' || text[end] == '\n') {
			end++
		}
		if end > start {
			out = append(out, text[start:end])
			start = end
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// commandAt returns where the first of cmds stands in s as a command (not
// followed by a Latin letter, digit or underscore), or -1.
func commandAt(s string, cmds []string) int {
	first := -1
	for _, c := range cmds {
		for off := 0; ; {
			i := strings.Index(s[off:], c)
			if i < 0 {
				break
			}
			i += off
			end := i + len(c)
			if end == len(s) || !isCommandByte(s[end]) {
				if first < 0 || i < first {
					first = i
				}
				break
			}
			off = end
		}
	}
	return first
}

func isCommandByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func trailingSpace(s string) string {
	return s[len(strings.TrimRightFunc(s, unicode.IsSpace)):]
}

// withoutDeskButton puts note before reply and takes away the buttons that
// would only ask for the Japan Desk again: without a staff group the
// explanation is given once, not in a loop.
func withoutDeskButton(reply investbot.Reply, note investbot.Message) investbot.Reply {
	for i := range reply.Messages {
		var rows [][]investbot.Button
		for _, row := range reply.Messages[i].Buttons {
			var keep []investbot.Button
			for _, b := range row {
				if b.Data != cbDesk {
					keep = append(keep, b)
				}
			}
			if len(keep) > 0 {
				rows = append(rows, keep)
			}
		}
		reply.Messages[i].Buttons = rows
	}
	reply.Messages = append([]investbot.Message{note}, reply.Messages...)
	return reply
}

// offerDesk offers a person: the Japan Desk when a staff group takes
// handoffs, else the lead form, whose details are kept for the desk.
func (r *Router) offerDesk(lang investbot.Lang) string {
	if r.deskConnected() {
		return r.t(msgOfferDesk, lang)
	}
	return r.t(msgOfferLead, lang)
}

// leadSendLabel names what the last button of the form does: send to the
// desk's group, or only save when there is none.
func (r *Router) leadSendLabel(lang investbot.Lang) string {
	if r.d.StaffChatID != 0 {
		return r.t(leadSend, lang)
	}
	return r.t(leadSave, lang)
}
