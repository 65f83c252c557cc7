package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/citebot/citebot/internal/baseurl"
	"github.com/citebot/citebot/internal/bodycap"
	"github.com/citebot/citebot/internal/retryafter"
)

// Defaults of the remote embedders (NewOpenAIEmbedder, NewOllamaEmbedder).
const (
	DefaultEmbedBatchSize   = 64
	DefaultEmbedConcurrency = 4
	DefaultEmbedRetries     = 4
	DefaultEmbedBackoff     = 500 * time.Millisecond
	// DefaultEmbedTimeout bounds one embedding request (one batch, with
	// its retries).
	DefaultEmbedTimeout = 30 * time.Second
)

// ErrEmbedTimeout is wrapped by the error of an embedding request that got
// no complete answer within its timeout (WithEmbedTimeout).
var ErrEmbedTimeout = errors.New("embedding request timed out")

// embedBytesPerText is how much response a text may take: a vector of 3,072
// numbers written as JSON is about 64 KiB.
const embedBytesPerText = 128 << 10

// maxEmbedWait caps one wait between retries, whatever Retry-After asks.
const maxEmbedWait = 30 * time.Second

// keylessEmbedToken is the bearer token sent to an OpenAI-compatible server
// at a custom base URL when no API key is set: langchaingo's client refuses
// an empty token, and local servers ignore it.
const keylessEmbedToken = "citebot-no-key"

// EmbedderOption adjusts a remote embedder.
type EmbedderOption func(*embedderOptions)

type embedderOptions struct {
	httpClient  *http.Client
	batchSize   int
	concurrency int
	progress    func(done, total int)
	retries     int
	backoff     time.Duration
	timeout     time.Duration
}

// WithEmbedHTTPClient sends embedding requests through client. Its transport
// is wrapped to retry; client itself is not modified.
func WithEmbedHTTPClient(client *http.Client) EmbedderOption {
	return func(o *embedderOptions) { o.httpClient = client }
}

// WithEmbedBatchSize sets how many texts go into one request (default 64).
// Ollama's client sends one text per request, so there it sets how many
// texts a worker takes at a time (default 8).
func WithEmbedBatchSize(n int) EmbedderOption {
	return func(o *embedderOptions) { o.batchSize = n }
}

// WithEmbedConcurrency sets how many requests run at once (default 4).
func WithEmbedConcurrency(n int) EmbedderOption {
	return func(o *embedderOptions) { o.concurrency = n }
}

// WithEmbedProgress is called, one call at a time, after each batch of a
// Batch call with the number of texts embedded so far and the total.
func WithEmbedProgress(fn func(done, total int)) EmbedderOption {
	return func(o *embedderOptions) { o.progress = fn }
}

// WithEmbedRetry sets how often a request that got HTTP 429 or 5xx is
// retried (default 4) and the first wait (default 500ms), which doubles on
// each retry unless the server sends Retry-After.
func WithEmbedRetry(retries int, backoff time.Duration) EmbedderOption {
	return func(o *embedderOptions) { o.retries, o.backoff = retries, backoff }
}

// WithEmbedTimeout bounds each embedding request, retries included
// (default 30s): a server that accepts the connection and then says nothing,
// or answers too slowly, fails the request with ErrEmbedTimeout. For a
// question, that is the longest wait before search goes on without vectors.
func WithEmbedTimeout(d time.Duration) EmbedderOption {
	return func(o *embedderOptions) { o.timeout = d }
}

func buildEmbedderOptions(batchSize int, opts []EmbedderOption) embedderOptions {
	o := embedderOptions{
		batchSize:   batchSize,
		concurrency: DefaultEmbedConcurrency,
		retries:     DefaultEmbedRetries,
		backoff:     DefaultEmbedBackoff,
		timeout:     DefaultEmbedTimeout,
	}
	for _, opt := range opts {
		opt(&o)
	}
	o.batchSize = max(o.batchSize, 1)
	o.concurrency = max(o.concurrency, 1)
	o.retries = max(o.retries, 0)
	if o.backoff <= 0 {
		o.backoff = DefaultEmbedBackoff
	}
	if o.timeout <= 0 {
		o.timeout = DefaultEmbedTimeout
	}
	return o
}

// retryingClient returns a copy of the configured client whose transport
// retries on HTTP 429 and 5xx and caps response bodies: a batch's vectors
// may take embedBytesPerText a text (at least bodycap.DefaultMax), an error
// bodycap.DefaultMaxError.
func (o embedderOptions) retryingClient() *http.Client {
	c := &http.Client{}
	if o.httpClient != nil {
		*c = *o.httpClient
	}
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	capped := &bodycap.Transport{Base: base, Max: max(bodycap.DefaultMax, int64(o.batchSize)*embedBytesPerText)}
	c.Transport = &retryTransport{base: capped, retries: o.retries, backoff: o.backoff}
	return c
}

// remoteBatch embeds texts with one provider call (one request, or for
// Ollama one request per text).
type remoteBatch func(ctx context.Context, texts []string) ([][]float32, error)

