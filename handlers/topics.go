package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/locales"
)

func (r *Router) registerTopics() {
	for cmd, kind := range map[string]base.Kind{
		"zones":      base.KindZone,
		"incentives": base.KindIncentive,
		"stats":      base.KindStat,
		"partners":   base.KindPartner,
		"contacts":   base.KindContact,
		"events":     base.KindEvent,
	} {
		r.command(cmd, investbot.RoleInvestor, func(_ context.Context, tn *turn) investbot.Reply { return r.kindList(tn, kind) })
	}
	r.command("compare", investbot.RoleInvestor, func(_ context.Context, tn *turn) investbot.Reply { return r.compareZones(tn) })
	r.callback(cbKind, investbot.RoleInvestor, func(_ context.Context, tn *turn, arg string) investbot.Reply {
		return r.kindList(tn, base.Kind(arg))
	})
	r.callback(cbCompare, investbot.RoleInvestor, func(_ context.Context, tn *turn, _ string) investbot.Reply { return r.compareZones(tn) })
	r.callback(cbEntry, investbot.RoleInvestor, func(_ context.Context, tn *turn, id string) investbot.Reply {
		e := tn.kb.Entry(id)
		if e == nil {
			return r.menuReply(tn, r.t(msgEntryGone, tn.lang))
		}
		return r.entryReply(tn, e, 1)
	})
}

// kindList shows the entries of one kind as buttons, one per row so that
// long titles stay readable on a phone.
func (r *Router) kindList(tn *turn, kind base.Kind) investbot.Reply {
	entries := tn.kb.ByKind(kind)
	label, ok := kindMenus[kind]
	if !ok || len(entries) == 0 {
		return r.menuReply(tn, r.t(msgPickTopic, tn.lang))
	}
	var rows [][]investbot.Button
	for _, e := range entries {
		rows = append(rows, []investbot.Button{{Text: e.Title.In(tn.lang), Data: cbEntry + ":" + e.ID}})
	}
	if kind == base.KindZone {
		rows = append(rows, []investbot.Button{{Text: r.t(msgMenuCompare, tn.lang), Data: cbCompare}})
	}
	if kind == base.KindContact {
		rows = append(rows, []investbot.Button{{Text: r.t(leadButton, tn.lang), Data: cbLead + ":start"}})
	}
	if kind == base.KindEvent {
		rows = append(rows, []investbot.Button{{Text: r.t(msgSubscribe, tn.lang), Data: cbSub}})
	}
	rows = append(rows, []investbot.Button{{Text: r.t(msgBackToMenu, tn.lang), Data: cbMenu}})
	return investbot.Reply{
		Messages: []investbot.Message{{Title: r.t(label, tn.lang), Text: r.t(msgPickTopic, tn.lang), Buttons: rows}},
		Meta:     investbot.Meta{Intent: investbot.ListIntent(string(kind))},
	}
}

// entryReply renders one entry as the answer, in the turn's language, with
// its sources, buttons for related entries and a map pin where the
// coordinates are sourced.
func (r *Router) entryReply(tn *turn, e *base.Entry, confidence float64) investbot.Reply {
	lang := tn.lang
	m := investbot.Message{
		Title:   e.Title.In(lang),
		Text:    r.entryText(e.Answer.In(lang)) + "\n\n" + sourcesLine(r.loc, e, lang),
		Buttons: r.entryButtons(tn, e),
	}
	if z := e.Zone; z != nil && z.Coordinates != nil {
		m.Venue = &investbot.Venue{Lat: z.Coordinates.Lat, Lon: z.Coordinates.Lon, Title: e.Title.In(lang), Address: zoneAddress(z)}
	}
	tn.sess.LastEntry = e.ID
	tn.sess.LastAt = r.d.Now()
	tn.sess.Frame = knowledge.PushFrame(tn.sess.Frame, e.ID, lang)
	if e.Gap {
		// What the sources do not give is still a question the bot
		// could not answer: it counts towards the offer of a person.
		tn.sess.Misses++
	} else {
		tn.sess.Misses = 0
	}
	return investbot.Reply{
		Messages: []investbot.Message{m},
		Meta: investbot.Meta{
			Lang:       lang,
			Answered:   !e.Gap,
			Intent:     investbot.Intent(e.ID),
			Confidence: confidence,
			Sources:    e.SourceRefs(),
		},
		Events: answeredUnlessGap(e),
	}
}

