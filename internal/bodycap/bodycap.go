// Package bodycap bounds how much of an HTTP response body a client reads,
// so that a broken or hostile server costs megabytes, never gigabytes: a
// successful response past its cap fails with ErrTooLarge, an error
// response is cut short (its message is only read for a log line).
package bodycap

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// Default caps.
const (
	// DefaultMax suits a chat answer, a whole answer stream or a batch of
	// embeddings.
	DefaultMax = 4 << 20
	// DefaultMaxError is how much of an error response (HTTP 4xx/5xx) is read.
	DefaultMaxError = 64 << 10
	// MaxLogBytes is how much of a server's error message goes into an error
	// or log line; see Clip.
	MaxLogBytes = 1 << 10
)

// ErrTooLarge is the read error of a successful response body that goes on
// past its cap.
var ErrTooLarge = errors.New("response too large")

// Transport wraps Base (http.DefaultTransport when nil) and caps the body of
// every response: Max bytes (DefaultMax when 0) for a successful response,
// after which reads fail with ErrTooLarge; MaxError bytes (DefaultMaxError
// when 0) for an HTTP error response, after which reads end as if the body
// ended there.
type Transport struct {
	Base     http.RoundTripper
	Max      int64
	MaxError int64
}

var _ http.RoundTripper = (*Transport)(nil)

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	if err != nil || resp == nil || resp.Body == nil {
		return resp, err
	}
	if resp.StatusCode >= 400 {
		resp.Body = &body{rc: resp.Body, left: orDefault(t.MaxError, DefaultMaxError), atCap: io.EOF}
	} else {
		resp.Body = &body{rc: resp.Body, left: orDefault(t.Max, DefaultMax), atCap: ErrTooLarge}
	}
	return resp, nil
}

func orDefault(n, def int64) int64 {
	if n <= 0 {
		return def
	}
	return n
}

// body reads at most left bytes of rc, then returns atCap. It reads one byte
// past the cap to tell a body that ends exactly there from one that goes on.
type body struct {
	rc    io.ReadCloser
	left  int64
	atCap error
	err   error
}

func (b *body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if b.left <= 0 {
		// Is there more? One byte tells.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			b.err = b.atCap
			return 0, b.err
		}
		if err != nil {
			b.err = err
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if err != nil {
		b.err = err
	}
	return n, err
}

func (b *body) Close() error { return b.rc.Close() }

// Clip returns s cut to at most n bytes at a rune boundary, with "…" and
// the number of bytes left out when cut.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "… (" + strconv.Itoa(len(s)-i) + " more bytes)"
}
