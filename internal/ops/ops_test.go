package ops

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/bot"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

// TestMetrics: each bot event moves its metric, and the scrape is in
// Prometheus's text format with citebot_ names.
func TestMetrics(t *testing.T) {
	m := NewMetrics(func() bot.Load { return bot.Load{InFlight: 2, Capacity: 8, Queued: 3} })
	m.Observe(bot.Event{Kind: bot.EventAnswered, Via: bot.ViaSlash, Took: 30 * time.Millisecond, Backend: "extractive", Cited: []string{"a.txt#1"}})
	m.Observe(bot.Event{Kind: bot.EventAnswered, Via: bot.ViaMention, Took: 2 * time.Second, Abstained: true, Backend: "extractive (fallback: openai timeout)"})
	m.Observe(bot.Event{Kind: bot.EventAnswered, Via: "carrier pigeon", Failed: true})
	m.Observe(bot.Event{Kind: bot.EventRefused, Reason: bot.RefusedRateLimited})
	m.Observe(bot.Event{Kind: bot.EventFeedback, Vote: "down"})
	m.Observe(bot.Event{Kind: bot.EventRESTRateLimited})
	m.Observe(bot.Event{Kind: bot.EventConnected})
	m.Observe(bot.Event{Kind: bot.EventConnected, Reconnect: true})
	m.ObserveStages(time.Millisecond, 3*time.Millisecond)
	m.IndexLoaded(42, time.Unix(1700000000, 0))
	code, body := get(t, Handler(NewHealth(nil), m), "/metrics")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{
		`citebot_questions_total{entry_point="slash"} 1`,
		`citebot_questions_total{entry_point="mention"} 1`,
		`citebot_questions_total{entry_point="other"} 1`,
		`citebot_questions_total{entry_point="dm"} 0`,
		`citebot_answer_duration_seconds_count 3`,
		`citebot_answer_duration_seconds_bucket{le="0.05"} 2`,
		`citebot_answer_stage_duration_seconds_count{stage="retrieve"} 1`,
		`citebot_answer_stage_duration_seconds_count{stage="compose"} 1`,
		`citebot_abstentions_total 1`,
		`citebot_answers_failed_total 1`,
		`citebot_llm_fallbacks_total{reason="timeout"} 1`,
		`citebot_questions_refused_total{reason="rate_limited"} 1`,
		`citebot_questions_refused_total{reason="busy"} 0`,
		`citebot_feedback_votes_total{vote="down"} 1`,
		`citebot_discord_rest_rate_limited_total 1`,
		`citebot_gateway_reconnects_total 1`,
		`citebot_gateway_connected 1`,
		`citebot_answer_slots_in_use 2`,
		`citebot_answer_slots 8`,
		`citebot_queue_depth 3`,
		`citebot_index_passages 42`,
		`citebot_index_loaded_timestamp_seconds 1.7e+09`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want+"\n") && !strings.Contains(body, want+" ") {
			t.Errorf("no %q in /metrics", want)
		}
	}
	if strings.Contains(body, "pigeon") {
		t.Error("an unknown entry point became a label value")
	}
}

func TestFallbackReason(t *testing.T) {
	for _, c := range []struct {
		backend, reason string
		ok              bool
	}{
		{"extractive", "", false},
		{"openai:gpt-4o-mini", "", false},
		{"extractive (fallback: openai timeout)", "timeout", true},
		{"extractive (fallback: ollama unknown model)", "unknown model", true},
		{"extractive (fallback: anthropic no passages)", "no passages", true},
		{"extractive (fallback: openai something new)", "other", true},
	} {
		reason, ok := FallbackReason(c.backend)
		if reason != c.reason || ok != c.ok {
			t.Errorf("FallbackReason(%q) = %q, %v; want %q, %v", c.backend, reason, ok, c.reason, c.ok)
		}
	}
}

// TestReadiness: /healthz is 200 from the start; /readyz is 503 with a
// reason until both the index and the gateway are ready, and again once
// the gateway drops or the process stops. onReady runs once.
func TestReadiness(t *testing.T) {
	calls := 0
	h := NewHealth(func() { calls++ })
	srv := Handler(h, nil)
	if code, _ := get(t, srv, "/healthz"); code != 200 {
		t.Errorf("/healthz %d", code)
	}
	readyz := func(wantCode int, wantReason string) {
		t.Helper()
		code, body := get(t, srv, "/readyz")
		var v struct {
			Ready  bool   `json:"ready"`
			Reason string `json:"reason"`
		}
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatalf("/readyz body %q: %v", body, err)
		}
		if code != wantCode || v.Reason != wantReason || v.Ready != (wantCode == 200) {
			t.Errorf("/readyz = %d %s; want %d %q", code, body, wantCode, wantReason)
		}
	}
	readyz(503, "index loading")
	h.Observe(bot.Event{Kind: bot.EventConnected})
	readyz(503, "index loading")
	h.IndexLoaded()
	readyz(200, "")
	h.Observe(bot.Event{Kind: bot.EventDisconnected})
	readyz(503, "Discord gateway not connected")
	h.Observe(bot.Event{Kind: bot.EventConnected, Reconnect: true})
	readyz(200, "")
	h.Stopping()
	readyz(503, "shutting down")
	if calls != 1 {
		t.Errorf("onReady called %d times, want 1", calls)
	}
	if code, _ := get(t, srv, "/metrics"); code != 404 {
		t.Errorf("/metrics without metrics: %d", code)
	}
}

// TestNotify speaks sd_notify to a datagram socket as systemd listens.
func TestNotify(t *testing.T) {
	if err := Notify("", "READY=1"); err != nil {
		t.Fatalf("no socket: %v", err)
	}
	dir, err := os.MkdirTemp("", "sd") // short: socket paths are limited to ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "notify")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Skipf("no unix datagram sockets here: %v", err)
	}
	defer conn.Close()
	if err := Notify(path, "READY=1"); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := conn.Read(buf)
	if err != nil || string(buf[:n]) != "READY=1" {
		t.Fatalf("got %q, %v", buf[:n], err)
	}
	if err := Notify(filepath.Join(dir, "missing"), "READY=1"); err == nil {
		t.Error("no error for a socket nobody listens on")
	}
}
