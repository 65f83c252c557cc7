package bodycap

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

// endless writes bytes until the client goes away.
func endless(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		chunk := []byte(strings.Repeat("x", 32<<10))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
}

func TestTransportCapsBodies(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
		max     int64
		wantN   int64
		wantErr error
	}{
		{"endless success body fails at the cap", endless(200), 1 << 20, 1 << 20, ErrTooLarge},
		{"endless error body is cut", endless(500), 1 << 20, DefaultMaxError, nil},
		{"body of exactly the cap is whole", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(strings.Repeat("y", 1000)))
		}, 1000, 1000, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			c := &http.Client{Transport: &Transport{Base: srv.Client().Transport, Max: tc.max}}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			resp, err := c.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			n, err := io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			runtime.ReadMemStats(&after)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Errorf("read error %v, want %v", err, tc.wantErr)
			}
			if n != tc.wantN {
				t.Errorf("read %d bytes, want %d", n, tc.wantN)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
				t.Errorf("allocated %d bytes reading a capped body", alloc)
			}
		})
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("é", 1000) // 2000 bytes
	got := Clip(long, MaxLogBytes)
	if len(got) > MaxLogBytes+40 || !strings.HasPrefix(got, strings.Repeat("é", 512)) || !strings.Contains(got, "976 more bytes") {
		t.Errorf("Clip = %d bytes %q…", len(got), got[len(got)-40:])
	}
	if Clip("short", 10) != "short" {
		t.Error("short string changed")
	}
}
