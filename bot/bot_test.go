package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/citebot/citebot/internal/answer"
	"github.com/citebot/citebot/internal/fakediscord"
)

const listenedChannel = "920000000000000099"

// TestBot walks a new user's path and then the edge cases, against one bot
// with the default configuration (5 questions a minute; each subtest asks
// as its own user).
func TestBot(t *testing.T) {
	h := startBot(t, Config{Channels: []string{listenedChannel}}, nil)

	t.Run("READY registers the command set by bulk overwrite", func(t *testing.T) {
		r, err := h.fake.Wait(0, wait, fakediscord.Route("PUT", "/api/v9/applications/"+fakediscord.AppID+"/commands"))
		if err != nil {
			t.Fatal(err)
		}
		var cmds []struct {
			Name    string `json:"name"`
			Type    int    `json:"type"`
			Options []struct {
				Name         string `json:"name"`
				Autocomplete bool   `json:"autocomplete"`
			} `json:"options"`
		}
		if err := r.JSON(&cmds); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cmds {
			names = append(names, c.Name)
		}
		if want := []string{"ask", "timeline", "source", "help", "Ask citebot"}; !slices.Equal(names, want) {
			t.Errorf("commands = %v, want %v", names, want)
		}
		if cmds[4].Type != 3 {
			t.Errorf("%q has type %d, want 3 (message context menu)", cmds[4].Name, cmds[4].Type)
		}
		id := h.fake.Identify()
		if got, want := num(id, "intents"), float64(1|1<<9|1<<12|1<<15); got != want {
			t.Errorf("intents = %v, want %v (guilds, guild messages, direct messages, message content)", got, want)
		}
		if str(id, "token") != "Bot "+testToken {
			t.Errorf("IDENTIFY carries the wrong token")
		}
	})

	t.Run("/ask is deferred at once, then edited with the cited answer", func(t *testing.T) {
		s := h.interact("interaction_ask", nil)
		cb := h.callback(s)
		if d := cb.At.Sub(s.at); d > 500*time.Millisecond {
			t.Errorf("deferred after %v, want within 500ms", d)
		}
		body := cb.Map()
		if num(body, "type") != 5 {
			t.Fatalf("callback type = %v, want 5 (deferred)", body["type"])
		}
		if int(num(body, "data.flags"))&64 != 0 {
			t.Errorf("public /ask deferred as ephemeral")
		}
		edit := h.editOriginal(s, nil).Map()
		desc := str(edit, "embeds.0.description")
		if !strings.Contains(desc, "[1]") || !strings.Contains(desc, "January 3, 1992") {
			t.Errorf("answer embed = %q, want the answer with a [1] citation", desc)
		}
		if title := str(edit, "embeds.0.title"); title != "When did China recognise Kazakhstan?" {
			t.Errorf("title = %q, want the question", title)
		}
		sources := str(edit, "embeds.1.description")
		if !strings.HasPrefix(sources, "1. `china-kazakhstan-relations.txt#3` — China–Kazakhstan relations: “") {
			t.Errorf("sources = %q", sources)
		}
		if footer := str(edit, "embeds.1.footer.text"); !strings.Contains(footer, "extractive") {
			t.Errorf("footer = %q, want the backend named", footer)
		}
		assertNoMentions(t, edit)
		if calls := h.backend.calls(); calls[len(calls)-1].Question != "When did China recognise Kazakhstan?" {
			t.Errorf("backend asked %q", calls[len(calls)-1].Question)
		}
	})

	t.Run("/ask private defers ephemerally", func(t *testing.T) {
		s := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "member.user.id", "930000000000000011")
			opts := dig(p, "data.options").([]any)
			set(p, "data.options", append(opts, map[string]any{"name": "private", "type": 5, "value": true}))
		})
		if body := h.callback(s).Map(); num(body, "type") != 5 || num(body, "data.flags") != 64 {
			t.Errorf("callback = %v, want type 5 with flags 64", body)
		}
		h.editOriginal(s, nil)
	})

	t.Run("/ask refuses a question over 4000 characters", func(t *testing.T) {
		s := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "member.user.id", "930000000000000012")
			set(p, "data.options.0.value", strings.Repeat("why ", 1001))
		})
		body := h.callback(s).Map()
		if num(body, "type") != 4 || num(body, "data.flags") != 64 || !strings.Contains(str(body, "data.content"), "4003 characters long; the limit is 4000") {
			t.Errorf("callback = %v, want an ephemeral notice about the length", body)
		}
	})

	t.Run("a mention is answered by a reply that pings nobody", func(t *testing.T) {
		s := h.message(nil)
		typing, err := h.fake.Wait(s.mark, wait, fakediscord.Route("POST", "/api/v9/channels/920000000000000001/typing"))
		if err != nil {
			t.Fatal(err)
		}
		r := h.replyTo(s)
		if r.Path != "/api/v9/channels/920000000000000001/messages" {
			t.Errorf("reply posted to %s", r.Path)
		}
		if typing.At.After(r.At) {
			t.Errorf("typing indicator after the reply")
		}
		body := r.Map()
		assertNoMentions(t, body)
		if dig(body, "allowed_mentions.replied_user") != false {
			t.Errorf("reply pings the asker")
		}
		content := str(body, "content")
		if !strings.Contains(content, "[1]") || !strings.Contains(content, "**Sources**\n1. `china-kazakhstan-relations.txt#3`") {
			t.Errorf("reply = %q, want the answer and its sources", content)
		}
		if !strings.Contains(content, "-# Answered by extractive") {
			t.Errorf("reply = %q, want a footer naming the backend", content)
		}
		calls := h.backend.calls()
		if q := calls[len(calls)-1].Question; q != "When did China recognise Kazakhstan? @everyone" {
			t.Errorf("question = %q, want the bot's mention stripped", q)
		}
	})

	t.Run("messages by bots, itself included, and unaddressed messages are ignored", func(t *testing.T) {
		before := len(h.backend.calls())
		h.message(func(p map[string]any) { set(p, "author.bot", true); set(p, "author.id", "930000000000000020") })
		h.message(func(p map[string]any) {
			set(p, "author", map[string]any{"id": fakediscord.BotID, "username": "citebot", "bot": true})
		})
		h.message(func(p map[string]any) {
			set(p, "author.id", "930000000000000021")
			set(p, "content", "just chatting about Kazakhstan")
			set(p, "mentions", []any{})
		})
		// Events are classified in order, so once this one is answered the
		// ones before it were ignored.
		s := h.message(func(p map[string]any) { set(p, "author.id", "930000000000000022") })
		h.replyTo(s)
		h.idle() // the ignored messages' handlers, had they started, are done
		if calls := h.backend.calls(); len(calls) != before+1 {
			t.Errorf("backend asked %d questions, want 1: %+v", len(calls)-before, calls[before:])
		}
	})

	t.Run("DMs and listened channels need no mention", func(t *testing.T) {
		dm := h.message(func(p map[string]any) {
			delete(p, "guild_id")
			delete(p, "member")
			set(p, "channel_id", "940000000000000001")
			set(p, "author.id", "930000000000000030")
			set(p, "content", "Who signed the treaty?")
			set(p, "mentions", []any{})
		})
		if r := h.replyTo(dm); r.Path != "/api/v9/channels/940000000000000001/messages" {
			t.Errorf("DM reply posted to %s", r.Path)
		}
		ch := h.message(func(p map[string]any) {
			set(p, "channel_id", listenedChannel)
			set(p, "author.id", "930000000000000031")
			set(p, "content", "Who signed the treaty?")
			set(p, "mentions", []any{})
		})
		h.replyTo(ch)
	})

	t.Run("a long answer is split into messages of at most 2000 characters", func(t *testing.T) {
		s := h.message(func(p map[string]any) {
			set(p, "author.id", "930000000000000040")
			set(p, "content", "<@!"+fakediscord.BotID+"> give me the long story")
		})
		h.replyTo(s)
		want := splitMessage(renderAnswerText(longAnswer()), maxMessageRunes)
		if len(want) < 3 {
			t.Fatalf("test answer splits into %d parts, want at least 3", len(want))
		}
		var got []string
		route := fakediscord.Route("POST", "/api/v9/channels/920000000000000001/messages")
		for mark := s.mark; len(got) < len(want); {
			r, i, err := h.fake.WaitIndex(mark, wait, func(r fakediscord.Request) bool { return route(r) && r.Status == 200 })
			if err != nil {
				t.Fatalf("got %d of %d parts: %v", len(got), len(want), err)
			}
			mark = i + 1
			body := r.Map()
			assertNoMentions(t, body)
			if ref := str(body, "message_reference.message_id"); (len(got) == 0) != (ref == s.id) {
				t.Errorf("part %d has message_reference %q; only the first should reply to the question", len(got), ref)
			}
			got = append(got, str(body, "content"))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("parts differ:\n got %q\nwant %q", got, want)
		}
		for i, part := range got {
			if n := utf8.RuneCountInString(part); n > 2000 {
				t.Errorf("part %d has %d characters", i, n)
			}
			if strings.Count(part, "```")%2 != 0 {
				t.Errorf("part %d leaves a code block open: %q", i, part)
			}
		}
	})

	t.Run("a reply to the bot's answer is asked with the earlier turn", func(t *testing.T) {
		s := h.message(func(p map[string]any) { set(p, "author.id", "930000000000000050") })
		botMsgID := str(h.replyTo(s).ResponseMap(), "id")
		if botMsgID == "" {
			t.Fatal("the fake gave the bot's reply no id")
		}
		h.waitRemembered(botMsgID, 1)
		follow := h.message(func(p map[string]any) {
			set(p, "author.id", "930000000000000050")
			set(p, "type", 19)
			set(p, "content", "And when were relations established?")
			set(p, "mentions", []any{})
			set(p, "message_reference", map[string]any{"message_id": botMsgID, "channel_id": "920000000000000001"})
			set(p, "referenced_message", map[string]any{
				"id": botMsgID, "channel_id": "920000000000000001", "content": "earlier answer",
				"author": map[string]any{"id": fakediscord.BotID, "username": "citebot", "bot": true},
			})
		})
		h.replyTo(follow)
		calls := h.backend.calls()
		last := calls[len(calls)-1]
		if last.Question != "And when were relations established?" || len(last.History) != 1 ||
			last.History[0].Question != "When did China recognise Kazakhstan? @everyone" || !strings.Contains(last.History[0].Answer, "[1]") {
			t.Errorf("follow-up asked as %+v, want one earlier turn", last)
		}
	})

	t.Run("a thread the bot started keeps its conversation", func(t *testing.T) {
		const thread = "950000000000000001"
		if err := h.fake.Dispatch("GUILD_CREATE", map[string]any{
			"id": fakediscord.GuildID, "name": "test guild", "channels": []any{},
			"threads": []any{map[string]any{"id": thread, "type": 11, "guild_id": fakediscord.GuildID, "parent_id": "920000000000000001", "owner_id": fakediscord.BotID, "name": "citebot thread"}},
		}); err != nil {
			t.Fatal(err)
		}
		ask := func(q string) []answer.Turn {
			s := h.message(func(p map[string]any) {
				set(p, "author.id", "930000000000000060")
				set(p, "channel_id", thread)
				set(p, "content", q)
				set(p, "mentions", []any{})
			})
			h.replyTo(s)
			calls := h.backend.calls()
			hist := calls[len(calls)-1].History
			h.waitRemembered(threadKey(thread), len(hist)+1)
			return hist
		}
		if hist := ask("first question"); len(hist) != 0 {
			t.Errorf("first question in the thread has history %+v", hist)
		}
		if hist := ask("second question"); len(hist) != 1 || hist[0].Question != "first question" {
			t.Errorf("second question has history %+v, want the first turn", hist)
		}
	})

	t.Run("/timeline pages with buttons that carry the query", func(t *testing.T) {
		s := h.interact("interaction_timeline", nil)
		if num(h.callback(s).Map(), "type") != 5 {
			t.Fatal("timeline not deferred")
		}
		edit := h.editOriginal(s, nil)
		page1 := edit.Map()
		if desc := str(page1, "embeds.0.description"); !strings.HasPrefix(desc, "**in 1990** — Something happened in 1990.") {
			t.Errorf("page 1 = %q", desc)
		}
		next := str(page1, "components.0.components.1.custom_id")
		if next != "tl1:1::1990:2000:" || dig(page1, "components.0.components.0.disabled") != true {
			t.Fatalf("buttons = %v", dig(page1, "components"))
		}
		// The chart comes as a multipart upload, shown in the embed.
		if len(edit.Files) != 1 || edit.Files[0].Name != "timeline.png" || edit.Files[0].ContentType != "image/png" {
			t.Fatalf("files = %+v, want timeline.png", edit.Files)
		}
		img, err := png.Decode(bytes.NewReader(edit.Files[0].Data))
		if err != nil || img.Bounds().Dx() < 1200 {
			t.Fatalf("chart: %v, %v", err, img)
		}
		if str(page1, "embeds.0.image.url") != "attachment://timeline.png" {
			t.Errorf("embed image = %v", dig(page1, "embeds.0.image"))
		}
		// The press carries the message, as Discord sends it.
		press := h.interact("interaction_component", func(p map[string]any) {
			set(p, "data.custom_id", next)
			p["message"] = edit.ResponseMap()
		})
		if ack := h.callback(press).Map(); num(ack, "type") != 6 {
			t.Fatalf("button acknowledged with type %v, want 6 (deferred update) before any work", ack["type"])
		}
		upd := h.editOriginal(press, nil).Map()
		if desc := str(upd, "embeds.0.description"); !strings.HasPrefix(desc, "**in 1998** — ") {
			t.Errorf("page 2 = %q, want it to start at 1998", desc)
		}
		if str(upd, "embeds.0.image.url") != "attachment://timeline.png" {
			t.Errorf("page 2 lost the chart: %v", dig(upd, "embeds.0.image"))
		}
		if footer := str(upd, "embeds.0.footer.text"); footer != "Page 2 of 2 · 11 events" {
			t.Errorf("footer = %q", footer)
		}
		if dig(upd, "components.0.components.1.disabled") != true || str(upd, "components.0.components.0.custom_id") != "tl1:::1990:2000:" {
			t.Errorf("page 2 buttons = %v", dig(upd, "components"))
		}
		assertNoMentions(t, upd)
	})

	t.Run("stale and malformed buttons get an ephemeral reply", func(t *testing.T) {
		stale := h.interact("interaction_component", func(p map[string]any) { set(p, "data.custom_id", "tl1:7::1990:2000:") })
		if num(h.callback(stale).Map(), "type") != 6 {
			t.Error("a well-formed button was not acknowledged first")
		}
		followup, err := h.fake.Wait(stale.mark, wait, fakediscord.Route("POST", "/api/v9/webhooks/*/"+stale.token))
		if body := followup.Map(); err != nil || num(body, "flags") != 64 || !strings.Contains(str(body, "content"), "That page is gone") {
			t.Errorf("stale page: follow-up %v, %v; want an ephemeral notice", body, err)
		}
		for _, id := range []string{"tl1:x", "tl9:1::::", "other:1"} {
			s := h.interact("interaction_component", func(p map[string]any) { set(p, "data.custom_id", id) })
			body := h.callback(s).Map()
			if num(body, "type") != 4 || num(body, "data.flags") != 64 || str(body, "data.content") == "" {
				t.Errorf("%q answered with %v, want an ephemeral notice", id, body)
			}
		}
	})

	t.Run("autocomplete offers at most 25 choices", func(t *testing.T) {
		s := h.interact("interaction_autocomplete", nil)
		body := h.callback(s).Map()
		choices, _ := dig(body, "data.choices").([]any)
		if num(body, "type") != 8 || len(choices) != 25 {
			t.Fatalf("autocomplete = type %v with %d choices, want type 8 with 25", body["type"], len(choices))
		}
		if str(choices[0], "name") != "kazakh topic 00" || str(choices[0], "value") != "kazakh topic 00" {
			t.Errorf("first choice = %v", choices[0])
		}
		src := h.interact("interaction_autocomplete", func(p map[string]any) {
			set(p, "data.name", "source")
			set(p, "data.options", []any{map[string]any{"name": "id", "type": 3, "value": "china", "focused": true}})
		})
		body = h.callback(src).Map()
		if choices, _ := dig(body, "data.choices").([]any); len(choices) != 1 || str(choices[0], "value") != recognitionPassage.ID ||
			!strings.HasPrefix(str(choices[0], "name"), recognitionPassage.ID+" — China recognised Kazakhstan's independence") {
			t.Errorf("source autocomplete = %v, want the id labelled with the passage's first words", body)
		}
		none := h.interact("interaction_autocomplete", func(p map[string]any) { set(p, "data.options.0.value", "zz") })
		if choices, ok := dig(h.callback(none).Map(), "data.choices").([]any); !ok || len(choices) != 0 {
			t.Errorf("no matches should send an empty choices list, got %v", choices)
		}
	})

	t.Run("/source shows a passage; /help what the bot knows", func(t *testing.T) {
		src := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "data.name", "source")
			set(p, "data.options", []any{map[string]any{"name": "id", "type": 3, "value": recognitionPassage.ID}})
		})
		body := h.callback(src).Map()
		if num(body, "type") != 4 || str(body, "data.embeds.0.description") != recognitionPassage.Text || str(body, "data.embeds.0.title") != recognitionPassage.ID ||
			num(body, "data.flags") != 64 {
			t.Errorf("/source = %v, want the passage, ephemeral", body)
		}
		public := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "data.name", "source")
			set(p, "data.options", []any{map[string]any{"name": "id", "type": 3, "value": recognitionPassage.ID}, map[string]any{"name": "public", "type": 5, "value": true}})
		})
		if body := h.callback(public).Map(); num(body, "data.flags") != 0 {
			t.Errorf("/source public:true = %v, want a public reply", body)
		}
		missing := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "data.name", "source")
			set(p, "data.options", []any{map[string]any{"name": "id", "type": 3, "value": "nope#1"}})
		})
		body = h.callback(missing).Map()
		if num(body, "data.flags") != 64 || !strings.Contains(str(body, "data.content"), "No passage has the id `nope#1`") {
			t.Errorf("/source unknown = %v", body)
		}
		help := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "data.name", "help")
			set(p, "data.options", []any{})
		})
		body = h.callback(help).Map()
		desc := str(body, "data.embeds.0.description")
		if !strings.Contains(desc, "China–Kazakhstan relations") || !strings.Contains(desc, "120 passages and 20 dated events") {
			t.Errorf("/help = %q", desc)
		}
	})

	t.Run("a REST 429 is waited out and the reply still lands", func(t *testing.T) {
		h.fake.RateLimitOnce(fakediscord.Route("POST", "/api/v9/channels/920000000000000001/messages"), 0.05)
		s := h.message(func(p map[string]any) { set(p, "author.id", "930000000000000070") })
		ok := h.replyTo(s)
		limited, err := h.fake.Wait(s.mark, 0, func(r fakediscord.Request) bool { return r.Status == 429 })
		if err != nil {
			t.Fatal("the fake did not rate limit")
		}
		if gap := ok.At.Sub(limited.At); gap < 50*time.Millisecond {
			t.Errorf("retried after %v, want at least retry_after (50ms)", gap)
		}
	})

	t.Run("a panicking handler gets an error reply and the bot keeps working", func(t *testing.T) {
		s := h.interact("interaction_ask", func(p map[string]any) {
			set(p, "member.user.id", "930000000000000080")
			set(p, "data.options.0.value", "please panic")
		})
		h.callback(s)
		edit := h.editOriginal(s, nil).Map()
		if desc := str(edit, "embeds.0.description"); !strings.Contains(desc, "something went wrong") {
			t.Errorf("after a panic the user sees %q", desc)
		}
		m := h.message(func(p map[string]any) {
			set(p, "author.id", "930000000000000081")
			set(p, "content", "<@"+fakediscord.BotID+"> panic again")
		})
		if content := str(h.replyTo(m).Map(), "content"); !strings.Contains(content, "something went wrong") {
			t.Errorf("message panic reply = %q", content)
		}
		if !strings.Contains(h.logs.String(), "handler panicked") {
			t.Errorf("the panic was not logged")
		}
		ok := h.interact("interaction_ask", func(p map[string]any) { set(p, "member.user.id", "930000000000000082") })
		h.editOriginal(ok, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.description"), "[1]") })
	})
}

