package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/internal/fakediscord"
)

// jsonLines parses every line of logs as one JSON object.
func jsonLines(t *testing.T, logs string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(logs))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line is not JSON: %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServeHealthAndMetrics runs `citebot serve` against a fake Discord
// that holds READY back, with CITEBOT_HTTP_ADDR on a free port, JSON logs
// and a systemd notify socket: /readyz is 503 with a reason until READY,
// then 200 and systemd hears READY=1; after an /ask, /metrics counts the
// question and its latency; the token and the question reach neither
// /metrics nor the logs, and every log line is JSON.
func TestServeHealthAndMetrics(t *testing.T) {
	fake := fakediscord.New(t)
	release := fake.HoldReady()
	const token = "MTIz.secret-bot-token.xyz"
	const question = "Who did Zhang Qian help against the Xiongnu?"
	t.Setenv("DISCORD_TOKEN", token)
	t.Setenv("CITEBOT_DISCORD_API_URL", fake.APIURL())
	t.Setenv("CITEBOT_CORPUS", "")
	t.Setenv("CITEBOT_HTTP_ADDR", "127.0.0.1:0")
	t.Setenv("CITEBOT_LOG_FORMAT", "json")
	t.Setenv("CITEBOT_LOG_LEVEL", "")
	dir, err := os.MkdirTemp("", "sd") // socket paths are limited to ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "notify")
	notify, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer notify.Close()
	t.Setenv("NOTIFY_SOCKET", sock)
	notified := func(d time.Duration) string {
		buf := make([]byte, 64)
		_ = notify.SetReadDeadline(time.Now().Add(d))
		n, _ := notify.Read(buf)
		return string(buf[:n])
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data", t.TempDir()}, env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr})
	}()
	addrRE := regexp.MustCompile(`"msg":"serving /healthz, /readyz and /metrics","addr":"([^"]+)"`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = "http://" + m[1]
		}
	}
	if base == "" {
		t.Fatalf("no listen address logged:\n%s", stderr.String())
	}
	if code, _ := httpGet(t, base+"/healthz"); code != 200 {
		t.Errorf("/healthz %d before READY", code)
	}
	// The index loads while Discord holds READY back: not ready yet.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stderr.String(), `"msg":"index ready"`); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the index did not load:\n%s", stderr.String())
		}
	}
	code, body := httpGet(t, base+"/readyz")
	var not struct {
		Ready  bool
		Reason string
	}
	if err := json.Unmarshal([]byte(body), &not); code != 503 || err != nil || not.Ready || not.Reason != "Discord gateway not connected" {
		t.Errorf("/readyz before READY: %d %s", code, body)
	}
	if got := notified(time.Millisecond); got != "" {
		t.Errorf("systemd heard %q before READY", got)
	}

	release()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if code, _ = httpGet(t, base+"/readyz"); code == 200 || time.Now().After(deadline) {
			break
		}
	}
	if code != 200 {
		t.Fatalf("/readyz %d after READY:\n%s", code, stderr.String())
	}
	if got := notified(5 * time.Second); got != "READY=1" {
		t.Errorf("systemd heard %q, want READY=1", got)
	}

	raw, err := os.ReadFile("../../bot/testdata/interaction_ask.json")
	if err != nil {
		t.Fatal(err)
	}
	var interaction map[string]any
	if err := json.Unmarshal(raw, &interaction); err != nil {
		t.Fatal(err)
	}
	interaction["data"].(map[string]any)["options"] = []any{map[string]any{"name": "question", "type": 3, "value": question}}
	mark := fake.Mark()
	if err := fake.Dispatch("INTERACTION_CREATE", interaction); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.Wait(mark, 10*time.Second, fakediscord.Route("PATCH", "/api/v9/webhooks/*/*/messages/@original")); err != nil {
		t.Fatalf("no answer: %v\n%s", err, stderr.String())
	}
	// The answer's edit is sent before the bot records it; wait for it.
	var metrics string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, metrics = httpGet(t, base+"/metrics"); strings.Contains(metrics, "citebot_answer_duration_seconds_count 1\n") {
			break
		}
	}
	for _, want := range []string{
		`citebot_questions_total{entry_point="slash"} 1`,
		`citebot_answer_duration_seconds_count 1`,
		`citebot_answer_stage_duration_seconds_count{stage="retrieve"} 1`,
		`citebot_answer_stage_duration_seconds_count{stage="compose"} 1`,
		`citebot_gateway_connected 1`,
		`citebot_answer_slots 8`,
	} {
		if !strings.Contains(metrics, want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if m := regexp.MustCompile(`citebot_index_passages (\d+)`).FindStringSubmatch(metrics); m == nil || m[1] == "0" {
		t.Errorf("/metrics: no index passages")
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
	if got := notified(time.Second); got != "STOPPING=1" {
		t.Errorf("systemd heard %q on SIGTERM, want STOPPING=1", got)
	}
	logs := stderr.String()
	for what, text := range map[string]string{"/metrics": metrics, "logs": logs + stdout.String()} {
		if strings.Contains(text, "secret-bot-token") {
			t.Errorf("the token reached %s", what)
		}
		if strings.Contains(text, question) {
			t.Errorf("the question reached %s", what)
		}
	}
	var answered map[string]any
	for _, l := range jsonLines(t, logs) {
		if l["msg"] == "answered" {
			answered = l
		}
	}
	if answered == nil || answered["via"] != "slash" || answered["backend"] != "extractive" || answered["abstained"] != false ||
		fmt.Sprint(answered["cited"]) != "[china-kazakhstan-relations.txt#3]" || answered["took"] == nil {
		t.Errorf("answered line %v", answered)
	}
}

// TestLogSettings: CITEBOT_LOG_FORMAT and CITEBOT_LOG_LEVEL are checked.
func TestLogSettings(t *testing.T) {
	for _, c := range []struct {
		s     logSettings
		level string
		fixed bool
		err   bool
	}{
		{logSettings{}, "WARN", false, false},
		{logSettings{debug: true}, "DEBUG", true, false},
		{logSettings{level: "error", debug: true}, "ERROR", true, false},
		{logSettings{level: "Info", format: "JSON"}, "INFO", true, false},
		{logSettings{level: "loud"}, "", false, true},
		{logSettings{format: "xml"}, "", false, true},
	} {
		_, level, fixed, err := newLogger(io.Discard, c.s)
		if (err != nil) != c.err {
			t.Errorf("%+v: err %v", c.s, err)
			continue
		}
		if err == nil && (level.Level().String() != c.level || fixed != c.fixed) {
			t.Errorf("%+v: level %v fixed %v; want %s %v", c.s, level.Level(), fixed, c.level, c.fixed)
		}
	}
	t.Setenv("CITEBOT_LOG_FORMAT", "xml")
	code, _, errOut := runCLI(t, "", "ask", "hello")
	if code != 2 || !strings.Contains(errOut, "CITEBOT_LOG_FORMAT") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}
