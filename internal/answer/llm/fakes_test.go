package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/retrieval"
)

// testKey must never appear in an answer, an error or a log line.
const testKey = "sk-test-SECRET-4f1c2a9b7e"

// testHits are retrieved passages in rank order. Their texts keep the
// encyclopedia's reference markers, which must not reach the model.
func testHits() []retrieval.Hit {
	p := func(n int, text string) retrieval.Hit {
		return retrieval.Hit{Passage: corpus.Passage{
			ID:     fmt.Sprintf("china-kazakhstan.txt#%d", n),
			Source: "china-kazakhstan.txt",
			Title:  "China–Kazakhstan relations",
			Text:   text,
		}, Score: 1 / float64(n)}
	}
	return []retrieval.Hit{
		p(1, "China and Kazakhstan established diplomatic relations on 3 January 1992.[1]"),
		p(2, "The two countries share a border of 1,782 kilometres.[4][5]"),
		p(3, "Khorgos is a dry port on the border between China and Kazakhstan."),
	}
}

// fakeFallback stands in for the extractive answerer.
type fakeFallback struct {
	mu    sync.Mutex
	calls int
	req   answer.Request
}

const fallbackText = "China and Kazakhstan established relations in 1992 [1]."

func (f *fakeFallback) Answer(_ context.Context, req answer.Request) (answer.Answer, error) {
	f.mu.Lock()
	f.calls++
	f.req = req
	f.mu.Unlock()
	if req.Stream != nil {
		req.Stream(fallbackText)
	}
	return answer.Answer{
		Text:      fallbackText,
		Backend:   "extractive",
		Citations: []answer.Citation{{N: 1, Hit: req.Passages[0]}},
	}, nil
}

func (f *fakeFallback) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// seenRequest is what a fake server received, in provider-neutral form.
type seenRequest struct {
	path, auth, apiKeyHeader string
	model, system            string
	turns                    []turn
	stream                   bool
	maxTokens                int
	temperature              *float64
}

type turn struct{ role, text string }

func (s seenRequest) last() turn { return s.turns[len(s.turns)-1] }

// recorder keeps the requests a fake server received.
type recorder struct {
	mu   sync.Mutex
	reqs []seenRequest
}

func (r *recorder) add(s seenRequest) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, s)
}

func (r *recorder) all() []seenRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seenRequest(nil), r.reqs...)
}

