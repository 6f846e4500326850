package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// An e-mail pasted into the chat carries an envelope — header lines
// ("From: …", "件名：…", "보낸 사람: …", "Người gửi: …") and a line marking a
// forwarded message — whose names and dates are no part of what is asked:
// read as words they pull the answer towards whatever the sender's
// department or the subject happen to name. The labels are data
// (words/*.yaml mail_headers, mail_subjects, forward_marks).
var (
	mailHeaders  = lowerAll(phrases("mail_headers"))
	mailSubjects = lowerAll(phrases("mail_subjects"))
	forwardMarks = lowerAll(phrases("forward_marks"))
)

type mailLine uint8

const (
	bodyLine    mailLine = iota
	headerLine           // "From: …", "日時: …"
	subjectLine          // "Subject: …": its value is the letter's topic
	forwardLine          // "---------- Forwarded message ----------"
	ruleLine             // "---": the end of what was forwarded
)

// readLetter returns what the engine reads of a message written as an
// e-mail, or text itself when it is none (no forward marker and fewer than
// two header lines). The envelope's lines are left out, a subject's value
// kept. When the sender's own note — the lines before a forwarded message,
// or after the rule that ends it — asks something and the forwarded
// message asks nothing itself, the note is the question and the forwarded
// message only its background: the note is read without the body, whose
// introductions and plans would otherwise choose the answer, and with the
// subject only when it points back ("this park"): a subject names the
// sender's project as often as what is asked.
func readLetter(text string) string {
	if !strings.Contains(text, "\n") {
		return text
	}
	lines := strings.Split(text, "\n")
	kinds := make([]mailLine, len(lines))
	subjects := make([]string, 0, 1)
	headers, fwd := 0, -1
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case isForwardMark(t):
			kinds[i] = forwardLine
			if fwd < 0 {
				fwd = i
			}
		case isRule(t):
			kinds[i] = ruleLine
		default:
			if v, ok := headerValue(t, mailSubjects); ok {
				kinds[i] = subjectLine
				subjects = append(subjects, v)
				headers++
			} else if _, ok := headerValue(t, mailHeaders); ok {
				kinds[i] = headerLine
				headers++
			}
		}
	}
	if fwd < 0 && headers < 2 {
		return text
	}
	// The forwarded message runs from its marker (or, with headers
	// alone, from the start) to the first rule after it.
	start, end := max(fwd, 0), len(lines)
	for i := start + 1; i < len(lines); i++ {
		if kinds[i] == ruleLine {
			end = i
			break
		}
	}
	var note, body, all []string
	for i, l := range lines {
		switch kinds[i] {
		case headerLine, forwardLine, ruleLine:
			continue
		case subjectLine:
			all = append(all, subjects[0])
			subjects = subjects[1:]
			continue
		}
		all = append(all, l)
		if i > start && i < end {
			body = append(body, l)
		} else if fwd >= 0 {
			note = append(note, l)
		}
	}
	noteText := strings.TrimSpace(strings.Join(note, "\n"))
	if noteText != "" && asks(noteText) && !strings.ContainsAny(strings.Join(body, "\n"), "?？") {
		if !hasPronoun(textnorm.Normalize(noteText), cueLangs(DetectLang(noteText))) {
			return noteText
		}
		return noteText + "\n" + strings.Join(subjectsOf(lines, kinds), "\n")
	}
	return strings.TrimSpace(strings.Join(all, "\n"))
}

// subjectsOf returns the values of the subject lines.
func subjectsOf(lines []string, kinds []mailLine) []string {
	var out []string
	for i, k := range kinds {
		if k == subjectLine {
			v, _ := headerValue(strings.TrimSpace(lines[i]), mailSubjects)
			out = append(out, v)
		}
	}
	return out
}

// asks reports whether text holds a question: a question mark or a
// question cue.
func asks(text string) bool {
	return strings.ContainsAny(text, "?？") || textnorm.HasPhrase(textnorm.Normalize(text), questionCues)
}

// headerValue returns the value of a header line opening with one of
// labels and a colon ("Subject: FW: sites" → "FW: sites").
func headerValue(line string, labels []string) (string, bool) {
	lower := strings.ToLower(line)
	for _, l := range labels {
		if !strings.HasPrefix(lower, l) {
			continue
		}
		rest := strings.TrimLeft(line[len(l):], " \t")
		for _, colon := range []string{":", "："} {
			if v, ok := strings.CutPrefix(rest, colon); ok {
				return strings.TrimSpace(v), true
			}
		}
	}
	return "", false
}

// isForwardMark reports whether line marks a forwarded message: a forward
// word set off by dashes or ended by a colon ("----- Forwarded -----",
// "Begin forwarded message:", "転送：タインホア省の件" is a subject, not a mark).
func isForwardMark(line string) bool {
	lower := strings.ToLower(line)
	for _, m := range forwardMarks {
		if strings.Contains(lower, m) && utf8.RuneCountInString(line) <= markRunes &&
			(strings.HasPrefix(line, "---") || strings.HasPrefix(line, "===") || strings.HasSuffix(line, ":")) {
			return true
		}
	}
	return false
}

// markRunes is the longest a forward marker line is: a sentence that
// says something was forwarded is not one.
const markRunes = 60

// isRule reports whether line is a rule of dashes, equals signs or
// underscores alone ("---").
func isRule(line string) bool {
	return len(line) >= 3 && strings.Trim(line, "-=_* ") == ""
}
