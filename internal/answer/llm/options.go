package llm

import (
	"log/slog"
	"net/http"
)

// Option adjusts how New builds an answerer.
type Option func(*options)

type options struct {
	httpClient *http.Client
	logger     *slog.Logger
}

// WithHTTPClient sends LLM requests through client (its transport, proxy and
// TLS settings). The answerer wraps the client's transport to retry once
// after HTTP 429 and to see status codes; it does not modify client.
func WithHTTPClient(client *http.Client) Option {
	return func(o *options) { o.httpClient = client }
}

// WithLogger reports each fallback (provider, model, reason and the redacted
// cause) at warn level to logger. Without it the answerer logs nothing.
func WithLogger(logger *slog.Logger) Option {
	return func(o *options) { o.logger = logger }
}
