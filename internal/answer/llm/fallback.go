package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/anthropic"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/bodycap"
)

// FallbackSeparator is streamed before the fallback's answer when an LLM
// answer fails after part of it was streamed, so that a terminal shows a
// break between the abandoned text and the answer that replaces it.
const FallbackSeparator = "\n\n---\n\n"

// Reasons name why an LLM call gave no usable answer; they appear in
// Answer.Backend as "extractive (fallback: <provider> <reason>)".
const (
	// ReasonTimeout means Config.Timeout passed, before or during the answer.
	ReasonTimeout = "timeout"
	// ReasonUnauthorized means HTTP 401, a missing or wrong API key.
	ReasonUnauthorized = "unauthorized"
	// ReasonForbidden means HTTP 403, the key may not use the model.
	ReasonForbidden = "forbidden"
	// ReasonUnknownModel means HTTP 404 naming the model.
	ReasonUnknownModel = "unknown model"
	// ReasonNotFound means another HTTP 404, usually a wrong base URL.
	ReasonNotFound = "not found"
	// ReasonRateLimited means HTTP 429, again after one retry or with a
	// Retry-After beyond the timeout.
	ReasonRateLimited = "rate limited"
	// ReasonServerError means HTTP 5xx, or an error event in the stream.
	ReasonServerError = "server error"
	// ReasonBadRequest means another HTTP 4xx.
	ReasonBadRequest = "bad request"
	// ReasonTooLarge means a response (or a whole stream) longer than
	// bodycap.DefaultMax; reading stops there.
	ReasonTooLarge = "response too large"
	// ReasonMalformed means a body that is not the provider's format.
	ReasonMalformed = "malformed response"
	// ReasonStreamCut means the answer broke off before its end.
	ReasonStreamCut = "stream cut"
	// ReasonEmpty means the model answered with no text.
	ReasonEmpty = "empty response"
	// ReasonUnreachable means no connection to the server.
	ReasonUnreachable = "unreachable"
	// ReasonNoPassages means retrieval found nothing, so the LLM was not asked.
	ReasonNoPassages = "no passages"
)

// failure is why one LLM call produced no usable answer. Its message has the
// API key removed; Unwrap still reaches the cause for errors.Is and As.
type failure struct {
	provider string
	reason   string
	msg      string
	cause    error
}

func (f *failure) Error() string { return f.msg }
func (f *failure) Unwrap() error { return f.cause }

func newFailure(provider, reason string, cause error, key string) *failure {
	msg := "llm: " + provider + " " + reason
	if cause != nil {
		// A server's error message may be long (it is read up to
		// bodycap.DefaultMaxError); a log line keeps its first KiB.
		msg += ": " + bodycap.Clip(redact(cause.Error(), key), bodycap.MaxLogBytes)
	}
	return &failure{provider: provider, reason: reason, msg: msg, cause: cause}
}

// redact removes key from s. Keys shorter than 6 characters are not
// searched for, so that a test key like "x" does not mangle messages.
func redact(s, key string) string {
	key = strings.TrimSpace(key)
	if len(key) < 6 || key == keylessToken {
		return s
	}
	return strings.ReplaceAll(s, key, "[redacted]")
}

// callOutcome is what the answerer knows after an LLM call returned.
type callOutcome struct {
	err        error
	timedOut   bool // the answerer's own deadline passed
	partial    bool // some answer text arrived before the call ended
	incomplete bool // the response ended before the provider's end marker
	empty      bool // the response carried no text
	rec        *callRecord
	// mapErr is the provider's langchaingo error mapper (openai.MapError,
	// anthropic.MapError), which recognises its error messages.
	mapErr func(error) error
}

