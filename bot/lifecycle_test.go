package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/fakediscord"
)

// slowBackend makes Timeline take 4 s of the fake's clock, as a remote
// embedder would: any interaction acknowledged after it is late.
type slowBackend struct {
	*fakeBackend
	fake *fakediscord.Server
}

func (s slowBackend) Timeline(ctx context.Context, q TimelineQuery) ([]corpus.Event, error) {
	s.fake.Advance(4 * time.Second)
	return s.fakeBackend.Timeline(ctx, q)
}

// TestAcknowledgeFirst: buttons and /timeline are acknowledged before the
// backend is asked, so a 4-second embedding never misses the 3 s deadline
// (the strict fake fails the test on a late callback).
func TestAcknowledgeFirst(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New(t)
	fb := newFakeBackend()
	h := startBotWith(t, Config{}, fb, setup{fake: fake, backend: slowBackend{fakeBackend: fb, fake: fake}})

	tl := h.interact("interaction_timeline", nil)
	if num(h.callback(tl).Map(), "type") != 5 {
		t.Error("/timeline not deferred")
	}
	next := str(h.editOriginal(tl, nil).Map(), "components.0.components.1.custom_id")
	press := h.interact("interaction_component", func(p map[string]any) { set(p, "data.custom_id", next) })
	if cb := h.callback(press); cb.Status != 204 || num(cb.Map(), "type") != 6 {
		t.Errorf("button callback = %d %s, want 204 for type 6", cb.Status, cb.Body)
	}
	h.editOriginal(press, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.footer.text"), "Page 2") })
	if v := fake.Violations(); len(v) > 0 {
		t.Errorf("violations: %v", v)
	}
}

// TestStillLoading: while the index loads, waits end with the
// interaction's life, and the user reads that the documents are still
// loading (not that the question was too broad).
func TestStillLoading(t *testing.T) {
	t.Parallel()
	never := make(chan struct{})
	h := startBotWith(t, Config{Ready: never, AnswerTimeout: 100 * time.Millisecond}, nil, setup{bot: func(b *Bot) {
		b.interactionLife = 150 * time.Millisecond
	}})
	loading := func(m map[string]any) bool {
		return strings.Contains(str(m, "embeds.0.description"), "still loading the documents")
	}
	ask := h.interact("interaction_ask", nil)
	h.editOriginal(ask, loading)
	tl := h.interact("interaction_timeline", nil)
	h.editOriginal(tl, loading)
	src := h.interact("interaction_ask", func(p map[string]any) {
		set(p, "data.name", "source")
		set(p, "data.options", []any{map[string]any{"name": "id", "type": 3, "value": recognitionPassage.ID}})
	})
	if num(h.callback(src).Map(), "type") != 5 {
		t.Error("/source not deferred while loading")
	}
	h.editOriginal(src, loading)
	press := h.interact("interaction_component", func(p map[string]any) { set(p, "data.custom_id", "tl1:1::1990:2000:") })
	if num(h.callback(press).Map(), "type") != 6 {
		t.Error("button not acknowledged first while loading")
	}
	if r, err := h.fake.Wait(press.mark, wait, fakediscord.Route("POST", "/api/v9/webhooks/*/"+press.token)); err != nil ||
		!strings.Contains(str(r.Map(), "content"), "still loading the documents") {
		t.Errorf("button while loading: %v %s", err, r.Body)
	}
	if strings.Contains(h.logs.String(), "narrower") || len(h.backend.calls()) != 0 {
		t.Error("a loading index was blamed on the question, or the backend was asked")
	}
}

// TestDrain: on shutdown, an answer in progress finishes and is delivered,
// an interaction arriving meanwhile is told the bot is restarting, and a
// message is no longer taken as a question.
func TestDrain(t *testing.T) {
	t.Parallel()
	fb := newFakeBackend()
	h := startBotWith(t, Config{Drain: 10 * time.Second}, fb, setup{})
	blocked := h.interact("interaction_ask", func(p map[string]any) { set(p, "data.options.0.value", "block please") })
	h.callback(blocked)
	for deadline := time.Now().Add(wait); len(fb.calls()) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the backend was never asked")
		}
	}
	h.cancel()
	// The bot is draining once it refuses new questions.
	var late sent
	for deadline := time.Now().Add(wait); ; time.Sleep(10 * time.Millisecond) {
		late = h.interact("interaction_ask", func(p map[string]any) { set(p, "member.user.id", "930000000000000501") })
		body := h.callback(late).Map()
		if num(body, "type") == 4 {
			if num(body, "data.flags") != 64 || !strings.Contains(str(body, "data.content"), "restarting") {
				t.Errorf("during the drain: %v", body)
			}
			break
		}
		h.editOriginal(late, nil) // answered before the drain began
		if time.Now().After(deadline) {
			t.Fatal("the bot never began draining")
		}
	}
	msg := h.message(mentionFrom("930000000000000502"))
	close(fb.release)
	edit := h.editOriginal(blocked, func(m map[string]any) bool { return !strings.Contains(str(m, "embeds.0.footer.text"), "Writing") })
	if desc := str(edit.Map(), "embeds.0.description"); !strings.Contains(desc, "[1]") {
		t.Errorf("the answer in progress ended as %q, want it delivered", desc)
	}
	if err := h.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	for _, r := range h.fake.Requests()[msg.mark:] {
		if dig(r.Map(), "message_reference.message_id") == msg.id {
			t.Errorf("a message during the drain was answered: %s", r.Body)
		}
	}
}

