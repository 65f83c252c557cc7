package llm

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/answer"
)

// partialChunks is the part of an answer a failing server sends before it
// stalls or breaks off.
var partialChunks = []string{"The border is 1,782 kilometres long [2]", ". Relations began"}

const partialText = "The border is 1,782 kilometres long [1]. Relations began"

// TestAnswerFallsBack drives every failure through each provider's real
// client: the user still gets the fallback's answer, Backend names the
// reason, and the API key appears nowhere.
func TestAnswerFallsBack(t *testing.T) {
	// Only the timeout cases wait for the deadline; the others get a long
	// one, so that a slow machine cannot turn them into timeouts.
	const short, long = 200 * time.Millisecond, 10 * time.Second
	type handler = func(w http.ResponseWriter, r *http.Request, s seenRequest, n int)
	cases := []struct {
		name     string
		stream   bool
		reason   string // "" means the LLM answers after all
		requests int
		handle   func(provider string) handler
	}{
		{"server stalls before answering", false, ReasonTimeout, 1, func(string) handler {
			return func(_ http.ResponseWriter, r *http.Request, _ seenRequest, _ int) { stall(r) }
		}},
		{"server stalls mid-stream", true, ReasonTimeout, 1, func(p string) handler {
			return func(w http.ResponseWriter, r *http.Request, s seenRequest, _ int) {
				reply(w, p, true, partialChunks, true)
				stall(r)
			}
		}},
		{"401", false, ReasonUnauthorized, 1, failWith(http.StatusUnauthorized, "Incorrect API key provided")},
		{"403", false, ReasonForbidden, 1, failWith(http.StatusForbidden, "Project does not have access")},
		{"404 unknown model", false, ReasonUnknownModel, 1, failWith(http.StatusNotFound, `model "nope" not found`)},
		{"429 then success", false, "", 2, func(p string) handler {
			return func(w http.ResponseWriter, r *http.Request, s seenRequest, n int) {
				if n == 0 {
					w.Header().Set("Retry-After", "0")
					replyError(w, p, http.StatusTooManyRequests, "Rate limit reached")
					return
				}
				reply(w, p, s.stream, []string{"Relations began in 1992 [1]."}, false)
			}
		}},
		{"429 twice", false, ReasonRateLimited, 2, func(p string) handler {
			return func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
				w.Header().Set("Retry-After", "0")
				replyError(w, p, http.StatusTooManyRequests, "Rate limit reached")
			}
		}},
		{"500", false, ReasonServerError, 1, failWith(http.StatusInternalServerError, "The server had an error")},
		{"502 without a JSON body", false, ReasonServerError, 1, func(string) handler {
			return func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
				http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
			}
		}},
		{"malformed JSON", false, ReasonMalformed, 1, func(string) handler {
			return func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, "{\"choices\": [{\"message\": oops\n")
			}
		}},
		{"empty answer", false, ReasonEmpty, 1, func(p string) handler {
			return func(w http.ResponseWriter, _ *http.Request, s seenRequest, _ int) {
				reply(w, p, s.stream, []string{"  "}, false)
			}
		}},
		{"only invalid citations", false, ReasonEmpty, 1, func(p string) handler {
			return func(w http.ResponseWriter, _ *http.Request, s seenRequest, _ int) {
				reply(w, p, s.stream, []string{"[7] [8]"}, false)
			}
		}},
		{"stream cut mid-answer", true, ReasonStreamCut, 1, func(p string) handler {
			return func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
				reply(w, p, true, partialChunks, true)
				panic(http.ErrAbortHandler) // drop the connection
			}
		}},
		{"stream ends before its end marker", true, ReasonStreamCut, 1, func(p string) handler {
			return func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
				reply(w, p, true, partialChunks, true)
			}
		}},
	}
	for _, provider := range providers {
		for _, tc := range cases {
			t.Run(provider+"/"+tc.name, func(t *testing.T) {
				timeout := long
				if tc.reason == ReasonTimeout {
					timeout = short
				}
				rec := &recorder{}
				srv := fakeServer(t, provider, rec, tc.handle(provider))
				fb := &fakeFallback{}
				var logs bytes.Buffer
				logger := slog.New(slog.NewTextHandler(&logs, nil))
				a := newTestAnswerer(t, provider, srv, fb, timeout, WithLogger(logger))

				req := answer.Request{Question: question, Passages: testHits()}
				var streamed strings.Builder
				if tc.stream {
					req.Stream = func(s string) { streamed.WriteString(s) }
				}
				start := time.Now()
				ans, err := a.Answer(context.Background(), req)
				elapsed := time.Since(start)
				if err != nil {
					t.Fatalf("Answer: %v", err)
				}
				if timeout == short && elapsed > timeout+2*time.Second {
					t.Errorf("Answer took %v with a %v timeout", elapsed, timeout)
				}
				if got := len(rec.all()); got != tc.requests {
					t.Errorf("server got %d requests, want %d", got, tc.requests)
				}

				if tc.reason == "" {
					if ans.Backend != provider+":"+DefaultModel(provider) || fb.count() != 0 {
						t.Errorf("Backend = %q, fallback calls %d; want the LLM's answer", ans.Backend, fb.count())
					}
					return
				}
				want := fmt.Sprintf("extractive (fallback: %s %s)", provider, tc.reason)
				if ans.Backend != want {
					t.Errorf("Backend = %q, want %q\nlog: %s", ans.Backend, want, logs.String())
				}
				if fb.count() != 1 || ans.Text != fallbackText {
					t.Errorf("fallback calls %d, text %q; want the fallback's answer", fb.count(), ans.Text)
				}
				if !strings.Contains(logs.String(), "reason=\""+tc.reason+"\"") && !strings.Contains(logs.String(), "reason="+tc.reason) {
					t.Errorf("log lacks the reason: %s", logs.String())
				}
				for what, s := range map[string]string{"answer": fmt.Sprintf("%+v", ans), "log": logs.String()} {
					if strings.Contains(s, testKey) {
						t.Errorf("the API key leaked into the %s: %s", what, s)
					}
				}
				if tc.stream {
					// The partial LLM text was streamed; the fallback follows it.
					got := streamed.String()
					if !strings.HasPrefix(got, partialText[:20]) || !strings.HasSuffix(got, FallbackSeparator+fallbackText) {
						t.Errorf("streamed %q, want the partial answer, the separator and the fallback", got)
					}
				}
			})
		}
	}
}

