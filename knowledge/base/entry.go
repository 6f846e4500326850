package base

import (
	"strings"
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

// Entry is one curated answer. The YAML shape is a contract with the admins'
// tools: see knowledge/base/schema.json and docs/admin-guide.md.
type Entry struct {
	ID    string         `yaml:"id" json:"id"`
	Kind  Kind           `yaml:"kind" json:"kind"`
	Title investbot.Text `yaml:"title" json:"title"`
	// Answer is the reply text, plain (the bot escapes it), short enough to
	// read on a phone.
	Answer investbot.Text `yaml:"answer" json:"answer"`
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
	// AppliesTo says which projects a legal rule covers, by the date of
	// their investment licence; nil for entries that are not dated rules.
	AppliesTo *AppliesTo `yaml:"applies_to,omitempty" json:"applies_to,omitempty"`
	// InForceFrom is when the rule stated in the answer took effect.
	InForceFrom Date `yaml:"in_force_from,omitempty" json:"in_force_from,omitempty"`
	// SupersededBy names the entry holding today's rule for the projects
	// this (older) rule no longer covers; the engine answers a question
	// about a new project with that entry, one about an existing project
	// with this one.
	SupersededBy string `yaml:"superseded_by,omitempty" json:"superseded_by,omitempty"`
	// Zone holds structured facts for kind zone.
	Zone    *Zone    `yaml:"zone,omitempty" json:"zone,omitempty"`
	Contact *Contact `yaml:"contact,omitempty" json:"contact,omitempty"`
	// Figures are the entry's key numbers in a form charts can draw; each
	// one must be stated by the answer in every language and name one of
	// the entry's sources.
	Figures []Figure `yaml:"figures,omitempty" json:"figures,omitempty"`
	Sources []Source `yaml:"sources" json:"sources"`

	// Line is the line of the entry in its file, for error messages.
	Line int    `yaml:"-" json:"-"`
	File string `yaml:"-" json:"-"`
	// lines locates the entry's fields (see fieldLines).
	lines map[string]int
}

// FieldLine returns the line of a field ("answer.en", "zone.area_ha",
// "sources[0]"), falling back to its parent field, then to the entry.
func (e *Entry) FieldLine(field string) int {
	for f := field; f != ""; {
		if l, ok := e.lines[f]; ok {
			return l
		}
		i := strings.LastIndexAny(f, ".[")
		if i < 0 {
			break
		}
		f = f[:i]
	}
	return e.Line
}

// AppliesTo bounds a rule by the date of a project's investment licence
// (investment registration certificate): LicensedFrom for today's rule,
// LicensedBefore for the rule kept by projects licensed earlier.
type AppliesTo struct {
	LicensedFrom   Date `yaml:"licensed_from,omitempty" json:"licensed_from,omitempty"`
	LicensedBefore Date `yaml:"licensed_before,omitempty" json:"licensed_before,omitempty"`
}

// Stage is where an industrial zone or project stands.
type Stage string

// The stages a zone can be in.
const (
	StagePlanned           Stage = "planned"
	StageApproved          Stage = "approved"
	StageUnderConstruction Stage = "under_construction"
	// StageInvesting is a project its developer is investing in, where the
	// sources say no more (no construction, no opening date).
	StageInvesting Stage = "being_invested"
	StageOperating Stage = "operating"
)

// Zone is the structured description of an industrial zone, economic zone,
// port or logistics area. Every field is optional: only what a source states
// is filled in.
type Zone struct {
	// AreaHa is the land area in hectares; AreaNote qualifies it ("about",
	// "300 ha or more, for both parks together").
	AreaHa   float64        `yaml:"area_ha,omitempty" json:"area_ha,omitempty"`
	AreaNote investbot.Text `yaml:"area_note,omitempty" json:"area_note,omitempty"`
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
	HostPark       string         `yaml:"host_park,omitempty" json:"host_park,omitempty"`
	Sectors        investbot.Text `yaml:"sectors,omitempty" json:"sectors,omitempty"`
	Infrastructure investbot.Text `yaml:"infrastructure,omitempty" json:"infrastructure,omitempty"`
	Coordinates    *LatLon        `yaml:"coordinates,omitempty" json:"coordinates,omitempty"`
	Tags           []string       `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// LatLon is a map position. It is only set where a source gives it.
type LatLon struct {
	Lat    float64 `yaml:"lat" json:"lat"`
	Lon    float64 `yaml:"lon" json:"lon"`
	Source string  `yaml:"source" json:"source"`
}

// Contact describes an office. Phone, Email, Web and Address stay empty
// unless a source gives them: the bot never invents contact details, and
// the validator refuses a value that Source does not name or whose text or
// note does not contain it.
type Contact struct {
	Organisation investbot.Text `yaml:"organisation,omitempty" json:"organisation,omitempty"`
	Role         investbot.Text `yaml:"role,omitempty" json:"role,omitempty"`
	Phone        string         `yaml:"phone,omitempty" json:"phone,omitempty"`
	Email        string         `yaml:"email,omitempty" json:"email,omitempty"`
	Web          string         `yaml:"web,omitempty" json:"web,omitempty"`
	Address      investbot.Text `yaml:"address,omitempty" json:"address,omitempty"`
	// Source is the ref of the entry source (in sources) that gives the
	// phone, e-mail, web address or street address.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Figure is one number an entry's answer states, for charts: figures
// with the same Chart and Unit are drawn together, each labelled in the
// four languages and dated by its source.
type Figure struct {
	// Chart groups figures drawn together: one of FigureCharts.
	Chart string         `yaml:"chart" json:"chart"`
	Label investbot.Text `yaml:"label" json:"label"`
	// Value is in Unit: 15.6 with usd_bn is 15.6 billion US dollars.
	Value float64 `yaml:"value" json:"value"`
	Unit  Unit    `yaml:"unit" json:"unit"`
	// Period is what the figure covers, as the source gives it ("2025",
	// "2021-2025", "2030 target").
	Period string `yaml:"period,omitempty" json:"period,omitempty"`
	// Source is the ref of one of the entry's sources; its as_of dates the
	// figure.
	Source string `yaml:"source" json:"source"`
}

// Unit is the unit of a Figure's value.
type Unit string

// The units a figure can be given in, with the factor that turns a value
// into the plain number the answer states.
var Units = map[Unit]float64{
	"usd_bn":  1e9,
	"usd_m":   1e6,
	"percent": 1,
	"count":   1,
}

// FigureCharts are the charts figures are drawn in.
var FigureCharts = []string{"fdi", "exports", "partners", "targets"}

// Source is where a fact comes from: a seed article file name
// ("000_291656f87f5f39d0.txt") or a law or decree named by number
// ("Decree 218/2013/ND-CP"), with the date the fact was true.
type Source struct {
	// Ref is the stable id of the source (`ask --json` sources).
	Ref  string `yaml:"ref" json:"ref"`
	AsOf Date   `yaml:"as_of" json:"as_of"`
	// Note says what the source supports, or why one figure was preferred
	// over another.
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
	// Title is what an investor reads in the answer's source line: the
	// article's headline or the law's number and title, with its date, per
	// language. A plain string is read as the English title.
	Title investbot.Text `yaml:"title,omitempty" json:"title,omitempty"`
	// URL is the public page the fact was checked on (legal summaries).
	URL string `yaml:"url,omitempty" json:"url,omitempty"`
	// InForceFrom, ReplacedBy and ReviewBy date a legal document: when it
	// took effect, the document that replaced it (a replaced document may
	// only be cited next to its replacement, as history), and when the
	// entry must be checked again (kb validate warns after that day).
	InForceFrom Date   `yaml:"in_force_from,omitempty" json:"in_force_from,omitempty"`
	ReplacedBy  string `yaml:"replaced_by,omitempty" json:"replaced_by,omitempty"`
	ReviewBy    Date   `yaml:"review_by,omitempty" json:"review_by,omitempty"`
}

// Name returns the source's title in lang, or its ref when it has none.
func (s Source) Name(lang investbot.Lang) string {
	if t := s.Title.In(lang); t != "" {
		return t
	}
	return s.Ref
}

// SourceTitles returns the entry's source names in lang, in the order of
// SourceRefs (the per-entry form of KB.SourceTitles).
func (e *Entry) SourceTitles(lang investbot.Lang) []string {
	out := make([]string, 0, len(e.Sources))
	for _, s := range e.Sources {
		out = append(out, s.Name(lang))
	}
	return out
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
