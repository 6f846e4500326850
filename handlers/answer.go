package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// suggestFloor is the confidence below which a candidate is too weak even to
// be offered as "did you mean": suggesting unrelated topics confuses more
// than it helps.
const suggestFloor = 0.25

// contactOverviewID is the entry listing every office: the answer to "who
// can investors contact", not to a request for one person.
const contactOverviewID = "contact.overview"

// freeText answers a typed question from the knowledge base, or says
// honestly that it cannot and offers the Japan Desk.
func (r *Router) freeText(ctx context.Context, tn *turn) investbot.Reply {
	text := strings.TrimSpace(tn.req.Text)
	if text == "" {
		return investbot.Reply{Messages: []investbot.Message{{Text: r.t(msgEmpty, tn.lang), Buttons: r.mainMenu(tn.lang)}}, Meta: investbot.Meta{Intent: investbot.IntentEmpty}}
	}
	if kind := smallTalk(text); kind != "" {
		return r.smallTalkReply(tn, text, kind)
	}
	human, spelled := tn.kb.PersonRequest(text)
	human = human && tn.req.Chat == investbot.ChatPrivate
	q, cut := questionExcerpt(text)
	res, err := r.ask(ctx, tn, q)
	if cut && err == nil && !res.Answered() {
		// A letter whose introduction touches several topics can leave the
		// engine unsure of the whole; what it asks, alone, may not.
		if qs := askingSentences(q); qs != "" {
			if alt, aerr := r.ask(ctx, tn, qs); aerr == nil && alt.Answered() {
				res = alt
			}
		}
	}
	if err != nil {
		r.d.Log.Error("answer", "update_id", tn.req.UpdateID, "err", err)
		res = knowledge.Result{Lang: tn.lang}
	}
	if human && !spelled && res.Missing != "" {
		// "…の平均月給の水準もお伺いしたいそうです": a verb of asking beside
		// "お伺い" (to ask, to visit) reads as a request, but the engine
		// found a specific fact asked, which the sources do not give: the
		// asker wants to know it, and is told so.
		human = false
	}
	// A request for a person is handed over: what it asks (a meeting, a
	// quote, a registration, a call back, one's own file) is done by a
	// person, not by an entry. When the message names an entry ("connect
	// me with WHA", "a meeting with the investment board"), what the
	// sources say about it comes with the hand-over.
	// Two exceptions for a request read from a verb and an object (not a
	// person asked for in so many words): one that also asks a fact the
	// sources lack ("I'd like to contact JETRO, its phone number?", a
	// quote for a price no source gives) is answered honestly — not
	// given — and one for what is no investor's business here (a flight
	// to book) is out of scope; both replies offer the desk.
	if human && (spelled || !asksMissingFact(res) && !res.OutOfScope) {
		return r.deskStartWith(ctx, tn, namedEntry(tn, text, res))
	}
	reply := r.resultReply(tn, res)
	if res.Answered() && len(res.Unsure) > 0 {
		// Each question of the message gets its reply: those nothing
		// answers are said to have none, after the answers.
		for _, u := range res.Unsure {
			u, _ = clip(u, 120)
			reply.Messages = append(reply.Messages, investbot.Message{Text: r.loc.F(string(msgDontKnowPart), tn.lang, u)})
		}
	}
	if res.Frame != nil {
		tn.sess.Frame = res.Frame
	}
	switch {
	case human && r.deskConnected():
		if n := len(reply.Messages); n > 0 {
			reply.Messages[n-1].Buttons = append(reply.Messages[n-1].Buttons, []investbot.Button{{Text: r.t(msgMenuDesk, tn.lang), Data: cbDesk}})
		}
	case human:
		reply.Messages = append([]investbot.Message{{Text: r.t(msgDeskNoGroup, tn.lang)}}, reply.Messages...)
	}
	r.record(ctx, tn.req.UserID, q, reply.Meta)
	tn.remember(q, reply.Meta, r.d.Now())
	if cut {
		reply.Messages = append([]investbot.Message{{Text: r.t(msgTooLong, tn.lang)}}, reply.Messages...)
	}
	return reply
}

// namedEntry is the entry a request for a person names as its subject
// ("connect me with the WHA people", "a meeting with the investment
// board"): the first of the engine's candidates, best first, that the
// message calls by one of its own names — an office, a company, a zone or
// an event. A request the engine reads as one for the desk itself ("someone
// who speaks Japanese") names nothing; nor does an entry the engine found
// from the request's own words ("面談の設定をお願いします" finds the
// provincial leadership).
func namedEntry(tn *turn, text string, res knowledge.Result) *base.Entry {
	if res.Best == nil || res.Best.Entry == nil || res.Answered() && res.Best.Entry.ID == deskEntryID {
		return nil
	}
	ms := []knowledge.Match{*res.Best}
	if res.Also != nil {
		ms = append(ms, *res.Also)
	}
	for _, m := range append(ms, res.RunnersUp...) {
		e := m.Entry
		if e == nil || e.ID == deskEntryID || e.Gap {
			continue
		}
		switch e.Kind {
		case base.KindContact:
			if tn.kb.Names(text, e.ID) { // an office, by its name
				return e
			}
		case base.KindPartner, base.KindZone, base.KindEvent:
			if tn.kb.NamesAsSubject(text, e.ID) {
				return e
			}
		}
	}
	return nil
}