// TestRateLimit: the third question in a minute (at 2 a minute) gets a notice, by slash
// command every time and by message only once.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{RatePerMinute: 2}, nil)
	for i := 0; i < 2; i++ {
		h.callback(h.interact("interaction_ask", nil))
	}
	s := h.interact("interaction_ask", nil)
	body := h.callback(s).Map()
	if num(body, "type") != 4 || num(body, "data.flags") != 64 || !strings.Contains(str(body, "data.content"), "Try again in") {
		t.Errorf("third /ask = %v, want an ephemeral rate-limit notice", body)
	}

	user := func(p map[string]any) { set(p, "author.id", "930000000000000100") }
	for i := 0; i < 2; i++ {
		h.replyTo(h.message(user))
	}
	limited := h.message(user)
	if content := str(h.replyTo(limited).Map(), "content"); !strings.Contains(content, "2 questions a minute") {
		t.Errorf("rate-limit notice = %q", content)
	}
	h.message(user) // told already: no second notice
	other := h.message(func(p map[string]any) { set(p, "author.id", "930000000000000101") })
	h.replyTo(other)
	notices := 0
	for _, r := range h.fake.Requests()[limited.mark:] {
		if strings.Contains(str(r.Map(), "content"), "questions a minute") {
			notices++
		}
	}
	if notices != 1 {
		t.Errorf("%d rate-limit notices by message, want 1", notices)
	}
}

