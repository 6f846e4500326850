package knowledge

import (
	"time"

	"github.com/thanhhoa/investbot"
)

// Kind is the family an entry belongs to; it is also the prefix of its id.
type Kind string

// The kinds of knowledge-base entries.
const (
	KindZone      Kind = "zone"
	KindIncentive Kind = "incentive"
	KindContact   Kind = "contact"
	KindStat      Kind = "stat"
	KindPartner   Kind = "partner"
	KindFAQ       Kind = "faq"
	KindEvent     Kind = "event"
)

// Kinds lists every kind in menu order.
var Kinds = []Kind{KindZone, KindIncentive, KindStat, KindPartner, KindContact, KindEvent, KindFAQ}

// Text is a string written in each supported language.
type Text map[investbot.Lang]string

// In returns the text in lang, falling back to English, then to any
// language, so that a partially translated draft still shows something.
func (t Text) In(lang investbot.Lang) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t[investbot.EN]; s != "" {
		return s
	}
	for _, l := range investbot.Langs {
		if s := t[l]; s != "" {
			return s
		}
	}
	return ""
}

// Entry is one curated answer. The YAML shape is a contract with the admins'
// tools: see knowledge/schema.json and docs/admin-guide.md.
type Entry struct {
	ID    string `yaml:"id" json:"id"`
	Kind  Kind   `yaml:"kind" json:"kind"`
	Title Text   `yaml:"title" json:"title"`
	// Answer is the reply text, plain (the bot escapes it), short enough to
	// read on a phone.
	Answer Text `yaml:"answer" json:"answer"`
	// Examples are questions this entry answers, per language. They drive
	// matching and are the knowledge base's own regression tests.
	Examples map[investbot.Lang][]string `yaml:"examples" json:"examples"`
	// Keywords are language-neutral aliases (names, acronyms, spellings).
	Keywords []string `yaml:"keywords,omitempty" json:"keywords,omitempty"`
	// Aliases are the names of what the entry is about, in any language
	// and spelling ("JETRO", "ジェトロ", "Nghi Son EZ"): the entry is that
	// entity's main entry, answered when the entity is named alone and used
	// for follow-ups, comparisons and constraints (gazetteer.go).
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	// Names are proper names that every language's answer must contain
	// (in Latin script, e.g. "Nghi Sơn"), so translations cannot drift.
	Names []string `yaml:"names,omitempty" json:"names,omitempty"`
	// Gap marks an entry that says what the sources do not give (land
	// prices): a question it matches is shown its text and the offer of
	// the Japan Desk, but counts as unanswered, in `ask --json` and in the
	// admins' list of questions the bot could not answer.
	Gap bool `yaml:"gap,omitempty" json:"gap,omitempty"`
	// Related lists ids of entries offered as buttons under the answer.
	Related []string `yaml:"related,omitempty" json:"related,omitempty"`
	// Zone holds structured facts for kind zone.
	Zone    *Zone    `yaml:"zone,omitempty" json:"zone,omitempty"`
	Contact *Contact `yaml:"contact,omitempty" json:"contact,omitempty"`
	Sources []Source `yaml:"sources" json:"sources"`

	// Line is the line of the entry in its file, for error messages.
	Line int    `yaml:"-" json:"-"`
	File string `yaml:"-" json:"-"`
}

// Stage is where an industrial zone or project stands.
type Stage string

// The stages a zone can be in.
const (
	StagePlanned           Stage = "planned"
	StageApproved          Stage = "approved"
	StageUnderConstruction Stage = "under_construction"
	StageOperating         Stage = "operating"
)

// Zone is the structured description of an industrial zone, economic zone,
// port or logistics area. Every field is optional: only what a source states
// is filled in.
type Zone struct {
	// AreaHa is the land area in hectares; AreaNote qualifies it ("about",
	// "300 ha or more, for both parks together").
	AreaHa   float64 `yaml:"area_ha,omitempty" json:"area_ha,omitempty"`
	AreaNote Text    `yaml:"area_note,omitempty" json:"area_note,omitempty"`
	// InvestmentUSDm is the (expected) total investment in million USD.
	InvestmentUSDm   float64 `yaml:"investment_usd_m,omitempty" json:"investment_usd_m,omitempty"`
	Developer        string  `yaml:"developer,omitempty" json:"developer,omitempty"`
	DeveloperCountry string  `yaml:"developer_country,omitempty" json:"developer_country,omitempty"`
	Stage            Stage   `yaml:"stage,omitempty" json:"stage,omitempty"`
	// StageDate is when the stage was reached or is expected ("2025-05",
	// "2026-Q1"), as the source gives it.
	StageDate string `yaml:"stage_date,omitempty" json:"stage_date,omitempty"`
	// Commune and FormerDistrict locate the zone (districts were abolished
	// in 2025; sources still name them).
	Commune        string `yaml:"commune,omitempty" json:"commune,omitempty"`
	FormerDistrict string `yaml:"former_district,omitempty" json:"former_district,omitempty"`
	// HostPark is the industrial park a project sits in.
	HostPark       string   `yaml:"host_park,omitempty" json:"host_park,omitempty"`
	Sectors        Text     `yaml:"sectors,omitempty" json:"sectors,omitempty"`
	Infrastructure Text     `yaml:"infrastructure,omitempty" json:"infrastructure,omitempty"`
	Coordinates    *LatLon  `yaml:"coordinates,omitempty" json:"coordinates,omitempty"`
	Tags           []string `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// LatLon is a map position. It is only set where a source gives it.
type LatLon struct {
	Lat    float64 `yaml:"lat" json:"lat"`
	Lon    float64 `yaml:"lon" json:"lon"`
	Source string  `yaml:"source" json:"source"`
}

// Contact describes an office. Phone, Email and Web stay empty unless a
// source gives them: the bot never invents contact details.
type Contact struct {
	Organisation Text   `yaml:"organisation,omitempty" json:"organisation,omitempty"`
	Role         Text   `yaml:"role,omitempty" json:"role,omitempty"`
	Phone        string `yaml:"phone,omitempty" json:"phone,omitempty"`
	Email        string `yaml:"email,omitempty" json:"email,omitempty"`
	Web          string `yaml:"web,omitempty" json:"web,omitempty"`
	Address      Text   `yaml:"address,omitempty" json:"address,omitempty"`
}

// Source is where a fact comes from: a seed article file name
// ("000_291656f87f5f39d0.txt") or a law or decree named by number
// ("Decree 218/2013/ND-CP"), with the date the fact was true.
type Source struct {
	Ref  string `yaml:"ref" json:"ref"`
	AsOf Date   `yaml:"as_of" json:"as_of"`
	// Note says what the source supports, or why one figure was preferred
	// over another.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
	// Title is an optional human-readable name for the source.
	Title string `yaml:"title,omitempty" json:"title,omitempty"`
}

// AsOf returns the newest as-of date among the entry's sources.
func (e *Entry) AsOf() time.Time {
	var t time.Time
	for _, s := range e.Sources {
		if s.AsOf.After(t) {
			t = s.AsOf.Time
		}
	}
	return t
}

// SourceRefs returns the entry's source references in order.
func (e *Entry) SourceRefs() []string {
	refs := make([]string, 0, len(e.Sources))
	for _, s := range e.Sources {
		refs = append(refs, s.Ref)
	}
	return refs
}
