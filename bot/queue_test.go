package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/fakediscord"
)

// TestQueue: with the one answer slot taken, questions wait in the queue
// and are told their place; only a full queue refuses; a freed slot
// answers the waiting ones, editing the queue notice into the answer.
func TestQueue(t *testing.T) {
	t.Parallel()
	fb := newFakeBackend()
	h := startBot(t, Config{MaxInFlight: 1, QueueSize: 2}, fb)
	blocked := h.interact("interaction_ask", func(p map[string]any) { set(p, "data.options.0.value", "block please") })
	h.callback(blocked)
	for deadline := time.Now().Add(wait); len(fb.calls()) == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the blocking question never reached the backend")
		}
	}

	second := h.interact("interaction_ask", func(p map[string]any) { set(p, "member.user.id", "930000000000000201") })
	if body := h.callback(second).Map(); num(body, "type") != 5 {
		t.Fatalf("queued /ask acknowledged with %v, want a deferral", body)
	}
	queued := h.editOriginal(second, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.description"), "Queued") })
	if desc := str(queued.Map(), "embeds.0.description"); !strings.Contains(desc, "next in line") {
		t.Errorf("first in the queue told %q", desc)
	}

	m := h.message(func(p map[string]any) { set(p, "author.id", "930000000000000202") })
	notice := h.replyTo(m)
	if content := str(notice.Map(), "content"); !strings.Contains(content, "Queued (1 ahead)") {
		t.Errorf("second in the queue told %q", content)
	}

	full := h.interact("interaction_ask", func(p map[string]any) { set(p, "member.user.id", "930000000000000203") })
	if body := h.callback(full).Map(); num(body, "type") != 4 || !strings.Contains(str(body, "data.content"), "queue is full") {
		t.Errorf("/ask with a full queue = %v, want a refusal", body)
	}

	close(fb.release)
	h.editOriginal(blocked, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.description"), "[1]") })
	h.editOriginal(second, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.description"), "[1]") })
	noticeID := str(notice.ResponseMap(), "id")
	if _, err := h.fake.Wait(m.mark, wait, func(r fakediscord.Request) bool {
		return fakediscord.Route("PATCH", "/api/v9/channels/*/messages/"+noticeID)(r) && strings.Contains(str(r.Map(), "content"), "[1]")
	}); err != nil {
		t.Errorf("the queue notice was not edited into the answer: %v", err)
	}
}