// asksMissingFact reports whether a request for a person also asks a
// fact the sources do not give (a phone number, an e-mail): the reply says
// so, with the desk offered, rather than handing over without a word.
func asksMissingFact(res knowledge.Result) bool {
	return res.Answered() && (res.Missing != "" || res.Best.Entry != nil && res.Best.Entry.Gap)
}

func (r *Router) ask(ctx context.Context, tn *turn, q string) (knowledge.Result, error) {
	return r.d.Answerer.Answer(ctx, tn.kb, knowledge.Query{
		Text:    q,
		Lang:    tn.lang,
		Context: tn.sess.LastEntry,
		Frame:   tn.sess.Frame,
		UserID:  tn.req.UserID,
	})
}

// remember keeps the question in the session's short history, for the
// transcript of a later handoff.
func (tn *turn) remember(q string, m investbot.Meta, now time.Time) {
	q, _ = clip(q, 200)
	x := investbot.Exchange{Q: q, At: now}
	if m.Answered {
		x.Intent = string(m.Intent)
	}
	tn.sess.Recent = append(tn.sess.Recent, x)
	if n := len(tn.sess.Recent); n > investbot.MaxRecent {
		tn.sess.Recent = append([]investbot.Exchange(nil), tn.sess.Recent[n-investbot.MaxRecent:]...)
	}
}

func (tn *turn) preferredLang() investbot.Lang {
	if tn.sess.Lang.Valid() {
		return tn.sess.Lang
	}
	return tn.req.LangHint
}

// resultReply renders the engine's verdict.
func (r *Router) resultReply(tn *turn, res knowledge.Result) investbot.Reply {
	lang := tn.lang
	switch {
	case res.Generated != nil:
		return r.generatedReply(tn, res)
	case res.Answered():
		if reply, ok := r.understoodReply(tn, res); ok {
			return reply
		}
		reply := r.entryReply(tn, res.Best.Entry, res.Best.Confidence)
		if res.Also != nil {
			reply = r.withAlso(tn, reply, res.Also.Entry)
		}
		return reply
	case res.OutOfScope || res.Best == nil:
		tn.sess.Misses++
		return investbot.Reply{
			Messages: []investbot.Message{{
				Text: r.t(msgOutOfScope, lang) + "\n\n" + r.offerDesk(lang),
				Buttons: [][]investbot.Button{
					{{Text: r.t(msgMenuDesk, lang), Data: cbDesk}},
					{{Text: r.t(msgBackToMenu, lang), Data: cbMenu}},
				},
			}},
			Meta:   investbot.Meta{Lang: lang, Intent: investbot.IntentOutOfScope, Confidence: confidenceOf(res)},
			Events: []investbot.Event{investbot.Unanswered{Why: investbot.IntentOutOfScope}},
		}
	case res.Ambiguous && len(r.candidates(res, 3)) >= 2:
		tn.sess.Misses++
		cands := r.candidates(res, 3)
		return investbot.Reply{
			Messages: []investbot.Message{{Text: r.t(msgDidYouMean, lang), Buttons: r.suggestions(tn, cands)}},
			Meta:     investbot.Meta{Lang: lang, Intent: investbot.IntentDidYouMean, Confidence: confidenceOf(res), Candidates: entryIDs(cands)},
			Events:   []investbot.Event{investbot.Unanswered{Why: investbot.IntentDidYouMean}},
		}
	default:
		// Not sure, and at most one plausible entry: a "did you mean" with
		// one choice (or none) would be a guess in disguise, so the reply
		// is an honest "I don't know" with the Japan Desk.
		tn.sess.Misses++
		cands := r.candidates(res, 2)
		return investbot.Reply{
			Messages: []investbot.Message{{Text: r.t(msgDontKnow, lang) + "\n\n" + r.offerDesk(lang), Buttons: r.suggestions(tn, cands)}},
			Meta:     investbot.Meta{Lang: lang, Intent: investbot.IntentUnanswered, Confidence: confidenceOf(res), Candidates: entryIDs(cands)},
			Events:   []investbot.Event{investbot.Unanswered{Why: investbot.IntentUnanswered}},
		}
	}
}

