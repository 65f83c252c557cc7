package ops

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/citebot/citebot/bot"
)

// Health is whether citebot serve can answer: the index loaded, the
// gateway session ready, and not shutting down.
type Health struct {
	mu        sync.Mutex
	index     bool
	connected bool
	stopping  bool
	notified  bool
	onReady   func()
}

// NewHealth returns the state of a process that has just started. onReady,
// when not nil, is called once, the first time it becomes ready.
func NewHealth(onReady func()) *Health { return &Health{onReady: onReady} }

// Observe follows the gateway's connection; it is a bot.Config.Observe.
func (h *Health) Observe(e bot.Event) {
	switch e.Kind {
	case bot.EventConnected:
		h.set(func() { h.connected = true })
	case bot.EventDisconnected:
		h.set(func() { h.connected = false })
	}
}

// IndexLoaded records that the index can answer.
func (h *Health) IndexLoaded() { h.set(func() { h.index = true }) }

// Stopping records that the process is shutting down: it stays unready.
func (h *Health) Stopping() { h.set(func() { h.stopping = true }) }

func (h *Health) set(change func()) {
	h.mu.Lock()
	change()
	ready, _ := h.readyLocked()
	call := ready && !h.notified && h.onReady != nil
	if ready {
		h.notified = true
	}
	h.mu.Unlock()
	if call {
		h.onReady()
	}
}

// Ready reports whether citebot can answer, and if not why not.
func (h *Health) Ready() (ok bool, reason string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.readyLocked()
}

func (h *Health) readyLocked() (bool, string) {
	switch {
	case h.stopping:
		return false, "shutting down"
	case !h.index:
		return false, "index loading"
	case !h.connected:
		return false, "Discord gateway not connected"
	}
	return true, ""
}

// Handler serves /healthz (200 while the process runs), /readyz (200 when
// ready, else 503 with {"ready":false,"reason":…}) and, when m is not nil,
// /metrics. Nothing it serves holds a question, a user or a secret.
func Handler(h *Health, m *Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		ok, reason := h.Ready()
		if !ok {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"ready": false, "reason": reason})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"ready": true})
	})
	if m != nil {
		mux.Handle("GET /metrics", m.Handler())
	}
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