// TestBusy: with one answer slot taken and no queue, the next question
// gets "busy".
func TestBusy(t *testing.T) {
	t.Parallel()
	fb := newFakeBackend()
	h := startBot(t, Config{MaxInFlight: 1, QueueSize: -1}, fb)
	blocked := h.interact("interaction_ask", func(p map[string]any) { set(p, "data.options.0.value", "block please") })
	h.callback(blocked)
	s := h.interact("interaction_ask", func(p map[string]any) { set(p, "member.user.id", "930000000000000110") })
	if body := h.callback(s).Map(); num(body, "type") != 4 || !strings.Contains(str(body, "data.content"), "busy") {
		t.Errorf("second /ask = %v, want a busy notice", body)
	}
	close(fb.release)
	h.editOriginal(blocked, nil)
}

// TestStreaming: a streaming backend's answer is shown as it grows, with
// at most one edit per StreamEvery, and the final edit holds the answer.
func TestStreaming(t *testing.T) {
	t.Parallel()
	const every = 60 * time.Millisecond
	fb := newFakeBackend()
	fb.ask = func(ctx context.Context, q string, _ []answer.Turn, stream func(string)) (answer.Answer, error) {
		for i := 0; i < 30; i++ {
			stream(fmt.Sprintf("word%d ", i))
			time.Sleep(10 * time.Millisecond)
		}
		return cannedAnswer(), nil
	}
	h := startBot(t, Config{StreamEvery: every}, fb)
	s := h.interact("interaction_ask", nil)
	h.editOriginal(s, func(m map[string]any) bool { return str(m, "embeds.0.footer.text") != "Writing…" })
	var edits []fakediscord.Request
	for _, r := range h.fake.Requests()[s.mark:] {
		if r.Method == "PATCH" && strings.Contains(r.Path, s.token) {
			edits = append(edits, r)
		}
	}
	if len(edits) < 3 {
		t.Fatalf("%d edits, want interim edits before the final one", len(edits))
	}
	if !strings.Contains(str(edits[0].Map(), "embeds.0.description"), "word0") {
		t.Errorf("first interim edit = %v", edits[0].Map())
	}
	for i := 1; i < len(edits); i++ {
		if gap := edits[i].At.Sub(edits[i-1].At); gap < every {
			t.Errorf("edits %d and %d %v apart, want at least %v", i-1, i, gap, every)
		}
	}
	if desc := str(edits[len(edits)-1].Map(), "embeds.0.description"); !strings.Contains(desc, "[1]") {
		t.Errorf("final edit = %q", desc)
	}

	// Streaming by message: the reply is sent, then edited.
	m := h.message(nil)
	h.replyTo(m)
	if _, err := h.fake.Wait(m.mark, wait, func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && strings.HasPrefix(r.Path, "/api/v9/channels/920000000000000001/messages/") &&
			strings.Contains(str(r.Map(), "content"), "[1]")
	}); err != nil {
		t.Error(err)
	}
}

