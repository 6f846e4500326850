package knowledge_test

import (
	"strings"
	"testing"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// TestRuleByDate: a question about a new (or not yet licensed) project is
// answered with today's rule, which says what changed; one about a project
// licensed before the change gets the rule it keeps. Four languages.
func TestRuleByDate(t *testing.T) {
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	const (
		today = "incentive.cit-industrial-park"
		kept  = "incentive.cit-industrial-park-before-2025"
	)
	tests := []struct {
		name, q, want string
	}{
		{"en new project", "We plan to invest next year in a WHA industrial park: do we get a tax holiday?", today},
		{"en no cue", "corporate income tax exemption in an industrial park", today},
		{"en existing", "Our factory in an industrial park was licensed in 2021: do we keep the 2 year CIT exemption?", kept},
		{"en existing words", "existing project in an industrial park, is our tax holiday still valid?", kept},
		{"vi new project", "Năm sau chúng tôi dự định đầu tư vào khu công nghiệp WHA, có được miễn thuế TNDN không?", today},
		{"vi existing", "Dự án hiện hữu trong khu công nghiệp có còn được miễn thuế TNDN không?", kept},
		{"ja new project", "来年WHAの工業団地に新規投資する予定ですが、法人税の免税はありますか？", today},
		{"ja existing", "既存の工業団地プロジェクトの法人税の免税は続きますか？", kept},
		{"ko new project", "내년에 WHA 산업단지에 신규 투자할 예정인데 법인세 면제가 있나요?", today},
		{"ko existing", "기존 산업단지 프로젝트의 법인세 면제는 계속되나요?", kept},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kb.Match(knowledge.Query{Text: tt.q})
			if r.Best == nil || r.Best.Entry.ID != tt.want || !r.Confident {
				got := "nothing"
				if r.Best != nil {
					got = r.Best.Entry.ID
				}
				t.Fatalf("Match(%q) = %s (confident %v), want %s", tt.q, got, r.Confident, tt.want)
			}
			if r.Ambiguous {
				t.Errorf("two versions of one rule offered as a choice")
			}
		})
	}
}

// TestTodayRuleSaysWhatChanged: today's rule names the change and its date
// in every language, and the kept rule names the date it stops at.
func TestTodayRuleSaysWhatChanged(t *testing.T) {
	kb, err := knowledge.Load(base.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	now := kb.Entry("incentive.cit-industrial-park")
	old := kb.Entry("incentive.cit-industrial-park-before-2025")
	if now.AppliesTo == nil || now.AppliesTo.LicensedFrom.String() != "2025-10-01" {
		t.Fatalf("today's rule applies_to = %+v, want licensed_from 2025-10-01", now.AppliesTo)
	}
	if old.SupersededBy != now.ID || old.AppliesTo.LicensedBefore.String() != "2025-10-01" {
		t.Fatalf("kept rule: superseded_by %q applies_to %+v", old.SupersededBy, old.AppliesTo)
	}
	for _, l := range investbot.Langs {
		for _, e := range []*base.Entry{now, old} {
			a := e.Answer[l]
			if !strings.Contains(a, "67/2025/QH15") {
				t.Errorf("%s %s does not name Law 67/2025/QH15", e.ID, l)
			}
			if !strings.ContainsAny(a, "12") || !(strings.Contains(a, "1 October 2025") || strings.Contains(a, "1/10/2025") || strings.Contains(a, "2025年10月1日") || strings.Contains(a, "2025년 10월 1일")) {
				t.Errorf("%s %s does not give the date 1 October 2025", e.ID, l)
			}
		}
	}
}
