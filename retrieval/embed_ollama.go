package retrieval

import (
	"context"
	"fmt"
	"strings"

	"github.com/tmc/langchaingo/llms/ollama"
)

// Defaults of NewOllamaEmbedder.
const (
	DefaultOllamaEmbedModel = "nomic-embed-text"
	DefaultOllamaEmbedURL   = "http://localhost:11434"

	defaultOllamaEmbedBatch = 8
)

// NewOllamaEmbedder returns an embedder that calls POST <baseURL>/api/embed
// on an Ollama server through langchaingo's Ollama client. An empty baseURL
// means DefaultOllamaEmbedURL (a trailing "/api" is accepted); an empty
// model means DefaultOllamaEmbedModel. The ID is "ollama:<model>".
//
// The client sends one text per request; Batch hands texts to 4 workers
// (WithEmbedConcurrency) 8 at a time (WithEmbedBatchSize), retries HTTP 429
// and 5xx with backoff, and L2-normalises the vectors.
func NewOllamaEmbedder(baseURL, model string, opts ...EmbedderOption) (Embedder, error) {
	if baseURL == "" {
		baseURL = DefaultOllamaEmbedURL
	}
	baseURL = strings.TrimSuffix(strings.TrimRight(baseURL, "/"), "/api")
	// Checked here: ollama.WithServerURL calls log.Fatal on a bad URL.
	if err := checkEmbedderURL(baseURL); err != nil {
		return Embedder{}, err
	}
	if model == "" {
		model = DefaultOllamaEmbedModel
	}
	// The client sends one text per request, so small batches keep all
	// workers busy and progress fine-grained.
	o := buildEmbedderOptions(defaultOllamaEmbedBatch, opts)
	client, err := ollama.New(
		ollama.WithServerURL(baseURL),
		ollama.WithModel(model),
		ollama.WithHTTPClient(o.retryingClient()),
	)
	if err != nil {
		return Embedder{}, fmt.Errorf("ollama embeddings client: %w", err)
	}
	call := func(ctx context.Context, texts []string) ([][]float32, error) {
		return client.CreateEmbedding(ctx, texts)
	}
	return newRemoteEmbedder("ollama:"+model, "ollama", "", call, o), nil
}
