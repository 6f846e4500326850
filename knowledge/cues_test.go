package knowledge

import (
	"os"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
)

// Every language has a cue file that names every aspect.
func TestCueFiles(t *testing.T) {
	m, err := loadCues()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range investbot.Langs {
		cs := m[l]
		if cs == nil {
			t.Fatalf("no cues for %s", l)
		}
		for _, a := range Aspects {
			if len(cs.aspects[a]) == 0 {
				t.Errorf("%s: no cue words for aspect %s", l, a)
			}
		}
		if len(cs.pronouns) == 0 || len(cs.filler) == 0 || len(cs.continuations) == 0 {
			t.Errorf("%s: pronouns, continuations or filler missing", l)
		}
		for _, p := range cs.pronouns {
			if p == "there" {
				// "Is there a Japan Desk?" asks whether one exists.
				t.Errorf("%s: %q is not a pronoun", l, p)
			}
		}
	}
}

// A name claimed by two entries as an alias is a validation problem: a
// name has one main entry.
func TestAliasClaimedTwice(t *testing.T) {
	b, err := os.ReadFile("testdata/good/kb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(b), "  kind: zone\n", "  kind: zone\n  aliases: [Japan Desk]\n", 1)
	src = strings.Replace(src, "  kind: contact\n", "  kind: contact\n  aliases: [Japan Desk]\n", 1)
	_, err = Load(base.Parse(map[string][]byte{"kb.yaml": []byte(src)}))
	if err == nil || !strings.Contains(err.Error(), "alias") {
		t.Fatalf("Parse with an alias claimed twice: err = %v", err)
	}
}

// The gazetteer finds names in any script, longest first, and gives each
// its main entry.
func TestGazetteerFinds(t *testing.T) {
	g := newGazetteer([]*base.Entry{
		{ID: "zone.a", Kind: base.KindZone, Aliases: []string{"WHA", "WHA 2", "ギソン"}},
		{ID: "partner.b", Kind: base.KindPartner, Aliases: []string{"Nghi Sơn"}},
	})
	tests := []struct {
		q    string
		want []string
	}{
		{"how big is wha 2", []string{"wha 2"}},
		{"whaの面積", []string{"wha"}},
		{"nghi son va wha", []string{"nghi son", "wha"}},
		{"ギソンはどこ", []string{"ギソン"}},
		{"whatever", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range g.find(textnorm.Normalize(tt.q), nil) {
			got = append(got, g.ents[h.ent].name)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("find(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestAsksForPerson(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"Please route me to someone at the Japan Desk", true},
		{"Nhờ chuyển cho cán bộ phụ trách giúp tôi", true},
		{"担当者につないでいただけますか", true},
		{"담당자한테 연결해 주실 수 있나요?", true},
		{"is this a bot or a real person?", false},
		{"How many projects does the route to Nghi Son port serve?", false},
	}
	for _, tt := range tests {
		if got := AsksForPerson(tt.q); got != tt.want {
			t.Errorf("AsksForPerson(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// The names of missing figures come from the language files, in the
// reply's language.
func TestFactLabelFromFiles(t *testing.T) {
	for _, c := range []struct {
		fact string
		lang investbot.Lang
		want string
	}{
		{"year:2017", investbot.EN, "figures for 2017"},
		{"year:2017", investbot.VI, "số liệu năm 2017"},
		{"year:2017", investbot.JA, "2017年の数値"},
		{"year:2017", investbot.KO, "2017년 수치"},
		{qualifierPrefix + "Taiwan", investbot.JA, "Taiwanについての数値"},
		{qualifierPrefix + "Taiwan", investbot.KO, "Taiwan에 대한 수치"},
		{"area", investbot.JA, "面積"},
		{"phone", investbot.EN, "phone number"},
	} {
		if got := FactLabel(c.fact, c.lang); got != c.want {
			t.Errorf("FactLabel(%q, %s) = %q, want %q", c.fact, c.lang, got, c.want)
		}
	}
}
