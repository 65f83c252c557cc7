package llm

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/answer"
)

var rewriteHistory = []answer.Turn{
	{Question: "When did China and Kazakhstan establish relations?", Answer: "On 3 January 1992 [1].", Cited: []string{"china-kazakhstan.txt#1"}},
}

func newTestRewriter(t *testing.T, provider string, handle func(w http.ResponseWriter, r *http.Request, s seenRequest, n int), rec *recorder, timeout time.Duration) *QueryRewriter {
	t.Helper()
	srv := fakeServer(t, provider, rec, handle)
	cfg := Config{Provider: provider, BaseURL: baseURL(provider, srv), APIKey: testKey, RewriteTimeout: timeout}
	r, err := NewQueryRewriter(cfg, WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRewriteFollowUp: the model's scripted rewrite comes back cleaned, and
// the request carries the rules, the quoted conversation and the question.
func TestRewriteFollowUp(t *testing.T) {
	tests := []struct {
		reply, want string
	}{
		{"Who signed the 1992 agreement establishing China–Kazakhstan relations?", "Who signed the 1992 agreement establishing China–Kazakhstan relations?"},
		{`Query: "Who signed the 1992 agreement?"` + "\nThis replaces 'it' with the agreement.", "Who signed the 1992 agreement?"},
		{"Who signed it, key " + testKey + "?", "Who signed it, key [redacted]?"},
	}
	for _, provider := range providers {
		for _, tt := range tests {
			rec := &recorder{}
			r := newTestRewriter(t, provider, func(w http.ResponseWriter, _ *http.Request, s seenRequest, _ int) {
				reply(w, provider, s.stream, []string{tt.reply}, false)
			}, rec, 5*time.Second)
			got, err := r.Rewrite(context.Background(), rewriteHistory, "Who signed it?")
			if err != nil || got != tt.want {
				t.Errorf("%s: Rewrite = %q, %v; want %q", provider, got, err, tt.want)
			}
			s := rec.all()[0]
			if !strings.Contains(s.system, "standalone search query") || strings.Contains(s.system, "1992") {
				t.Errorf("%s: system message %q", provider, s.system)
			}
			user := s.last().text
			for _, want := range []string{"> Q: When did China and Kazakhstan establish relations?", "> A: On 3 January 1992.", "Follow-up question: Who signed it?"} {
				if !strings.Contains(user, want) {
					t.Errorf("%s: prompt lacks %q:\n%s", provider, want, user)
				}
			}
		}
	}
}

// TestRewriteFails: every failure is an error, within the rewrite's own
// timeout, without the key; no history means no call.
func TestRewriteFails(t *testing.T) {
	const timeout = 200 * time.Millisecond
	type handler = func(w http.ResponseWriter, r *http.Request, s seenRequest, n int)
	tests := []struct {
		name    string
		handle  handler
		wantErr string
	}{
		{"stall", func(_ http.ResponseWriter, r *http.Request, _ seenRequest, _ int) { stall(r) }, "llm: openai timeout"},
		{"server error", func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
			replyError(w, ProviderOpenAI, http.StatusInternalServerError, "boom")
		}, "llm: openai server error"},
		{"empty reply", func(w http.ResponseWriter, _ *http.Request, s seenRequest, _ int) {
			reply(w, ProviderOpenAI, s.stream, []string{"  \"\"  "}, false)
		}, "unusable query rewrite: empty"},
		{"rambling reply", func(w http.ResponseWriter, _ *http.Request, s seenRequest, _ int) {
			reply(w, ProviderOpenAI, s.stream, []string{strings.Repeat("very long ", 100)}, false)
		}, "unusable query rewrite: 999 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRewriter(t, ProviderOpenAI, tt.handle, nil, timeout)
			start := time.Now()
			got, err := r.Rewrite(context.Background(), rewriteHistory, "Who signed it?")
			d := time.Since(start)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), testKey) {
				t.Errorf("Rewrite = %q, %v; want an error with %q", got, err, tt.wantErr)
			}
			if strings.Contains(tt.wantErr, "unusable") && !errors.Is(err, ErrBadRewrite) {
				t.Errorf("%v is not ErrBadRewrite", err)
			}
			if d > timeout+timeout/10+500*time.Millisecond {
				t.Errorf("took %v with a timeout of %v", d, timeout)
			}
		})
	}
	t.Run("no history", func(t *testing.T) {
		r := newTestRewriter(t, ProviderOpenAI, func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
			t.Error("a question without history was sent to the model")
		}, nil, timeout)
		if got, err := r.Rewrite(context.Background(), nil, " First question? "); got != "First question?" || err != nil {
			t.Errorf("Rewrite = %q, %v", got, err)
		}
	})
}
