package llm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/textnorm"
	"github.com/thanhhoa/investbot/locales"
	"github.com/thanhhoa/investbot/memstore"
)

// Defaults for the zero values of Config.
const (
	DefaultModel             = "gpt-4o-mini"
	DefaultTimeout           = 15 * time.Second
	DefaultMaxSnippets       = 4
	DefaultDailyQuotaPerUser = 20
	DefaultBreakerFailures   = 5
	DefaultBreakerCooldown   = 60 * time.Second
	DefaultMaxTokens         = 400
	DefaultCacheTTL          = 24 * time.Hour
	// DefaultAzureAPIVersion is used when Config.Azure is set without
	// APIVersion.
	DefaultAzureAPIVersion = "2024-06-01"
)

// negativeTTL is how long "the model could not answer this" is remembered:
// shorter than answers, so that a knowledge-base fix or a transient model
// mood is picked up the same day.
const negativeTTL = time.Hour

// Config sets up the fallback. Zero values take the defaults above.
type Config struct {
	// APIKey is the server's key (OPENAI_API_KEY); local servers (Ollama,
	// llama.cpp, vLLM) accept any value.
	APIKey string
	// BaseURL is the API root of any OpenAI-compatible server, e.g.
	// "https://api.openai.com/v1", "http://localhost:11434/v1"; for Azure,
	// the resource endpoint "https://NAME.openai.azure.com". Empty: OpenAI.
	BaseURL string
	// Model is the model name; for Azure, the deployment name unless
	// AzureDeployment is set.
	Model string
	// Azure selects the Azure OpenAI URL form and api-key header.
	Azure bool
	// APIVersion is Azure's api-version query parameter.
	APIVersion string
	// AzureDeployment overrides the deployment name derived from Model.
	AzureDeployment string
	// Timeout bounds one model call, including connecting.
	Timeout time.Duration
	// MaxSnippets is how many candidate entries (Best and runners-up) the
	// model may answer from.
	MaxSnippets int
	// DailyQuotaPerUser is the model calls one user may cause per day when
	// Deps.Quota is nil (the in-memory quota); negative: unlimited.
	DailyQuotaPerUser int
	// BreakerFailures consecutive failed calls open the circuit breaker for
	// BreakerCooldown.
	BreakerFailures int
	BreakerCooldown time.Duration
	// MaxTokens bounds the completion.
	MaxTokens int
	// Temperature is the sampling temperature; 0 (the default) keeps
	// answers as close to the snippets as the model can.
	Temperature float32
	// CacheTTL is how long a checked answer is reused.
	CacheTTL time.Duration
}

func (c Config) withDefaults() Config {
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxSnippets <= 0 {
		c.MaxSnippets = DefaultMaxSnippets
	}
	if c.DailyQuotaPerUser == 0 {
		c.DailyQuotaPerUser = DefaultDailyQuotaPerUser
	}
	if c.BreakerFailures <= 0 {
		c.BreakerFailures = DefaultBreakerFailures
	}
	if c.BreakerCooldown <= 0 {
		c.BreakerCooldown = DefaultBreakerCooldown
	}
	if c.MaxTokens <= 0 {
		c.MaxTokens = DefaultMaxTokens
	}
	if c.CacheTTL <= 0 {
		c.CacheTTL = DefaultCacheTTL
	}
	if c.Azure && c.APIVersion == "" {
		c.APIVersion = DefaultAzureAPIVersion
	}
	return c
}

// Deps are the fallback's collaborators; every nil field gets an in-process
// default.
type Deps struct {
	// Logger receives every failure and rejection (nil: discarded). The
	// user's question is not logged, only its length.
	Logger *slog.Logger
	// Quota limits calls per user per day (nil: an in-process one of
	// Config.DailyQuotaPerUser).
	Quota investbot.LLMQuota
	// Cache remembers answers (nil: an in-process one).
	Cache investbot.AnswerCache
	// Metrics receives calls and outcomes (nil: NopMetrics).
	Metrics Metrics
	// Now is the clock for the breaker and the quota day (nil: time.Now).
	Now func() time.Time
	// HTTPClient sends the requests (nil: a plain http.Client; the timeout
	// comes from the context).
	HTTPClient *http.Client
	// Pseudonym turns a user id into the keyed hash written in logs (nil:
	// logs carry no user at all). The id itself is never logged.
	Pseudonym func(userID int64) string
	// Locales name each language for the model (nil: the embedded
	// locale files).
	Locales *locales.Catalog
}

// Fallback is an Answerer that asks a language model to answer, from the
// knowledge base's best candidates only, the in-scope questions the inner
// answerer was not confident about. A model answer is shown only when it
// passes the grounding check; on every failure the inner result is returned
// unchanged, so the bot's honest fallback (and the Japan Desk offer) stays.
type Fallback struct {
	inner   knowledge.Answerer
	cfg     Config
	client  *openai.Client
	breaker *Breaker
	quota   investbot.LLMQuota
	cache   answerCache
	metrics Metrics
	log     *slog.Logger
	now     func() time.Time
	// pseudonym names the user in logs (Deps.Pseudonym); nil: unnamed.
	pseudonym func(int64) string
	loc       *locales.Catalog
}

