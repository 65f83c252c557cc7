package retrieval

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/bodycap"
)

// hostileEmbeddings is an OpenAI-compatible embeddings server whose first
// ok requests answer well and the rest behave as bad says.
func hostileEmbeddings(t *testing.T, ok int32, bad func(w http.ResponseWriter, r *http.Request)) *httptest.Server {
	t.Helper()
	s := &embedServer{}
	var n atomic.Int32
	good := fakeOpenAIEmbeddings(t, s, "Bearer "+testEmbedKey, nil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= ok {
			good.Config.Handler.ServeHTTP(w, r)
			return
		}
		bad(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// silence sends the headers and then nothing until the client leaves.
func silence(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.(http.Flusher).Flush()
	select {
	case <-r.Context().Done():
	case <-time.After(20 * time.Second):
	}
}

// flooding writes prefix and then repeat until the client leaves.
func flooding(status int, prefix, repeat string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, prefix)
		chunk := []byte(strings.Repeat(repeat, (32<<10)/len(repeat)))
		for written := 0; written < 256<<20 && r.Context().Err() == nil; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
}

// peakHeap runs fn and returns its duration and the heap's peak growth,
// sampled every millisecond.
func peakHeap(fn func()) (time.Duration, uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, uint64(0)
	done, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > base {
				peak = max(peak, m.HeapInuse-base)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	start := time.Now()
	fn()
	d := time.Since(start)
	close(done)
	<-sampled
	return d, peak
}

// TestEmbedderBounds: a hanging, flooding or shouting embeddings server
// costs one timeout and a few megabytes, and the error says what happened
// without the key.
func TestEmbedderBounds(t *testing.T) {
	const short, long = 300 * time.Millisecond, 10 * time.Second
	tests := []struct {
		name    string
		bad     func(w http.ResponseWriter, r *http.Request)
		timeout time.Duration
		wantErr error
		wantMsg string
		maxTime time.Duration
	}{
		{"headers then silence", silence, short, ErrEmbedTimeout, "embedding request timed out: no complete answer within 300ms", short + short/10 + 500*time.Millisecond},
		// The long timeout leaves the cap to stop these.
		{"endless body", flooding(http.StatusOK, `{"object":"list","data":[{"object":"embedding","index":0,"embedding":[`, "0.5,"), long, bodycap.ErrTooLarge, "response too large", 5 * time.Second},
		{"50 KB error message", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, `{"error":{"message":"`+testEmbedKey+strings.Repeat(" boom", 10000)+`"}}`, http.StatusBadRequest)
		}, long, nil, "400", 5 * time.Second},
		{"200 MB error message", flooding(http.StatusBadRequest, `{"error":{"message":"`+testEmbedKey+` `, "boom "), long, nil, "400", 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := hostileEmbeddings(t, 0, tt.bad)
			e, err := NewOpenAIEmbedder(srv.URL+"/v1", testEmbedKey, "", WithEmbedHTTPClient(srv.Client()), WithEmbedTimeout(tt.timeout), WithEmbedRetry(0, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			d, peak := peakHeap(func() { _, err = e.Batch(context.Background(), texts(3)) })
			t.Logf("error after %v, heap peak +%d KiB: %.200s", d.Round(time.Millisecond), peak>>10, err)
			if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %v, want %v with %q", err, tt.wantErr, tt.wantMsg)
			}
			if err != nil && (strings.Contains(err.Error(), testEmbedKey) || len(err.Error()) > 2<<10) {
				t.Errorf("error of %d bytes (key present: %v)", len(err.Error()), strings.Contains(err.Error(), testEmbedKey))
			}
			if d > tt.maxTime {
				t.Errorf("took %v, want at most %v", d, tt.maxTime)
			}
			if peak > 48<<20 {
				t.Errorf("heap grew by %d MiB", peak>>20)
			}
		})
	}
}

// TestSearchFallsBackToKeywords: when the question cannot be embedded in
// time, search answers from BM25 alone, says so, and takes one timeout.
func TestSearchFallsBackToKeywords(t *testing.T) {
	const timeout = 300 * time.Millisecond
	passages := []corpus.Passage{
		{ID: "a.txt#1", Source: "a.txt", Text: "The lighthouse was first lit in 1901."},
		{ID: "a.txt#2", Source: "a.txt", Text: "The harbour froze in the winter of 1947."},
	}
	// The index is built while the server answers; the question hangs.
	srv := hostileEmbeddings(t, 1, silence)
	e, err := NewOpenAIEmbedder(srv.URL+"/v1", testEmbedKey, "", WithEmbedHTTPClient(srv.Client()), WithEmbedTimeout(timeout))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), passages, WithEmbedder(e))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := ix.SearchDetailed(context.Background(), "When was the lighthouse first lit?", 1)
	d := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("keyword-only results after %v: %s", d.Round(time.Millisecond), res.Warning)
	if !res.LexicalOnly || !errors.Is(res.EmbedErr, ErrEmbedTimeout) || !strings.Contains(res.Warning, "keyword search only") {
		t.Errorf("result %+v does not say it fell back", res)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != "a.txt#1" {
		t.Errorf("hits %v", res.Hits)
	}
	if d > timeout+timeout/10+500*time.Millisecond {
		t.Errorf("took %v with a timeout of %v", d, timeout)
	}
	// Search gives the same hits; a cancelled search still fails.
	if hits, err := ix.Search(context.Background(), "lighthouse", 1); err != nil || len(hits) != 1 {
		t.Errorf("Search = %v, %v", hits, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, "lighthouse", 1); err == nil {
		t.Error("a cancelled search succeeded")
	}
}
