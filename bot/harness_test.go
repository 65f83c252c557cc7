package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/fakediscord"
)

// testToken looks like a real bot token; no log line may contain it.
const testToken = "OTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.t0k3n-secret_value_for_tests_only"

// wait is how long a test waits for a request it expects.
const wait = 5 * time.Second

// harness is a Bot running against a fake Discord.
type harness struct {
	tb      testing.TB
	fake    *fakediscord.Server
	backend *fakeBackend
	bot     *Bot
	logs    *lockedBuffer
	cancel  context.CancelFunc
	done    chan error
	stopped chan struct{}
	runErr  error
	// ended is set when the test took Run's own return (waitRun).
	ended bool
}

// setup adjusts a harness before the bot runs: the fake (to inject faults
// or share one fake between bots) and the bot's timings.
type setup struct {
	fake      *fakediscord.Server
	fakeSetup func(*fakediscord.Server)
	bot       func(*Bot)
	// noWait skips waiting for the commands to be registered.
	noWait bool
	// backend, when set, is what the bot asks instead of the fakeBackend
	// (which it may wrap).
	backend Backend
}

// fastTimings makes retries and typing renewals quick for tests.
func fastTimings(b *Bot) {
	b.retryBase = 10 * time.Millisecond
	b.identifyAgain = func() time.Duration { return 0 }
}

// lockedBuffer collects log output from many goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startBot runs a Bot with cfg against a new fake Discord until the test
// ends, and returns once the slash commands are registered. At the end it
// checks that Run returned nil and that no log line holds the token.
func startBot(tb testing.TB, cfg Config, fb *fakeBackend) *harness {
	tb.Helper()
	return startBotWith(tb, cfg, fb, setup{})
}

// startBotWith is startBot with adjustments made before the bot runs. At
// the end it also checks that no goroutine of the bot outlives Run.
func startBotWith(tb testing.TB, cfg Config, fb *fakeBackend, su setup) *harness {
	tb.Helper()
	if fb == nil {
		fb = newFakeBackend()
	}
	fake := su.fake
	if fake == nil {
		fake = fakediscord.New(tb)
	}
	if su.fakeSetup != nil {
		su.fakeSetup(fake)
	}
	logs := &lockedBuffer{}
	cfg.Token = testToken
	cfg.APIURL = fake.APIURL()
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var backend Backend = fb
	if su.backend != nil {
		backend = su.backend
	}
	b, err := New(cfg, backend)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	fastTimings(b)
	if su.bot != nil {
		su.bot(b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{tb: tb, fake: fake, backend: fb, bot: b, logs: logs, cancel: cancel, done: make(chan error, 1), stopped: make(chan struct{})}
	mark := fake.Mark()
	go func() { h.done <- b.Run(ctx) }()
	tb.Cleanup(func() {
		if err := h.stop(); err != nil && !h.ended {
			tb.Errorf("Run: %v", err)
		}
		h.checkLogs()
	})
	if su.noWait {
		return h
	}
	global := fakediscord.Route("PUT", "/api/v9/applications/*/commands")
	guild := fakediscord.Route("PUT", "/api/v9/applications/*/guilds/*/commands")
	if _, err := fake.Wait(mark, wait, func(r fakediscord.Request) bool { return (global(r) || guild(r)) && r.Status == 200 }); err != nil {
		tb.Fatalf("commands not registered: %v", err)
	}
	return h
}

// stop cancels Run and returns what it returned; later calls return the
// same.
func (h *harness) stop() error {
	h.cancel()
	select {
	case <-h.stopped:
		return h.runErr
	default:
	}
	select {
	case h.runErr = <-h.done:
	case <-time.After(30 * time.Second):
		h.runErr = errors.New("Run did not return after cancel")
	}
	close(h.stopped)
	return h.runErr
}

// checkLogs fails the test when a log line holds the token, and shows the
// logs of a failed test.
func (h *harness) checkLogs() {
	if out := h.logs.String(); strings.Contains(out, testToken) || strings.Contains(out, "t0k3n-secret") {
		h.tb.Errorf("the token appears in the logs")
	}
	if h.tb.Failed() {
		h.tb.Logf("bot logs:\n%s", h.logs.String())
	}
}

// idle waits until the bot has no handler running. Events are handled in
// order, so after the reply to the last event sent, every earlier event
// has started its handler (or been ignored).
func (h *harness) idle() {
	h.tb.Helper()
	if !h.bot.handlers.idleWithin(wait) {
		h.tb.Fatal("the bot's handlers did not finish")
	}
}

// payload loads a recorded gateway payload from testdata.
func payload(tb testing.TB, name string) map[string]any {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return m
}

// set sets a value in a decoded payload by dotted path: "data.options.0.value".
func set(m map[string]any, path string, v any) {
	parts := strings.Split(path, ".")
	var cur any = m
	for i, p := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p] = v
				return
			}
			if _, ok := c[p]; !ok {
				c[p] = map[string]any{}
			}
			cur = c[p]
		case []any:
			n, _ := strconv.Atoi(p)
			if last {
				c[n] = v
				return
			}
			cur = c[n]
		}
	}
}

