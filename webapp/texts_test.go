package webapp_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"testing"

	"github.com/thanhhoa/investbot"
)

// dynamicKeys are keys app.js builds from data (t("tab_" + name)...): each
// prefix with the values the page can produce.
var dynamicKeys = []string{
	"tab_zones", "tab_figures", "tab_contact", "tab_editor", "tab_insights",
	"filter_stage", "filter_country", "filter_type",
	"type_industrial_park", "type_logistics", "type_port", "type_other",
	"chart_fdi", "chart_exports", "chart_partners", "chart_targets",
	"unit_usd_bn", "unit_usd_m", "unit_percent", "unit_count", "measure_usd", "measure_percent", "measure_count",
	"card_developer", "card_area", "card_stage", "card_location", "card_investment", "card_sectors",
	"source_ref", "source_as_of", "source_title", "source_note", "approve", "reject",
}

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// TestTextsComplete checks the page's texts: every language file has
// exactly the keys of English, with the same placeholders, and no key the
// page uses is missing.
func TestTextsComplete(t *testing.T) {
	load := func(l investbot.Lang) map[string]string {
		b, err := os.ReadFile(filepath.Join("static", "i18n", string(l)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		return m
	}
	en := load(investbot.EN)
	js, err := os.ReadFile(filepath.Join("static", "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	used := dynamicKeys
	for _, m := range regexp.MustCompile(`\bt\("([a-z_]*[a-z])"[,)]`).FindAllSubmatch(js, -1) {
		used = append(used, string(m[1]))
	}
	for _, k := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("app.js uses %q, missing from en.json", k)
		}
	}
	for _, l := range investbot.Langs {
		m := load(l)
		for k, v := range m {
			ev, ok := en[k]
			switch {
			case !ok:
				t.Errorf("%s.json: key %q is not in en.json", l, k)
			case v == "" && ev != "":
				t.Errorf("%s.json: %q is empty", l, k)
			case !slices.Equal(sorted(placeholder.FindAllString(v, -1)), sorted(placeholder.FindAllString(ev, -1))):
				t.Errorf("%s.json: %q has placeholders %v, English %v", l, k, placeholder.FindAllString(v, -1), placeholder.FindAllString(ev, -1))
			}
		}
		for k := range en {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.json: key %q is missing", l, k)
			}
		}
	}
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
