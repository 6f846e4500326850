package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// twinKB holds two phases of one park that a question naming no phase
// cannot tell apart.
const twinKB = `
- id: zone.delta-1
  kind: zone
  title: {en: Delta Park phase 1, vi: KCN Delta giai đoạn 1, ja: デルタ工業団地（Delta）第1期, ko: 델타(Delta) 산업단지 1단계}
  answer:
    en: Delta Park phase 1 covers 100 ha.
    vi: Khu công nghiệp Delta giai đoạn 1 rộng 100 ha.
    ja: デルタ（Delta）工業団地第1期は100haです。
    ko: 델타(Delta) 산업단지 1단계는 100ha입니다.
  examples:
    en: [How big is Delta Park phase 1, Delta park phase 1 area, Delta phase 1 hectares]
    vi: [kcn delta giai doan 1 rong bao nhieu, dien tich delta giai doan 1, delta giai đoạn 1 bao nhiêu ha]
    ja: [デルタ工業団地第1期の面積, デルタ第1期は何ヘクタール, デルタ第1期の広さ]
    ko: [델타 산업단지 1단계 면적, 델타 1단계 몇 헥타르, 델타 1단계 크기]
  names: [Delta]
  related: [zone.delta-2]
  sources: [{ref: fixture.txt, as_of: 2025-12-02}]
- id: zone.delta-2
  kind: zone
  title: {en: Delta Park phase 2, vi: KCN Delta giai đoạn 2, ja: デルタ工業団地（Delta）第2期, ko: 델타(Delta) 산업단지 2단계}
  answer:
    en: Delta Park phase 2 covers 200 ha.
    vi: Khu công nghiệp Delta giai đoạn 2 rộng 200 ha.
    ja: デルタ（Delta）工業団地第2期は200haです。
    ko: 델타(Delta) 산업단지 2단계는 200ha입니다.
  examples:
    en: [How big is Delta Park phase 2, Delta park phase 2 area, Delta phase 2 hectares]
    vi: [kcn delta giai doan 2 rong bao nhieu, dien tich delta giai doan 2, delta giai đoạn 2 bao nhiêu ha]
    ja: [デルタ工業団地第2期の面積, デルタ第2期は何ヘクタール, デルタ第2期の広さ]
    ko: [델타 산업단지 2단계 면적, 델타 2단계 몇 헥타르, 델타 2단계 크기]
  names: [Delta]
  sources: [{ref: other.txt, as_of: 2025-12-02}]
`

// twinAnswerer is the engine's verdict for a question that names no
// phase: confident, with the other phase answered alongside.
type twinAnswerer struct{}

func (twinAnswerer) Answer(_ context.Context, kb *knowledge.KB, q knowledge.Query) (knowledge.Result, error) {
	r := kb.Match(q)
	if strings.Contains(q.Text, "phase") {
		return r, nil
	}
	return knowledge.Result{
		Lang: r.Lang, Confident: true,
		Best: &knowledge.Match{Entry: kb.Entry("zone.delta-1"), Confidence: 0.9},
		Also: &knowledge.Match{Entry: kb.Entry("zone.delta-2"), Confidence: 0.9},
	}, nil
}

func TestTwinEntriesAnsweredTogether(t *testing.T) {
	kb, err := knowledge.Load(base.Parse(map[string][]byte{"twins.yaml": []byte(twinKB)}))
	if err != nil {
		t.Fatalf("twin KB: %v", err)
	}
	h := newHarnessWith(t, 0, kb, twinAnswerer{})
	r := h.text("how big is the Delta park")
	if !r.Meta.Answered || r.Meta.Intent != "zone.delta-1" {
		t.Fatalf("meta = %+v, want an answer", r.Meta)
	}
	if len(r.Messages) != 2 {
		t.Fatalf("got %d messages, want both phases: %q", len(r.Messages), allText(r))
	}
	text := allText(r)
	for _, want := range []string{"100 ha", "200 ha", "fixture.txt", "other.txt"} {
		if !strings.Contains(text, want) {
			t.Errorf("reply lacks %q: %q", want, text)
		}
	}
	if len(r.Messages[0].Buttons) != 0 || len(r.Messages[1].Buttons) == 0 {
		t.Errorf("buttons belong under the last message")
	}
	if _, ok := buttons(r)["e:zone.delta-2"]; ok {
		t.Errorf("a button repeats the entry answered in full")
	}
	if len(r.Meta.Sources) != 2 {
		t.Errorf("sources = %v, want both entries'", r.Meta.Sources)
	}
	// A follow-up refers to the entry answered first.
	r = h.text("and where is it?")
	if r.Meta.Intent != "zone.delta-1" && r.Meta.Answered {
		t.Errorf("follow-up went to %s", r.Meta.Intent)
	}
}