var _ knowledge.Answerer = (*Fallback)(nil)

// New wraps inner. It does not contact the server: a wrong key or address
// shows up as logged call failures and, after a few, an open breaker.
func New(inner knowledge.Answerer, cfg Config, deps Deps) *Fallback {
	cfg = cfg.withDefaults()
	f := &Fallback{inner: inner, cfg: cfg, quota: deps.Quota, cache: answerCache{deps.Cache},
		metrics: deps.Metrics, log: deps.Logger, now: deps.Now, pseudonym: deps.Pseudonym, loc: deps.Locales}
	if f.loc == nil {
		f.loc = locales.Default()
	}
	if f.now == nil {
		f.now = time.Now
	}
	if f.log == nil {
		f.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if f.metrics == nil {
		f.metrics = NopMetrics{}
	}
	if f.quota == nil && cfg.DailyQuotaPerUser > 0 {
		f.quota = memstore.NewLLMQuota(cfg.DailyQuotaPerUser)
	}
	if f.cache.store == nil {
		f.cache.store = memstore.NewLLMCache(0, f.now)
	}
	f.breaker = NewBreaker(cfg.BreakerFailures, cfg.BreakerCooldown, f.now)

	var oc openai.ClientConfig
	if cfg.Azure {
		oc = openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		oc.APIVersion = cfg.APIVersion
		if cfg.AzureDeployment != "" {
			dep := cfg.AzureDeployment
			oc.AzureModelMapperFunc = func(string) string { return dep }
		}
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
		}
	}
	if deps.HTTPClient != nil {
		oc.HTTPClient = deps.HTTPClient
	}
	f.client = openai.NewClientWithConfig(oc)
	return f
}

// Breaker exposes the circuit breaker's state for health pages.
func (f *Fallback) Breaker() BreakerState { return f.breaker.State() }

// Answer returns inner's result, with Generated set and Best pointing at the
// first cited entry when a checked model answer was produced. Only inner's
// own error is returned; model, quota and cache failures are logged and
// leave the inner result unchanged.
func (f *Fallback) Answer(ctx context.Context, kb *knowledge.KB, q knowledge.Query) (knowledge.Result, error) {
	res, err := f.inner.Answer(ctx, kb, q)
	if err != nil || !eligible(res, q) {
		return res, err
	}
	log := f.log.With("lang", string(res.Lang), "best", res.Best.Entry.ID, "question_len", len(q.Text))
	if f.pseudonym != nil && q.UserID != 0 {
		log = log.With("user", f.pseudonym(q.UserID))
	}
	if suspicious(q.Text) {
		f.outcome(log, Suspicious, "")
		return res, nil
	}
	snippets := pickSnippets(res, f.cfg.MaxSnippets)
	c := newCorpus(snippets)
	key := cacheKey(q.Text, kbVersion(kb), res, snippets)

	if g, ok, err := f.cache.get(ctx, key); err != nil {
		log.Warn("llm: cache read failed", "err", err)
	} else if ok {
		if g.Text == "" {
			f.outcome(log, CachedNo, "")
			return res, nil
		}
		if out, ok := apply(res, c, g); ok {
			f.outcome(log, CacheHit, "")
			return out, nil
		}
	}

	// A model call and its quota are effects: a speculative update is
	// claimed first (when the claim finds it wrong the router answers
	// the update again, so this answer is not used).
	if investbot.Claim(ctx) != nil {
		return res, nil
	}
	if !f.breaker.Allow() {
		f.outcome(log, BreakerOpen, "")
		return res, nil
	}
	if f.quota != nil && q.UserID != 0 {
		// Quotas reset at the province's midnight.
		day := f.now().In(investbot.VietnamTime).Format("2006-01-02")
		ok, err := f.quota.Take(ctx, q.UserID, day)
		if err != nil {
			f.breaker.Release()
			f.outcome(log, QuotaError, err.Error())
			return res, nil
		}
		if !ok {
			f.breaker.Release()
			f.outcome(log, QuotaExceeded, "")
			return res, nil
		}
	}

	system := systemPrompt(f.loc, res.Lang)
	reply, reason, detail := f.call(ctx, system, userPrompt(f.loc, snippets, q.Text, res.Lang))
	if reason != "" {
		f.outcome(log, reason, detail)
		return res, nil
	}
	v := checkReply(reply, c, system)
	if v.reason != "" {
		f.outcome(log, v.reason, v.detail)
		if v.reason == NoAnswer || v.reason == Refusal {
			f.store(ctx, log, key, knowledge.Generated{}, negativeTTL)
		}
		return res, nil
	}
	out, _ := apply(res, c, v.gen)
	f.store(ctx, log, key, v.gen, f.cfg.CacheTTL)
	f.outcome(log, Answered, strings.Join(v.gen.Cites, ","))
	return out, nil
}

