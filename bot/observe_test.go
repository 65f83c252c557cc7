package bot

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/fakediscord"
)

// events collects what the bot reports to Config.Observe.
type events struct {
	mu   sync.Mutex
	list []Event
}

func (e *events) observe(ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, ev)
}

// waitFor returns the first event matching match, waiting up to wait.
func (e *events) waitFor(tb testing.TB, what string, match func(Event) bool) Event {
	tb.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		e.mu.Lock()
		for _, ev := range e.list {
			if match(ev) {
				e.mu.Unlock()
				return ev
			}
		}
		e.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	tb.Fatalf("no %s event; got %+v", what, e.list)
	return Event{}
}

// TestObserve: the bot reports answered questions with their entry point
// and latency, refusals, Discord's 429s and reconnects to Config.Observe,
// and logs one "answered" line without the question's text.
func TestObserve(t *testing.T) {
	t.Parallel()
	var got events
	h := startBot(t, Config{RatePerMinute: 2, Observe: got.observe}, nil)
	got.waitFor(t, "first connection", func(e Event) bool { return e.Kind == EventConnected && !e.Reconnect })

	s := h.interact("interaction_ask", nil)
	h.editOriginal(s, nil)
	ev := got.waitFor(t, "slash answer", func(e Event) bool { return e.Kind == EventAnswered && e.Via == ViaSlash })
	if ev.Took <= 0 || ev.Failed || ev.Backend == "" || len(ev.Cited) == 0 {
		t.Errorf("slash answer event %+v", ev)
	}

	m := h.message(nil)
	h.replyTo(m)
	got.waitFor(t, "mention answer", func(e Event) bool { return e.Kind == EventAnswered && e.Via == ViaMention && !e.Failed })

	// The same user's third question within the minute is refused.
	h.replyTo(h.message(nil))
	got.waitFor(t, "rate-limit refusal", func(e Event) bool { return e.Kind == EventRefused && e.Reason == RefusedRateLimited })

	h.fake.RateLimitOnce(fakediscord.Route("POST", "/api/v9/interactions/*/*/callback"), 0.01)
	h.interact("interaction_timeline", nil)
	got.waitFor(t, "REST 429", func(e Event) bool { return e.Kind == EventRESTRateLimited })

	h.fake.DropGateway()
	got.waitFor(t, "disconnect", func(e Event) bool { return e.Kind == EventDisconnected })
	got.waitFor(t, "reconnect", func(e Event) bool { return e.Kind == EventConnected && e.Reconnect })

	logs := h.logs.String()
	var line string
	for l := range strings.Lines(logs) {
		if strings.Contains(l, "msg=answered") && strings.Contains(l, "via=slash") {
			line = l
		}
	}
	if line == "" || !strings.Contains(line, "took=") || !strings.Contains(line, "backend=") || !strings.Contains(line, "abstained=false") || !strings.Contains(line, "cited=") {
		t.Errorf("no complete answered line for /ask in:\n%s", logs)
	}
	if q := str(payload(t, "interaction_ask"), "data.options.0.value"); q == "" || strings.Contains(logs, q) {
		t.Errorf("the question %q reached the logs (or the payload has none)", q)
	}
}

// TestObserveBusy: a question turned away because every answer slot is
// taken is reported as refused (busy), and Load counts the slot in use.
func TestObserveBusy(t *testing.T) {
	t.Parallel()
	var got events
	fb := newFakeBackend()
	h := startBot(t, Config{MaxInFlight: 1, QueueSize: -1, Observe: got.observe}, fb)
	blocked := h.interact("interaction_ask", func(p map[string]any) { set(p, "data.options.0.value", "block please") })
	h.callback(blocked)
	if l := h.bot.Load(); l.InFlight != 1 || l.Capacity != 1 {
		t.Errorf("Load() = %+v while one answer is composed", l)
	}
	s := h.interact("interaction_ask", func(p map[string]any) { set(p, "member.user.id", "930000000000000110") })
	h.callback(s)
	got.waitFor(t, "busy refusal", func(e Event) bool { return e.Kind == EventRefused && e.Reason == RefusedBusy })
	close(fb.release)
	h.editOriginal(blocked, nil)
}