// classify names the failure of an LLM call, or returns "" when the call
// produced a usable answer. The order matters: a deadline explains the
// errors it causes; HTTP status codes are more precise than the error text
// langchaingo builds from them.
func classify(o callOutcome) string {
	status, sendErr, bodyErr := o.rec.snapshot()
	if errors.Is(bodyErr, bodycap.ErrTooLarge) {
		return ReasonTooLarge
	}
	if o.timedOut {
		return ReasonTimeout
	}
	if o.err == nil {
		switch {
		case o.incomplete && o.partial:
			return ReasonStreamCut
		case o.incomplete:
			return ReasonMalformed
		case o.empty:
			return ReasonEmpty
		}
		return ""
	}
	if status >= 400 {
		return statusReason(status, o.err)
	}
	if bodyErr != nil {
		if o.partial {
			return ReasonStreamCut
		}
		return ReasonMalformed
	}
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if errors.As(o.err, &syntaxErr) || errors.As(o.err, &typeErr) || errors.Is(o.err, io.ErrUnexpectedEOF) {
		return ReasonMalformed
	}
	if errors.Is(o.err, anthropic.ErrEmptyResponse) || errors.Is(o.err, openai.ErrEmptyResponse) ||
		errors.Is(o.err, ollama.ErrEmptyResponse) {
		if o.partial {
			return ReasonStreamCut // Anthropic: no message_stop
		}
		return ReasonEmpty
	}
	if status == 0 && sendErr != nil {
		return ReasonUnreachable
	}
	var lerr *llms.Error
	if o.mapErr != nil && errors.As(o.mapErr(o.err), &lerr) {
		switch lerr.Code {
		case llms.ErrCodeAuthentication:
			return ReasonUnauthorized
		case llms.ErrCodeRateLimit, llms.ErrCodeQuotaExceeded:
			return ReasonRateLimited
		case llms.ErrCodeProviderUnavailable:
			return ReasonServerError
		case llms.ErrCodeTimeout:
			return ReasonTimeout
		}
	}
	if o.partial {
		return ReasonStreamCut
	}
	return ReasonMalformed
}

// statusReason names an HTTP error status. A 404 is an unknown model when
// the server's message mentions the model (OpenAI, Anthropic and Ollama all
// do); otherwise the base URL is probably wrong.
func statusReason(status int, err error) string {
	switch {
	case status == http.StatusUnauthorized:
		return ReasonUnauthorized
	case status == http.StatusForbidden:
		return ReasonForbidden
	case status == http.StatusNotFound:
		if strings.Contains(strings.ToLower(err.Error()), "model") {
			return ReasonUnknownModel
		}
		return ReasonNotFound
	case status == http.StatusTooManyRequests:
		return ReasonRateLimited
	case status >= 500:
		return ReasonServerError
	}
	return ReasonBadRequest
}

// fallBack answers req with the fallback answerer after f, marking the
// backend with the reason. If LLM text was already streamed, the fallback
// runs without the stream and its text is streamed after FallbackSeparator;
// otherwise the fallback streams as it normally does.
func (a *answerer) fallBack(ctx context.Context, req answer.Request, f *failure, streamed bool) (answer.Answer, error) {
	if a.logger != nil {
		level := slog.LevelWarn
		if f.reason == ReasonNoPassages {
			level = slog.LevelDebug
		}
		a.logger.LogAttrs(ctx, level, "LLM answer failed; using the fallback",
			slog.String("provider", f.provider), slog.String("model", a.cfg.Model),
			slog.String("reason", f.reason), slog.String("error", f.msg))
	}
	fbReq := req
	if streamed {
		fbReq.Stream = nil
	}
	ans, err := a.fallback.Answer(ctx, fbReq)
	if err != nil {
		return answer.Answer{}, fmt.Errorf("%w; the fallback failed too: %w", f, err)
	}
	if streamed && req.Stream != nil {
		req.Stream(FallbackSeparator + ans.Text)
	}
	name := ans.Backend
	if name == "" {
		name = "fallback"
	}
	ans.Backend = fmt.Sprintf("%s (fallback: %s %s)", name, f.provider, f.reason)
	return ans, nil
}
