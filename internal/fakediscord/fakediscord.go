// Package fakediscord is a strict local stand-in for Discord, for tests: an
// httptest REST API that records every request and rejects what Discord
// rejects (second acknowledgements, late callbacks, oversized payloads,
// messages without allowed_mentions), and a websocket gateway that speaks
// the real protocol (HELLO, IDENTIFY, RESUME, READY, heartbeats, op 7 and
// op 9, close codes) and lets a test inject dispatches such as
// INTERACTION_CREATE. Every rejection also fails the test, unless the test
// said it expects violations. Deadlines follow a fake clock the test can
// advance, so a test never sleeps for Discord's 3 s or 15 min.
package fakediscord

import (
	"encoding/json"
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
	"unicode/utf8"

	"github.com/gorilla/websocket"
)

// Identities the fake reports in READY.
const (
	AppID   = "900000000000000001"
	BotID   = "900000000000000001"
	GuildID = "910000000000000001"
	BotName = "citebot"
)

// Discord's deadlines for answering an interaction.
const (
	CallbackDeadline = 3 * time.Second
	TokenLife        = 15 * time.Minute
)

// Request is one REST request the fake received.
type Request struct {
	Method   string
	Path     string // e.g. "/api/v9/channels/1/messages"
	Query    string
	Header   http.Header
	Body     []byte
	At       time.Time // real time, for measuring gaps
	Status   int       // what the fake answered
	Response []byte    // the JSON body it answered with, if any
	// Files are the files of a multipart/form-data request, whose
	// payload_json is then Body.
	Files []File
	// multipartProblem is what Discord would reject in the multipart body.
	multipartProblem string
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
	tb       testing.TB
	srv      *httptest.Server
	upgrader websocket.Upgrader
	ids      atomic.Int64

	mu           sync.Mutex
	requests     []Request
	changed      chan struct{} // closed and replaced whenever something is recorded
	faults       []fault
	offset       time.Duration // fake clock: real time plus offset
	interactions map[string]*interaction
	violations   []string
	lenient      bool
	files        map[string]map[string]string // message id → attachment id → filename
	threads      map[string]string            // thread id → parent channel id
	threaded     map[string]bool              // message ids a thread was started on

	gw gateway
}

// interaction is what the fake knows of a dispatched interaction.
type interaction struct {
	id, token string
	created   time.Time // fake time
	acked     bool
	ackType   int
	original  string // the id of @original
}

// originalID is the stable message id of an interaction's @original.
func (s *Server) originalID(token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if it, ok := s.interactions[token]; ok {
		return it.original
	}
	return ""
}

// fault is an injected REST failure.
type fault struct {
	match      func(Request) bool
	status     int
	body       string
	retryAfter float64
	global     bool
	left       int
}

// New starts a fake Discord, closed when the test ends.
func New(tb testing.TB) *Server {
	s := &Server{tb: tb, changed: make(chan struct{}), interactions: make(map[string]*interaction),
		threads: make(map[string]string), threaded: make(map[string]bool), files: make(map[string]map[string]string)}
	s.gw.allowed = ^0
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

// Close drops the gateway connections and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	for _, c := range s.gw.conns {
		_ = c.ws.Close()
	}
	s.mu.Unlock()
	s.srv.Close()
}

// NewID returns a fresh snowflake-like id.
func (s *Server) NewID() string { return strconv.FormatInt(s.ids.Add(1), 10) }

// Now is the fake clock: real time plus whatever Advance added.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return time.Now().Add(s.offset)
}

// Advance moves the fake clock forward, as if d had passed; deadlines
// (3 s for a callback, 15 min for an interaction token) follow it.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset += d
}

// ExpectViolations stops the fake from failing the test on a protocol
// violation; it still rejects the request and records it in Violations.
func (s *Server) ExpectViolations() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lenient = true
}

// Violations lists the protocol violations seen so far.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// violateLocked records a violation and fails the test unless lenient;
// s.mu must be held.
func (s *Server) violateLocked(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.violations = append(s.violations, msg)
	if !s.lenient {
		s.tb.Errorf("fakediscord: protocol violation: %s", msg)
	}
}

