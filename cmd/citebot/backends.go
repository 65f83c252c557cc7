package main

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/answer/extractive"
	"github.com/citebot/citebot/internal/answer/llm"
	"github.com/citebot/citebot/internal/baseurl"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/retrieval"
)

// backendFlags choose the answerer and the embedder. API keys come only from
// the environment (or .env), never from flags, so they stay out of process
// listings and shell history.
type backendFlags struct {
	LLM            string        `group:"backend" name:"llm" env:"CITEBOT_LLM" default:"extractive" enum:"extractive,openai,ollama,anthropic" help:"Answer backend: extractive, openai (or any OpenAI-compatible server), ollama, anthropic."`
	LLMModel       string        `group:"backend" name:"llm-model" env:"CITEBOT_LLM_MODEL" help:"Chat model (default per provider: gpt-4o-mini, llama3.2, claude-3-5-haiku-latest)."`
	LLMBaseURL     string        `group:"backend" name:"llm-base-url" env:"CITEBOT_LLM_BASE_URL" help:"API root, e.g. http://localhost:8080/v1 for a llama.cpp server. A key is sent to it only from CITEBOT_LLM_API_KEY."`
	LLMTimeout     time.Duration `group:"backend" name:"llm-timeout" env:"CITEBOT_LLM_TIMEOUT" default:"60s" help:"Longest wait for one LLM answer before falling back to the extractive one."`
	LLMTemperature float64       `group:"backend" name:"llm-temperature" env:"CITEBOT_LLM_TEMPERATURE" default:"0" help:"Sampling temperature (0-2)."`
	LLMMaxTokens   int           `group:"backend" name:"llm-max-tokens" env:"CITEBOT_LLM_MAX_TOKENS" default:"0" help:"Cap on the answer's tokens (0: the provider's default)."`
	LLMContext     int           `group:"backend" name:"llm-context-chars" env:"CITEBOT_LLM_CONTEXT_CHARS" default:"12000" help:"Characters of passages sent to the LLM; the lowest-ranked are dropped first."`
	LLMMaxAnswer   int           `group:"backend" name:"llm-max-answer-chars" env:"CITEBOT_LLM_MAX_ANSWER_CHARS" default:"8000" help:"Longest LLM answer in characters; a longer one is cut at a sentence end (at most 100000)."`
	MinConfidence  float64       `group:"backend" name:"min-confidence" env:"CITEBOT_MIN_CONFIDENCE" default:"0" help:"The offline answerer refuses below this confidence (0-1); higher refuses more, wrong answers and right ones (README: Answer quality). 0 keeps the fitted thresholds."`

	Embedder        string        `group:"embedder" name:"embedder" env:"CITEBOT_EMBEDDER" default:"local" enum:"local,openai,ollama" help:"Embedder for the vector search: local (offline), openai (or compatible), ollama. Changing it rebuilds the index."`
	EmbedderModel   string        `group:"embedder" name:"embedder-model" env:"CITEBOT_EMBEDDER_MODEL" help:"Embedding model (default: text-embedding-3-small for openai, nomic-embed-text for ollama)."`
	EmbedderBaseURL string        `group:"embedder" name:"embedder-base-url" env:"CITEBOT_EMBEDDER_BASE_URL" help:"Embedding API root. A key is sent to it only from CITEBOT_EMBEDDER_API_KEY."`
	EmbedderTimeout time.Duration `group:"embedder" name:"embedder-timeout" env:"CITEBOT_EMBEDDER_TIMEOUT" default:"30s" help:"Longest wait for one embedding request; a question then searches by keywords alone, indexing fails."`

	// origins is where the settings came from (filled in by run).
	origins origins
}

// keyRule is where an API key may come from for one client.
type keyRule struct {
	explicitVar string // CITEBOT_LLM_API_KEY
	ambientVar  string // OPENAI_API_KEY, or "" when there is none
	host        string // the provider's own API host, "" when none
	baseVar     string // CITEBOT_LLM_BASE_URL
	baseFlag    string // llm-base-url
}

// apiKey returns the key to send to baseURL under rule r:
//   - the explicit variable (CITEBOT_LLM_API_KEY) goes wherever the base URL
//     points, except that a base URL from the .env file is refused with a
//     key from the real environment: a file in the working folder must not
//     choose where a key from the user's shell goes;
//   - the provider's ambient variable (OPENAI_API_KEY) goes only to the
//     provider's own API over https; to any other address no key is sent.
func (b *backendFlags) apiKey(r keyRule, baseURL string) (string, error) {
	official := r.host != "" && baseurl.IsHost(baseURL, r.host)
	if key := os.Getenv(r.explicitVar); key != "" {
		if !official && b.origins.fromDotEnv(r.baseVar, r.baseFlag) && !b.origins.dotEnv[r.explicitVar] {
			return "", usagef("refusing to send %s from your environment to %s, which comes from the .env file in this folder: "+
				"a file in the working folder may not choose where your key goes. "+
				"Set %s in the environment or pass --%s, or put the key in the same .env file",
				r.explicitVar, redactedURL(baseURL), r.baseVar, r.baseFlag)
		}
		return key, nil
	}
	if r.ambientVar != "" && official {
		return os.Getenv(r.ambientVar), nil
	}
	return "", nil
}

