package handlers

import (
	"strings"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/locales"
)

// msg is the key of a user-interface text in the locale files
// (locales/*.yaml). The texts themselves are not facts: facts live in the
// knowledge base, with sources. TestEveryKeyIsInTheLocales checks that
// each msg constant names a text or a list of the locale files.
type msg string

const (
	msgWelcome          msg = "welcome"
	msgHelp             msg = "help"
	msgMenuZones        msg = "menu_zones"
	msgMenuIncentives   msg = "menu_incentives"
	msgMenuStats        msg = "menu_stats"
	msgMenuPartners     msg = "menu_partners"
	msgMenuContacts     msg = "menu_contacts"
	msgMenuDesk         msg = "menu_desk"
	msgMenuLanguage     msg = "menu_language"
	msgMenuEvents       msg = "menu_events"
	msgMenuCompare      msg = "menu_compare"
	msgBackToMenu       msg = "back_to_menu"
	msgChooseLanguage   msg = "choose_language"
	msgLanguageSet      msg = "language_set"
	msgDontKnow         msg = "dont_know"
	msgDontKnowPart     msg = "dont_know_part"
	msgOutOfScope       msg = "out_of_scope"
	msgDidYouMean       msg = "did_you_mean"
	msgOfferDesk        msg = "offer_desk"
	msgSources          msg = "sources"
	msgAsOf             msg = "as_of"
	msgIncentivesButton msg = "incentives_button"
	msgPickTopic        msg = "pick_topic"
	msgCompareTitle     msg = "compare_title"
	msgOpenApp          msg = "open_app"
	msgFlood            msg = "flood"
	msgEmpty            msg = "empty"
	msgTooLong          msg = "too_long"
	msgUnsupportedMedia msg = "unsupported_media"
	msgVoice            msg = "voice"
	msgLocation         msg = "location"
	msgUnknownCommand   msg = "unknown_command"
	msgDeskIntro        msg = "desk_intro"
	msgDeskNoGroup      msg = "desk_no_group"
	msgOfferLead        msg = "offer_lead"
	msgBareNumber       msg = "bare_number"
	msgDeskSent         msg = "desk_sent"
	msgUnavailable      msg = "unavailable"
	msgGenerated        msg = "generated"
	msgUnknownButton    msg = "unknown_button"
	msgStaffOnly        msg = "staff_only"
	msgStaffNoMatch     msg = "staff_no_match"
	msgForgetDone       msg = "forget_done"
	msgCancelled        msg = "cancelled"
	msgNothingToCancel  msg = "nothing_to_cancel"
	msgSubscribe        msg = "subscribe"
	msgSubscribed       msg = "subscribed"
	msgUnsubscribed     msg = "unsubscribed"
	msgThanks           msg = "thanks"
	msgEntryGone        msg = "entry_gone"
)

// Texts of desk.
const (
	deskAlready       msg = "desk.already"
	deskClosedByStaff msg = "desk.closed_by_staff"
	deskClosedByYou   msg = "desk.closed_by_you"
	deskClosedNow     msg = "desk.closed_now"
	deskDeskDown      msg = "desk.desk_down"
	deskFrom          msg = "desk.from"
	deskNoTicket      msg = "desk.no_ticket"
	deskOpenNow       msg = "desk.open_now"
	deskRelayed       msg = "desk.relayed"
	deskWhen          msg = "desk.when"
)

// Texts of forget.
const (
	forgetAfter        msg = "forget.after"
	forgetDeskCopies   msg = "forget.desk_copies"
	forgetDone         msg = "forget.done"
	forgetDrafts       msg = "forget.drafts"
	forgetLeads        msg = "forget.leads"
	forgetNothing      msg = "forget.nothing"
	forgetOpen         msg = "forget.open"
	forgetQuestions    msg = "forget.questions"
	forgetSession      msg = "forget.session"
	forgetSubscription msg = "forget.subscription"
	forgetTickets      msg = "forget.tickets"
)

// Texts of lead.
const (
	leadAgree      msg = "lead.agree"
	leadBack       msg = "lead.back"
	leadButton     msg = "lead.button"
	leadCancel     msg = "lead.cancel"
	leadConsent    msg = "lead.consent"
	leadDecline    msg = "lead.decline"
	leadDeclined   msg = "lead.declined"
	leadReview     msg = "lead.review"
	leadSave       msg = "lead.save"
	leadSaved      msg = "lead.saved"
	leadSavedOnly  msg = "lead.saved_only"
	leadSend       msg = "lead.send"
	leadStep       msg = "lead.step"
	leadUnderstood msg = "lead.understood"
)

// Texts of understand.
const (
	understandFull        msg = "understand.full"
	understandMissing     msg = "understand.missing"
	understandMissingYear msg = "understand.missing_year"
)

// Lists, one item per weekday (from Sunday) or per comparison row.
const (
	listWeekdays      msg = "weekdays"
	listCompareLabels msg = "compare.labels"
)

// stageKey is the key of a zone stage's name; countryKey of a country's,
// from the lowercase English name the knowledge base writes.
func stageKey(s base.Stage) msg { return msg("stage." + string(s)) }

// stageName is a stage's name in lang, "" for no stage or one the locale
// files do not name.
func stageName(loc *locales.Catalog, s base.Stage, lang investbot.Lang) string {
	if t, ok := loc.Lookup(string(stageKey(s))); ok {
		return t.In(lang)
	}
	return ""
}

func countryKey(c string) msg { return msg("country." + strings.ReplaceAll(c, " ", "_")) }

// kindMenus maps an entry kind to its menu label.
var kindMenus = map[base.Kind]msg{
	base.KindZone:      msgMenuZones,
	base.KindIncentive: msgMenuIncentives,
	base.KindStat:      msgMenuStats,
	base.KindPartner:   msgMenuPartners,
	base.KindContact:   msgMenuContacts,
	base.KindEvent:     msgMenuEvents,
}

// t returns the interface text m in lang (English for a language the
// locale files do not have).
func (r *Router) t(m msg, lang investbot.Lang) string { return tr(r.loc, m, lang) }

// text returns the interface text m in every language.
func (r *Router) text(m msg) investbot.Text { return textOf(r.loc, m) }

// list returns the list m in lang.
func (r *Router) list(m msg, lang investbot.Lang) []string { return listOf(r.loc, m, lang) }

// tr, textOf and listOf are t, text and list for the functions that are
// given the catalog rather than the router.
func tr(loc *locales.Catalog, m msg, lang investbot.Lang) string { return loc.T(string(m), lang) }

func textOf(loc *locales.Catalog, m msg) investbot.Text { return loc.Text(string(m)) }

func listOf(loc *locales.Catalog, m msg, lang investbot.Lang) []string {
	return loc.List(string(m), lang)
}
