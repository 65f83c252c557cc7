// Package fakediscord is a local stand-in for Discord, for tests: an
// httptest REST API that records every request, and a websocket gateway
// that speaks the real protocol (HELLO, IDENTIFY, READY, heartbeats) and
// lets a test inject dispatches such as INTERACTION_CREATE.
package fakediscord

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Identities the fake reports in READY.
const (
	AppID   = "900000000000000001"
	BotID   = "900000000000000001"
	GuildID = "910000000000000001"
	BotName = "citebot"
)

// Request is one REST request the fake received.
type Request struct {
	Method   string
	Path     string // e.g. "/api/v9/channels/1/messages"
	Query    string
	Header   http.Header
	Body     []byte
	At       time.Time
	Status   int    // what the fake answered
	Response []byte // the JSON body it answered with, if any
}

// JSON decodes the request body into v.
func (r Request) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// Map decodes the request body as a JSON object (nil if it is not one).
func (r Request) Map() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// ResponseMap decodes the fake's answer as a JSON object (nil if it is not one).
func (r Request) ResponseMap() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Response, &m)
	return m
}

// Route matches requests by method and path pattern, where "*" stands for
// one path segment (as in path.Match), e.g.
// Route("POST", "/api/v9/interactions/*/*/callback").
func Route(method, pattern string) func(Request) bool {
	return func(r Request) bool {
		if r.Method != method {
			return false
		}
		ok, _ := path.Match(pattern, r.Path)
		return ok
	}
}

// Server is a fake Discord: REST under /api/v9/, the gateway under /gateway/.
type Server struct {
	srv      *httptest.Server
	upgrader websocket.Upgrader
	ids      atomic.Int64

	mu        sync.Mutex
	requests  []Request
	changed   chan struct{} // closed and replaced whenever something is recorded
	limits    []limit
	identify  map[string]any
	ready     bool
	conn      *websocket.Conn
	seq       int
	heartbeat int
}

type limit struct {
	match      func(Request) bool
	retryAfter float64
}

// New starts a fake Discord, closed when the test ends.
func New(tb testing.TB) *Server {
	s := &Server{changed: make(chan struct{})}
	s.ids.Store(1_000_000_000_000_000_000)
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway/", s.serveGateway)
	mux.HandleFunc("/", s.serveREST)
	s.srv = httptest.NewServer(mux)
	tb.Cleanup(s.Close)
	return s
}

// APIURL is the REST base URL, for discordgo's endpoints.
func (s *Server) APIURL() string { return s.srv.URL + "/api/v9/" }

// Close drops the gateway connection and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	if s.conn != nil {
		_ = s.conn.Close()
	}
	s.mu.Unlock()
	s.srv.Close()
}

// NewID returns a fresh snowflake-like id.
func (s *Server) NewID() string { return strconv.FormatInt(s.ids.Add(1), 10) }

// RateLimitOnce makes the next request matching match get a 429 with
// retry_after seconds, as Discord sends it.
func (s *Server) RateLimitOnce(match func(Request) bool, retryAfter float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = append(s.limits, limit{match: match, retryAfter: retryAfter})
}

// Requests returns a copy of the requests so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Mark is the number of requests so far; pass it to Wait to look only at
// later requests.
func (s *Server) Mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// Wait returns the first request after mark that matches, waiting up to
// timeout for it to arrive.
func (s *Server) Wait(mark int, timeout time.Duration, match func(Request) bool) (Request, error) {
	r, _, err := s.WaitIndex(mark, timeout, match)
	return r, err
}

// WaitIndex is Wait that also returns the request's index, to wait for the
// next one after it.
func (s *Server) WaitIndex(mark int, timeout time.Duration, match func(Request) bool) (Request, int, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for i := mark; i < len(s.requests); i++ {
			if match(s.requests[i]) {
				r := s.requests[i]
				s.mu.Unlock()
				return r, i, nil
			}
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			return Request{}, 0, fmt.Errorf("fakediscord: no matching request within %v; got %s", timeout, s.summary(mark))
		}
	}
}