// TestBeforeIndexReady: guild-scoped commands, and interactions that arrive
// while the index loads are deferred at once and answered once it is ready.
func TestBeforeIndexReady(t *testing.T) {
	t.Parallel()
	ready := make(chan struct{})
	h := startBot(t, Config{GuildID: fakediscord.GuildID, Ready: ready}, nil)
	if _, err := h.fake.Wait(0, 0, fakediscord.Route("PUT", "/api/v9/applications/"+fakediscord.AppID+"/guilds/"+fakediscord.GuildID+"/commands")); err != nil {
		t.Errorf("commands not registered in the guild: %v", err)
	}
	s := h.interact("interaction_ask", nil)
	cb := h.callback(s)
	if num(cb.Map(), "type") != 5 || cb.At.Sub(s.at) > 500*time.Millisecond {
		t.Errorf("deferred after %v with %v", cb.At.Sub(s.at), cb.Map())
	}
	if len(h.backend.calls()) != 0 {
		t.Fatal("backend asked before it was ready")
	}
	help := h.interact("interaction_ask", func(p map[string]any) { set(p, "data.name", "help"); set(p, "data.options", []any{}) })
	if desc := str(h.callback(help).Map(), "data.embeds.0.description"); !strings.Contains(desc, "still loading") {
		t.Errorf("/help before ready = %q", desc)
	}
	close(ready)
	h.editOriginal(s, func(m map[string]any) bool { return strings.Contains(str(m, "embeds.0.description"), "[1]") })
}