// candidates are up to n entries plausible enough to offer, best first.
func (r *Router) candidates(res knowledge.Result, n int) []*base.Entry {
	var out []*base.Entry
	seen := map[string]bool{}
	ms := append([]knowledge.Match{}, res.RunnersUp...)
	if res.Best != nil {
		ms = append([]knowledge.Match{*res.Best}, ms...)
	}
	for _, m := range ms {
		if len(out) >= n || m.Entry == nil || m.Confidence < suggestFloor || seen[m.Entry.ID] {
			continue
		}
		seen[m.Entry.ID] = true
		out = append(out, m.Entry)
	}
	return out
}

func entryIDs(es []*base.Entry) []string {
	var ids []string
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

// suggestions is a button per entry, then the desk and the menu.
func (r *Router) suggestions(tn *turn, es []*base.Entry) [][]investbot.Button {
	var rows [][]investbot.Button
	for _, e := range es {
		rows = append(rows, []investbot.Button{{Text: e.Title.In(tn.lang), Data: cbEntry + ":" + e.ID}})
	}
	rows = append(rows,
		[]investbot.Button{{Text: r.t(msgMenuDesk, tn.lang), Data: cbDesk}},
		[]investbot.Button{{Text: r.t(msgBackToMenu, tn.lang), Data: cbMenu}},
	)
	return rows
}

// generatedReply shows an LLM answer that passed the grounding check, marked
// as such, with the sources of the entries it cites.
func (r *Router) generatedReply(tn *turn, res knowledge.Result) investbot.Reply {
	lang := tn.lang
	var lines, refs []string
	var first *base.Entry
	for _, id := range res.Generated.Cites {
		e := tn.kb.Entry(id)
		if e == nil {
			continue
		}
		if first == nil {
			first = e
		}
		lines = append(lines, "• "+e.Title.In(lang)+" — "+sourcesLine(r.loc, e, lang))
		refs = append(refs, e.SourceRefs()...)
	}
	text := res.Generated.Text + "\n\n" + r.t(msgGenerated, lang)
	if len(lines) > 0 {
		text += "\n" + strings.Join(lines, "\n")
	}
	var rows [][]investbot.Button
	if first != nil {
		rows = r.entryButtons(tn, first)
		tn.sess.LastEntry = first.ID
		tn.sess.LastAt = r.d.Now()
	}
	tn.sess.Misses = 0
	intent := investbot.IntentGenerated
	if first != nil {
		intent = investbot.Intent(first.ID)
	}
	return investbot.Reply{
		Messages: []investbot.Message{{Text: text, Buttons: rows}},
		Meta: investbot.Meta{
			Lang: lang, Answered: true, Generated: true, Intent: intent,
			Confidence: confidenceOf(res), Sources: dedupe(refs),
		},
		Events: []investbot.Event{investbot.Answered{Generated: true}},
	}
}

func confidenceOf(res knowledge.Result) float64 {
	if res.Best == nil {
		return 0
	}
	return res.Best.Confidence
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// greetingWords and thanksWords are what a message made only of small talk
// is written with ("hello there", "xin chào bạn", "ありがとうございます"),
// from the engine's word files (knowledge/words/*.yaml).
// Such a message gets a greeting or a "you're welcome" with the menu, not
// "I can only help with investing".
var (
	greetingWords = phraseSet(knowledge.Words("greeting"))
	thanksWords   = phraseSet(knowledge.Words("thanks"))
	// smallTalkHeads are the words that make a message a greeting or
	// thanks; the other words in the sets may only accompany them.
	greetingHeads = phraseSet(knowledge.Words("greeting_heads"))
	thanksHeads   = phraseSet(knowledge.Words("thanks_heads"))
)

func phraseSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[textnorm.Normalize(w)] = true
	}
	return m
}

// smallTalk reports IntentGreeting or IntentThanks when text is nothing
// else, "" otherwise.
func smallTalk(text string) investbot.Intent {
	words := strings.Fields(textnorm.Normalize(text))
	if len(words) == 0 || len(words) > 6 {
		return ""
	}
	only := func(set, heads map[string]bool) bool {
		head := false
		for _, w := range words {
			if !set[w] {
				return false
			}
			head = head || heads[w]
		}
		return head
	}
	switch {
	case only(greetingWords, greetingHeads):
		return investbot.IntentGreeting
	case only(thanksWords, thanksHeads):
		return investbot.IntentThanks
	}
	return ""
}

// smallTalkReply answers a greeting with the welcome and a thanks with a
// "you're welcome", both with the main menu, in the turn's language.
func (r *Router) smallTalkReply(tn *turn, text string, kind investbot.Intent) investbot.Reply {
	m := msgWelcome
	if kind == investbot.IntentThanks {
		m = msgThanks
	}
	return investbot.Reply{
		Messages: []investbot.Message{{Text: r.t(m, tn.lang), Buttons: r.mainMenu(tn.lang)}},
		Meta:     investbot.Meta{Lang: tn.lang, Intent: kind},
	}
}