// redactedURL is u without any user info, for messages.
func redactedURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(an unparsable URL)"
	}
	return p.Redacted()
}

// engineOptions turns the backend settings into engine options. Bad
// settings are usage errors; progress, when set, receives remote embedding
// progress.
func (b *backendFlags) engineOptions(logger *slog.Logger, progress func(done, total int)) ([]engine.Option, error) {
	var opts []engine.Option
	switch {
	case math.IsNaN(b.MinConfidence) || b.MinConfidence < 0 || b.MinConfidence > 1:
		return nil, usagef("--min-confidence must be between 0 and 1 (0 keeps the fitted thresholds), not %v", b.MinConfidence)
	case b.MinConfidence > 0:
		// One threshold for every kind of question, the extractive
		// answerer's own and the LLM backends' fallback alike.
		opts = append(opts, engine.WithReader(extractive.WithThreshold(b.MinConfidence)))
	}
	if b.LLM != "extractive" {
		ambient := ""
		switch b.LLM {
		case llm.ProviderOpenAI:
			ambient = "OPENAI_API_KEY"
		case llm.ProviderAnthropic:
			ambient = "ANTHROPIC_API_KEY"
		}
		key, err := b.apiKey(keyRule{explicitVar: "CITEBOT_LLM_API_KEY", ambientVar: ambient,
			host: llm.ProviderHost(b.LLM), baseVar: "CITEBOT_LLM_BASE_URL", baseFlag: "llm-base-url"}, b.LLMBaseURL)
		if err != nil {
			return nil, err
		}
		cfg := llm.Config{
			Provider:       b.LLM,
			Model:          b.LLMModel,
			BaseURL:        b.LLMBaseURL,
			APIKey:         key,
			Timeout:        b.LLMTimeout,
			Temperature:    b.LLMTemperature,
			MaxTokens:      b.LLMMaxTokens,
			ContextChars:   b.LLMContext,
			MaxAnswerChars: b.LLMMaxAnswer,
		}
		if err := cfg.Validate(); err != nil {
			return nil, usagef("%v", err)
		}
		opts = append(opts, engine.WithAnswerer(func(fallback answer.Answerer) (answer.Answerer, error) {
			return llm.New(cfg, fallback, llm.WithLogger(logger))
		}))
		// Follow-ups are rewritten by the model into a standalone query.
		rw, err := llm.NewQueryRewriter(cfg, llm.WithLogger(logger))
		if err != nil {
			return nil, err
		}
		opts = append(opts, engine.WithQueryRewriter(rw.Rewrite))
	}
	if b.Embedder != "local" {
		if b.EmbedderTimeout <= 0 {
			return nil, usagef("--embedder-timeout must be positive")
		}
		eopts := []retrieval.EmbedderOption{retrieval.WithEmbedTimeout(b.EmbedderTimeout)}
		if progress != nil {
			eopts = append(eopts, retrieval.WithEmbedProgress(progress))
		}
		var emb retrieval.Embedder
		var err error
		switch b.Embedder {
		case "openai":
			var key string
			key, err = b.apiKey(keyRule{explicitVar: "CITEBOT_EMBEDDER_API_KEY", ambientVar: "OPENAI_API_KEY",
				host: llm.ProviderHost(llm.ProviderOpenAI), baseVar: "CITEBOT_EMBEDDER_BASE_URL", baseFlag: "embedder-base-url"}, b.EmbedderBaseURL)
			if err != nil {
				return nil, err
			}
			emb, err = retrieval.NewOpenAIEmbedder(b.EmbedderBaseURL, key, b.EmbedderModel, eopts...)
		case "ollama":
			emb, err = retrieval.NewOllamaEmbedder(b.EmbedderBaseURL, b.EmbedderModel, eopts...)
		default:
			err = fmt.Errorf("unknown embedder %q", b.Embedder)
		}
		if err != nil {
			return nil, usagef("embedder: %v", err)
		}
		opts = append(opts, engine.WithRetrieval(retrieval.WithEmbedder(emb)))
	}
	return opts, nil
}

// explainEmbedTimeout adds advice to an error caused by an embedding
// request that timed out.
func (b *backendFlags) explainEmbedTimeout(err error) error {
	if !errors.Is(err, retrieval.ErrEmbedTimeout) {
		return err
	}
	return fmt.Errorf("%w\nThe %s embedder did not answer within %v. Check that its server is up, or raise --embedder-timeout (CITEBOT_EMBEDDER_TIMEOUT)", err, b.Embedder, b.EmbedderTimeout)
}

// remote reports whether indexing calls a remote embedder.
func (b *backendFlags) remote() bool { return strings.ToLower(b.Embedder) != "local" }
