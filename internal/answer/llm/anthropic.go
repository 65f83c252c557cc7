package llm

import (
	"fmt"
	"net/http"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/anthropic"
)

// newAnthropic builds the backend for the Anthropic Messages API
// (POST <base>/messages, SSE when streaming). A stream cut before
// message_stop makes langchaingo return anthropic.ErrEmptyResponse, which
// the answerer reports as a cut stream.
func newAnthropic(cfg Config, hc *http.Client) (backend, error) {
	m, err := anthropic.New(
		anthropic.WithToken(cfg.token()),
		anthropic.WithModel(cfg.Model),
		anthropic.WithBaseURL(cfg.BaseURL),
		anthropic.WithHTTPClient(hc),
	)
	if err != nil {
		return backend{}, fmt.Errorf("llm: anthropic client: %w", err)
	}
	return backend{
		model:  m,
		mapErr: anthropic.MapError,
		incomplete: func(*llms.ContentResponse, bool, string) bool {
			return false
		},
	}, nil
}
