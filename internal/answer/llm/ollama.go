package llm

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/ollama"
)

// newOllama builds the backend for an Ollama server (POST <base>/api/chat,
// NDJSON). cfg.BaseURL has been validated, so ollama.WithServerURL cannot
// reach its log.Fatal; a trailing "/api" is accepted and dropped.
func newOllama(cfg Config, hc *http.Client) (backend, error) {
	base := strings.TrimSuffix(cfg.BaseURL, "/api")
	if err := checkBaseURL(base); err != nil {
		return backend{}, err
	}
	m, err := ollama.New(
		ollama.WithServerURL(base),
		ollama.WithModel(cfg.Model),
		ollama.WithHTTPClient(hc),
	)
	if err != nil {
		return backend{}, fmt.Errorf("llm: ollama client: %w", err)
	}
	return backend{
		model:        m,
		alwaysStream: true,
		mapErr:       llms.NewErrorMapper(ProviderOllama).Map,
		// langchaingo keeps a streamed answer only when the final
		// {"done":true} line arrives; without it the text is lost.
		incomplete: func(resp *llms.ContentResponse, streaming bool, streamed string) bool {
			return streaming && streamed != "" && resp.Choices[0].Content != streamed
		},
	}, nil
}
