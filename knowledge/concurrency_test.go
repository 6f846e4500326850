package knowledge_test

import (
	"sync"
	"testing"

	"github.com/thanhhoa/investbot/knowledge"
)

// TestMatchConcurrent shares one KB between goroutines, as the bot does;
// run with -race.
func TestMatchConcurrent(t *testing.T) {
	kb := mustLoad(t, "testdata/good")
	qs := []string{"nghi son economic zone", "法人税", "재팬 데스크 연락처", "khu kinh te nghi son", "weather"}
	want := make([]knowledge.Result, len(qs))
	for i, q := range qs {
		want[i] = kb.Match(knowledge.Query{Text: q})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := (i + g) % len(qs)
				r := kb.Match(knowledge.Query{Text: qs[k]})
				if (r.Best == nil) != (want[k].Best == nil) || (r.Best != nil && r.Best.Entry != want[k].Best.Entry) || r.Confident != want[k].Confident {
					t.Errorf("%q: concurrent result differs", qs[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}
