package retrieval

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/tmc/langchaingo/llms/openai"
)

// Defaults of NewOpenAIEmbedder.
const (
	DefaultOpenAIEmbedModel = "text-embedding-3-small"
	DefaultOpenAIEmbedURL   = "https://api.openai.com/v1"
)

// NewOpenAIEmbedder returns an embedder that calls POST <baseURL>/embeddings
// on OpenAI or an OpenAI-compatible server (vLLM, llama.cpp, LM Studio,
// Ollama's /v1), through langchaingo's OpenAI client. An empty baseURL means
// the OpenAI API, which needs apiKey; a server at another URL may do
// without (a placeholder token is sent, because the client refuses an empty
// one). An empty model means DefaultOpenAIEmbedModel. The ID is
// "openai:<model>".
//
// Batch sends up to 64 texts per request, 4 requests at a time, and retries
// HTTP 429 and 5xx with backoff (see the EmbedderOptions). Vectors are
// L2-normalised. Errors never contain the API key.
func NewOpenAIEmbedder(baseURL, apiKey, model string, opts ...EmbedderOption) (Embedder, error) {
	if baseURL == "" {
		baseURL = DefaultOpenAIEmbedURL
	}
	if err := checkEmbedderURL(baseURL); err != nil {
		return Embedder{}, err
	}
	if model == "" {
		model = DefaultOpenAIEmbedModel
	}
	token := strings.TrimSpace(apiKey)
	if token == "" {
		if u, _ := url.Parse(baseURL); strings.EqualFold(u.Hostname(), "api.openai.com") {
			return Embedder{}, fmt.Errorf("%w: the OpenAI API needs one", ErrMissingEmbedderKey)
		}
		token = keylessEmbedToken
	}
	o := buildEmbedderOptions(DefaultEmbedBatchSize, opts)
	client, err := openai.New(
		openai.WithToken(token),
		openai.WithBaseURL(strings.TrimRight(baseURL, "/")),
		openai.WithEmbeddingModel(model),
		openai.WithModel(model),
		openai.WithOrganization(""),
		openai.WithHTTPClient(o.retryingClient()),
	)
	if err != nil {
		return Embedder{}, redactError(fmt.Errorf("openai embeddings client: %w", err), apiKey)
	}
	call := func(ctx context.Context, texts []string) ([][]float32, error) {
		return client.CreateEmbedding(ctx, texts)
	}
	return newRemoteEmbedder("openai:"+model, "openai", apiKey, call, o), nil
}
