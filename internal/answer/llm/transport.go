package llm

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/citebot/citebot/internal/bodycap"
	"github.com/citebot/citebot/internal/retryafter"
)

// defaultRetryWait is the wait after an HTTP 429 that carries no Retry-After.
const defaultRetryWait = time.Second

// callRecord is what the transport saw during one LLM call. langchaingo's
// clients fold status codes into error strings (or, for Ollama, drop them),
// so the answerer reads them here to name the failure.
type callRecord struct {
	mu      sync.Mutex
	status  int   // status of the last response, 0 if none arrived
	sendErr error // error sending the last request
	bodyErr error // error reading a response body, other than EOF
}

func (r *callRecord) setResponse(status int, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.sendErr = status, err
}

func (r *callRecord) snapshot() (status int, sendErr, bodyErr error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status, r.sendErr, r.bodyErr
}

type recordKey struct{}

func withRecord(ctx context.Context, r *callRecord) context.Context {
	return context.WithValue(ctx, recordKey{}, r)
}

func recordFrom(ctx context.Context) *callRecord {
	r, _ := ctx.Value(recordKey{}).(*callRecord)
	return r
}

// observingTransport records status codes and body read errors for the
// answerer, and retries a request once after HTTP 429, waiting as long as
// Retry-After asks when that ends before the request's deadline.
type observingTransport struct {
	base http.RoundTripper
}

var _ http.RoundTripper = (*observingTransport)(nil)

// clientWith returns a copy of hc (or a fresh client) whose transport caps
// response bodies (bodycap.DefaultMax for an answer or a whole stream,
// bodycap.DefaultMaxError for an error) and is wrapped in an
// observingTransport.
func clientWith(hc *http.Client) *http.Client {
	c := &http.Client{}
	if hc != nil {
		*c = *hc
	}
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = &observingTransport{base: &bodycap.Transport{Base: base}}
	return c
}

// RoundTrip implements http.RoundTripper.
func (t *observingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := recordFrom(req.Context())
	resp, err := t.base.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests && req.GetBody != nil {
		if wait, ok := t.retryWait(req, resp); ok {
			drain(resp.Body)
			timer := time.NewTimer(wait)
			select {
			case <-req.Context().Done():
				timer.Stop()
				if rec != nil {
					rec.setResponse(0, req.Context().Err())
				}
				return nil, req.Context().Err()
			case <-timer.C:
			}
			retry := req.Clone(req.Context())
			body, berr := req.GetBody()
			if berr != nil {
				return nil, berr
			}
			retry.Body = body
			resp, err = t.base.RoundTrip(retry)
		}
	}
	if rec != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		rec.setResponse(status, err)
		if resp != nil {
			resp.Body = &observedBody{ReadCloser: resp.Body, rec: rec}
		}
	}
	return resp, err
}

// retryWait returns how long to wait before retrying after a 429, and false
// when the wait would run past the request's deadline.
func (t *observingTransport) retryWait(req *http.Request, resp *http.Response) (time.Duration, bool) {
	wait, ok := retryafter.Parse(resp.Header, time.Now())
	if !ok {
		wait = defaultRetryWait
	}
	if deadline, has := req.Context().Deadline(); has && time.Until(deadline) <= wait {
		return 0, false
	}
	return wait, true
}

// drain reads a little of a body we are about to discard, so the connection
// can be reused, and closes it.
func drain(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 64<<10)
	_ = body.Close()
}

// observedBody notes a body that breaks off (a cut connection) as opposed to
// one that ends.
type observedBody struct {
	io.ReadCloser
	rec *callRecord
}

func (b *observedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.rec.mu.Lock()
	if err != nil && !errors.Is(err, io.EOF) && b.rec.bodyErr == nil {
		b.rec.bodyErr = err
	}
	b.rec.mu.Unlock()
	return n, err
}