// TestDrainBounded: an answer that does not finish within the drain is
// cancelled; its user is told the bot is restarting, and Run returns.
func TestDrainBounded(t *testing.T) {
	t.Parallel()
	fb := newFakeBackend()
	fb.ask = func(ctx context.Context, _ string, _ []answer.Turn, _ func(string)) (answer.Answer, error) {
		<-ctx.Done()
		return answer.Answer{}, ctx.Err()
	}
	h := startBotWith(t, Config{Drain: 200 * time.Millisecond}, fb, setup{})
	s := h.interact("interaction_ask", nil)
	h.callback(s)
	for deadline := time.Now().Add(wait); len(fb.calls()) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the backend was never asked")
		}
	}
	start := time.Now()
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Run took %v to return with a 200ms drain", d)
	}
	h.editOriginal(s, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.description"), "restarting") })
}

// TestAskRemembered: replying to an /ask answer (an embed, no content)
// carries its question, answer and cited passages as history.
func TestAskRemembered(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{}, nil)
	s := h.interact("interaction_ask", nil)
	h.callback(s)
	answerID := str(h.editOriginal(s, nil).ResponseMap(), "id")
	h.waitRemembered(answerID, 1)
	follow := h.message(func(p map[string]any) {
		set(p, "type", 19)
		set(p, "content", "And when were relations established?")
		set(p, "mentions", []any{})
		set(p, "referenced_message", map[string]any{
			"id": answerID, "channel_id": "920000000000000001", "content": "", "embeds": []any{map[string]any{"title": "x"}},
			"author": map[string]any{"id": fakediscord.BotID, "username": "citebot", "bot": true},
		})
	})
	h.replyTo(follow)
	calls := h.backend.calls()
	hist := calls[len(calls)-1].History
	if len(hist) != 1 || hist[0].Question != "When did China recognise Kazakhstan?" || !strings.Contains(hist[0].Answer, "[1]") ||
		len(hist[0].Cited) != 1 || hist[0].Cited[0] != recognitionPassage.ID {
		t.Errorf("history = %+v, want the /ask turn with its cited passage", hist)
	}
}

