package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const testEmbedKey = "sk-test-EMBED-8d2e6f0a1c"

// fakeOpenAIEmbeddings serves POST /v1/embeddings; fail, when set, may
// answer a request instead (n counts requests from 0).
func fakeOpenAIEmbeddings(t *testing.T, s *embedServer, wantAuth string, fail func(w http.ResponseWriter, n int) bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
			t.Errorf("request %s %s, want POST /v1/embeddings", r.Method, r.URL.Path)
		}
		if got := r.Header.Get("Authorization"); got != wantAuth {
			t.Errorf("Authorization = %q, want %q", got, wantAuth)
		}
		var req struct {
			Model string   `json:"model"`
			Input []string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("decode request: %v", err)
		}
		n := s.enter(len(req.Input))
		defer s.leave()
		if fail != nil && fail(w, n) {
			return
		}
		data := make([]map[string]any, len(req.Input))
		for i, text := range req.Input {
			data[i] = map[string]any{"object": "embedding", "index": i, "embedding": vectorFor(text)}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": req.Model,
			"usage": map[string]any{"prompt_tokens": 1, "total_tokens": 1}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestOpenAIEmbedderBatchesConcurrently(t *testing.T) {
	s := &embedServer{}
	srv := fakeOpenAIEmbeddings(t, s, "Bearer "+testEmbedKey, nil)
	var mu sync.Mutex
	var progress []int
	e, err := NewOpenAIEmbedder(srv.URL+"/v1", testEmbedKey, "",
		WithEmbedHTTPClient(srv.Client()), WithEmbedBatchSize(3), WithEmbedConcurrency(2),
		WithEmbedProgress(func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if total != 10 {
				t.Errorf("progress total = %d, want 10", total)
			}
			progress = append(progress, done)
		}))
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "openai:text-embedding-3-small" {
		t.Errorf("ID = %q", e.ID)
	}
	in := texts(10)
	vecs, err := e.Batch(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, vecs)
	if got := fmt.Sprint(sortedInts(s.batches)); got != "[1 3 3 3]" {
		t.Errorf("batch sizes = %s, want [1 3 3 3]", got)
	}
	if m := s.maxSeen.Load(); m > 2 {
		t.Errorf("%d requests in flight, want at most 2", m)
	}
	if len(progress) != 4 || progress[len(progress)-1] != 10 {
		t.Errorf("progress = %v, want 4 calls ending at 10", progress)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i] <= progress[i-1] {
			t.Errorf("progress went back: %v", progress)
		}
	}

	v, err := e.Embed(context.Background(), "text 5")
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, []string{"text 5"}, [][]float32{v})
}

func sortedInts(xs []int) []int {
	out := append([]int(nil), xs...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestOpenAIEmbedderRetries(t *testing.T) {
	s := &embedServer{}
	srv := fakeOpenAIEmbeddings(t, s, "Bearer "+testEmbedKey, func(w http.ResponseWriter, n int) bool {
		switch n {
		case 0:
			w.Header().Set("Retry-After", "0")
			http.Error(w, `{"error":{"message":"Rate limit reached"}}`, http.StatusTooManyRequests)
			return true
		case 1:
			http.Error(w, `{"error":{"message":"The server had an error"}}`, http.StatusInternalServerError)
			return true
		}
		return false
	})
	e, err := NewOpenAIEmbedder(srv.URL+"/v1", testEmbedKey, "text-embedding-3-large",
		WithEmbedHTTPClient(srv.Client()), WithEmbedRetry(3, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	in := texts(5)
	vecs, err := e.Batch(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, vecs)
	if got := s.requests.Load(); got != 3 {
		t.Errorf("%d requests, want 3 (429, 500, success)", got)
	}
	if e.ID != "openai:text-embedding-3-large" {
		t.Errorf("ID = %q", e.ID)
	}
}

func TestOpenAIEmbedderGivesUp(t *testing.T) {
	s := &embedServer{}
	srv := fakeOpenAIEmbeddings(t, s, "Bearer "+testEmbedKey, func(w http.ResponseWriter, _ int) bool {
		http.Error(w, `{"error":{"message":"overloaded, key `+testEmbedKey+`"}}`, http.StatusServiceUnavailable)
		return true
	})
	e, err := NewOpenAIEmbedder(srv.URL+"/v1", testEmbedKey, "",
		WithEmbedHTTPClient(srv.Client()), WithEmbedRetry(2, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Batch(context.Background(), texts(3))
	if err == nil {
		t.Fatal("Batch succeeded against a failing server")
	}
	if got := s.requests.Load(); got != 3 {
		t.Errorf("%d requests, want 3 (1 + 2 retries)", got)
	}
	if strings.Contains(err.Error(), testEmbedKey) || !strings.Contains(err.Error(), "503") {
		t.Errorf("error %q should name the status and hide the key", err)
	}
}

func TestOpenAIEmbedderKeys(t *testing.T) {
	if _, err := NewOpenAIEmbedder("", "", ""); !errors.Is(err, ErrMissingEmbedderKey) {
		t.Errorf("OpenAI API without a key: %v", err)
	}
	if _, err := NewOpenAIEmbedder("localhost:8080", "", ""); !errors.Is(err, ErrInvalidEmbedderURL) {
		t.Errorf("URL without scheme: %v", err)
	}
	// A local server needs no key; the client sends a placeholder.
	s := &embedServer{}
	srv := fakeOpenAIEmbeddings(t, s, "Bearer "+keylessEmbedToken, nil)
	e, err := NewOpenAIEmbedder(srv.URL+"/v1/", "", "nomic-embed-text", WithEmbedHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Embed(context.Background(), "text 1"); err != nil {
		t.Fatal(err)
	}
}
