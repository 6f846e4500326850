package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
)

// answerCache is the answer cache as the fallback sees it: the store keeps
// bytes, and each answer is stored as its JSON, the form every version of
// the bot wrote. A Generated with empty Text records "the model could not
// answer".
type answerCache struct {
	store investbot.AnswerCache
}

// get returns the answer cached under key and whether there was one.
func (c answerCache) get(ctx context.Context, key string) (knowledge.Generated, bool, error) {
	b, ok, err := c.store.Get(ctx, key)
	if err != nil || !ok {
		return knowledge.Generated{}, false, err
	}
	var g knowledge.Generated
	if err := json.Unmarshal(b, &g); err != nil {
		// A value from another version of the bot: a miss, not an error.
		return knowledge.Generated{}, false, nil
	}
	return g, true, nil
}

// set stores g under key for ttl.
func (c answerCache) set(ctx context.Context, key string, g knowledge.Generated, ttl time.Duration) error {
	b, err := json.Marshal(g)
	if err != nil {
		return fmt.Errorf("llm: encode generated answer: %w", err)
	}
	return c.store.Set(ctx, key, b, ttl)
}