// answeredUnlessGap is the event of a reply with e's answer: a gap entry
// (what the sources do not give) answers nothing.
func answeredUnlessGap(e *base.Entry) []investbot.Event {
	if e.Gap {
		return nil
	}
	return []investbot.Event{investbot.Answered{}}
}

// withAlso adds a second entry's answer to reply, for a question two
// entries explain equally well ("how big is the WHA park?" when WHA has
// two). It follows the first answer, each under its own title, and the
// buttons move to it so that they stay under what was read last.
func (r *Router) withAlso(tn *turn, reply investbot.Reply, e *base.Entry) investbot.Reply {
	lang := tn.lang
	if len(reply.Messages) == 0 || e == nil {
		return reply
	}
	last := &reply.Messages[len(reply.Messages)-1]
	// A button to the entry now shown in full would only repeat it.
	var rows [][]investbot.Button
	for _, row := range last.Buttons {
		if len(row) == 1 && row[0].Data == cbEntry+":"+e.ID {
			continue
		}
		rows = append(rows, row)
	}
	m := investbot.Message{
		Title:   e.Title.In(lang),
		Text:    r.entryText(e.Answer.In(lang)) + "\n\n" + sourcesLine(r.loc, e, lang),
		Buttons: rows,
	}
	last.Buttons = nil
	reply.Messages = append(reply.Messages, m)
	reply.Meta.Sources = dedupe(append(reply.Meta.Sources, e.SourceRefs()...))
	return reply
}

func (r *Router) entryButtons(tn *turn, e *base.Entry) [][]investbot.Button {
	lang := tn.lang
	var rows [][]investbot.Button
	seen := map[string]bool{e.ID: true}
	add := func(id, label string) {
		if seen[id] || len(rows) >= 4 {
			return
		}
		rel := tn.kb.Entry(id)
		if rel == nil {
			return
		}
		seen[id] = true
		if label == "" {
			label = rel.Title.In(lang)
		}
		rows = append(rows, []investbot.Button{{Text: label, Data: cbEntry + ":" + id}})
	}
	if e.Kind == base.KindZone {
		for _, id := range e.Related {
			if strings.HasPrefix(id, "incentive.") {
				add(id, r.t(msgIncentivesButton, lang))
				break
			}
		}
	}
	for _, id := range e.Related {
		add(id, "")
	}
	if e.Kind == base.KindContact {
		rows = append(rows, []investbot.Button{{Text: r.t(leadButton, lang), Data: cbLead + ":start"}})
	}
	rows = append(rows, []investbot.Button{{Text: r.t(msgMenuDesk, lang), Data: cbDesk}})
	rows = append(rows, []investbot.Button{{Text: r.t(msgBackToMenu, lang), Data: cbMenu}})
	return rows
}

// sourcesLine names every source by its title in lang (headline or law
// number and title, with its date), never its file name, and the newest
// as-of date.
func sourcesLine(loc *locales.Catalog, e *base.Entry, lang investbot.Lang) string {
	var names []string
	for _, s := range e.Sources {
		names = append(names, s.Name(lang))
	}
	line := tr(loc, msgSources, lang) + ": " + strings.Join(names, "; ")
	if asOf := e.AsOf(); !asOf.IsZero() {
		line += " · " + tr(loc, msgAsOf, lang) + " " + asOf.Format("2006-01-02")
	}
	return line
}

