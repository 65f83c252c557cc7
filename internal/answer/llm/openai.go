package llm

import (
	"fmt"
	"net/http"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/openai"
)

// newOpenAI builds the backend for OpenAI and OpenAI-compatible servers
// (POST <base>/chat/completions). Every client setting is passed explicitly,
// so langchaingo's own environment variables (OPENAI_API_KEY,
// OPENAI_BASE_URL, OPENAI_ORGANIZATION…) have no effect.
func newOpenAI(cfg Config, hc *http.Client) (backend, error) {
	m, err := openai.New(
		openai.WithToken(cfg.token()),
		openai.WithModel(cfg.Model),
		openai.WithBaseURL(cfg.BaseURL),
		openai.WithOrganization(""),
		openai.WithHTTPClient(hc),
	)
	if err != nil {
		return backend{}, fmt.Errorf("llm: openai client: %w", err)
	}
	var opts []llms.CallOption
	if !officialAPI(ProviderOpenAI, cfg.BaseURL) {
		// Compatible servers (llama.cpp, older vLLM) know max_tokens, not
		// max_completion_tokens.
		opts = append(opts, openai.WithLegacyMaxTokensField())
	}
	return backend{
		model:       m,
		callOptions: opts,
		mapErr:      openai.MapError,
		// A stream that ends without a finish_reason was cut: langchaingo
		// returns what arrived, without an error.
		incomplete: func(resp *llms.ContentResponse, streaming bool, _ string) bool {
			return streaming && resp.Choices[0].StopReason == ""
		},
	}, nil
}
