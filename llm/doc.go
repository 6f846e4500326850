// Package llm is the optional language-model fallback: a knowledge.Answerer
// that wraps the knowledge-base answerer and, for in-scope questions the
// knowledge base could not answer confidently, asks an OpenAI-compatible
// model to answer from the best candidate entries only.
//
// Nothing the model writes is shown unchecked: every number, date, contact
// detail and Latin or katakana name must occur in the entries sent, cited ids
// must be among them, and refusals, prompt leaks and off-topic text are
// rejected. On any failure (timeout, server error, open circuit breaker,
// used-up daily quota, rejected answer) the inner result is returned
// unchanged, so the bot's honest "I don't know — shall I connect you to the
// Japan Desk?" stays. See docs/llm.md.
package llm
