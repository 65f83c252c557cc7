package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/fakediscord"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAnswersSlashAsk runs `citebot serve` against a fake Discord: the
// real discordgo client connects through CITEBOT_DISCORD_API_URL, registers
// the commands, and answers /ask from the built-in corpus with a citation.
func TestServeAnswersSlashAsk(t *testing.T) {
	fake := fakediscord.New(t)
	const token = "MTIz.secret-bot-token.xyz"
	t.Setenv("DISCORD_TOKEN", token)
	t.Setenv("CITEBOT_DISCORD_API_URL", fake.APIURL())
	t.Setenv("CITEBOT_CORPUS", "")
	t.Setenv("CITEBOT_DATA", "")
	t.Setenv("CITEBOT_THREADS", "1")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan int, 1)
	dataDir := t.TempDir()
	go func() {
		done <- run(ctx, []string{"serve", "--data", dataDir}, env{stdin: strings.NewReader(""), stdout: &stderr, stderr: &stderr})
	}()
	if _, err := fake.Wait(0, 10*time.Second, fakediscord.Route("PUT", "/api/v9/applications/"+fakediscord.AppID+"/commands")); err != nil {
		t.Fatalf("commands not registered: %v\n%s", err, stderr.String())
	}
	if intents := int(fake.Identify()["intents"].(float64)); intents&fakediscord.IntentMessageContent == 0 {
		t.Errorf("CITEBOT_THREADS=1 did not reach the bot: intents %b lack Message Content", intents)
	}
	raw, err := os.ReadFile("../../bot/testdata/interaction_ask.json")
	if err != nil {
		t.Fatal(err)
	}
	var interaction map[string]any
	if err := json.Unmarshal(raw, &interaction); err != nil {
		t.Fatal(err)
	}
	data := interaction["data"].(map[string]any)
	data["options"] = []any{map[string]any{"name": "question", "type": 3, "value": "Who did Zhang Qian help against the Xiongnu?"}}
	mark := fake.Mark()
	if err := fake.Dispatch("INTERACTION_CREATE", interaction); err != nil {
		t.Fatal(err)
	}
	deferred, err := fake.Wait(mark, 5*time.Second, fakediscord.Route("POST", "/api/v9/interactions/*/*/callback"))
	if err != nil {
		t.Fatalf("no deferred response: %v", err)
	}
	if deferred.Map()["type"].(float64) != 5 {
		t.Fatalf("callback %s", deferred.Body)
	}
	edit, err := fake.Wait(mark, 10*time.Second, fakediscord.Route("PATCH", "/api/v9/webhooks/*/*/messages/@original"))
	if err != nil {
		t.Fatalf("no answer: %v\n%s", err, stderr.String())
	}
	body := string(edit.Body)
	if !strings.Contains(body, "Wusun") || !strings.Contains(body, "[1]") || !strings.Contains(body, "china-kazakhstan-relations.txt#3") {
		t.Fatalf("answer edit: %s", body)
	}

	// A 👎 on the answer lands in the feedback database, and `citebot
	// feedback --json` reports it.
	raw, err = os.ReadFile("../../bot/testdata/interaction_component.json")
	if err != nil {
		t.Fatal(err)
	}
	var press map[string]any
	if err := json.Unmarshal(raw, &press); err != nil {
		t.Fatal(err)
	}
	press["id"], press["token"] = fake.NewID(), "press-token"
	press["data"].(map[string]any)["custom_id"] = "fb1:d:" + interaction["id"].(string)
	mark = fake.Mark()
	if err := fake.Dispatch("INTERACTION_CREATE", press); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.Wait(mark, 5*time.Second, fakediscord.Route("POST", "/api/v9/interactions/*/press-token/callback")); err != nil {
		t.Fatalf("the vote was not acknowledged: %v", err)
	}
	var report struct {
		Down      int `json:"down"`
		Downvoted []struct {
			Question  string   `json:"question"`
			Citations []string `json:"citations"`
		} `json:"downvoted"`
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		code, out, errOut := runCLI(t, "", "feedback", "--json", "--data", dataDir)
		if code != 0 {
			t.Fatalf("feedback exited %d: %s", code, errOut)
		}
		if err := json.Unmarshal([]byte(out), &report); err != nil {
			t.Fatalf("feedback --json: %v: %s", err, out)
		}
		if report.Down == 1 || time.Now().After(deadline) {
			break
		}
	}
	if report.Down != 1 || len(report.Downvoted) != 1 || report.Downvoted[0].Question != "Who did Zhang Qian help against the Xiongnu?" ||
		len(report.Downvoted[0].Citations) == 0 {
		t.Fatalf("feedback report = %+v", report)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if strings.Contains(stderr.String(), "secret-bot-token") {
		t.Fatal("the token reached the logs")
	}
}

