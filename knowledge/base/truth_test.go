package base_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// TestValidateRefusesUntruths: each fixture in knowledge/testdata/bad/truth is
// refused with a file:line message that says what is wrong.
func TestValidateRefusesUntruths(t *testing.T) {
	_, err := base.LoadDir("../testdata/bad/truth")
	var ve *base.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("LoadDir(bad/truth) error = %v, want *ValidationError", err)
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	tests := []struct{ name, want string }{
		{"invented phone in an answer", `../testdata/bad/truth/contact.yaml:7: faq.hotline: answer.en contains contact data "+84 237 999 8888"`},
		{"invented phone in every language", `../testdata/bad/truth/contact.yaml:10: faq.hotline: answer.ko contains contact data "+84 237 999 8888"`},
		{"contact phone its source does not state", `../testdata/bad/truth/contact.yaml:33: contact.office: contact.phone "+84 237 111 2222" does not appear in the note of source Provincial brochure`},
		{"replaced decree next to no replacement", `../testdata/bad/truth/replaced.yaml:17: faq.privacy: sources[0] cites Decree No. 13/2023/ND-CP on personal data protection, replaced by Law No. 91/2025/QH15`},
		{"replaced decree cited as current", `../testdata/bad/truth/replaced.yaml:34: faq.consent: sources[0] cites Decree 13/2023/NĐ-CP as current, but it was replaced by Law No. 91/2025/QH15 on Personal Data Protection (../testdata/bad/truth/replaced.yaml:17)`},
		{"area contradicts the text", `../testdata/bad/truth/zone.yaml:6: zone.phase-one: zone.area_ha is 250 but answer.en gives 178 ha`},
		{"developer not in the text", `../testdata/bad/truth/zone.yaml:6: zone.phase-one: zone.developer "Sumitomo Group" is not named in answer.en`},
		{"stage not in the text", `../testdata/bad/truth/zone.yaml:6: zone.phase-one: zone.stage is operating but answer.en speaks of under_construction`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(all, tt.want) {
				t.Errorf("no problem %q in:\n%s", tt.want, all)
			}
		})
	}
}

// TestValidateWarnsReviewDue: a passed review_by and an untitled file-name
// source are warnings: the knowledge base still loads.
func TestValidateWarnsReviewDue(t *testing.T) {
	kb := mustLoad(t, "../testdata/warn")
	var got []string
	for _, p := range kb.Warnings() {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"warning: ../testdata/warn/review.yaml:17: faq.rate: sources[0] (Law No. 67/2025/QH15 on Corporate Income Tax): review_by 2020-01-01 has passed",
		"warning: ../testdata/warn/review.yaml:20: faq.rate: sources[1] has no title in en, vi, ja, ko",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in:\n%s", want, all)
		}
	}
}

// TestContactDataPatterns: phone numbers, e-mail addresses, URLs and
// street addresses are found; figures, years and law numbers are not.
func TestContactDataPatterns(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"hotline +84 237 999 8888", true},
		{"call 0237 3852 366", true},
		{"write to invest@thanhhoa.gov.vn", true},
		{"see www.thanhhoa.gov.vn", true},
		{"see https://example.com/a", true},
		{"office at 45 Le Loi Street", true},
		{"văn phòng số 35 đường Hạc Thành", true},
		{"179 projects, 15.6 billion USD, 2021–2025", false},
		{"Law 67/2025/QH15 of 14 June 2025", false},
		{"137,000 visitors in 2024; 2.686 tỷ đồng", false},
		{"GRDP 10.24%, 13.57 billion USD", false},
		{"2024 roadshow with Niigata", false},
		{"in 2021 the road network grew", false},
	}
	for _, tt := range tests {
		if got := len(base.ContactData(tt.text)) > 0; got != tt.want {
			t.Errorf("ContactData(%q) = %v, want found %v", tt.text, base.ContactData(tt.text), tt.want)
		}
	}
}

// TestBundledSourcesReadable: every source of the bundled knowledge base
// has a title in each language that is not a file name, and legal sources
// carry a review date.
func TestBundledSourcesReadable(t *testing.T) {
	kb, err := base.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if w := kb.Warnings(); len(w) > 0 {
		t.Errorf("bundled knowledge base has warnings: %v", w)
	}
	for _, e := range kb.Entries() {
		for i, s := range e.Sources {
			for _, l := range investbot.Langs {
				if strings.TrimSpace(s.Title[l]) == "" {
					t.Errorf("%s sources[%d] (%s) has no %s title", e.ID, i, s.Ref, l)
				}
				if strings.HasSuffix(s.Title[l], ".txt") {
					t.Errorf("%s sources[%d] %s title is a file name", e.ID, i, l)
				}
			}
			if strings.Contains(s.Ref, "/QH") || strings.Contains(s.Ref, "/ND-CP") {
				if s.ReviewBy.IsZero() && s.ReplacedBy == "" {
					t.Errorf("%s sources[%d] (%s): a legal source in force needs review_by", e.ID, i, s.Ref)
				}
			}
		}
	}
}