func failWith(status int, message string) func(string) func(http.ResponseWriter, *http.Request, seenRequest, int) {
	return func(p string) func(http.ResponseWriter, *http.Request, seenRequest, int) {
		return func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
			replyError(w, p, status, message)
		}
	}
}

// A 429 is retried after the wait the server asks for, once.
func TestRetryAfterIsHonoured(t *testing.T) {
	rec := &recorder{}
	srv := fakeServer(t, ProviderOpenAI, rec, func(w http.ResponseWriter, _ *http.Request, s seenRequest, n int) {
		if n == 0 {
			w.Header().Set("Retry-After-Ms", "150")
			replyError(w, ProviderOpenAI, http.StatusTooManyRequests, "Rate limit reached")
			return
		}
		reply(w, ProviderOpenAI, s.stream, []string{"Relations began in 1992 [1]."}, false)
	})
	a := newTestAnswerer(t, ProviderOpenAI, srv, &fakeFallback{}, 10*time.Second)
	start := time.Now()
	ans, err := a.Answer(context.Background(), answer.Request{Question: question, Passages: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
		t.Errorf("retried after %v, before the 150ms the server asked for", elapsed)
	}
	if ans.Backend != "openai:gpt-4o-mini" || len(rec.all()) != 2 {
		t.Errorf("Backend = %q after %d requests", ans.Backend, len(rec.all()))
	}
}

// A Retry-After longer than the time left is not waited for.
func TestRetryAfterBeyondTimeout(t *testing.T) {
	rec := &recorder{}
	srv := fakeServer(t, ProviderAnthropic, rec, func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
		w.Header().Set("Retry-After", "30")
		replyError(w, ProviderAnthropic, http.StatusTooManyRequests, "rate_limit_error")
	})
	a := newTestAnswerer(t, ProviderAnthropic, srv, &fakeFallback{}, 3*time.Second)
	ans, err := a.Answer(context.Background(), answer.Request{Question: question, Passages: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	// Waiting would have ended in a timeout.
	if ans.Backend != "extractive (fallback: anthropic rate limited)" || len(rec.all()) != 1 {
		t.Errorf("Backend = %q after %d requests", ans.Backend, len(rec.all()))
	}
}

func TestUnreachableServer(t *testing.T) {
	a, err := New(Config{Provider: "ollama", BaseURL: "http://127.0.0.1:1", Timeout: 5 * time.Second}, &fakeFallback{})
	if err != nil {
		t.Fatal(err)
	}
	ans, err := a.Answer(context.Background(), answer.Request{Question: question, Passages: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Backend != "extractive (fallback: ollama unreachable)" {
		t.Errorf("Backend = %q", ans.Backend)
	}
}

// failingFallback fails, as a broken extractive index would.
type failingFallback struct{}

func (failingFallback) Answer(context.Context, answer.Request) (answer.Answer, error) {
	return answer.Answer{}, fmt.Errorf("index missing")
}

func TestFallbackFailureIsReported(t *testing.T) {
	srv := fakeServer(t, ProviderOpenAI, nil, func(w http.ResponseWriter, _ *http.Request, _ seenRequest, _ int) {
		replyError(w, ProviderOpenAI, http.StatusUnauthorized, "Incorrect API key provided")
	})
	a := newTestAnswerer(t, ProviderOpenAI, srv, failingFallback{}, 10*time.Second)
	_, err := a.Answer(context.Background(), answer.Request{Question: question, Passages: testHits()})
	if err == nil {
		t.Fatal("Answer succeeded with a failing LLM and fallback")
	}
	msg := err.Error()
	if !strings.Contains(msg, "openai unauthorized") || !strings.Contains(msg, "index missing") {
		t.Errorf("error %q should name both failures", msg)
	}
	if strings.Contains(msg, testKey) || !strings.Contains(msg, "[redacted]") {
		t.Errorf("error %q should have the key redacted", msg)
	}
}
