package bot

import (
	"errors"
	"io"
	"testing"
)

func TestRedactor(t *testing.T) {
	r := redactor{secrets: []string{"s3cret.token"}}
	for in, want := range map[string]string{
		"Bot s3cret.token failed": "Bot [redacted] failed",
		`Patch "http://x/api/v9/webhooks/123/aW50ZXJhY3Rpb24.abc-_/messages/@original": EOF`: `Patch "http://x/api/v9/webhooks/123/[redacted]/messages/@original": EOF`,
		`Post "http://x/api/v9/interactions/456/tok_en-1/callback": timeout`:                 `Post "http://x/api/v9/interactions/456/[redacted]/callback": timeout`,
		"GET /api/v9/channels/1/messages":                                                    "GET /api/v9/channels/1/messages",
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
	err := r.wrap(&wrapped{io.EOF, "read s3cret.token"})
	if err.Error() != "read [redacted]" || !errors.Is(err, io.EOF) {
		t.Errorf("wrap = %q, Is(EOF) = %v", err, errors.Is(err, io.EOF))
	}
}

type wrapped struct {
	err error
	msg string
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }
