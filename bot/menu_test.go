package bot

import (
	"strings"
	"testing"
	"time"
)

func TestAskAboutAMessage(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{}, nil)
	s := h.interact("interaction_message_command", nil)
	cb := h.callback(s).Map()
	if num(cb, "type") != 5 || int(num(cb, "data.flags"))&64 == 0 {
		t.Fatalf("callback = %v, want an ephemeral deferral", cb)
	}
	edit := h.editOriginal(s, nil).Map()
	if !strings.Contains(str(edit, "embeds.0.description"), "[1]") || str(edit, "embeds.0.title") != "Does anyone know when China recognised Kazakhstan?" {
		t.Errorf("answer = %v", edit)
	}
	h.idle()
	if calls := h.backend.calls(); len(calls) != 1 || calls[0].Question != "Does anyone know when China recognised Kazakhstan?" {
		t.Errorf("asked %+v, want the message's text", calls)
	}

	empty := h.interact("interaction_message_command", func(p map[string]any) {
		set(p, "data.resolved.messages.1270000000000000009.content", "")
	})
	if body := h.callback(empty).Map(); !strings.Contains(str(body, "data.content"), "no text") {
		t.Errorf("a message without text: %v", body)
	}
}

func TestPostPrivateAnswerPublicly(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{}, nil)
	s := h.interact("interaction_ask", func(p map[string]any) {
		set(p, "data.options", []any{
			map[string]any{"name": "question", "type": 3, "value": "When did China recognise Kazakhstan?"},
			map[string]any{"name": "private", "type": 5, "value": true},
		})
	})
	h.callback(s)
	edit := h.editOriginal(s, nil)
	ids := componentIDs(edit.Map())
	if len(ids) < 3 || ids[2] != "pub1:"+s.id {
		t.Fatalf("private answer components = %v, want 👍, 👎 and Post publicly", ids)
	}
	// The press carries the ephemeral message, as Discord sends it.
	msg := edit.ResponseMap()
	msg["flags"] = 64
	p := h.interact("interaction_component", func(p map[string]any) {
		set(p, "data.custom_id", "pub1:"+s.id)
		p["message"] = msg
	})
	cb := h.callback(p)
	if d := cb.At.Sub(p.at); d > 500*time.Millisecond {
		t.Errorf("answered after %v", d)
	}
	body := cb.Map()
	if num(body, "type") != 4 || int(num(body, "data.flags"))&64 != 0 {
		t.Fatalf("callback = %v, want a public message", body)
	}
	if str(body, "data.content") != "Asked by <@930000000000000002>" {
		t.Errorf("content = %q, want the attribution", str(body, "data.content"))
	}
	assertNoMentions(t, object(body, "data"))
	if str(body, "data.embeds.0.description") != str(edit.Map(), "embeds.0.description") {
		t.Errorf("posted embeds differ from the private answer")
	}
	got := componentIDs(object(body, "data"))
	if len(got) != 3 || got[0] != "fb1:u:"+s.id || got[2] != "src1" {
		t.Errorf("public components = %v, want 👍, 👎 and the Sources menu, no Post publicly", got)
	}
}

// object is dig as a JSON object.
func object(v any, path string) map[string]any {
	m, _ := dig(v, path).(map[string]any)
	return m
}