func zoneAddress(z *base.Zone) string {
	var parts []string
	for _, p := range []string{z.Commune, z.FormerDistrict, "Thanh Hóa"} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// compareZones lays the zones side by side. Telegram has no tables, so each
// zone is a short block of aligned lines in a fixed-width font, which reads
// well on a narrow phone screen where a wide grid would wrap.
func (r *Router) compareZones(tn *turn) investbot.Reply {
	return r.zoneTable(tn, tn.kb.ByKind(base.KindZone), investbot.CompareIntent("zones"))
}

// zoneTable lays zones side by side, each field on its own aligned line,
// with each zone's sources under the table.
func (r *Router) zoneTable(tn *turn, zones []*base.Entry, intent investbot.Intent) investbot.Reply {
	lang := tn.lang
	labels := r.list(listCompareLabels, lang)
	width := 0
	for _, l := range labels {
		width = max(width, utf8.RuneCountInString(l))
	}
	line := func(label, value string) string {
		pad := width - utf8.RuneCountInString(label)
		return label + strings.Repeat(" ", pad) + "  " + value + "\n"
	}
	var b strings.Builder
	var rows [][]investbot.Button
	var refs []string
	for _, e := range zones {
		z := e.Zone
		if z == nil {
			if len(zones) > 3 {
				continue
			}
			// A zone the sources describe only in words: every field
			// shows as not given.
			z = &base.Zone{}
		}
		b.WriteString("▪ " + e.Title.In(lang) + "\n")
		b.WriteString(line(labels[0], orDash(areaText(z, lang))))
		b.WriteString(line(labels[1], orDash(developerText(r.loc, z, lang))))
		b.WriteString(line(labels[2], orDash(stageText(r.loc, z, lang))))
		b.WriteString(line(labels[3], orDash(locationText(z))))
		if len(zones) <= 3 {
			b.WriteString(line(labels[4], orDash(investmentText(z))))
		}
		// Every figure above comes from this entry: its sources and date
		// go with it, as under any answer.
		b.WriteString(sourcesLine(r.loc, e, lang) + "\n")
		b.WriteString("\n")
		rows = append(rows, []investbot.Button{{Text: e.Title.In(lang), Data: cbEntry + ":" + e.ID}})
		refs = append(refs, e.SourceRefs()...)
	}
	text := strings.TrimRight(b.String(), "\n")
	msgs := []investbot.Message{{Title: r.t(msgCompareTitle, lang), Text: text, Pre: true, Buttons: rows}}
	if len(zones) <= 3 {
		// A comparison asked for names its sources, as every answer does.
		var src []string
		for _, e := range zones {
			src = append(src, "▪ "+e.Title.In(lang)+" — "+sourcesLine(r.loc, e, lang))
		}
		msgs[0].Buttons = nil
		msgs = append(msgs, investbot.Message{Text: strings.Join(src, "\n"), Buttons: rows})
	}
	rows = append(rows, r.appButton(tn)...)
	rows = append(rows, []investbot.Button{{Text: r.t(msgBackToMenu, lang), Data: cbMenu}})
	msgs[len(msgs)-1].Buttons = rows
	return investbot.Reply{
		Messages: msgs,
		Meta:     investbot.Meta{Lang: lang, Intent: intent, Answered: true, Sources: dedupe(refs)},
	}
}

func zoneSources(kb *knowledge.KB) []string {
	seen := map[string]bool{}
	var refs []string
	for _, e := range kb.ByKind(base.KindZone) {
		for _, ref := range e.SourceRefs() {
			if !seen[ref] {
				seen[ref] = true
				refs = append(refs, ref)
			}
		}
	}
	return refs
}

func areaText(z *base.Zone, lang investbot.Lang) string {
	if note := z.AreaNote.In(lang); note != "" {
		return note
	}
	if z.AreaHa > 0 {
		return strconv.FormatFloat(z.AreaHa, 'f', -1, 64) + " ha"
	}
	return ""
}

func developerText(loc *locales.Catalog, z *base.Zone, lang investbot.Lang) string {
	if z.Developer == "" {
		return ""
	}
	if c := z.DeveloperCountry; c != "" {
		if name, ok := loc.Lookup(string(countryKey(strings.ToLower(c)))); ok {
			c = name.In(lang)
		}
		return fmt.Sprintf("%s (%s)", z.Developer, c)
	}
	return z.Developer
}

func stageText(loc *locales.Catalog, z *base.Zone, lang investbot.Lang) string {
	s := stageName(loc, z.Stage, lang)
	if s != "" && z.StageDate != "" {
		s += " (" + z.StageDate + ")"
	}
	return s
}

func locationText(z *base.Zone) string {
	var parts []string
	for _, p := range []string{z.HostPark, z.Commune, z.FormerDistrict} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