// newRemoteEmbedder wraps a provider call into an Embedder whose Batch
// splits texts into batches, runs a bounded number at once, stops at the
// first error, and L2-normalises every vector.
func newRemoteEmbedder(id, provider, key string, call remoteBatch, o embedderOptions) Embedder {
	embedChunk := func(ctx context.Context, texts []string) ([][]float32, error) {
		in := make([]string, len(texts))
		for i, t := range texts {
			if strings.TrimSpace(t) == "" {
				t = " " // OpenAI rejects empty input
			}
			in[i] = t
		}
		callCtx, cancel := context.WithTimeout(ctx, o.timeout)
		defer cancel()
		vecs, err := call(callCtx, in)
		if err != nil {
			if ctx.Err() == nil && errors.Is(callCtx.Err(), context.DeadlineExceeded) {
				err = fmt.Errorf("%w: no complete answer within %v", ErrEmbedTimeout, o.timeout)
			}
			return nil, redactError(fmt.Errorf("%s embeddings: %w", provider, err), key)
		}
		if len(vecs) != len(texts) {
			return nil, fmt.Errorf("%s embeddings: got %d vectors for %d texts", provider, len(vecs), len(texts))
		}
		for i, v := range vecs {
			if len(v) == 0 {
				return nil, fmt.Errorf("%s embeddings: empty vector for text %d", provider, i+1)
			}
			vecs[i] = normalized(v)
		}
		return vecs, nil
	}
	batch := func(ctx context.Context, texts []string) ([][]float32, error) {
		out := make([][]float32, len(texts))
		nBatches := (len(texts) + o.batchSize - 1) / o.batchSize
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var (
			next       atomic.Int64
			mu         sync.Mutex
			done       int
			firstErr   error
			wg         sync.WaitGroup
			dimensions int
		)
		fail := func(err error) {
			mu.Lock()
			if firstErr == nil {
				firstErr = err
				cancel()
			}
			mu.Unlock()
		}
		for w := 0; w < min(o.concurrency, nBatches); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					b := int(next.Add(1) - 1)
					if b >= nBatches || ctx.Err() != nil {
						return
					}
					lo, hi := b*o.batchSize, min((b+1)*o.batchSize, len(texts))
					vecs, err := embedChunk(ctx, texts[lo:hi])
					if err != nil {
						fail(fmt.Errorf("batch %d of %d: %w", b+1, nBatches, err))
						return
					}
					mu.Lock()
					if dimensions == 0 {
						dimensions = len(vecs[0])
					}
					for _, v := range vecs {
						if len(v) != dimensions && firstErr == nil {
							firstErr = fmt.Errorf("%s embeddings: vectors of %d and %d dimensions", provider, dimensions, len(v))
							cancel()
						}
					}
					copy(out[lo:hi], vecs)
					done += hi - lo
					if o.progress != nil && firstErr == nil {
						o.progress(done, len(texts))
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if firstErr != nil {
			return nil, firstErr
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return out, nil
	}
	embed := func(ctx context.Context, text string) ([]float32, error) {
		vecs, err := embedChunk(ctx, []string{text})
		if err != nil {
			return nil, err
		}
		return vecs[0], nil
	}
	return Embedder{ID: id, Embed: embed, Batch: batch}
}

// normalized returns v scaled to unit length (a zero vector stays zero).
func normalized(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if sum == 0 {
		return out
	}
	inv := 1 / math.Sqrt(sum)
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out
}

// retryTransport retries requests that got HTTP 429 or 5xx, waiting as
// Retry-After asks or with doubling, jittered backoff, at most retries times
// and never past the request's context.
type retryTransport struct {
	base    http.RoundTripper
	retries int
	backoff time.Duration
}

var _ http.RoundTripper = (*retryTransport)(nil)

// RoundTrip implements http.RoundTripper.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	for attempt := 0; attempt < t.retries && err == nil && retryable(resp.StatusCode) && req.GetBody != nil; attempt++ {
		wait, ok := retryafter.Parse(resp.Header, time.Now())
		if !ok {
			wait = t.backoff
			for i := 0; i < attempt && wait < maxEmbedWait; i++ {
				wait *= 2
			}
			wait = min(wait, maxEmbedWait)
			wait += time.Duration(rand.Int64N(int64(wait)/4 + 1)) // jitter
		}
		wait = min(wait, maxEmbedWait)
		_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
		_ = resp.Body.Close()
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return nil, req.Context().Err()
		case <-timer.C:
		}
		body, berr := req.GetBody()
		if berr != nil {
			return nil, berr
		}
		retry := req.Clone(req.Context())
		retry.Body = body
		resp, err = t.base.RoundTrip(retry)
	}
	return resp, err
}

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusInternalServerError ||
		status == http.StatusBadGateway || status == http.StatusServiceUnavailable ||
		status == http.StatusGatewayTimeout
}

// ErrInvalidEmbedderURL is returned for a base URL that is not an absolute
// http(s) URL.
var ErrInvalidEmbedderURL = errors.New("invalid embedder base URL")

// ErrMissingEmbedderKey is returned when the OpenAI API is used without a key.
var ErrMissingEmbedderKey = errors.New("missing embedder API key")

// checkEmbedderURL accepts absolute http(s) URLs with a host. It runs before
// ollama.WithServerURL, which calls log.Fatal on a bad URL.
func checkEmbedderURL(raw string) error {
	if err := baseurl.Check(raw); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidEmbedderURL, err)
	}
	return nil
}

// redactedError hides an API key in an error message but keeps the cause
// for errors.Is and errors.As.
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.cause }

// redactError also cuts a long message (a server's error text) to
// bodycap.MaxLogBytes.
func redactError(err error, key string) error {
	key = strings.TrimSpace(key)
	msg := err.Error()
	if len(key) >= 6 && key != keylessEmbedToken {
		msg = strings.ReplaceAll(msg, key, "[redacted]")
	}
	msg = bodycap.Clip(msg, bodycap.MaxLogBytes)
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, cause: err}
}
