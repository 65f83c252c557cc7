package fakediscord

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway close codes Discord uses.
const (
	CloseUnknownError         = 4000
	CloseAuthenticationFailed = 4004
	CloseSessionTimedOut      = 4009
	CloseInvalidShard         = 4010
	CloseShardingRequired     = 4011
	CloseInvalidAPIVersion    = 4012
	CloseInvalidIntents       = 4013
	CloseDisallowedIntents    = 4014
)

// IntentMessageContent is the privileged Message Content intent.
const IntentMessageContent = 1 << 15

// gateway is the fake's gateway state; guarded by Server.mu.
type gateway struct {
	conns        []*conn
	identifies   []map[string]any
	identifiedAt []time.Time
	invalidAt    time.Time // when op 9 was last sent
	resumes      int
	heartbeats   int
	seq          int
	sessions     int
	allowed      int  // intents the application may use
	reject       int  // close code to answer IDENTIFY and RESUME with; 0 for none
	invalidNext  bool // answer the next RESUME with op 9

	// held, when not nil, holds READY back until it is closed.
	held chan struct{}
}

// conn is one client connection.
type conn struct {
	ws    *websocket.Conn
	ready bool
	shard [2]int
}

// gatewayPayload is a gateway frame.
type gatewayPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int            `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

// DisallowMessageContent makes the fake close with 4014 when a client
// asks for the Message Content intent, as Discord does when the portal
// toggle is off.
func (s *Server) DisallowMessageContent() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.allowed &^= IntentMessageContent
}

// RejectIdentify makes the fake answer every IDENTIFY and RESUME by
// closing with code (4004 for a bad token, 4010–4014 for shard and intent
// problems); 0 accepts them again.
func (s *Server) RejectIdentify(code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.reject = code
}

// HoldReady makes the fake keep READY back from clients that identify,
// until release is called (or the test ends), as a slow Discord would.
func (s *Server) HoldReady() (release func()) {
	held := make(chan struct{})
	s.mu.Lock()
	s.gw.held = held
	s.mu.Unlock()
	var once sync.Once
	release = func() {
		once.Do(func() {
			s.mu.Lock()
			if s.gw.held == held {
				s.gw.held = nil
			}
			s.mu.Unlock()
			close(held)
		})
	}
	s.tb.Cleanup(release)
	return release
}

// InvalidateNextResume makes the fake answer the next RESUME with op 9
// (invalid session, not resumable), so the client must identify again.
func (s *Server) InvalidateNextResume() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.invalidNext = true
}

// CloseGateway closes every client connection with code, as Discord does
// on errors (4000, 4009…) or restarts (1001).
func (s *Server) CloseGateway(code int, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.gw.conns {
		c.ready = false
		_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
		_ = c.ws.Close()
	}
}

// DropGateway cuts every client connection without a close frame, as a
// network failure would.
func (s *Server) DropGateway() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.gw.conns {
		c.ready = false
		_ = c.ws.NetConn().Close()
	}
}

// RequestReconnect sends op 7 (reconnect) to every client.
func (s *Server) RequestReconnect() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.gw.conns {
		c.ready = false
		_ = c.ws.WriteJSON(map[string]any{"op": 7, "d": nil})
	}
}

// serveGateway speaks the gateway protocol on one websocket connection.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &conn{ws: ws, shard: [2]int{0, 1}}
	s.mu.Lock()
	s.gw.conns = append(s.gw.conns, c)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		for i, o := range s.gw.conns {
			if o == c {
				s.gw.conns = append(s.gw.conns[:i], s.gw.conns[i+1:]...)
				break
			}
		}
		s.notify()
		s.mu.Unlock()
		_ = ws.Close()
	}()

	if err := s.write(ws, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}); err != nil {
		return
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p gatewayPayload
		if err := json.Unmarshal(data, &p); err != nil {
			continue
		}
		var ok bool
		switch p.Op {
		case 1:
			ok = s.onHeartbeat(ws)
		case 2:
			ok = s.onIdentify(c, p.D)
		case 6:
			ok = s.onResume(c)
		default:
			ok = true
		}
		if !ok {
			return
		}
	}
}

func (s *Server) onHeartbeat(ws *websocket.Conn) bool {
	s.mu.Lock()
	s.gw.heartbeats++
	s.mu.Unlock()
	return s.write(ws, map[string]any{"op": 11}) == nil
}

// closeLocked closes a connection with a gateway close code.
func closeWith(ws *websocket.Conn, code int, reason string) {
	_ = ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
}

var closeReasons = map[int]string{
	CloseAuthenticationFailed: "Authentication failed.",
	CloseInvalidShard:         "Invalid shard.",
	CloseShardingRequired:     "Sharding required.",
	CloseInvalidAPIVersion:    "Invalid API version.",
	CloseInvalidIntents:       "Invalid intent(s).",
	CloseDisallowedIntents:    "Disallowed intent(s).",
}

func (s *Server) onIdentify(c *conn, raw json.RawMessage) bool {
	var id map[string]any
	_ = json.Unmarshal(raw, &id)
	s.mu.Lock()
	s.gw.identifies = append(s.gw.identifies, id)
	s.gw.identifiedAt = append(s.gw.identifiedAt, time.Now())
	s.notify()
	reject, allowed, held := s.gw.reject, s.gw.allowed, s.gw.held
	s.mu.Unlock()
	if held != nil {
		<-held
	}
	intents, _ := id["intents"].(float64)
	if reject == 0 && int(intents)&^allowed != 0 {
		reject = CloseDisallowedIntents
	}
	if shard, ok := id["shard"].([]any); ok && len(shard) == 2 {
		i, _ := shard[0].(float64)
		n, _ := shard[1].(float64)
		if n < 1 || i < 0 || i >= n {
			reject = CloseInvalidShard
		}
		c.shard = [2]int{int(i), int(n)}
	}
	if reject != 0 {
		closeWith(c.ws, reject, closeReasons[reject])
		return false
	}
	return s.sendReady(c) == nil
}

func (s *Server) onResume(c *conn) bool {
	s.mu.Lock()
	s.gw.resumes++
	s.notify()
	reject, invalid := s.gw.reject, s.gw.invalidNext
	s.gw.invalidNext = false
	s.mu.Unlock()
	if reject != 0 {
		closeWith(c.ws, reject, closeReasons[reject])
		return false
	}
	if invalid {
		s.mu.Lock()
		s.gw.invalidAt = time.Now()
		s.mu.Unlock()
		return s.write(c.ws, map[string]any{"op": 9, "d": false}) == nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.dispatchLocked(c, "RESUMED", map[string]any{}); err != nil {
		return false
	}
	c.ready = true
	s.notify()
	return true
}

func (s *Server) sendReady(c *conn) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.sessions++
	ready := map[string]any{
		"v":                9,
		"user":             map[string]any{"id": BotID, "username": BotName, "discriminator": "0", "bot": true},
		"application":      map[string]any{"id": AppID, "flags": 0},
		"session_id":       "fake-session-" + strconv.Itoa(s.gw.sessions),
		"guilds":           []any{map[string]any{"id": GuildID, "unavailable": true}},
		"private_channels": []any{},
		"shard":            []int{c.shard[0], c.shard[1]},
	}
	if err := s.dispatchLocked(c, "READY", ready); err != nil {
		return err
	}
	c.ready = true
	s.notify()
	return nil
}

// write sends one JSON text frame; writes are serialised.
func (s *Server) write(ws *websocket.Conn, v any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ws.WriteJSON(v)
}

func (s *Server) dispatchLocked(c *conn, event string, data any) error {
	s.gw.seq++
	seq := s.gw.seq
	d, err := json.Marshal(data)
	if err != nil {
		return err
	}
	return c.ws.WriteJSON(gatewayPayload{Op: 0, D: d, S: &seq, T: event})
}

// ErrNotReady is returned by Dispatch before READY has been sent.
var ErrNotReady = errors.New("fakediscord: gateway not connected and ready")

// ShardOf is the shard a guild's events go to: (guild_id >> 22) % count.
func ShardOf(guildID string, count int) int {
	id, _ := strconv.ParseUint(guildID, 10, 64)
	if count < 1 {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// Dispatch sends an event (op 0), e.g. Dispatch("INTERACTION_CREATE", i), to
// the connection of the shard the event's guild_id belongs to (shard 0 for
// DMs). An INTERACTION_CREATE starts the interaction's 3 s and 15 min
// clocks.
func (s *Server) Dispatch(event string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	guild, _ := m["guild_id"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	var target *conn
	for _, c := range s.gw.conns {
		if !c.ready {
			continue
		}
		if (guild == "" && c.shard[0] == 0) || (guild != "" && ShardOf(guild, c.shard[1]) == c.shard[0]) {
			target = c
			break
		}
	}
	if target == nil {
		return ErrNotReady
	}
	if event == "INTERACTION_CREATE" {
		id, _ := m["id"].(string)
		token, _ := m["token"].(string)
		original := strconv.FormatInt(s.ids.Add(1), 10)
		// A component's @original is the message it is on.
		if msg, ok := m["message"].(map[string]any); ok && m["type"] == float64(3) {
			if mid, ok := msg["id"].(string); ok && mid != "" {
				original = mid
			}
		}
		s.interactions[token] = &interaction{id: id, token: token, created: time.Now().Add(s.offset), original: original}
	}
	return s.dispatchLocked(target, event, json.RawMessage(raw))
}

// WaitReady waits until a client has identified (or resumed) and is ready.
func (s *Server) WaitReady(timeout time.Duration) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ready := false
		for _, c := range s.gw.conns {
			ready = ready || c.ready
		}
		changed := s.changed
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

// Identify returns the last IDENTIFY payload a client sent.
func (s *Server) Identify() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.gw.identifies) == 0 {
		return nil
	}
	return s.gw.identifies[len(s.gw.identifies)-1]
}

// Identifies returns every IDENTIFY payload so far.
func (s *Server) Identifies() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.gw.identifies...)
}

// IdentifyAfterInvalid is how long after the last op 9 the client
// identified again; false if it has not (yet).
func (s *Server) IdentifyAfterInvalid() (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gw.invalidAt.IsZero() {
		return 0, false
	}
	for _, at := range s.gw.identifiedAt {
		if at.After(s.gw.invalidAt) {
			return at.Sub(s.gw.invalidAt), true
		}
	}
	return 0, false
}

// Resumes counts the RESUMEs received.
func (s *Server) Resumes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.resumes
}

// Connections counts the open gateway connections.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.gw.conns)
}

// Heartbeats counts the heartbeats received.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.heartbeats
}