// TestRESTFaults: the final answer edit survives two 500s, and a 429 on
// one interaction's edit does not hold up another's answer.
func TestRESTFaults(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{RatePerMinute: 100, StreamEvery: 20 * time.Millisecond}, nil)
	h.fake.Fail(fakediscord.Route("PATCH", "/api/v9/webhooks/*/*/messages/@original"), 2, 500, "")
	s := h.interact("interaction_ask", nil)
	h.callback(s)
	h.editOriginal(s, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.description"), "[1]") })
	if n := h.fake.Count(fakediscord.Route("PATCH", "/api/v9/webhooks/*/"+s.token+"/messages/@original")); n != 3 {
		t.Errorf("%d edits, want 3 (two 500s, then the answer)", n)
	}

	// A streamed reply's final edit is retried the same way.
	h.backend.mu.Lock()
	h.backend.ask = func(ctx context.Context, _ string, _ []answer.Turn, stream func(string)) (answer.Answer, error) {
		stream("The treaty was")
		time.Sleep(300 * time.Millisecond)
		return cannedAnswer(), nil
	}
	h.backend.mu.Unlock()
	m := h.message(nil)
	h.replyTo(m)
	h.fake.Fail(fakediscord.Route("PATCH", "/api/v9/channels/*/messages/*"), 2, 500, "")
	if _, err := h.fake.Wait(m.mark, wait, func(r fakediscord.Request) bool {
		return fakediscord.Route("PATCH", "/api/v9/channels/*/messages/*")(r) && r.Status == 200 && strings.Contains(str(r.Map(), "content"), "[1]")
	}); err != nil {
		t.Errorf("the streamed reply's final edit was not retried: %v", err)
	}
	h.backend.mu.Lock()
	h.backend.ask = nil
	h.backend.mu.Unlock()

	slow := h.interact("interaction_ask", nil)
	h.fake.RateLimitOnce(fakediscord.Route("PATCH", "/api/v9/webhooks/*/"+slow.token+"/messages/@original"), 2)
	h.callback(slow)
	if _, err := h.fake.Wait(slow.mark, wait, func(r fakediscord.Request) bool { return r.Status == 429 }); err != nil {
		t.Fatal(err)
	}
	fast := h.interact("interaction_ask", nil)
	fastEdit := h.editOriginal(fast, nil)
	slowEdit := h.editOriginal(slow, nil)
	if !fastEdit.At.Before(slowEdit.At) {
		t.Errorf("the other user's answer waited for the rate-limited edit (%v vs %v)", fastEdit.At, slowEdit.At)
	}
	// The 429 asked for 2 s; the other answer must not wait for them.
	if d := fastEdit.At.Sub(fast.at); d > time.Second {
		t.Errorf("the other user's answer took %v while one edit was rate limited", d)
	}
}

// hugeAnswer is about 20,000 characters.
func hugeAnswer() answer.Answer {
	a := cannedAnswer()
	var b strings.Builder
	for i := 0; b.Len() < 20000; i++ {
		fmt.Fprintf(&b, "Paragraph %d tells more of the story of the border [1].\n\n", i)
	}
	a.Text = b.String()
	return a
}

// TestLongAnswerCapped: a 20,000-character answer takes at most 3
// messages, the last pointing to /source.
func TestLongAnswerCapped(t *testing.T) {
	t.Parallel()
	fb := newFakeBackend()
	fb.ask = func(context.Context, string, []answer.Turn, func(string)) (answer.Answer, error) {
		return hugeAnswer(), nil
	}
	h := startBot(t, Config{}, fb)
	s := h.message(nil)
	h.replyTo(s)
	h.idle()
	var parts []string
	for _, r := range h.fake.Requests()[s.mark:] {
		if fakediscord.Route("POST", "/api/v9/channels/*/messages")(r) {
			parts = append(parts, str(r.Map(), "content"))
		}
	}
	if len(parts) != maxAnswerMessages || !strings.Contains(parts[len(parts)-1], "/source") {
		t.Fatalf("%d messages, last %q; want 3 ending with a note about /source", len(parts), parts[len(parts)-1])
	}
}

// TestFailedStream: a backend that fails after streaming leaves one
// message, turned into the error, with no cursor left and no second reply.
func TestFailedStream(t *testing.T) {
	t.Parallel()
	fb := newFakeBackend()
	fb.ask = func(ctx context.Context, _ string, _ []answer.Turn, stream func(string)) (answer.Answer, error) {
		stream("The treaty was signed in")
		time.Sleep(300 * time.Millisecond)
		return answer.Answer{}, errors.New("model connection reset")
	}
	h := startBot(t, Config{StreamEvery: 30 * time.Millisecond}, fb)
	s := h.message(nil)
	first := h.replyTo(s)
	if !strings.Contains(str(first.Map(), "content"), "▌") {
		t.Fatalf("first reply = %q, want a streamed preview", str(first.Map(), "content"))
	}
	h.idle()
	var created []string
	last := ""
	for _, r := range h.fake.Requests()[s.mark:] {
		switch {
		case fakediscord.Route("POST", "/api/v9/channels/*/messages")(r):
			created = append(created, str(r.Map(), "content"))
		case fakediscord.Route("PATCH", "/api/v9/channels/*/messages/*")(r):
			last = str(r.Map(), "content")
		}
	}
	if len(created) != 1 || strings.Contains(last, "▌") || !strings.Contains(last, "something went wrong") {
		t.Errorf("created %q, last edit %q; want one message, edited into the error", created, last)
	}
}