// decodeRequest reads a chat request in provider's wire format.
func decodeRequest(t *testing.T, provider string, r *http.Request) seenRequest {
	t.Helper()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("read request: %v", err)
	}
	s := seenRequest{path: r.URL.Path, auth: r.Header.Get("Authorization"), apiKeyHeader: r.Header.Get("X-Api-Key")}
	switch provider {
	case ProviderOpenAI:
		var req struct {
			Model    string `json:"model"`
			Messages []struct {
				Role    string `json:"role"`
				Content string `json:"content"`
			} `json:"messages"`
			Stream      bool     `json:"stream"`
			MaxTokens   int      `json:"max_tokens"`
			MaxCompl    int      `json:"max_completion_tokens"`
			Temperature *float64 `json:"temperature"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("openai request %s: %v", body, err)
		}
		s.model, s.stream, s.maxTokens, s.temperature = req.Model, req.Stream, max(req.MaxTokens, req.MaxCompl), req.Temperature
		for _, m := range req.Messages {
			if m.Role == "system" {
				s.system = m.Content
				continue
			}
			s.turns = append(s.turns, turn{m.Role, m.Content})
		}
	case ProviderOllama:
		var req struct {
			Model    string `json:"model"`
			Messages []struct {
				Role    string `json:"role"`
				Content string `json:"content"`
			} `json:"messages"`
			Stream  *bool `json:"stream"`
			Options struct {
				NumPredict  int      `json:"num_predict"`
				Temperature *float64 `json:"temperature"`
			} `json:"options"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("ollama request %s: %v", body, err)
		}
		// Ollama streams unless "stream" is false.
		s.model, s.stream = req.Model, req.Stream == nil || *req.Stream
		s.maxTokens, s.temperature = req.Options.NumPredict, req.Options.Temperature
		for _, m := range req.Messages {
			if m.Role == "system" {
				s.system = m.Content
				continue
			}
			s.turns = append(s.turns, turn{m.Role, m.Content})
		}
	case ProviderAnthropic:
		var req struct {
			Model    string `json:"model"`
			System   string `json:"system"`
			Messages []struct {
				Role    string `json:"role"`
				Content []struct {
					Type string `json:"type"`
					Text string `json:"text"`
				} `json:"content"`
			} `json:"messages"`
			Stream      bool     `json:"stream"`
			MaxTokens   int      `json:"max_tokens"`
			Temperature *float64 `json:"temperature"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("anthropic request %s: %v", body, err)
		}
		s.model, s.system, s.stream, s.maxTokens, s.temperature = req.Model, req.System, req.Stream, req.MaxTokens, req.Temperature
		for _, m := range req.Messages {
			var text strings.Builder
			for _, c := range m.Content {
				text.WriteString(c.Text)
			}
			s.turns = append(s.turns, turn{m.Role, text.String()})
		}
	}
	return s
}

// reply writes a successful answer in provider's wire format, streamed in
// chunks when the request asked for a stream. cut stops a stream before its
// end marker (finish_reason, done, message_stop).
func reply(w http.ResponseWriter, provider string, stream bool, chunks []string, cut bool) {
	switch provider {
	case ProviderOpenAI:
		if !stream {
			writeJSON(w, map[string]any{
				"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
				"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
					"message": map[string]any{"role": "assistant", "content": strings.Join(chunks, "")}}},
				"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
			})
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		for i, c := range chunks {
			delta := map[string]any{"content": c}
			if i == 0 {
				delta["role"] = "assistant"
			}
			sse(w, "", map[string]any{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini",
				"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": nil}}})
		}
		if cut {
			return
		}
		sse(w, "", map[string]any{"id": "chatcmpl-1", "object": "chat.completion.chunk",
			"choices": []any{map[string]any{"index": 0, "delta": map[string]any{}, "finish_reason": "stop"}}})
		sse(w, "", map[string]any{"id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": []any{},
			"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}})
		fmt.Fprint(w, "data: [DONE]\n\n")
	case ProviderOllama:
		w.Header().Set("Content-Type", "application/x-ndjson")
		if !stream {
			ndjson(w, map[string]any{"model": "llama3.2", "created_at": "2025-01-01T00:00:00Z",
				"message": map[string]any{"role": "assistant", "content": strings.Join(chunks, "")}, "done": true, "done_reason": "stop"})
			return
		}
		for _, c := range chunks {
			ndjson(w, map[string]any{"model": "llama3.2", "created_at": "2025-01-01T00:00:00Z",
				"message": map[string]any{"role": "assistant", "content": c}, "done": false})
		}
		if cut {
			return
		}
		ndjson(w, map[string]any{"model": "llama3.2", "created_at": "2025-01-01T00:00:00Z",
			"message": map[string]any{"role": "assistant", "content": ""}, "done": true, "done_reason": "stop",
			"total_duration": 1000, "eval_count": 20, "prompt_eval_count": 100})
	case ProviderAnthropic:
		if !stream {
			writeJSON(w, map[string]any{
				"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-latest",
				"content":     []any{map[string]any{"type": "text", "text": strings.Join(chunks, "")}},
				"stop_reason": "end_turn", "stop_sequence": nil,
				"usage": map[string]any{"input_tokens": 100, "output_tokens": 20},
			})
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		sse(w, "message_start", map[string]any{"type": "message_start", "message": map[string]any{
			"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-latest", "content": []any{},
			"stop_reason": nil, "usage": map[string]any{"input_tokens": 100, "output_tokens": 1}}})
		sse(w, "content_block_start", map[string]any{"type": "content_block_start", "index": 0,
			"content_block": map[string]any{"type": "text", "text": ""}})
		sse(w, "ping", map[string]any{"type": "ping"})
		for _, c := range chunks {
			sse(w, "content_block_delta", map[string]any{"type": "content_block_delta", "index": 0,
				"delta": map[string]any{"type": "text_delta", "text": c}})
		}
		if cut {
			return
		}
		sse(w, "content_block_stop", map[string]any{"type": "content_block_stop", "index": 0})
		sse(w, "message_delta", map[string]any{"type": "message_delta",
			"delta": map[string]any{"stop_reason": "end_turn", "stop_sequence": nil}, "usage": map[string]any{"output_tokens": 20}})
		sse(w, "message_stop", map[string]any{"type": "message_stop"})
	}
}

// replyError writes an API error in provider's format; the message echoes
// the key, as some servers do, to prove it is redacted.
func replyError(w http.ResponseWriter, provider string, status int, message string) {
	message += " (key " + testKey + ")"
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	switch provider {
	case ProviderOpenAI:
		_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": message, "type": "invalid_request_error"}})
	case ProviderOllama:
		_ = json.NewEncoder(w).Encode(map[string]any{"error": message})
	case ProviderAnthropic:
		_ = json.NewEncoder(w).Encode(map[string]any{"type": "error", "error": map[string]any{"type": "api_error", "message": message}})
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func sse(w http.ResponseWriter, event string, v any) {
	b, _ := json.Marshal(v)
	if event != "" {
		fmt.Fprintf(w, "event: %s\n", event)
	}
	fmt.Fprintf(w, "data: %s\n\n", b)
	flush(w)
}

func ndjson(w http.ResponseWriter, v any) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(w, "%s\n", b)
	flush(w)
}

func flush(w http.ResponseWriter) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// stall blocks until the client goes away (or a safety limit passes).
func stall(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// chatPath is where each provider's client posts a chat request.
var chatPath = map[string]string{
	ProviderOpenAI:    "/v1/chat/completions",
	ProviderOllama:    "/api/chat",
	ProviderAnthropic: "/v1/messages",
}

// fakeServer starts a server speaking provider's protocol at its chat path;
// handle answers each request, numbered from 0.
func fakeServer(t *testing.T, provider string, rec *recorder, handle func(w http.ResponseWriter, r *http.Request, s seenRequest, n int)) *httptest.Server {
	t.Helper()
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != chatPath[provider] {
			t.Errorf("%s request: %s %s, want POST %s", provider, r.Method, r.URL.Path, chatPath[provider])
			http.NotFound(w, r)
			return
		}
		s := decodeRequest(t, provider, r)
		if rec != nil {
			rec.add(s)
		}
		mu.Lock()
		i := n
		n++
		mu.Unlock()
		handle(w, r, s, i)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// baseURL is the Config.BaseURL that points provider's client at srv.
func baseURL(provider string, srv *httptest.Server) string {
	if provider == ProviderOllama {
		return srv.URL
	}
	return srv.URL + "/v1"
}

// newTestAnswerer builds an answerer for provider against srv.
func newTestAnswerer(t *testing.T, provider string, srv *httptest.Server, fb answer.Answerer, timeout time.Duration, opts ...Option) answer.Answerer {
	t.Helper()
	cfg := Config{Provider: provider, BaseURL: baseURL(provider, srv), APIKey: testKey, Timeout: timeout}
	a, err := New(cfg, fb, append([]Option{WithHTTPClient(srv.Client())}, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}
