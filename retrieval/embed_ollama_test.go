package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// fakeOllamaEmbeddings serves POST /api/embed, which takes one text per
// request from langchaingo's client.
func fakeOllamaEmbeddings(t *testing.T, s *embedServer, fail func(w http.ResponseWriter, n int) bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/embed" {
			t.Errorf("request %s %s, want POST /api/embed", r.Method, r.URL.Path)
		}
		var req struct {
			Model string `json:"model"`
			Input string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("decode request: %v", err)
		}
		if req.Model != "nomic-embed-text" {
			t.Errorf("model = %q", req.Model)
		}
		n := s.enter(1)
		defer s.leave()
		if fail != nil && fail(w, n) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"model": req.Model, "embeddings": [][]float32{vectorFor(req.Input)}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestOllamaEmbedder(t *testing.T) {
	s := &embedServer{}
	srv := fakeOllamaEmbeddings(t, s, func(w http.ResponseWriter, n int) bool {
		if n == 2 {
			http.Error(w, `{"error":"busy"}`, http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	var calls int
	e, err := NewOllamaEmbedder(srv.URL+"/api", "",
		WithEmbedHTTPClient(srv.Client()), WithEmbedConcurrency(3), WithEmbedRetry(2, time.Millisecond),
		WithEmbedProgress(func(done, total int) { calls++ }))
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "ollama:nomic-embed-text" {
		t.Errorf("ID = %q", e.ID)
	}
	in := texts(20)
	vecs, err := e.Batch(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, vecs)
	if got := s.requests.Load(); got != 21 {
		t.Errorf("%d requests, want 21 (one per text, one retry)", got)
	}
	if m := s.maxSeen.Load(); m < 2 || m > 3 {
		t.Errorf("%d requests in flight at most, want 2 or 3", m)
	}
	if calls != 3 { // batches of 8, 8 and 4
		t.Errorf("progress called %d times, want 3", calls)
	}
}

func TestOllamaEmbedderBadURL(t *testing.T) {
	if _, err := NewOllamaEmbedder("http://", ""); !errors.Is(err, ErrInvalidEmbedderURL) {
		t.Errorf("URL without host: %v", err)
	}
	if _, err := NewOllamaEmbedder("::", ""); !errors.Is(err, ErrInvalidEmbedderURL) {
		t.Errorf("unparsable URL: %v", err)
	}
}

func TestOllamaEmbedderCancelled(t *testing.T) {
	s := &embedServer{}
	srv := fakeOllamaEmbeddings(t, s, nil)
	e, err := NewOllamaEmbedder(srv.URL, "nomic-embed-text", WithEmbedHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Batch(ctx, texts(5)); !errors.Is(err, context.Canceled) {
		t.Errorf("Batch with a cancelled context: %v", err)
	}
}