// sent is an interaction dispatched by the fake.
type sent struct {
	id, token string
	mark      int
	at        time.Time
}

// interact dispatches an INTERACTION_CREATE from a testdata payload with a
// fresh id and token, after edit has adjusted it.
func (h *harness) interact(name string, edit func(p map[string]any)) sent {
	h.tb.Helper()
	p := payload(h.tb, name)
	id := h.fake.NewID()
	s := sent{id: id, token: "itoken-" + id, mark: h.fake.Mark()}
	p["id"], p["token"] = s.id, s.token
	if edit != nil {
		edit(p)
	}
	s.at = time.Now()
	if err := h.fake.Dispatch("INTERACTION_CREATE", p); err != nil {
		h.tb.Fatal(err)
	}
	return s
}

// message dispatches a MESSAGE_CREATE from the mention payload with a
// fresh id, after edit has adjusted it.
func (h *harness) message(edit func(p map[string]any)) sent {
	h.tb.Helper()
	p := payload(h.tb, "message_create_mention")
	id := h.fake.NewID()
	p["id"], p["nonce"] = id, id
	s := sent{id: id, mark: h.fake.Mark()}
	if edit != nil {
		edit(p)
	}
	s.at = time.Now()
	if err := h.fake.Dispatch("MESSAGE_CREATE", p); err != nil {
		h.tb.Fatal(err)
	}
	return s
}

// callback waits for the interaction's callback (POST …/callback).
func (h *harness) callback(s sent) fakediscord.Request {
	h.tb.Helper()
	r, err := h.fake.Wait(s.mark, wait, fakediscord.Route("POST", "/api/v9/interactions/"+s.id+"/"+s.token+"/callback"))
	if err != nil {
		h.tb.Fatal(err)
	}
	return r
}

// editOriginal waits for an edit of the interaction's @original message.
func (h *harness) editOriginal(s sent, match func(m map[string]any) bool) fakediscord.Request {
	h.tb.Helper()
	route := fakediscord.Route("PATCH", "/api/v9/webhooks/"+fakediscord.AppID+"/"+s.token+"/messages/@original")
	r, err := h.fake.Wait(s.mark, wait, func(r fakediscord.Request) bool {
		return route(r) && r.Status == 200 && (match == nil || match(r.Map()))
	})
	if err != nil {
		h.tb.Fatal(err)
	}
	return r
}

// replyTo waits for a channel message replying to message id.
func (h *harness) replyTo(s sent) fakediscord.Request {
	h.tb.Helper()
	r, err := h.fake.Wait(s.mark, wait, func(r fakediscord.Request) bool {
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && strings.HasPrefix(r.Path, "/api/v9/channels/") &&
			r.Status == 200 && dig(r.Map(), "message_reference.message_id") == s.id
	})
	if err != nil {
		h.tb.Fatal(err)
	}
	return r
}

// dig reads a value from decoded JSON by dotted path; nil if absent.
func dig(v any, path string) any {
	for _, p := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			v = c[p]
		case []any:
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n >= len(c) {
				return nil
			}
			v = c[n]
		default:
			return nil
		}
	}
	return v
}

// str is dig as a string.
func str(v any, path string) string {
	s, _ := dig(v, path).(string)
	return s
}

// num is dig as a number.
func num(v any, path string) float64 {
	f, _ := dig(v, path).(float64)
	return f
}

// assertNoMentions checks a message body lets nothing ping.
func assertNoMentions(tb testing.TB, body map[string]any) {
	tb.Helper()
	parse, ok := dig(body, "allowed_mentions.parse").([]any)
	if !ok || len(parse) != 0 {
		tb.Errorf("allowed_mentions.parse = %v, want []", dig(body, "allowed_mentions.parse"))
	}
}

// newRequest prepares a plain HTTP request to the fake, for seeding it.
func newRequest(method, url, body string) (func() (int, error), error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return func() (int, error) {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}, nil
}

// TestMain runs up to 8 parallel tests at once (unless -parallel says
// otherwise): each bot test spends most of its time in discordgo's Close,
// which sleeps a second, not on the CPU.
func TestMain(m *testing.M) {
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		_ = flag.Set("test.parallel", "8")
	}
	os.Exit(m.Run())
}
