package knowledge

import (
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// An entry holds a name when one of its own names (alias, title, a zone's
// developer) has it as a whole phrase, not as part of a longer word.
func TestHoldsName(t *testing.T) {
	park := &base.Entry{
		Aliases: []string{"Lotus Park 2"},
		Title:   investbot.Text{investbot.EN: "Lotus Park phase 2"},
		Zone:    &base.Zone{Developer: "Acme Estates"},
	}
	tests := []struct {
		name string
		want bool
	}{
		{"lotus", true},        // alias and title
		{"acme", true},         // the developer
		{"acme estates", true}, // a phrase of two words
		{"lot", false},         // part of a word only
		{"harbour", false},     // nowhere
	}
	for _, tt := range tests {
		if got := holdsName(park, textnorm.Normalize(tt.name)); got != tt.want {
			t.Errorf("holdsName(park, %q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Two candidates that both carry the name the question names are
// answered together when the question asks for no single fact; a fact
// asked of "the WHA one" still offers the choice, with two or more real
// entries to pick from.
func TestSiblingsOfNamedAnswered(t *testing.T) {
	kb := mustSlipKB(t)
	tests := []struct {
		q         string
		wantAlso  bool
		wantEntry string // one of Best or Also, when answered
	}{
		{"which japanese projects are there?", true, "partner.japan-projects"},
		{"the WHA one, how many hectares?", false, ""},
	}
	for _, tt := range tests {
		r := kb.Match(Query{Text: tt.q})
		if !tt.wantAlso {
			if !r.Ambiguous || len(r.RunnersUp) < 1 || r.Best == nil {
				t.Errorf("%q: want a did-you-mean over two or more entries, got ambiguous=%v best=%v", tt.q, r.Ambiguous, r.Best)
			}
			continue
		}
		if r.Ambiguous || !r.Confident || r.Also == nil || r.Best == nil {
			t.Fatalf("%q: want both siblings answered, got ambiguous=%v confident=%v also=%v", tt.q, r.Ambiguous, r.Confident, r.Also)
		}
		if r.Best.Entry.ID != tt.wantEntry && r.Also.Entry.ID != tt.wantEntry {
			t.Errorf("%q: answered %s and %s, want %s among them", tt.q, r.Best.Entry.ID, r.Also.Entry.ID, tt.wantEntry)
		}
	}
}

// A did-you-mean between the entity the question names and an entry that
// does not carry its name is settled by the name.
func TestNamedEntitySettlesChoice(t *testing.T) {
	kb := mustSlipKB(t)
	tests := []struct {
		q    string
		want string
	}{
		// FTA named; the other candidate, EU export figures, does not
		// carry the name.
		{"which FTA lets thanh hoa exporters sell into the EU?", "faq.fta"},
	}
	for _, tt := range tests {
		r := kb.Match(Query{Text: tt.q})
		if r.Ambiguous || r.Best == nil || r.Best.Entry.ID != tt.want {
			t.Errorf("%q: ambiguous=%v best=%v, want %s", tt.q, r.Ambiguous, r.Best, tt.want)
		}
	}
}

// The conversation's entry counts as offered when a did-you-mean would
// list it as its third choice with a score near the best.
func TestOffered(t *testing.T) {
	a, b, c, d := &base.Entry{ID: "a"}, &base.Entry{ID: "b"}, &base.Entry{ID: "c"}, &base.Entry{ID: "d"}
	res := func(third float64) *Result {
		return &Result{
			Best:      &Match{Entry: a, Score: 10},
			RunnersUp: []Match{{Entry: b, Score: 9.5}, {Entry: c, Score: third}, {Entry: d, Score: 4}},
		}
	}
	tests := []struct {
		name string
		r    *Result
		e    *base.Entry
		want bool
	}{
		{"third and close", res(8), c, true},
		{"third but far below the best", res(3), c, false},
		{"fourth is not listed", res(8), d, false},
		{"the runner-up is the pair's, not offered", res(8), b, false},
		{"only two candidates", &Result{Best: &Match{Entry: a, Score: 10}, RunnersUp: []Match{{Entry: b, Score: 9}}}, c, false},
	}
	for _, tt := range tests {
		if got := offered(tt.r, tt.e); got != tt.want {
			t.Errorf("%s: offered = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Of two candidates, the main entry of a name the other also carries is
// the thing itself; two entries that share no name have none.
func TestMainOfPair(t *testing.T) {
	city := &base.Entry{ID: "city", Aliases: []string{"Riverton"}, Title: investbot.Text{investbot.EN: "Riverton and the province"}}
	fair := &base.Entry{ID: "fair", Title: investbot.Text{investbot.EN: "Riverton trade fair 2024"}}
	port := &base.Entry{ID: "port", Aliases: []string{"Deep Harbour"}, Title: investbot.Text{investbot.EN: "Deep Harbour port"}}
	tests := []struct {
		name string
		pair []*base.Entry
		want *base.Entry
	}{
		{"city first", []*base.Entry{city, fair}, city},
		{"city second", []*base.Entry{fair, city}, city},
		{"unrelated", []*base.Entry{fair, port}, nil},
	}
	for _, tt := range tests {
		if got := mainOfPair(tt.pair); got != tt.want {
			t.Errorf("%s: mainOfPair = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// In a conversation about Niigata, a question that names nothing and
// whose did-you-mean Niigata's entry leads, though not sure enough on its
// words alone, goes on about Niigata. (The conversation settles only a
// choice it is part of.)
func TestConversationLeadsWeakChoice(t *testing.T) {
	kb := mustSlipKB(t)
	frame := &investbot.Frame{Entity: "partner.niigata", Shown: []string{"partner.niigata"}}
	r := kb.Match(Query{Text: "どんな協力をしているんですか?", Frame: frame})
	if r.Ambiguous || !r.Confident || r.Best == nil || r.Best.Entry.ID != "partner.niigata" {
		t.Errorf("ambiguous=%v confident=%v best=%v, want partner.niigata", r.Ambiguous, r.Confident, r.Best)
	}
}
