package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/answer/llm"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/retrieval"
)

// backendFlags choose the answerer and the embedder. API keys come only from
// the environment (or .env), never from flags, so they stay out of process
// listings and shell history.
type backendFlags struct {
	LLM            string        `group:"backend" name:"llm" env:"CITEBOT_LLM" default:"extractive" enum:"extractive,openai,ollama,anthropic" help:"Answer backend: extractive, openai (or any OpenAI-compatible server), ollama, anthropic."`
	LLMModel       string        `group:"backend" name:"llm-model" env:"CITEBOT_LLM_MODEL" help:"Chat model (default per provider: gpt-4o-mini, llama3.2, claude-3-5-haiku-latest)."`
	LLMBaseURL     string        `group:"backend" name:"llm-base-url" env:"CITEBOT_LLM_BASE_URL" help:"API root, e.g. http://localhost:8080/v1 for a llama.cpp server."`
	LLMTimeout     time.Duration `group:"backend" name:"llm-timeout" env:"CITEBOT_LLM_TIMEOUT" default:"60s" help:"Longest wait for one LLM answer before falling back to the extractive one."`
	LLMTemperature float64       `group:"backend" name:"llm-temperature" env:"CITEBOT_LLM_TEMPERATURE" default:"0" help:"Sampling temperature (0-2)."`
	LLMMaxTokens   int           `group:"backend" name:"llm-max-tokens" env:"CITEBOT_LLM_MAX_TOKENS" default:"0" help:"Cap on the answer's tokens (0: the provider's default)."`
	LLMContext     int           `group:"backend" name:"llm-context-chars" env:"CITEBOT_LLM_CONTEXT_CHARS" default:"12000" help:"Characters of passages sent to the LLM; the lowest-ranked are dropped first."`

	Embedder        string `group:"embedder" name:"embedder" env:"CITEBOT_EMBEDDER" default:"local" enum:"local,openai,ollama" help:"Embedder for the vector search: local (offline), openai (or compatible), ollama. Changing it rebuilds the index."`
	EmbedderModel   string `group:"embedder" name:"embedder-model" env:"CITEBOT_EMBEDDER_MODEL" help:"Embedding model (default: text-embedding-3-small for openai, nomic-embed-text for ollama)."`
	EmbedderBaseURL string `group:"embedder" name:"embedder-base-url" env:"CITEBOT_EMBEDDER_BASE_URL" help:"Embedding API root."`
}

// llmKey returns CITEBOT_LLM_API_KEY, or the provider's usual variable.
func llmKey(provider string) string {
	if k := os.Getenv("CITEBOT_LLM_API_KEY"); k != "" {
		return k
	}
	switch provider {
	case llm.ProviderOpenAI:
		return os.Getenv("OPENAI_API_KEY")
	case llm.ProviderAnthropic:
		return os.Getenv("ANTHROPIC_API_KEY")
	}
	return ""
}

// engineOptions turns the backend settings into engine options. Bad
// settings are usage errors; progress, when set, receives remote embedding
// progress.
func (b *backendFlags) engineOptions(logger *slog.Logger, progress func(done, total int)) ([]engine.Option, error) {
	var opts []engine.Option
	if b.LLM != "extractive" {
		cfg := llm.Config{
			Provider:     b.LLM,
			Model:        b.LLMModel,
			BaseURL:      b.LLMBaseURL,
			APIKey:       llmKey(b.LLM),
			Timeout:      b.LLMTimeout,
			Temperature:  b.LLMTemperature,
			MaxTokens:    b.LLMMaxTokens,
			ContextChars: b.LLMContext,
		}
		if err := cfg.Validate(); err != nil {
			return nil, usagef("%v", err)
		}
		opts = append(opts, engine.WithAnswerer(func(fallback answer.Answerer) (answer.Answerer, error) {
			return llm.New(cfg, fallback, llm.WithLogger(logger))
		}))
	}
	if b.Embedder != "local" {
		var eopts []retrieval.EmbedderOption
		if progress != nil {
			eopts = append(eopts, retrieval.WithEmbedProgress(progress))
		}
		var emb retrieval.Embedder
		var err error
		switch b.Embedder {
		case "openai":
			key := os.Getenv("CITEBOT_EMBEDDER_API_KEY")
			if key == "" {
				key = os.Getenv("OPENAI_API_KEY")
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

// remote reports whether indexing calls a remote embedder.
func (b *backendFlags) remote() bool { return strings.ToLower(b.Embedder) != "local" }