func TestNewNeedsToken(t *testing.T) {
	for _, token := range []string{"", "  ", "Bot "} {
		if _, err := New(Config{Token: token}, newFakeBackend()); !errors.Is(err, ErrNoToken) {
			t.Errorf("New(token %q) = %v, want ErrNoToken", token, err)
		}
	}
	if _, err := New(Config{Token: "x", APIURL: "discord.com/api"}, newFakeBackend()); err == nil {
		t.Error("New accepted a relative API URL")
	}
}

// BenchmarkInteractionToDeferred measures the time from the fake sending
// INTERACTION_CREATE to it receiving the deferred callback.
func BenchmarkInteractionToDeferred(b *testing.B) {
	h := startBot(b, Config{RatePerMinute: 1 << 30, MaxInFlight: 1 << 16}, nil)
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := h.interact("interaction_ask", nil)
		cb := h.callback(s)
		total += cb.At.Sub(s.at)
	}
	b.StopTimer()
	b.ReportMetric(float64(total.Microseconds())/float64(b.N), "µs/deferred")
}

// waitRemembered waits until the bot has stored n turns under key. A person
// replies seconds after an answer; a test must wait for the bot to finish.
func (h *harness) waitRemembered(key string, n int) {
	h.tb.Helper()
	for deadline := time.Now().Add(wait); ; time.Sleep(time.Millisecond) {
		if turns, ok := h.bot.convs.get(key); ok && len(turns) == n {
			return
		}
		if time.Now().After(deadline) {
			h.tb.Fatalf("the bot did not remember %d turns under %s", n, key)
		}
	}
}