func TestServeNeedsAToken(t *testing.T) {
	t.Setenv("DISCORD_TOKEN", "")
	code, _, errOut := runCLI(t, "", "serve", "--data", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "DISCORD_TOKEN is not set") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
}

// TestServeFatalGateway: a gateway Discord refuses for good ends serve with
// exit 1 and a plain message within seconds, even while a slow remote
// embedder is still building the index.
func TestServeFatalGateway(t *testing.T) {
	quit := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-quit:
		}
	}))
	defer hang.Close()
	defer close(quit)
	tests := []struct {
		name  string
		setup func(*fakediscord.Server)
		env   map[string]string
		want  []string
	}{
		{"bad token, slow embedder", func(f *fakediscord.Server) { f.RejectIdentify(fakediscord.CloseAuthenticationFailed) },
			map[string]string{"CITEBOT_EMBEDDER": "ollama", "CITEBOT_EMBEDDER_BASE_URL": hang.URL},
			[]string{"Discord rejected DISCORD_TOKEN"}},
		{"message content off, channels set", (*fakediscord.Server).DisallowMessageContent,
			map[string]string{"CITEBOT_CHANNELS": "920000000000000099"},
			[]string{"Privileged Gateway Intents → Message Content Intent", "CITEBOT_CHANNELS"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := fakediscord.New(t)
			tt.setup(fake)
			t.Setenv("DISCORD_TOKEN", "MTIz.secret-bot-token.xyz")
			t.Setenv("CITEBOT_DISCORD_API_URL", fake.APIURL())
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			start := time.Now()
			code, _, errOut := runCLI(t, "", "serve", "--data", t.TempDir())
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("serve took %v to give up", d)
			}
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
}

// TestServeShardAndIntents: --shard reaches IDENTIFY, and without CITEBOT_CHANNELS, serve starts on an
// application whose Message Content toggle is off.
func TestServeShardAndIntents(t *testing.T) {
	fake := fakediscord.New(t)
	fake.DisallowMessageContent()
	t.Setenv("DISCORD_TOKEN", "MTIz.secret-bot-token.xyz")
	t.Setenv("CITEBOT_DISCORD_API_URL", fake.APIURL())
	t.Setenv("CITEBOT_SHARD", "1/2")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data", t.TempDir(), "--drain", "1s"}, env{stdin: strings.NewReader(""), stdout: &stderr, stderr: &stderr})
	}()
	if _, err := fake.Wait(0, 10*time.Second, fakediscord.Route("PUT", "/api/v9/applications/"+fakediscord.AppID+"/commands")); err != nil {
		t.Fatalf("commands not registered: %v\n%s", err, stderr.String())
	}
	if shard := fmt.Sprint(fake.Identify()["shard"]); shard != "[1 2]" {
		t.Errorf("IDENTIFY shard = %s, want [1 2]", shard)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d: %s", code, stderr.String())
	}
	code, _, errOut := runCLI(t, "", "serve", "--shard", "2/2", "--data", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "--shard") {
		t.Errorf("--shard 2/2: exit %d, %q", code, errOut)
	}
	for _, args := range [][]string{{"--queue", "-1"}, {"--max-in-flight", "0"}} {
		code, _, errOut := runCLI(t, "", append([]string{"serve", "--data", t.TempDir()}, args...)...)
		if code != 2 || !strings.Contains(errOut, args[0]) {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}
