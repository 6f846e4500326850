package knowledge_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// TestEnglishTrapsOfSet8 covers the mechanisms the session-9 English round
// built from set 8's traps, in phrasings of its own: a figure asked of the
// entity a question leads with is that entity's, a person asked beside a
// signing is the fact asked, and a year that tied a statistic to a question
// naming another moves the answer to the one named.
func TestEnglishTrapsOfSet8(t *testing.T) {
	kb := mustBundledKB(t)
	cases := []struct {
		name, q string
		// notAnswered: the reply must not state facts; notEntry: if it
		// does, not from this entry.
		notAnswered bool
		notEntry    string
		missing     string // a prefix of Result.Missing, when one is wanted
	}{
		{name: "entity leads a long figure question", q: "how much money is WHA putting into Thanh Hoa altogether, in US dollars?", notAnswered: true},
		{name: "entity leads, other figure", q: "how much has Sumitomo invested in the province so far, in total?", notEntry: "stat.fdi-total"},
		{name: "entity leads the asking clause", q: "I read that Japanese visitors come in large numbers - how many Thai visitors came in 2024?", notAnswered: true},
		{name: "entity in an introduction", q: "We are a Korean company. What is the total FDI of Thanh Hoa?", notEntry: "partner.korea"},
		{name: "a company's chief executive, not an ambassador quoted", q: "who is Sumitomo's chief executive?", notAnswered: true},
		{name: "a partner in a country no entry names", q: "Is any Italian region twinned with Thanh Hoa? If so, which?", notAnswered: true},
		{name: "governor beside a signing", q: "Who's the Seongnam mayor that signed the cooperation agreement?", notAnswered: true},
		{name: "governor asked alone", q: "which governor of Niigata signed it?", notAnswered: true},
		{name: "year tied another statistic", q: "exports 2024 figure?", notAnswered: true},
		{name: "total exports of a year never given", q: "What was the province's total export value in 2023?", notAnswered: true, missing: "year:2023"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := kb.Match(knowledge.Query{Text: c.q})
			if c.notAnswered && r.Answered() && r.Missing == "" {
				t.Errorf("%q → %s, want no answer", c.q, describe(r))
			}
			if c.notEntry != "" && r.Answered() && r.Missing == "" && r.Best.Entry.ID == c.notEntry {
				t.Errorf("%q → %s, must not be %s", c.q, describe(r), c.notEntry)
			}
			if c.missing != "" && !strings.HasPrefix(r.Missing, c.missing) {
				t.Errorf("%q: missing %q, want %q…", c.q, r.Missing, c.missing)
			}
		})
	}
}

// TestEnglishFollowUpsOfSet8: a comparison carried on to another side
// inherits what the last one compared; "that year" names the year of the
// figure shown; a follow-up naming only a topic has the conversation's
// entity as its subject.
func TestEnglishFollowUpsOfSet8(t *testing.T) {
	kb := mustBundledKB(t)
	convs := map[string][]turn{
		"comparison carried on": {
			{q: "which is larger, WHA phase 1 or the Long Duy Giang plan?", want: "zone.wha-smart-tech-1"},
			{q: "and vs the Sumitomo one?", want: "zone.west-thanh-hoa", missing: "area"},
		},
		"who signed, after a partner": {
			{q: "Mittelsachsen", want: "partner.mittelsachsen"},
			{q: "who put their signature on it for the province?", want: "partner.mittelsachsen", followUp: true, missing: "signer"},
		},
		"a pronoun for a partner, a figure asked": {
			{q: "Are Indian firms looking at Thanh Hoa?", want: "partner.india"},
			{q: "so far, how much have they invested altogether?", want: "partner.india", followUp: true, aspect: knowledge.AspectInvestment, missing: "amount"},
		},
		"since when, after a country": {
			{q: "Does Korea have any ties with the province?", want: "partner.korea"},
			{q: "since when?", want: "partner.korea", followUp: true, aspect: knowledge.AspectStage},
		},
		"that year": {
			{q: "FDI attracted in 2025?", want: "stat.fdi-2025"},
			{q: "how many projects in all that year incl. domestic ones?", want: "stat.fdi-2025"},
		},
	}
	for name, turns := range convs {
		t.Run(name, func(t *testing.T) { converse(t, kb, turns) })
	}
}

// TestEnglishAsksStaffToReviewOwnCase: asking a person to look at, review
// or check the asker's own project or plan is a request for the desk;
// asking to see a list, or to be told a fact, is not.
func TestEnglishAsksStaffToReviewOwnCase(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"could you have staff look over our layout for a 3 ha plant?", true},
		{"can the desk handle this for me? we need a slot with the zone manager", true},
		{"It would help if someone from the province could review our feasibility study.", true},
		{"pls have staff check whether our project qualifies", true},
		{"can someone check if my textile project fits the priority sectors?", true},
		{"We would be grateful if somebody could look at our site plan.", true},
		{"Can I take a look at the list of industrial zones?", false},
		{"which sectors are on the priority list?", false},
		{"can you tell me whether electronics is a priority sector?", false},
		{"we'd appreciate it if you told us the size of WHA phase 1", false},
	}
	for _, tt := range tests {
		if got := knowledge.AsksForPerson(tt.q); got != tt.want {
			t.Errorf("AsksForPerson(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestEnglishBareTopicFollowUp: a follow-up of a few words naming only a
// topic ("total trade?") asks it of the conversation's entity, whose words
// for it may be others ("import-export").
func TestEnglishBareTopicFollowUp(t *testing.T) {
	kb := mustBundledKB(t)
	converse(t, kb, []turn{
		{q: "over 2021-2025, were imports or exports larger?", want: "stat.trade-2021-2025"},
		{q: "overall trade?", want: "stat.trade-2021-2025"},
	})
}

// TestEnglishChiefExecutiveIsTheDirector: a company's chief executive is
// the general director its entry names.
func TestEnglishChiefExecutiveIsTheDirector(t *testing.T) {
	kb := mustBundledKB(t)
	r := kb.Match(knowledge.Query{Text: "WHA's chief executive - who is it?"})
	if !r.Answered() || r.Missing != "" || r.Best.Entry.ID != "partner.wha" {
		t.Errorf("→ %s missing %q, want partner.wha answered", describe(r), r.Missing)
	}
}
