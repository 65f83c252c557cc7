package bot

import (
	"strings"
	"testing"

	"github.com/citebot/citebot/internal/fakediscord"
)

// inChannel waits for a message posted in channelID (not a reply).
func (h *harness) inChannel(s sent, channelID string) fakediscord.Request {
	h.tb.Helper()
	r, err := h.fake.Wait(s.mark, wait, func(r fakediscord.Request) bool {
		return r.Status == 200 && fakediscord.Route("POST", "/api/v9/channels/"+channelID+"/messages")(r)
	})
	if err != nil {
		h.tb.Fatal(err)
	}
	return r
}

func TestThreads(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{Threads: true}, nil)
	if int(num(h.fake.Identify(), "intents"))&fakediscord.IntentMessageContent == 0 {
		t.Errorf("threads without the Message Content intent: follow-ups without a mention would be empty")
	}

	q := h.message(func(p map[string]any) {
		p["content"] = "<@900000000000000001> When did China recognise Kazakhstan, and why then? " + strings.Repeat("More words. ", 20)
	})
	start, err := h.fake.Wait(q.mark, wait, fakediscord.Route("POST", "/api/v9/channels/920000000000000001/messages/"+q.id+"/threads"))
	if err != nil {
		t.Fatal(err)
	}
	name := str(start.Map(), "name")
	if !strings.HasPrefix(name, "When did China recognise Kazakhstan, and why then?") || len([]rune(name)) > 100 {
		t.Errorf("thread name = %q, want the question in at most 100 characters", name)
	}
	thread := str(start.ResponseMap(), "id")
	answer := h.inChannel(q, thread).Map()
	if !strings.Contains(str(answer, "content"), "[1]") {
		t.Errorf("answer in the thread = %v", answer)
	}
	assertNoMentions(t, answer)
	h.idle()

	// A follow-up in the thread needs no mention and carries the history.
	f := h.message(func(p map[string]any) {
		p["channel_id"] = thread
		p["content"] = "And what happened next?"
		p["mentions"] = []any{}
	})
	h.replyTo(f)
	h.idle()
	calls := h.backend.calls()
	last := calls[len(calls)-1]
	if last.Question != "And what happened next?" || len(last.History) != 1 || !strings.HasPrefix(last.History[0].Question, "When did China") {
		t.Errorf("follow-up asked %+v, want the thread's first turn as history", last)
	}
	if n := len(h.fake.Threads()); n != 1 {
		t.Errorf("%d threads started, want 1 (none for the follow-up)", n)
	}
}

func TestForumPostsAnswered(t *testing.T) {
	t.Parallel()
	const forum = "920000000000000777"
	h := startBot(t, Config{Channels: []string{forum}}, nil)
	const post = "1280000000000000001"
	if err := h.fake.Dispatch("THREAD_CREATE", map[string]any{
		"id": post, "type": 11, "parent_id": forum, "guild_id": fakediscord.GuildID, "name": "Relations", "owner_id": "930000000000000001", "newly_created": true,
	}); err != nil {
		t.Fatal(err)
	}
	// The post's first message has the thread's id and no mention.
	m := h.message(func(p map[string]any) {
		p["id"], p["channel_id"] = post, post
		p["content"] = "When did China recognise Kazakhstan?"
		p["mentions"] = []any{}
	})
	m.id = post
	reply := h.replyTo(m)
	if reply.Path != "/api/v9/channels/"+post+"/messages" || !strings.Contains(str(reply.Map(), "content"), "[1]") {
		t.Errorf("forum post answered with %s %s", reply.Path, reply.Body)
	}
	if len(h.fake.Threads()) != 0 {
		t.Errorf("a thread was started inside a forum post")
	}
}
