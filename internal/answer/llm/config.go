package llm

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/citebot/citebot/internal/baseurl"
)

// Provider names accepted in Config.Provider.
const (
	// ProviderOpenAI is OpenAI or any OpenAI-compatible server.
	ProviderOpenAI = "openai"
	// ProviderOllama is an Ollama server.
	ProviderOllama = "ollama"
	// ProviderAnthropic is the Anthropic Messages API.
	ProviderAnthropic = "anthropic"
)

// Defaults applied by New to zero Config fields.
const (
	// DefaultTimeout bounds one answer.
	DefaultTimeout = 60 * time.Second
	// DefaultContextChars is the prompt budget for passages.
	DefaultContextChars = 12000
	// DefaultOpenAIBaseURL is the OpenAI API; OpenAI-compatible servers
	// (vLLM, llama.cpp server, LM Studio, OpenRouter) take their own base
	// URL ending in /v1.
	DefaultOpenAIBaseURL = "https://api.openai.com/v1"
	// DefaultOllamaBaseURL is a local Ollama server.
	DefaultOllamaBaseURL = "http://localhost:11434"
	// DefaultAnthropicBaseURL is the Anthropic API.
	DefaultAnthropicBaseURL = "https://api.anthropic.com/v1"
)

// keylessToken is sent as the bearer token to OpenAI-compatible and
// Anthropic-compatible servers at a custom base URL when no API key is set:
// langchaingo's clients refuse an empty token, and local servers such as
// llama.cpp or LM Studio ignore it.
const keylessToken = "citebot-no-key"

// Errors returned by Config.Validate (and so by New), wrapped with details.
var (
	// ErrUnknownProvider means Provider is not openai, ollama or anthropic.
	ErrUnknownProvider = errors.New("unknown LLM provider")
	// ErrInvalidBaseURL means BaseURL is not an absolute http(s) URL.
	ErrInvalidBaseURL = errors.New("invalid LLM base URL")
	// ErrMissingAPIKey means the OpenAI or Anthropic API is used without a key.
	ErrMissingAPIKey = errors.New("missing LLM API key")
	// ErrInvalidSetting means a timeout, temperature, token or budget setting is
	// out of range.
	ErrInvalidSetting = errors.New("invalid LLM setting")
)

// Config selects and tunes an LLM backend. The zero values of Model,
// BaseURL, Timeout and ContextChars mean the defaults; Temperature 0 is
// used as is, which suits answers grounded in sources.
type Config struct {
	// Provider is "openai" (OpenAI or any OpenAI-compatible server),
	// "ollama" or "anthropic".
	Provider string
	// Model defaults to DefaultModel(Provider).
	Model string
	// BaseURL is the API root: for OpenAI-compatible servers it ends in
	// /v1 (e.g. http://localhost:8000/v1), for Ollama it is the server
	// (http://localhost:11434), for Anthropic https://api.anthropic.com/v1.
	BaseURL string
	// APIKey is required for the OpenAI and Anthropic APIs. It may be empty
	// for a server at a custom BaseURL, which then receives a placeholder
	// token. Ollama ignores it.
	APIKey string
	// Timeout bounds one answer, including a retry after HTTP 429 and a
	// stream that stalls. Default 60s.
	Timeout time.Duration
	// Temperature is the sampling temperature, 0 to 2.
	Temperature float64
	// MaxTokens caps the answer length; 0 leaves it to the provider.
	MaxTokens int
	// ContextChars is the prompt budget for passages, in characters;
	// lower-ranked passages are dropped to fit. Default 12000.
	ContextChars int
	// MaxAnswerChars caps the answer text, in characters: a longer answer
	// is cut at the last sentence end before the cap, keeping the
	// citations in the part kept, and a stream is stopped once it has
	// sent four bytes a character past it. Default DefaultMaxAnswerChars
	// (8000), at most MaxAnswerCharsLimit.
	MaxAnswerChars int
	// RewriteTimeout bounds one follow-up query rewrite (QueryRewriter).
	// Default DefaultRewriteTimeout (10s).
	RewriteTimeout time.Duration
}

// DefaultModel returns the model used for provider when Config.Model is
// empty, or "" for an unknown provider.
func DefaultModel(provider string) string {
	switch normalProvider(provider) {
	case ProviderOpenAI:
		return "gpt-4o-mini"
	case ProviderOllama:
		return "llama3.2"
	case ProviderAnthropic:
		return "claude-3-5-haiku-latest"
	}
	return ""
}

