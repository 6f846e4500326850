package handlers

import (
	"strconv"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/locales"
)

// understoodReply renders the answers the engine reads off a question's
// structure: a comparison, several questions in one message, or one aspect
// of the entity the conversation is about. It reports false for a plain
// answer.
func (r *Router) understoodReply(tn *turn, res knowledge.Result) (investbot.Reply, bool) {
	switch {
	case res.Missing != "" && res.Partial:
		return r.partialReply(tn, res), true
	case res.Missing != "":
		return r.missingReply(tn, res), true
	case len(res.Compare) >= 2:
		reply := r.zoneTable(tn, res.Compare, investbot.CompareIntent(idList(res.Compare)))
		reply.Meta.Confidence = res.Best.Confidence
		return reply, true
	case len(res.Parts) >= 2:
		return r.partsReply(tn, res), true
	case res.FollowUp && res.Aspect != "":
		return r.aspectReply(tn, res.Best.Entry, res.Aspect, res.Best.Confidence)
	}
	return investbot.Reply{}, false
}

func idList(es []*base.Entry) string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return strings.Join(ids, ",")
}

// partsReply answers each question of the message in turn, each under its
// own title with its sources; the buttons stay under the last.
func (r *Router) partsReply(tn *turn, res knowledge.Result) investbot.Reply {
	var out investbot.Reply
	for i, p := range res.Parts {
		rp := r.entryReply(tn, p.Best.Entry, p.Best.Confidence)
		if p.Missing != "" {
			rp = r.missingReply(tn, p)
		}
		if i == 0 {
			out = rp
			continue
		}
		if n := len(out.Messages); n > 0 {
			out.Messages[n-1].Buttons = nil
		}
		out.Messages = append(out.Messages, rp.Messages...)
		out.Meta.Sources = dedupe(append(out.Meta.Sources, rp.Meta.Sources...))
	}
	out.Meta.Intent = investbot.Intent(res.Parts[0].Best.Entry.ID)
	return out
}

// missingReply says in one sentence that the sources do not give the
// fact asked of the entity, offers the Japan Desk and the entity's full
// entry, and counts as not answered (like a gap entry).
func (r *Router) missingReply(tn *turn, res knowledge.Result) investbot.Reply {
	lang, e := tn.lang, res.Best.Entry
	reply := r.entryReply(tn, e, res.Best.Confidence)
	tn.sess.Misses++
	m := &reply.Messages[0]
	m.Title = ""
	m.Text = missingText(r.loc, res, lang) + "\n\n" + r.offerDesk(lang)
	m.Venue = nil
	m.Buttons = [][]investbot.Button{
		{{Text: r.t(understandFull, lang), Data: cbEntry + ":" + e.ID}},
		{{Text: r.t(msgMenuDesk, lang), Data: cbDesk}},
	}
	reply.Meta.Answered = false
	reply.Events = nil
	reply.Meta.Sources = nil
	reply.Meta.Missing = res.Missing
	return reply
}

// missingText says that the sources do not give the fact asked of the
// entry; a year's figures are not a fact of the entry, which is only the
// closest one.
func missingText(loc *locales.Catalog, res knowledge.Result, lang investbot.Lang) string {
	key := understandMissing
	if strings.HasPrefix(res.Missing, "year:") || strings.HasPrefix(res.Missing, "for:") || strings.HasPrefix(res.Missing, "name:") {
		key = understandMissingYear
	}
	return loc.F(string(key), lang, knowledge.FactLabel(res.Missing, lang), res.Best.Entry.Title.In(lang))
}

// partialReply answers a question of which one part asks a fact the
// entry does not give: the entry, after a sentence saying what it lacks.
func (r *Router) partialReply(tn *turn, res knowledge.Result) investbot.Reply {
	lang, e := tn.lang, res.Best.Entry
	reply := r.entryReply(tn, e, res.Best.Confidence)
	m := &reply.Messages[0]
	m.Text = missingText(r.loc, res, lang) + "\n\n" + m.Text
	return reply
}

// aspectReply answers one aspect of e in a sentence or two with the
// source, and offers the full entry. Contacts and incentives are answers
// in full; an aspect the entry says nothing about falls back to the whole
// entry (false) unless it is a zone fact the sources do not give, which is
// said plainly.
func (r *Router) aspectReply(tn *turn, e *base.Entry, a knowledge.Aspect, conf float64) (investbot.Reply, bool) {
	if a == knowledge.AspectContact || a == knowledge.AspectIncentives {
		return investbot.Reply{}, false
	}
	lang := tn.lang
	text := aspectText(r.loc, e, a, lang, tn.req.Text)
	if text == "" {
		return investbot.Reply{}, false
	}
	reply := r.entryReply(tn, e, conf)
	m := &reply.Messages[0]
	m.Text = text + "\n\n" + sourcesLine(r.loc, e, lang)
	m.Buttons = append([][]investbot.Button{{{Text: r.t(understandFull, lang), Data: cbEntry + ":" + e.ID}}}, m.Buttons...)
	return reply, true
}

// aspectText is the short answer: the zone's structured field; else the
// answer's sentences about the aspect (which may say the sources do not
// give it); else, for a zone fact, that the sources do not give it.
func aspectText(loc *locales.Catalog, e *base.Entry, a knowledge.Aspect, lang investbot.Lang, question string) string {
	zone := e.Kind == base.KindZone && !strings.HasSuffix(e.ID, ".overview")
	z := e.Zone
	if z == nil {
		z = &base.Zone{}
	}
	label, v, isFact := zoneFact(loc, z, a, lang)
	title := e.Title.In(lang)
	if zone && v != "" {
		line := title + " — " + label + ": " + v
		if a != knowledge.AspectStage {
			return line
		}
		if s := knowledge.OwnWordSentences(e, lang, question); len(s) > 0 {
			// "When did they start exploring the province?" asks what
			// the sentence holding those words dates, not the stage,
			// which follows as the fallback.
			return strings.Join(s, " ") + "\n" + line
		}
		// A stage is terse ("approved (2025-05)"); the entry's sentence
		// about it gives the dates ("ground to be broken in Q1 2026"),
		// else its first sentence giving a year.
		s := knowledge.AspectSentences(e, a, lang)
		if len(s) == 0 {
			s = knowledge.DatedSentences(e, lang)
		}
		if len(s) > 0 {
			line += "\n" + s[0]
		}
		return line
	}
	if s := knowledge.AspectSentencesFor(e, a, lang, question); len(s) > 0 {
		return strings.Join(s, " ")
	}
	if zone && isFact {
		return loc.F(string(understandMissing), lang, strings.ToLower(label), title)
	}
	return ""
}

// zoneFact returns the label and value of the zone field that answers a;
// ok is false when no field does.
func zoneFact(loc *locales.Catalog, z *base.Zone, a knowledge.Aspect, lang investbot.Lang) (label, value string, ok bool) {
	labels := listOf(loc, listCompareLabels, lang)
	switch a {
	case knowledge.AspectSize:
		return labels[0], areaText(z, lang), true
	case knowledge.AspectDeveloper:
		return labels[1], developerText(loc, z, lang), true
	case knowledge.AspectStage:
		return labels[2], stageText(loc, z, lang), true
	case knowledge.AspectLocation:
		return labels[3], locationText(z), true
	case knowledge.AspectInvestment:
		return labels[4], investmentText(z), true
	}
	return "", "", false
}

func investmentText(z *base.Zone) string {
	if z.InvestmentUSDm <= 0 {
		return ""
	}
	return strconv.FormatFloat(z.InvestmentUSDm, 'f', -1, 64) + " million USD"
}