// TestTypingStopsWhenStreaming: the typing indicator stops once the
// streamed reply is visible.
func TestTypingStopsWhenStreaming(t *testing.T) {
	t.Parallel()
	fb := newFakeBackend()
	fb.ask = func(ctx context.Context, _ string, _ []answer.Turn, stream func(string)) (answer.Answer, error) {
		for i := 0; i < 20; i++ {
			stream(fmt.Sprintf("word%d ", i))
			time.Sleep(15 * time.Millisecond)
		}
		return cannedAnswer(), nil
	}
	h := startBotWith(t, Config{StreamEvery: 30 * time.Millisecond}, fb, setup{bot: func(b *Bot) { b.typingEvery = 10 * time.Millisecond }})
	s := h.message(nil)
	reply := h.replyTo(s)
	h.idle()
	typing := 0
	for _, r := range h.fake.Requests()[s.mark:] {
		if fakediscord.Route("POST", "/api/v9/channels/*/typing")(r) {
			typing++
			if r.At.After(reply.At) {
				t.Errorf("typing indicator sent %v after the streamed reply", r.At.Sub(reply.At))
			}
		}
	}
	if typing < 1 {
		t.Error("no typing indicator before the reply")
	}
}

// TestRoleMention: mentioning the role Discord manages for the bot asks it.
func TestRoleMention(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{}, nil)
	const role = "960000000000000001"
	if err := h.fake.Dispatch("GUILD_CREATE", map[string]any{
		"id": fakediscord.GuildID, "name": "test guild", "channels": []any{},
		"roles":   []any{map[string]any{"id": role, "name": "citebot", "managed": true}, map[string]any{"id": "960000000000000002", "name": "mods"}},
		"members": []any{map[string]any{"user": map[string]any{"id": fakediscord.BotID, "username": "citebot", "bot": true}, "roles": []any{role}}},
	}); err != nil {
		t.Fatal(err)
	}
	other := h.message(func(p map[string]any) {
		set(p, "author.id", "930000000000000601")
		set(p, "content", "<@&960000000000000002> who signed?")
		set(p, "mentions", []any{})
		set(p, "mention_roles", []any{"960000000000000002"})
	})
	s := h.message(func(p map[string]any) {
		set(p, "author.id", "930000000000000602")
		set(p, "content", "<@&"+role+"> Who signed the treaty?")
		set(p, "mentions", []any{})
		set(p, "mention_roles", []any{role})
	})
	h.replyTo(s)
	h.idle()
	calls := h.backend.calls()
	if len(calls) != 1 || calls[0].Question != "Who signed the treaty?" {
		t.Errorf("asked %+v, want only the role-mention question, the mention stripped", calls)
	}
	for _, r := range h.fake.Requests()[other.mark:] {
		if dig(r.Map(), "message_reference.message_id") == other.id {
			t.Error("a mention of another role was answered")
		}
	}
}

// TestRedaction: a REST error that quotes the bot token and an interaction
// token reaches the logs redacted (the scenario must produce such a line).
func TestRedaction(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{}, nil)
	s := h.interact("interaction_ask", nil)
	h.fake.Fail(fakediscord.Route("PATCH", "/api/v9/webhooks/*/"+s.token+"/messages/@original"), 5, 401,
		`{"message": "401: bad auth Bot `+testToken+` on /webhooks/`+fakediscord.AppID+`/`+s.token+`", "code": 0}`)
	h.callback(s)
	h.idle()
	logs := h.logs.String()
	if !strings.Contains(logs, "[redacted]") {
		t.Fatalf("no log line held a secret to redact:\n%s", logs)
	}
	if strings.Contains(logs, s.token) {
		t.Error("the interaction token appears in the logs")
	}
}

// TestTracker: work may be added while someone waits for idleness (a late
// interaction during the drain), and idleWithin reports a timeout.
func TestTracker(t *testing.T) {
	var tr tracker
	if !tr.idleWithin(0) {
		t.Error("a fresh tracker is not idle")
	}
	tr.add()
	waited := make(chan bool)
	go func() { waited <- tr.idleWithin(wait) }()
	tr.add() // while the waiter waits
	tr.done()
	if tr.idleWithin(10 * time.Millisecond) {
		t.Error("idle with work in progress")
	}
	tr.done()
	if !<-waited {
		t.Error("the waiter did not see the tracker become idle")
	}
}
