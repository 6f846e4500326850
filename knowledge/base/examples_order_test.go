package base

import (
	"fmt"
	"slices"
	"testing"

	"github.com/thanhhoa/investbot"
)

// checkExamples reports an entry's example problems in one order, the
// languages sorted, however the map iterates: a file gives the same
// message list on every run.
func TestCheckExamplesOrder(t *testing.T) {
	e := &Entry{ID: "faq.x", Examples: map[investbot.Lang][]string{
		investbot.EN: {"", "ok"}, investbot.VI: {" "}, investbot.JA: {"はい", ""}, investbot.KO: {""}, "xx": {"?"},
	}}
	want := []string{
		"examples.en[0] is empty", "examples.ja[1] is empty", "examples.ko[0] is empty", "examples.vi[0] is empty",
		`examples: unknown language "xx"`,
		"examples.en has 2 questions, need at least 3", "examples.vi has 1 questions, need at least 3",
		"examples.ja has 2 questions, need at least 3", "examples.ko has 1 questions, need at least 3",
	}
	for run := range 20 {
		var got []string
		checkExamples(e, func(f string, a ...any) { got = append(got, fmt.Sprintf(f, a...)) })
		if !slices.Equal(got, want) {
			t.Fatalf("run %d: problems\n%q\nwant\n%q", run, got, want)
		}
	}
}
