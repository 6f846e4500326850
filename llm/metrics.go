package llm

import "time"

// Metrics receives what the fallback does, so that Prometheus (or anything
// else) can be plugged in without this package importing it.
type Metrics interface {
	// Call records one request sent to the model server: its latency and the
	// token usage the server reported (zero when the call failed).
	Call(latency time.Duration, promptTokens, completionTokens int)
	// Outcome records what became of one question that reached the
	// fallback; see the Outcome constants.
	Outcome(o Outcome)
}

// Outcome is what became of one question that reached the fallback. Every
// value but Answered and CacheHit is a reason the inner result was returned.
type Outcome string

// The outcomes of a question that reached the fallback.
const (
	Answered      Outcome = "answered"       // a fresh answer passed the checks
	CacheHit      Outcome = "cache_hit"      // a cached answer was used
	CachedNo      Outcome = "cache_no"       // the cache says the model could not answer
	Suspicious    Outcome = "suspicious"     // the question looks like prompt injection; no call
	BreakerOpen   Outcome = "breaker_open"   // no call: the server failed recently
	QuotaExceeded Outcome = "quota"          // no call: the user's daily allowance is used up
	QuotaError    Outcome = "quota_error"    // no call: the quota store failed
	Timeout       Outcome = "timeout"        // the call took longer than Config.Timeout
	CallError     Outcome = "call_error"     // the server failed or was unreachable
	EmptyReply    Outcome = "empty_reply"    // the server answered with no text
	NoAnswer      Outcome = "no_answer"      // the model said the snippets do not answer
	Refusal       Outcome = "refusal"        // the model said "cannot answer" in words
	NoCites       Outcome = "no_cites"       // no SOURCES line, or it was empty
	BadCite       Outcome = "bad_cite"       // a cited id was not among the snippets
	Ungrounded    Outcome = "ungrounded"     // a number, name or contact is not in the snippets
	Leak          Outcome = "leak"           // the reply repeats the prompt or talks about it
	OffTopic      Outcome = "off_topic"      // the reply shares too little with the cited snippets
	TooLong       Outcome = "too_long"       // the reply is far longer than asked
	CallCancelled Outcome = "call_cancelled" // the caller gave up before the model answered
)

// NopMetrics discards everything.
type NopMetrics struct{}

var _ Metrics = NopMetrics{}

// Call does nothing.
func (NopMetrics) Call(time.Duration, int, int) {}

// Outcome does nothing.
func (NopMetrics) Outcome(Outcome) {}
