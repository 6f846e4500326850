package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
)

// understoodReply renders the answers the engine reads off a question's
// structure: a comparison, several questions in one message, or one aspect
// of the entity the conversation is about. It reports false for a plain
// answer.
func (r *Router) understoodReply(tn *turn, res knowledge.Result) (Reply, bool) {
	switch {
	case res.Missing != "" && res.Partial:
		return r.partialReply(tn, res), true
	case res.Missing != "":
		return r.missingReply(tn, res), true
	case len(res.Compare) >= 2:
		reply := r.zoneTable(tn, res.Compare, "compare."+idList(res.Compare))
		reply.Meta.Confidence = res.Best.Confidence
		return reply, true
	case len(res.Parts) >= 2:
		return r.partsReply(tn, res), true
	case res.FollowUp && res.Aspect != "":
		return r.aspectReply(tn, res.Best.Entry, res.Aspect, res.Best.Confidence)
	}
	return Reply{}, false
}

func idList(es []*knowledge.Entry) string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return strings.Join(ids, ",")
}

// partsReply answers each question of the message in turn, each under its
// own title with its sources; the buttons stay under the last.
func (r *Router) partsReply(tn *turn, res knowledge.Result) Reply {
	var out Reply
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
	out.Meta.Intent = res.Parts[0].Best.Entry.ID
	return out
}

// missingReply says in one sentence that the sources do not give the
// fact asked of the entity, offers the Japan Desk and the entity's full
// entry, and counts as not answered (like a gap entry).
func (r *Router) missingReply(tn *turn, res knowledge.Result) Reply {
	lang, e := tn.lang, res.Best.Entry
	reply := r.entryReply(tn, e, res.Best.Confidence)
	tn.sess.Misses++
	m := &reply.Messages[0]
	m.Title = ""
	m.Text = missingText(res, lang) + "\n\n" + r.offerDesk(lang)
	m.Venue = nil
	m.Buttons = [][]Button{
		{{Text: understandText["full"].In(lang), Data: cbEntry + ":" + e.ID}},
		{{Text: t(msgMenuDesk, lang), Data: cbDesk}},
	}
	reply.Meta.Answered = false
	reply.Meta.Sources = nil
	reply.Meta.Missing = res.Missing
	return reply
}

// missingText says that the sources do not give the fact asked of the
// entry; a year's figures are not a fact of the entry, which is only the
// closest one.
func missingText(res knowledge.Result, lang investbot.Lang) string {
	key := "missing"
	if strings.HasPrefix(res.Missing, "year:") || strings.HasPrefix(res.Missing, "for:") {
		key = "missingYear"
	}
	return fmt.Sprintf(understandText[key].In(lang), knowledge.FactLabel(res.Missing, lang), res.Best.Entry.Title.In(lang))
}

// partialReply answers a question of which one part asks a fact the
// entry does not give: the entry, after a sentence saying what it lacks.
func (r *Router) partialReply(tn *turn, res knowledge.Result) Reply {
	lang, e := tn.lang, res.Best.Entry
	reply := r.entryReply(tn, e, res.Best.Confidence)
	m := &reply.Messages[0]
	m.Text = missingText(res, lang) + "\n\n" + m.Text
	return reply
}

// aspectReply answers one aspect of e in a sentence or two with the
// source, and offers the full entry. Contacts and incentives are answers
// in full; an aspect the entry says nothing about falls back to the whole
// entry (false) unless it is a zone fact the sources do not give, which is
// said plainly.
func (r *Router) aspectReply(tn *turn, e *knowledge.Entry, a knowledge.Aspect, conf float64) (Reply, bool) {
	if a == knowledge.AspectContact || a == knowledge.AspectIncentives {
		return Reply{}, false
	}
	lang := tn.lang
	text := aspectText(e, a, lang)
	if text == "" {
		return Reply{}, false
	}
	reply := r.entryReply(tn, e, conf)
	m := &reply.Messages[0]
	m.Text = text + "\n\n" + sourcesLine(e, lang)
	m.Buttons = append([][]Button{{{Text: understandText["full"].In(lang), Data: cbEntry + ":" + e.ID}}}, m.Buttons...)
	return reply, true
}

// aspectText is the short answer: the zone's structured field; else the
// answer's sentences about the aspect (which may say the sources do not
// give it); else, for a zone fact, that the sources do not give it.
func aspectText(e *knowledge.Entry, a knowledge.Aspect, lang investbot.Lang) string {
	zone := e.Kind == knowledge.KindZone && !strings.HasSuffix(e.ID, ".overview")
	z := e.Zone
	if z == nil {
		z = &knowledge.Zone{}
	}
	label, v, isFact := zoneFact(z, a, lang)
	title := e.Title.In(lang)
	if zone && v != "" {
		return title + " — " + label + ": " + v
	}
	if s := knowledge.AspectSentences(e, a, lang); len(s) > 0 {
		return strings.Join(s, " ")
	}
	if zone && isFact {
		return fmt.Sprintf(understandText["missing"].In(lang), strings.ToLower(label), title)
	}
	return ""
}

// zoneFact returns the label and value of the zone field that answers a;
// ok is false when no field does.
func zoneFact(z *knowledge.Zone, a knowledge.Aspect, lang investbot.Lang) (label, value string, ok bool) {
	labels := compareLabels[lang]
	if labels == nil {
		labels = compareLabels[investbot.EN]
	}
	switch a {
	case knowledge.AspectSize:
		return labels[0], areaText(z, lang), true
	case knowledge.AspectDeveloper:
		return labels[1], developerText(z, lang), true
	case knowledge.AspectStage:
		return labels[2], stageText(z, lang), true
	case knowledge.AspectLocation:
		return labels[3], locationText(z), true
	case knowledge.AspectInvestment:
		return labels[4], investmentText(z), true
	}
	return "", "", false
}

func investmentText(z *knowledge.Zone) string {
	if z.InvestmentUSDm <= 0 {
		return ""
	}
	return strconv.FormatFloat(z.InvestmentUSDm, 'f', -1, 64) + " million USD"
}

// understandText are the fixed texts of short answers, in every language.
var understandText = map[string]knowledge.Text{
	"full": {investbot.EN: "📄 Full answer", investbot.VI: "📄 Câu trả lời đầy đủ", investbot.JA: "📄 詳しい回答", investbot.KO: "📄 전체 답변"},
	// %[1]s is the field ("area"), %[2]s the zone.
	"missing": {
		investbot.EN: "The sources do not give the %[1]s of %[2]s.",
		investbot.VI: "Các nguồn không nêu %[1]s của %[2]s.",
		investbot.JA: "%[2]sの%[1]sは情報源に記載がありません。",
		investbot.KO: "%[2]s의 %[1]s은(는) 자료에 나와 있지 않습니다.",
	},
	"missingYear": {
		investbot.EN: "The sources do not give %[1]s; the closest entry is “%[2]s”.",
		investbot.VI: "Các nguồn không nêu %[1]s; mục gần nhất là “%[2]s”.",
		investbot.JA: "%[1]sは情報源に記載がありません（最も近い項目：「%[2]s」）。",
		investbot.KO: "%[1]s은(는) 자료에 나와 있지 않습니다(가장 가까운 항목: 「%[2]s」).",
	},
}