// ProviderHost returns the host of provider's own API ("api.openai.com",
// "api.anthropic.com"), or "" for Ollama and unknown providers.
func ProviderHost(provider string) string {
	switch normalProvider(provider) {
	case ProviderOpenAI:
		return "api.openai.com"
	case ProviderAnthropic:
		return "api.anthropic.com"
	}
	return ""
}

func normalProvider(p string) string { return strings.ToLower(strings.TrimSpace(p)) }

// Validate reports whether c can build a backend: a known provider, an
// http(s) base URL, an API key where the provider's own API needs one, and
// settings within range. It never includes the API key in its errors.
func (c Config) Validate() error {
	p := normalProvider(c.Provider)
	switch p {
	case ProviderOpenAI, ProviderOllama, ProviderAnthropic:
	default:
		return fmt.Errorf("%w %q (want openai, ollama or anthropic)", ErrUnknownProvider, c.Provider)
	}
	if c.BaseURL != "" {
		if err := checkBaseURL(c.BaseURL); err != nil {
			return err
		}
	}
	if p != ProviderOllama && strings.TrimSpace(c.APIKey) == "" && officialAPI(p, c.BaseURL) {
		return fmt.Errorf("%w: %s needs an API key (or a custom base URL for a keyless server)", ErrMissingAPIKey, p)
	}
	switch {
	case c.Timeout < 0 || c.RewriteTimeout < 0:
		return fmt.Errorf("%w: a timeout is negative", ErrInvalidSetting)
	case c.Temperature < 0 || c.Temperature > 2:
		return fmt.Errorf("%w: temperature %v is outside 0..2", ErrInvalidSetting, c.Temperature)
	case c.MaxTokens < 0:
		return fmt.Errorf("%w: max tokens %d is negative", ErrInvalidSetting, c.MaxTokens)
	case c.ContextChars < 0:
		return fmt.Errorf("%w: context chars %d is negative", ErrInvalidSetting, c.ContextChars)
	case c.MaxAnswerChars < 0 || c.MaxAnswerChars > MaxAnswerCharsLimit:
		return fmt.Errorf("%w: max answer chars %d is outside 0..%d", ErrInvalidSetting, c.MaxAnswerChars, MaxAnswerCharsLimit)
	}
	return nil
}

// checkBaseURL accepts absolute http(s) URLs with a host, checked here
// because langchaingo's ollama.WithServerURL calls log.Fatal on a bad URL.
func checkBaseURL(raw string) error {
	if err := baseurl.Check(raw); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidBaseURL, err)
	}
	return nil
}

// officialAPI reports whether baseURL is empty or the provider's own API,
// which always needs a key.
func officialAPI(provider, baseURL string) bool {
	if baseURL == "" {
		return true
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return true
	}
	host := strings.ToLower(u.Hostname())
	switch provider {
	case ProviderOpenAI:
		return host == "api.openai.com"
	case ProviderAnthropic:
		return host == "api.anthropic.com"
	}
	return false
}

// withDefaults returns c with the provider normalised and zero fields set to
// their defaults.
func (c Config) withDefaults() Config {
	c.Provider = normalProvider(c.Provider)
	if c.Model == "" {
		c.Model = DefaultModel(c.Provider)
	}
	if c.BaseURL == "" {
		switch c.Provider {
		case ProviderOpenAI:
			c.BaseURL = DefaultOpenAIBaseURL
		case ProviderOllama:
			c.BaseURL = DefaultOllamaBaseURL
		case ProviderAnthropic:
			c.BaseURL = DefaultAnthropicBaseURL
		}
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.ContextChars == 0 {
		c.ContextChars = DefaultContextChars
	}
	if c.RewriteTimeout == 0 {
		c.RewriteTimeout = DefaultRewriteTimeout
	}
	if c.MaxAnswerChars == 0 {
		c.MaxAnswerChars = DefaultMaxAnswerChars
	}
	return c
}

// token is the key to hand to a client that refuses an empty one.
func (c Config) token() string {
	if k := strings.TrimSpace(c.APIKey); k != "" {
		return k
	}
	return keylessToken
}
