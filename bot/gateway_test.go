package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/fakediscord"
)

// mentionFrom is a mention by a user of its own, so the rate limit never
// interferes.
func mentionFrom(user string) func(p map[string]any) {
	return func(p map[string]any) { set(p, "author.id", user) }
}

// TestIntents: a default bot does not ask for the privileged Message
// Content intent, so it starts on an application with the portal toggle
// off; listening in channels asks for it, and a 4014 ends Run with a
// GatewayError at once.
func TestIntents(t *testing.T) {
	t.Parallel()
	h := startBotWith(t, Config{}, nil, setup{fakeSetup: (*fakediscord.Server).DisallowMessageContent})
	if got, want := num(h.fake.Identify(), "intents"), float64(1|1<<9|1<<12); got != want {
		t.Errorf("intents = %v, want %v (guilds, guild messages, direct messages)", got, want)
	}
	h.replyTo(h.message(nil))

	h2 := startBotWith(t, Config{Channels: []string{listenedChannel}}, nil,
		setup{fakeSetup: (*fakediscord.Server).DisallowMessageContent, noWait: true})
	if !h2.bot.NeedsMessageContent() {
		t.Error("a bot listening in channels does not ask for Message Content")
	}
	err := h2.waitRun(10 * time.Second)
	var ge *GatewayError
	if !errors.As(err, &ge) || ge.Code != CloseDisallowedIntents {
		t.Fatalf("Run = %v, want a GatewayError with code 4014", err)
	}
}

// waitRun waits for Run to return on its own and returns its error.
func (h *harness) waitRun(d time.Duration) error {
	h.tb.Helper()
	select {
	case h.runErr = <-h.done:
		h.ended = true
		close(h.stopped)
		return h.runErr
	case <-time.After(d):
		h.tb.Fatalf("Run did not return within %v", d)
		return nil
	}
}

// TestFatalCloseCodes: a close code reconnecting cannot fix ends Run with
// a GatewayError within seconds, at start-up and mid-session, and no
// goroutine of the bot or of discordgo outlives Run.
func TestFatalCloseCodes(t *testing.T) {
	for _, code := range []int{4004, 4010, 4011, 4012, 4013, 4014} {
		h := startBotWith(t, Config{}, nil, setup{fakeSetup: func(f *fakediscord.Server) { f.RejectIdentify(code) }, noWait: true})
		start := time.Now()
		err := h.waitRun(10 * time.Second)
		var ge *GatewayError
		if !errors.As(err, &ge) || ge.Code != code {
			t.Errorf("close %d: Run = %v, want a GatewayError with that code", code, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("close %d: Run took %v", code, d)
		}
	}

	h := startBot(t, Config{}, nil)
	h.fake.RejectIdentify(fakediscord.CloseAuthenticationFailed)
	h.fake.CloseGateway(fakediscord.CloseAuthenticationFailed, "Authentication failed.")
	err := h.waitRun(10 * time.Second)
	var ge *GatewayError
	if !errors.As(err, &ge) || ge.Code != 4004 {
		t.Fatalf("mid-session 4004: Run = %v, want a GatewayError", err)
	}
	assertNoLeftoverGoroutines(t)
}

// assertNoLeftoverGoroutines fails when, shortly after every Run has
// returned, a goroutine of a Bot or a discordgo session is still running.
func assertNoLeftoverGoroutines(t *testing.T) {
	t.Helper()
	var stacks string
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "bot.(*Bot)") && !strings.Contains(stacks, "discordgo.(*Session)") {
			return
		}
	}
	t.Errorf("goroutines outlive Run:\n%s", stacks)
}

// TestReconnect: dropped connections (close 4000 and 1001, op 7, a RESUME
// answered with op 9, a cut network connection) are reconnected and resumed; the bot answers again
// afterwards without registering its commands again.
func TestReconnect(t *testing.T) {
	t.Parallel()
	h := startBot(t, Config{}, nil)
	drops := []struct {
		name string
		drop func()
	}{
		{"close 4000", func() { h.fake.CloseGateway(4000, "Unknown error") }},
		{"op 7", h.fake.RequestReconnect},
		{"close 1001 then op 9", func() { h.fake.InvalidateNextResume(); h.fake.CloseGateway(1001, "going away") }},
		{"network drop", h.fake.DropGateway},
	}
	for i, d := range drops {
		resumes := h.fake.Resumes()
		d.drop()
		for deadline := time.Now().Add(wait); h.fake.Resumes() == resumes; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: no RESUME", d.name)
			}
		}
		if err := h.fake.WaitReady(wait); err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		h.replyTo(h.message(mentionFrom("93000000000000030" + string(rune('0'+i)))))
	}
	if got := len(h.fake.Identifies()); got != 2 {
		t.Errorf("%d IDENTIFYs, want 2 (the first, and after op 9)", got)
	}
	if n := h.fake.Count(fakediscord.Route("PUT", "/api/v9/applications/*/commands")); n != 1 {
		t.Errorf("commands registered %d times, want once", n)
	}
}

