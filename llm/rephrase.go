package llm

import (
	"context"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// Rephrase writes a reply-ready answer to question from entry e in lang,
// for Japan Desk staff (STAFF_REPHRASE). It follows the same prompt rules,
// breaker and grounding check as the fallback, and spends no investor's
// quota. ok is false when the model fails, refuses, or writes anything the
// entry does not support: staff then use the entry's own answer.
func (f *Fallback) Rephrase(ctx context.Context, e *base.Entry, question string, lang investbot.Lang) (string, bool) {
	if e == nil || strings.TrimSpace(question) == "" {
		return "", false
	}
	log := f.log.With("lang", string(lang), "entry", e.ID, "purpose", "staff_rephrase")
	if suspicious(question) {
		f.outcome(log, Suspicious, "")
		return "", false
	}
	if !f.breaker.Allow() {
		f.outcome(log, BreakerOpen, "")
		return "", false
	}
	snippets := []knowledge.Match{{Entry: e, Confidence: 1}}
	system := systemPrompt(f.loc, lang)
	reply, reason, detail := f.call(ctx, system, userPrompt(f.loc, snippets, question, lang))
	if reason != "" {
		f.outcome(log, reason, detail)
		return "", false
	}
	v := checkReply(reply, newCorpus(snippets), system)
	if v.reason != "" {
		f.outcome(log, v.reason, v.detail)
		return "", false
	}
	f.outcome(log, Answered, e.ID)
	return v.gen.Text, true
}
