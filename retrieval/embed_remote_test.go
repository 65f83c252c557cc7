package retrieval

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// embedServer is a fake embedding API. vectorFor gives each text a vector
// that is not unit length and encodes the text's number ("text 7" → 7), so
// tests can check order and normalisation.
type embedServer struct {
	mu       sync.Mutex
	batches  []int // texts per request, in arrival order
	inFlight atomic.Int32
	maxSeen  atomic.Int32
	requests atomic.Int32
}

func vectorFor(text string) []float32 {
	n, _ := strconv.Atoi(strings.TrimPrefix(text, "text "))
	return []float32{float32(n), 3, 4}
}

// enter notes a request in flight and returns its number, from 0.
func (s *embedServer) enter(texts int) int {
	n := s.inFlight.Add(1)
	for {
		m := s.maxSeen.Load()
		if n <= m || s.maxSeen.CompareAndSwap(m, n) {
			break
		}
	}
	s.mu.Lock()
	s.batches = append(s.batches, texts)
	s.mu.Unlock()
	time.Sleep(5 * time.Millisecond) // let requests overlap
	return int(s.requests.Add(1) - 1)
}

func (s *embedServer) leave() { s.inFlight.Add(-1) }

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "text " + strconv.Itoa(i+1)
	}
	return out
}

// checkVectors asserts that vecs are the unit vectors of texts, in order.
func checkVectors(t *testing.T, texts []string, vecs [][]float32) {
	t.Helper()
	if len(vecs) != len(texts) {
		t.Fatalf("got %d vectors for %d texts", len(vecs), len(texts))
	}
	for i, v := range vecs {
		want := vectorFor(texts[i])
		var norm, wantNorm float64
		for j := range v {
			norm += float64(v[j]) * float64(v[j])
			wantNorm += float64(want[j]) * float64(want[j])
		}
		if math.Abs(norm-1) > 1e-5 {
			t.Errorf("vector %d has length %v, want 1", i, math.Sqrt(norm))
		}
		if got, w := float64(v[0]), float64(want[0])/math.Sqrt(wantNorm); math.Abs(got-w) > 1e-5 {
			t.Errorf("vector %d starts with %v, want %v (order kept?)", i, got, w)
		}
	}
}

func TestNormalized(t *testing.T) {
	v := normalized([]float32{3, 4})
	if math.Abs(float64(v[0])-0.6) > 1e-6 || math.Abs(float64(v[1])-0.8) > 1e-6 {
		t.Errorf("normalized(3,4) = %v", v)
	}
	if z := normalized([]float32{0, 0}); z[0] != 0 || z[1] != 0 {
		t.Errorf("normalized(0,0) = %v", z)
	}
}

func TestRetryTransportStopsWithContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "10")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	o := buildEmbedderOptions(1, []EmbedderOption{WithEmbedHTTPClient(srv.Client())})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, strings.NewReader("{}"))
	start := time.Now()
	if _, err := o.retryingClient().Do(req); err == nil {
		t.Fatal("request succeeded")
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("retry waited %v past the context", elapsed)
	}
}
