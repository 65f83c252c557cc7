//go:build unix

package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/fakediscord"
)

// TestEndToEndServeSIGTERM: the binary, sent SIGTERM (as systemd and
// container runtimes stop services) while an answer is in progress, lets
// that answer finish and exits 0, well within systemd's 90 s stop timeout.
func TestEndToEndServeSIGTERM(t *testing.T) {
	bin := citebotBinary(t)
	fake := fakediscord.New(t)
	asked := make(chan struct{}, 1)
	slowLLM := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case asked <- struct{}{}:
		default:
		}
		time.Sleep(time.Second) // the answer is in progress when SIGTERM comes
		http.Error(w, `{"error":{"message":"overloaded"}}`, http.StatusInternalServerError)
	}))
	defer slowLLM.Close()
	cmd := exec.Command(bin, "serve", "--data", t.TempDir())
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA=", "CITEBOT_HTTP_ADDR=", "NOTIFY_SOCKET=",
		"DISCORD_TOKEN=MTIz.secret-bot-token.xyz", "CITEBOT_DISCORD_API_URL="+fake.APIURL(),
		"CITEBOT_LLM=openai", "CITEBOT_LLM_BASE_URL="+slowLLM.URL+"/v1", "OPENAI_API_KEY=sk-test", "CITEBOT_LLM_API_KEY=",
		"CITEBOT_LLM_TIMEOUT=10s", "CITEBOT_DRAIN=20s", "CITEBOT_LOG_FORMAT=json")
	var stderr syncBuffer // shared with the child process's writes
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	}()
	if _, err := fake.Wait(0, 20*time.Second, fakediscord.Route("PUT", "/api/v9/applications/"+fakediscord.AppID+"/commands")); err != nil {
		t.Fatalf("commands not registered: %v\n%s", err, stderr.String())
	}
	raw, err := os.ReadFile("../../bot/testdata/interaction_ask.json")
	if err != nil {
		t.Fatal(err)
	}
	var interaction map[string]any
	if err := json.Unmarshal(raw, &interaction); err != nil {
		t.Fatal(err)
	}
	mark := fake.Mark()
	if err := fake.Dispatch("INTERACTION_CREATE", interaction); err != nil {
		t.Fatal(err)
	}
	select {
	case <-asked:
	case <-time.After(10 * time.Second):
		t.Fatalf("the LLM was never asked:\n%s", stderr.String())
	}
	termAt := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 {
			t.Fatalf("exit %d after SIGTERM:\n%s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("serve still running 30 s after SIGTERM:\n%s", stderr.String())
	}
	t.Logf("SIGTERM to exit: %v", time.Since(termAt).Round(time.Millisecond))
	edit, err := fake.Wait(mark, time.Second, func(r fakediscord.Request) bool {
		return fakediscord.Route("PATCH", "/api/v9/webhooks/*/*/messages/@original")(r) && r.Status == 200 && strings.Contains(string(r.Body), "Fallback answer")
	})
	if err != nil {
		t.Fatalf("the answer in progress was not finished: %v\n%s", err, stderr.String())
	}
	if edit.At.Before(termAt) {
		t.Errorf("the answer was sent before SIGTERM; the test did not catch it in progress")
	}
	if !strings.Contains(stderr.String(), `"reason":"`) || !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("no shutdown line:\n%s", stderr.String())
	}
}