// call asks the model once and returns its reply, or the outcome that
// explains why there is none. It feeds the breaker and the metrics.
func (f *Fallback) call(ctx context.Context, system, user string) (reply string, reason Outcome, detail string) {
	temp := f.cfg.Temperature
	if temp == 0 {
		// go-openai omits a zero temperature from the JSON, which servers
		// read as their default (1.0); the smallest positive value is 0 in
		// effect and is sent.
		temp = math.SmallestNonzeroFloat32
	}
	req := openai.ChatCompletionRequest{
		Model: f.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		// max_tokens rather than max_completion_tokens: every compatible
		// server (Ollama, llama.cpp, vLLM, Azure) understands it.
		MaxTokens:   f.cfg.MaxTokens,
		Temperature: temp,
	}
	cctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	start := f.now()
	resp, err := f.client.CreateChatCompletion(cctx, req)
	latency := f.now().Sub(start)
	if err != nil {
		f.metrics.Call(latency, 0, 0)
		switch {
		case ctx.Err() != nil:
			// The caller gave up (the user's update was cancelled): not the
			// server's fault.
			f.breaker.Release()
			return "", CallCancelled, err.Error()
		case errors.Is(err, context.DeadlineExceeded) || cctx.Err() != nil:
			f.breaker.Failure()
			return "", Timeout, err.Error()
		default:
			f.breaker.Failure()
			return "", CallError, err.Error()
		}
	}
	f.breaker.Success()
	f.metrics.Call(latency, resp.Usage.PromptTokens, resp.Usage.CompletionTokens)
	if len(resp.Choices) == 0 {
		return "", EmptyReply, ""
	}
	return resp.Choices[0].Message.Content, "", ""
}

func (f *Fallback) outcome(log *slog.Logger, o Outcome, detail string) {
	f.metrics.Outcome(o)
	switch o {
	case Answered, CacheHit, CachedNo:
		log.Debug("llm: "+string(o), "detail", detail)
	case Timeout, CallError, QuotaError, EmptyReply:
		log.Warn("llm: "+string(o), "detail", detail)
	default:
		log.Info("llm: "+string(o), "detail", detail)
	}
}

func (f *Fallback) store(ctx context.Context, log *slog.Logger, key string, g knowledge.Generated, ttl time.Duration) {
	if err := f.cache.set(ctx, key, g, ttl); err != nil {
		log.Warn("llm: cache write failed", "err", err)
	}
}

// eligible reports whether a result is one the model may improve: an
// in-scope question with a candidate that fell below the threshold.
func eligible(res knowledge.Result, q knowledge.Query) bool {
	return strings.TrimSpace(q.Text) != "" && !res.Confident && !res.OutOfScope &&
		res.Generated == nil && res.Best != nil && res.Best.Entry != nil
}

// pickSnippets returns Best and the runners-up, at most max, without
// duplicates or missing entries.
func pickSnippets(res knowledge.Result, max int) []knowledge.Match {
	out := []knowledge.Match{*res.Best}
	seen := map[string]bool{res.Best.Entry.ID: true}
	for _, m := range res.RunnersUp {
		if len(out) >= max {
			break
		}
		if m.Entry == nil || seen[m.Entry.ID] {
			continue
		}
		seen[m.Entry.ID] = true
		out = append(out, m)
	}
	return out
}

// apply returns res with g as its generated answer and Best set to the
// first cited snippet (the others keep their order as runners-up). It
// reports false when a cited id is not among the snippets (a stale cache
// entry).
func apply(res knowledge.Result, c *corpus, g knowledge.Generated) (knowledge.Result, bool) {
	if len(g.Cites) == 0 {
		return res, false
	}
	for _, id := range g.Cites {
		if c.ids[id] == nil {
			return res, false
		}
	}
	best := *c.ids[g.Cites[0]]
	all := append([]knowledge.Match{*res.Best}, res.RunnersUp...)
	res.RunnersUp = nil
	for _, m := range all {
		if m.Entry != nil && m.Entry.ID != best.Entry.ID {
			res.RunnersUp = append(res.RunnersUp, m)
		}
	}
	res.Best = &best
	gen := cloneGenerated(g)
	res.Generated = &gen
	return res, true
}

// cacheKey identifies an answer: the normalised question, the knowledge-base
// version, the answer language and the snippets offered (a follow-up like
// "how big is it?" is a different question about each zone).
func cacheKey(question, version string, res knowledge.Result, snippets []knowledge.Match) string {
	h := sha256.New()
	for _, s := range []string{textnorm.Normalize(question), version, string(res.Lang)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, m := range snippets {
		h.Write([]byte(m.Entry.ID))
		h.Write([]byte{0})
	}
	return "llm:" + hex.EncodeToString(h.Sum(nil)[:16])
}

func kbVersion(kb *knowledge.KB) string {
	if kb == nil {
		return ""
	}
	return kb.Version()
}

func cloneGenerated(g knowledge.Generated) knowledge.Generated {
	g.Cites = append([]string(nil), g.Cites...)
	return g
}