// TestInvalidSessionWaits: after an op 9 the bot waits before it
// identifies again, as Discord asks (1–5 s; shortened here), then answers.
// Not parallel: discordgo's logger, the hook for the wait, follows the
// most recently started bot.
func TestInvalidSessionWaits(t *testing.T) {
	const pause = 300 * time.Millisecond
	h := startBotWith(t, Config{}, nil, setup{bot: func(b *Bot) {
		b.identifyAgain = func() time.Duration { return pause }
	}})
	h.fake.InvalidateNextResume()
	h.fake.CloseGateway(4000, "Unknown error")
	var gap time.Duration
	for deadline := time.Now().Add(wait); ; time.Sleep(5 * time.Millisecond) {
		var ok bool
		if gap, ok = h.fake.IdentifyAfterInvalid(); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the bot did not identify after op 9")
		}
	}
	if gap < pause {
		t.Errorf("identified %v after op 9, want at least %v", gap, pause)
	}
	if err := h.fake.WaitReady(wait); err != nil {
		t.Fatal(err)
	}
	h.replyTo(h.message(nil))
}

// TestShards: a sharded bot identifies with its shard and gets only its
// guilds' events; two processes share the work.
func TestShards(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New(t)
	fb0, fb1 := newFakeBackend(), newFakeBackend()
	h0 := startBotWith(t, Config{ShardID: 0, ShardCount: 2}, fb0, setup{fake: fake})
	h1 := startBotWith(t, Config{ShardID: 1, ShardCount: 2}, fb1, setup{fake: fake, noWait: true})
	for deadline := time.Now().Add(wait); len(fake.Identifies()) < 2; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the second shard did not identify")
		}
	}
	var shards []string
	for _, id := range fake.Identifies() {
		shards = append(shards, fmt.Sprint(dig(id, "shard")))
	}
	slices.Sort(shards)
	if !slices.Equal(shards, []string{"[0 2]", "[1 2]"}) {
		t.Errorf("IDENTIFY shards = %v, want [0 2] and [1 2]", shards)
	}
	// Guild ids whose shard is 0 and 1: (id >> 22) % 2.
	guild0, guild1 := "4194304", "8388608" // 1<<22 is shard 1, 2<<22 shard 0
	if fakediscord.ShardOf(guild1, 2) != 0 || fakediscord.ShardOf(guild0, 2) != 1 {
		t.Fatal("test guild ids are on the wrong shards")
	}
	inGuild := func(g, user string) func(p map[string]any) {
		return func(p map[string]any) { set(p, "guild_id", g); set(p, "author.id", user) }
	}
	for deadline := time.Now().Add(wait); ; time.Sleep(5 * time.Millisecond) {
		if err := fake.Dispatch("TYPING_START", map[string]any{"guild_id": guild0}); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("shard 1 never became ready")
		}
	}
	h0.replyTo(h0.message(inGuild(guild1, "930000000000000401")))
	h1.replyTo(h1.message(inGuild(guild0, "930000000000000402")))
	if len(fb0.calls()) != 1 || len(fb1.calls()) != 1 {
		t.Errorf("shard 0 asked %d, shard 1 asked %d; want one each", len(fb0.calls()), len(fb1.calls()))
	}
}

// TestRegistrationRetries: a 500 on command registration is retried with
// backoff while the bot already answers.
func TestRegistrationRetries(t *testing.T) {
	t.Parallel()
	h := startBotWith(t, Config{}, nil, setup{fakeSetup: func(f *fakediscord.Server) {
		f.Fail(fakediscord.Route("PUT", "/api/v9/applications/*/commands"), 2, 500, "")
	}})
	if n := h.fake.Count(fakediscord.Route("PUT", "/api/v9/applications/*/commands")); n != 3 {
		t.Errorf("%d registration attempts, want 3", n)
	}
	h.replyTo(h.message(nil))
}

// TestStaleCommands: registering in a guild removes the global copies, and
// registering globally removes the guild's, so each command shows once.
func TestStaleCommands(t *testing.T) {
	t.Parallel()
	seed := func(route string) func(*fakediscord.Server) {
		return func(f *fakediscord.Server) {
			req, _ := newRequest("PUT", f.APIURL()+route, `[{"name":"ask","description":"old"}]`)
			if resp, err := req(); err != nil || resp != 200 {
				t.Fatalf("seeding %s: %d, %v", route, resp, err)
			}
		}
	}
	guildRoute := "applications/" + fakediscord.AppID + "/guilds/" + fakediscord.GuildID + "/commands"
	globalRoute := "applications/" + fakediscord.AppID + "/commands"

	h := startBotWith(t, Config{GuildID: fakediscord.GuildID}, nil, setup{fakeSetup: seed(globalRoute)})
	if _, err := h.fake.Wait(0, wait, func(r fakediscord.Request) bool {
		return r.Method == "PUT" && r.Path == "/api/v9/"+globalRoute && string(r.Body) == "[]"
	}); err != nil {
		t.Errorf("global commands not removed: %v", err)
	}

	h = startBotWith(t, Config{}, nil, setup{fakeSetup: seed(guildRoute)})
	if _, err := h.fake.Wait(0, wait, func(r fakediscord.Request) bool {
		return r.Method == "PUT" && r.Path == "/api/v9/"+guildRoute && string(r.Body) == "[]"
	}); err != nil {
		t.Errorf("guild commands not removed: %v", err)
	}
}

// TestRunErrorHidesToken: a failed connection says what failed without the token.
func TestRunErrorHidesToken(t *testing.T) {
	fake := fakediscord.New(t)
	api := fake.APIURL()
	fake.Close()
	b, err := New(Config{Token: testToken, APIURL: api, Logger: slog.New(slog.DiscardHandler)}, newFakeBackend())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = b.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "open Discord gateway") {
		t.Fatalf("Run = %v, want a gateway error", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Error("the error holds the token")
	}
}
