package knowledge

import (
	"context"
	"fmt"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// Query is one question to answer.
type Query struct {
	Text string
	// Lang is the language to answer in when the question's own language
	// cannot be told (a session's choice, or `ask --lang`); "" means English.
	Lang investbot.Lang
	// Context is the id of the entry answered last in this conversation, so
	// that follow-ups ("how big is it?", "それはどこ?") refer to it.
	Context string
	// Frame is the dialogue state after the previous answer (entity,
	// aspect, entries shown); nil in a new conversation. When set, it is
	// read instead of Context.
	Frame *investbot.Frame
	// UserID identifies the asker for per-user quotas (LLM fallback); 0 for
	// the command line.
	UserID int64
}

// Match is one candidate entry for a question.
type Match struct {
	Entry *base.Entry
	// Score is the raw retrieval score; only comparable within one query.
	Score float64
	// Confidence is calibrated to [0,1]: the probability-like belief that
	// Entry answers the question.
	Confidence float64
}

// Result is the answer engine's verdict on one question.
type Result struct {
	// Lang is the language to answer in: the detected language of the
	// question when it is one of en/vi/ja/ko, else Query.Lang, else English.
	Lang investbot.Lang
	// Detected is the detected language, "" when unknown.
	Detected investbot.Lang
	// Best is the top candidate, nil when nothing matched at all.
	Best *Match
	// RunnersUp are the next candidates, best first (at most 3).
	RunnersUp []Match
	// Confident is true when Best clears the answer threshold: the bot may
	// state Best's answer as fact.
	Confident bool
	// Ambiguous is true when Best and the first runner-up are too close to
	// choose: the bot asks "did you mean".
	Ambiguous bool
	// Also is set on a confident result when the first runner-up explains
	// the question as well as Best and is answered alongside it (each
	// under its own title) instead of a "did you mean".
	Also *Match
	// OutOfScope is true when the question is clearly not about investing in
	// Thanh Hóa (weather, poems, prompt injection) or is empty.
	OutOfScope bool
	// FollowUp is true when the question was resolved through Query.Context.
	FollowUp bool
	// Unsure are the questions of a message of several that nothing
	// answers, said so beside the answers to the others.
	Unsure []string
	// Aspect is what the question asks about Best (its size, developer…),
	// "" for the whole entry. A follow-up about one aspect is answered in
	// a sentence or two, with the offer of the full entry.
	Aspect Aspect
	// Missing names the specific fact asked (coverage.go: "area",
	// "phone"…) when Best, the subject, does not give it: the reply says
	// the sources do not give it and counts as not answered.
	Missing string
	// Partial is set with Missing when the question asks more than that
	// fact ("is hiring easy? and the wage level?"): Best answers the rest.
	Partial bool
	// Compare lists the zones a comparison asks about (two or three), to
	// be shown side by side; Best is the first.
	Compare []*base.Entry
	// Parts holds one result per question of a message that asks several;
	// Best is the first part's.
	Parts []Result
	// Frame is the dialogue state this answer leaves, for the session.
	Frame *investbot.Frame
	// Generated is set when an LLM fallback produced a grounded answer that
	// passed its checks; Best then points at the first cited entry.
	Generated *Generated
}

// Generated is an answer written by the LLM fallback from knowledge-base
// snippets.
type Generated struct {
	Text  string
	Cites []string // entry ids the answer is based on
}

// Answered reports whether the result states facts: a confident match or a
// checked generated answer.
func (r Result) Answered() bool {
	return r.Generated != nil || (r.Confident && r.Best != nil)
}

// Answerer answers questions against a knowledge-base version. The version
// is passed in so that one message is answered wholly from one version even
// while admins publish a new one. The LLM fallback wraps an Answerer.
type Answerer interface {
	Answer(ctx context.Context, kb *KB, q Query) (Result, error)
}

// Direct answers from the knowledge base alone.
type Direct struct{}

var _ Answerer = Direct{}

// Answer matches q against kb.
func (Direct) Answer(_ context.Context, kb *KB, q Query) (Result, error) {
	if kb == nil {
		return Result{}, fmt.Errorf("knowledge: no knowledge base loaded")
	}
	return kb.Match(q), nil
}