// RateLimitOnce makes the next request matching match get a 429 with
// retry_after seconds, for its route only, as Discord sends it.
func (s *Server) RateLimitOnce(match func(Request) bool, retryAfter float64) {
	s.addFault(fault{match: match, status: http.StatusTooManyRequests, retryAfter: retryAfter, left: 1})
}

// RateLimitGlobalOnce makes the next request matching match get a global
// 429: every route must wait retry_after seconds.
func (s *Server) RateLimitGlobalOnce(match func(Request) bool, retryAfter float64) {
	s.addFault(fault{match: match, status: http.StatusTooManyRequests, retryAfter: retryAfter, global: true, left: 1})
}

// Fail makes the next n requests matching match get status with body (a
// JSON error with Discord's shape when body is empty), e.g. a 500.
func (s *Server) Fail(match func(Request) bool, n, status int, body string) {
	if body == "" {
		body = fmt.Sprintf(`{"message": "%d: %s", "code": 0}`, status, http.StatusText(status))
	}
	s.addFault(fault{match: match, status: status, body: body, left: n})
}

func (s *Server) addFault(f fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// Requests returns a copy of the requests so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count is the number of requests so far that match.
func (s *Server) Count(match func(Request) bool) int {
	n := 0
	for _, r := range s.Requests() {
		if match(r) {
			n++
		}
	}
	return n
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
	body, _ := io.ReadAll(io.LimitReader(r.Body, MaxFiles*MaxFileSize+1<<20))
	req := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, At: time.Now()}
	if ct := r.Header.Get("Content-Type"); strings.HasPrefix(ct, "multipart/form-data") {
		req.Body, req.Files, req.multipartProblem = readMultipart(ct, body)
	}

	s.mu.Lock()
	for i := range s.faults {
		f := &s.faults[i]
		if f.left <= 0 || !f.match(req) {
			continue
		}
		f.left--
		req.Status = f.status
		s.requests = append(s.requests, req)
		s.notify()
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if f.status == http.StatusTooManyRequests {
			after := strconv.FormatFloat(f.retryAfter, 'f', -1, 64)
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(f.retryAfter+0.999))))
			scope := "user"
			if f.global {
				w.Header().Set("X-RateLimit-Global", "true")
				scope = "global"
			} else {
				w.Header().Set("X-RateLimit-Limit", "5")
				w.Header().Set("X-RateLimit-Remaining", "0")
				w.Header().Set("X-RateLimit-Reset-After", after)
				w.Header().Set("X-RateLimit-Bucket", "fake-bucket")
			}
			w.Header().Set("X-RateLimit-Scope", scope)
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"message":"You are being rate limited.","retry_after":%s,"global":%t}`, after, f.global)
			return
		}
		w.WriteHeader(f.status)
		_, _ = io.WriteString(w, f.body)
		return
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
		if problems := checkCommands(r.Body); len(problems) > 0 {
			s.mu.Lock()
			s.violateLocked("%s %s: %s", r.Method, r.Path, strings.Join(problems, "; "))
			s.mu.Unlock()
			return http.StatusBadRequest, apiError(50035, "Invalid Form Body")
		}
		for _, c := range cmds {
			c["id"] = s.NewID()
			c["application_id"] = seg[1]
			c["version"] = s.NewID()
		}
		return http.StatusOK, cmds
	case is("GET", "applications", "*", "commands"), is("GET", "applications", "*", "guilds", "*", "commands"):
		return http.StatusOK, s.registered(strings.Join(seg[:len(seg)-1], "/"))
	case is("POST", "interactions", "*", "*", "callback"):
		return s.callback(r, seg[1], seg[2])
	case is("PATCH", "webhooks", "*", "*", "messages", "*"):
		id := seg[4]
		if id == "@original" {
			id = s.originalID(seg[2])
		}
		if status, e := s.webhook(r, seg[2], id); e != nil {
			return status, e
		}
		return http.StatusOK, s.message(r, "", id)
	case is("POST", "webhooks", "*", "*"):
		id := s.NewID()
		if status, e := s.webhook(r, seg[2], id); e != nil {
			return status, e
		}
		return http.StatusOK, s.message(r, "", id)
	case is("POST", "channels", "*", "messages"):
		if e := s.checkMessage(r, true); e != nil {
			return http.StatusBadRequest, e
		}
		return http.StatusOK, s.message(r, seg[1], "")
	case is("PATCH", "channels", "*", "messages", "*"):
		if e := s.checkMessage(r, false); e != nil {
			return http.StatusBadRequest, e
		}
		return http.StatusOK, s.message(r, seg[1], seg[3])
	case is("POST", "channels", "*", "messages", "*", "threads"):
		return s.startThread(r, seg[1], seg[3])
	case is("DELETE", "channels", "*", "messages", "*"):
		return http.StatusNoContent, nil
	case is("POST", "channels", "*", "typing"):
		return http.StatusNoContent, nil
	}
	return http.StatusNotFound, apiError(0, "404: Not Found")
}

// Thread auto-archive durations Discord accepts, in minutes.
var archiveDurations = map[int]bool{60: true, 1440: true, 4320: true, 10080: true}

// startThread starts a public thread on a message: once per message, not
// in a thread, with a name of 1 to 100 characters. Like Discord, it then
// sends THREAD_CREATE on the gateway.
func (s *Server) startThread(r Request, channelID, messageID string) (int, any) {
	var body struct {
		Name                string `json:"name"`
		AutoArchiveDuration int    `json:"auto_archive_duration"`
	}
	s.mu.Lock()
	if err := r.JSON(&body); err != nil {
		s.violateLocked("start thread: body is not JSON: %v", err)
		s.mu.Unlock()
		return http.StatusBadRequest, apiError(50035, "Invalid Form Body")
	}
	var problem string
	switch n := utf8.RuneCountInString(body.Name); {
	case n == 0 || n > MaxThreadName:
		problem = fmt.Sprintf("thread name has %d characters (want 1 to %d)", n, MaxThreadName)
	case body.AutoArchiveDuration != 0 && !archiveDurations[body.AutoArchiveDuration]:
		problem = fmt.Sprintf("auto_archive_duration %d", body.AutoArchiveDuration)
	case s.threads[channelID] != "":
		problem = "a thread started inside a thread"
	case s.threaded[messageID]:
		problem = "a second thread on message " + messageID
	}
	if problem != "" {
		s.violateLocked("start thread on %s: %s", messageID, problem)
		s.mu.Unlock()
		return http.StatusBadRequest, apiError(160004, "A thread has already been created for this message")
	}
	id := messageID // Discord gives a thread started on a message the message's id
	s.threads[id] = channelID
	s.threaded[messageID] = true
	s.mu.Unlock()
	ch := map[string]any{
		"id": id, "type": 11, "parent_id": channelID, "owner_id": BotID, "name": body.Name, "guild_id": GuildID,
		"thread_metadata": map[string]any{"archived": false, "auto_archive_duration": max(body.AutoArchiveDuration, 60), "locked": false},
	}
	created := map[string]any{"newly_created": true}
	for k, v := range ch {
		created[k] = v
	}
	_ = s.Dispatch("THREAD_CREATE", created)
	return http.StatusCreated, ch
}

// Threads returns the threads started so far: thread id → parent channel id.
func (s *Server) Threads() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.threads))
	for k, v := range s.threads {
		out[k] = v
	}
	return out
}

// registered is the command list last PUT under prefix
// ("applications/{app}" or "applications/{app}/guilds/{guild}").
func (s *Server) registered(prefix string) []map[string]any {
	out := []map[string]any{}
	for _, r := range s.Requests() {
		if r.Method == "PUT" && r.Status == http.StatusOK && strings.TrimPrefix(r.Path, "/api/v9/") == prefix+"/commands" {
			_ = json.Unmarshal(r.Response, &out)
		}
	}
	return out
}

// callback acknowledges an interaction: once, within 3 s of fake time.
func (s *Server) callback(r Request, id, token string) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.interactions[token]
	now := time.Now().Add(s.offset)
	switch {
	case !ok || it.id != id:
		s.violateLocked("callback for an unknown interaction %s", id)
		return http.StatusNotFound, apiError(10062, "Unknown interaction")
	case it.acked:
		s.violateLocked("interaction %s acknowledged twice (first with type %d, now %s)", id, it.ackType, truncate(string(r.Body), 200))
		return http.StatusBadRequest, apiError(40060, "Interaction has already been acknowledged.")
	case now.Sub(it.created) > CallbackDeadline:
		s.violateLocked("interaction %s acknowledged %v after it was created (limit %v)", id, now.Sub(it.created).Round(time.Millisecond), CallbackDeadline)
		return http.StatusNotFound, apiError(10062, "Unknown interaction")
	}
	var cb struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(r.Body, &cb); err != nil {
		s.violateLocked("callback body is not JSON: %v", err)
		return http.StatusBadRequest, apiError(50035, "Invalid Form Body")
	}
	var problems []string
	switch cb.Type {
	case 4, 7:
		problems = checkPayload(cb.Data, cb.Type == 4)
	case 5, 6:
	case 8:
		problems = checkChoices(cb.Data)
	default:
		problems = []string{fmt.Sprintf("callback type %d", cb.Type)}
	}
	if len(problems) > 0 {
		s.violateLocked("callback type %d: %s", cb.Type, strings.Join(problems, "; "))
		return http.StatusBadRequest, apiError(50035, "Invalid Form Body")
	}
	it.acked, it.ackType = true, cb.Type
	return http.StatusNoContent, nil
}

// webhook checks a follow-up or an edit of an interaction's messages: the
// interaction was acknowledged, its token is under 15 minutes old, and the
// payload (with its files) is valid; it records the message's files.
func (s *Server) webhook(r Request, token, messageID string) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.interactions[token]
	now := time.Now().Add(s.offset)
	switch {
	case !ok:
		s.violateLocked("webhook request with an unknown interaction token")
		return http.StatusNotFound, apiError(10015, "Unknown Webhook")
	case now.Sub(it.created) > TokenLife:
		s.violateLocked("interaction %s used %v after it was created (limit %v)", it.id, now.Sub(it.created).Round(time.Second), TokenLife)
		return http.StatusUnauthorized, apiError(50027, "Invalid Webhook Token")
	case !it.acked:
		s.violateLocked("interaction %s: %s %s before the callback", it.id, r.Method, r.Path)
		return http.StatusNotFound, apiError(10008, "Unknown Message")
	}
	problems := checkPayload(r.Body, r.Method == "POST")
	if r.multipartProblem != "" {
		problems = append(problems, r.multipartProblem)
	}
	files, fileProblems := attachments(r.Body, r.Files, s.files[messageID])
	if problems = append(problems, fileProblems...); len(problems) > 0 {
		s.violateLocked("%s %s: %s", r.Method, "webhook message", strings.Join(problems, "; "))
		return http.StatusBadRequest, apiError(50035, "Invalid Form Body")
	}
	for id, name := range files {
		if strings.HasPrefix(id, "new-") {
			delete(files, id)
			files[s.NewID()] = name
		}
	}
	s.files[messageID] = files
	return 0, nil
}

// checkMessage validates a channel message payload; create requires
// allowed_mentions.
func (s *Server) checkMessage(r Request, create bool) any {
	problems := checkPayload(r.Body, create)
	if r.multipartProblem != "" {
		problems = append(problems, r.multipartProblem)
	}
	if len(problems) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violateLocked("%s %s: %s", r.Method, r.Path, strings.Join(problems, "; "))
	return apiError(50035, "Invalid Form Body")
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
	s.mu.Lock()
	var atts []any
	for id, name := range s.files[messageID] {
		atts = append(atts, map[string]any{"id": id, "filename": name, "url": s.srv.URL + "/attachments/" + messageID + "/" + name})
	}
	s.mu.Unlock()
	if atts != nil {
		m["attachments"] = atts
	} else {
		delete(m, "attachments")
	}
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
