package llm

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want error
	}{
		{"openai with key", Config{Provider: "openai", APIKey: testKey}, nil},
		{"provider case and spaces", Config{Provider: " OpenAI ", APIKey: testKey}, nil},
		{"ollama needs no key", Config{Provider: "ollama"}, nil},
		{"local openai-compatible server needs no key", Config{Provider: "openai", BaseURL: "http://localhost:8080/v1"}, nil},
		{"anthropic proxy needs no key", Config{Provider: "anthropic", BaseURL: "https://llm-proxy.internal/v1"}, nil},
		{"extractive is not an LLM", Config{Provider: "extractive"}, ErrUnknownProvider},
		{"empty provider", Config{}, ErrUnknownProvider},
		{"openai without key", Config{Provider: "openai"}, ErrMissingAPIKey},
		{"openai API URL without key", Config{Provider: "openai", BaseURL: "https://api.openai.com/v1"}, ErrMissingAPIKey},
		{"anthropic without key", Config{Provider: "anthropic", APIKey: "  "}, ErrMissingAPIKey},
		{"URL without scheme", Config{Provider: "ollama", BaseURL: "localhost:11434"}, ErrInvalidBaseURL},
		{"URL with another scheme", Config{Provider: "ollama", BaseURL: "ftp://host"}, ErrInvalidBaseURL},
		{"URL without host", Config{Provider: "ollama", BaseURL: "http://"}, ErrInvalidBaseURL},
		{"unparsable URL", Config{Provider: "ollama", BaseURL: "http://[::1"}, ErrInvalidBaseURL},
		{"negative timeout", Config{Provider: "ollama", Timeout: -time.Second}, ErrInvalidSetting},
		{"temperature too high", Config{Provider: "ollama", Temperature: 2.5}, ErrInvalidSetting},
		{"negative max tokens", Config{Provider: "ollama", MaxTokens: -1}, ErrInvalidSetting},
		{"negative context", Config{Provider: "ollama", ContextChars: -1}, ErrInvalidSetting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("Validate() = %v, want %v", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Errorf("error %q contains the key", err)
			}
		})
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	if _, err := New(Config{Provider: "ollama", BaseURL: "::bad"}, &fakeFallback{}); !errors.Is(err, ErrInvalidBaseURL) {
		t.Errorf("New with a bad URL: %v", err)
	}
	if _, err := New(Config{Provider: "ollama"}, nil); err == nil {
		t.Error("New without a fallback succeeded")
	}
}

func TestDefaults(t *testing.T) {
	for provider, model := range map[string]string{
		"openai": "gpt-4o-mini", "ollama": "llama3.2", "anthropic": "claude-3-5-haiku-latest", "other": "",
	} {
		if got := DefaultModel(provider); got != model {
			t.Errorf("DefaultModel(%q) = %q, want %q", provider, got, model)
		}
	}
	c := Config{Provider: "Ollama", BaseURL: "http://host:11434/"}.withDefaults()
	if c.Provider != "ollama" || c.Model != "llama3.2" || c.BaseURL != "http://host:11434" ||
		c.Timeout != DefaultTimeout || c.ContextChars != DefaultContextChars {
		t.Errorf("withDefaults = %+v", c)
	}
}