func (s *Server) summary(mark int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, r := range s.requests[min(mark, len(s.requests)):] {
		fmt.Fprintf(&b, "\n  %s %s -> %d %s", r.Method, r.Path, r.Status, truncate(string(r.Body), 300))
	}
	if b.Len() == 0 {
		return "no requests"
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// notify wakes waiters; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// serveREST records the request and answers like Discord would.
func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, At: time.Now()}

	s.mu.Lock()
	for i, l := range s.limits {
		if l.match(req) {
			s.limits = append(s.limits[:i], s.limits[i+1:]...)
			req.Status = http.StatusTooManyRequests
			s.requests = append(s.requests, req)
			s.notify()
			s.mu.Unlock()
			after := strconv.FormatFloat(l.retryAfter, 'f', -1, 64)
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(l.retryAfter+0.999))))
			w.Header().Set("X-RateLimit-Limit", "5")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset-After", after)
			w.Header().Set("X-RateLimit-Bucket", "fake-bucket")
			w.Header().Set("X-RateLimit-Scope", "user")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"message":"You are being rate limited.","retry_after":%s,"global":false}`, after)
			return
		}
	}
	s.mu.Unlock()

	status, resp := s.answer(req)
	req.Status = status
	var out []byte
	if resp != nil {
		out, _ = json.Marshal(resp)
		req.Response = out
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.notify()
	s.mu.Unlock()

	if resp == nil {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// answer is the fake's reply to a REST request.
func (s *Server) answer(r Request) (int, any) {
	seg := strings.Split(strings.TrimPrefix(r.Path, "/api/v9/"), "/")
	is := func(method string, pattern ...string) bool {
		if r.Method != method || len(seg) != len(pattern) {
			return false
		}
		for i, p := range pattern {
			if p != "*" && p != seg[i] {
				return false
			}
		}
		return true
	}
	switch {
	case is("GET", "gateway"):
		return http.StatusOK, map[string]any{"url": "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway"}
	case is("GET", "gateway", "bot"):
		return http.StatusOK, map[string]any{"url": "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway", "shards": 1}
	case is("PUT", "applications", "*", "commands"), is("PUT", "applications", "*", "guilds", "*", "commands"):
		var cmds []map[string]any
		if err := r.JSON(&cmds); err != nil {
			return http.StatusBadRequest, apiError(50035, "Invalid Form Body")
		}
		for _, c := range cmds {
			c["id"] = s.NewID()
			c["application_id"] = seg[1]
			c["version"] = s.NewID()
		}
		return http.StatusOK, cmds
	case is("POST", "interactions", "*", "*", "callback"):
		return http.StatusNoContent, nil
	case is("PATCH", "webhooks", "*", "*", "messages", "*"):
		return http.StatusOK, s.message(r, "", seg[4])
	case is("POST", "webhooks", "*", "*"):
		return http.StatusOK, s.message(r, "", "")
	case is("POST", "channels", "*", "messages"):
		return http.StatusOK, s.message(r, seg[1], "")
	case is("PATCH", "channels", "*", "messages", "*"):
		return http.StatusOK, s.message(r, seg[1], seg[3])
	case is("POST", "channels", "*", "typing"):
		return http.StatusNoContent, nil
	}
	return http.StatusNotFound, apiError(0, "404: Not Found")
}

// message is the message object Discord returns for a sent or edited
// message: the request's fields plus ids and the bot as author.
func (s *Server) message(r Request, channelID, messageID string) map[string]any {
	m := r.Map()
	if m == nil {
		m = map[string]any{}
	}
	if messageID == "" || messageID == "@original" {
		messageID = s.NewID()
	}
	if channelID == "" {
		channelID = "0"
	}
	m["id"] = messageID
	m["channel_id"] = channelID
	m["author"] = map[string]any{"id": BotID, "username": BotName, "bot": true}
	m["timestamp"] = time.Now().UTC().Format(time.RFC3339)
	m["type"] = 0
	delete(m, "allowed_mentions")
	delete(m, "message_reference")
	return m
}

func apiError(code int, msg string) map[string]any {
	return map[string]any{"code": code, "message": msg}
}

// gatewayPayload is a gateway frame.
type gatewayPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int            `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

// serveGateway speaks the gateway protocol on one websocket connection.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	s.mu.Lock()
	if s.conn != nil {
		_ = s.conn.Close()
	}
	s.conn = conn
	s.ready = false
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.conn == conn {
			s.conn = nil
			s.ready = false
		}
		s.mu.Unlock()
		_ = conn.Close()
	}()

	if err := s.write(conn, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}); err != nil {
		return
	}
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var p gatewayPayload
		if err := json.Unmarshal(data, &p); err != nil {
			continue
		}
		switch p.Op {
		case 1: // heartbeat
			s.mu.Lock()
			s.heartbeat++
			s.mu.Unlock()
			if err := s.write(conn, map[string]any{"op": 11}); err != nil {
				return
			}
		case 2: // identify
			var id map[string]any
			_ = json.Unmarshal(p.D, &id)
			s.mu.Lock()
			s.identify = id
			s.mu.Unlock()
			if err := s.sendReady(conn); err != nil {
				return
			}
		}
	}
}

func (s *Server) sendReady(conn *websocket.Conn) error {
	ready := map[string]any{
		"v":                9,
		"user":             map[string]any{"id": BotID, "username": BotName, "discriminator": "0", "bot": true},
		"application":      map[string]any{"id": AppID, "flags": 0},
		"session_id":       "fake-session",
		"guilds":           []any{map[string]any{"id": GuildID, "unavailable": true}},
		"private_channels": []any{},
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.dispatchLocked(conn, "READY", ready); err != nil {
		return err
	}
	s.ready = true
	s.notify()
	return nil
}

// write sends one JSON text frame; writes are serialised.
func (s *Server) write(conn *websocket.Conn, v any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return conn.WriteJSON(v)
}

func (s *Server) dispatchLocked(conn *websocket.Conn, event string, data any) error {
	s.seq++
	seq := s.seq
	d, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return conn.WriteJSON(gatewayPayload{Op: 0, D: d, S: &seq, T: event})
}

// ErrNotReady is returned by Dispatch before READY has been sent.
var ErrNotReady = errors.New("fakediscord: gateway not connected and ready")

// Dispatch sends an event (op 0), e.g. Dispatch("INTERACTION_CREATE", i).
func (s *Server) Dispatch(event string, data any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil || !s.ready {
		return ErrNotReady
	}
	return s.dispatchLocked(s.conn, event, data)
}

// WaitReady waits until a client has identified and received READY.
func (s *Server) WaitReady(timeout time.Duration) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ready, changed := s.ready, s.changed
		s.mu.Unlock()
		if ready {
			return nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return ErrNotReady
		}
	}
}

// Identify returns the IDENTIFY payload the client sent.
func (s *Server) Identify() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identify
}

// Heartbeats counts the heartbeats received.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heartbeat
}
