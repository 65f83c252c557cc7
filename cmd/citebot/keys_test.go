package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const ambientKey = "sk-ambient-SECRET-7a1b2c3d"

// attacker is an OpenAI-compatible server that records every Authorization
// header it is sent and answers chat requests.
type attacker struct {
	*httptest.Server
	mu    sync.Mutex
	auths []string
}

func newAttacker(t *testing.T) *attacker {
	t.Helper()
	a := &attacker{}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		a.auths = append(a.auths, r.Header.Get("Authorization")+" "+r.Header.Get("X-Api-Key"))
		a.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "c1", "object": "chat.completion", "model": "gpt-4o-mini",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": "Relations were formed in 1992 [1]."}}},
		})
	}))
	t.Cleanup(a.Close)
	return a
}

func (a *attacker) seen() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.auths...)
}

// TestAmbientKeyStaysWithTheProvider: OPENAI_API_KEY goes to api.openai.com
// only; a server at another base URL gets no key.
func TestAmbientKeyStaysWithTheProvider(t *testing.T) {
	srv := newAttacker(t)
	t.Setenv("CITEBOT_LLM_API_KEY", "")
	t.Setenv("OPENAI_API_KEY", ambientKey)
	code, out, errOut := runCLI(t, "", "ask", "--json", "--data", t.TempDir(), "--llm", "openai", "--llm-base-url", srv.URL+"/v1", "When were relations formed?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	auths := srv.seen()
	if len(auths) != 1 || strings.Contains(auths[0], ambientKey) || !strings.Contains(auths[0], "citebot-no-key") {
		t.Fatalf("the server saw %q", auths)
	}
	if strings.Contains(out+errOut, ambientKey) {
		t.Fatal("the key is in the output")
	}
}

// TestKeyRules checks apiKey's decisions.
func TestKeyRules(t *testing.T) {
	rule := keyRule{explicitVar: "CITEBOT_LLM_API_KEY", ambientVar: "OPENAI_API_KEY", host: "api.openai.com", baseVar: "CITEBOT_LLM_BASE_URL", baseFlag: "llm-base-url"}
	tests := []struct {
		name              string
		explicit, ambient string
		base              string
		origins           origins
		want, wantErr     string
	}{
		{"ambient key to the provider", "", ambientKey, "", origins{}, ambientKey, ""},
		{"ambient key to the provider's https URL", "", ambientKey, "https://api.openai.com/v1", origins{}, ambientKey, ""},
		{"ambient key not to plain http", "", ambientKey, "http://api.openai.com/v1", origins{}, "", ""},
		{"ambient key not elsewhere", "", ambientKey, "http://localhost:8080/v1", origins{}, "", ""},
		{"explicit key goes where the user points", "sk-explicit-1", ambientKey, "http://localhost:8080/v1", origins{}, "sk-explicit-1", ""},
		{"explicit key and base URL both from .env", "sk-explicit-1", "", "http://attacker/v1",
			origins{dotEnv: map[string]bool{"CITEBOT_LLM_BASE_URL": true, "CITEBOT_LLM_API_KEY": true}}, "sk-explicit-1", ""},
		{"real key, base URL from .env: refused", "sk-explicit-1", "", "http://attacker/v1",
			origins{dotEnv: map[string]bool{"CITEBOT_LLM_BASE_URL": true}}, "", "comes from the .env file in this folder"},
		{"real key, .env base URL overridden by the flag", "sk-explicit-1", "", "http://attacker/v1",
			origins{dotEnv: map[string]bool{"CITEBOT_LLM_BASE_URL": true}, flags: map[string]bool{"llm-base-url": true}}, "sk-explicit-1", ""},
		{"real key, .env base URL is the provider's", "sk-explicit-1", "", "https://api.openai.com/v1",
			origins{dotEnv: map[string]bool{"CITEBOT_LLM_BASE_URL": true}}, "sk-explicit-1", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("CITEBOT_LLM_API_KEY", tc.explicit)
			t.Setenv("OPENAI_API_KEY", tc.ambient)
			b := &backendFlags{origins: tc.origins}
			got, err := b.apiKey(rule, tc.base)
			if got != tc.want || (err == nil) != (tc.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("apiKey = %q, %v; want %q, %q", got, err, tc.want, tc.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), tc.explicit) {
				t.Fatalf("the error shows the key: %v", err)
			}
		})
	}
}

// runIn runs the binary in dir with env added and returns its exit code,
// stdout and stderr.
func runIn(t *testing.T, dir string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(citebotBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA=", "CITEBOT_LLM_API_KEY=", "OPENAI_API_KEY=", "CITEBOT_EMBEDDER_API_KEY=")
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// TestEndToEndDotEnvCannotRedirectTheKey: a .env file in the working folder
// that points the LLM at another server never gets the user's key there.
func TestEndToEndDotEnvCannotRedirectTheKey(t *testing.T) {
	srv := newAttacker(t)
	work := t.TempDir()
	dotenv := "CITEBOT_LLM=openai\nCITEBOT_LLM_BASE_URL=" + srv.URL + "/v1\nHTTPS_PROXY=http://127.0.0.1:1\n"
	if err := os.WriteFile(filepath.Join(work, ".env"), []byte(dotenv), 0o644); err != nil {
		t.Fatal(err)
	}
	data := "CITEBOT_DATA=" + filepath.Join(work, "data")

	// The ambient OPENAI_API_KEY is not sent: the server gets no key.
	code, out, errOut := runIn(t, work, []string{data, "OPENAI_API_KEY=" + ambientKey}, "ask", "--json", "When were relations formed?")
	if code != 0 || !strings.Contains(out, `"backend":"openai:gpt-4o-mini"`) {
		t.Fatalf("exit %d, %s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "ignoring HTTPS_PROXY") {
		t.Errorf("stderr %q does not say HTTPS_PROXY was ignored", errOut)
	}

	// An explicit key from the real environment is refused, with the reason.
	code, out, errOut = runIn(t, work, []string{data, "CITEBOT_LLM_API_KEY=" + ambientKey}, "ask", "--json", "When were relations formed?")
	if code != 2 || !strings.Contains(errOut, "refusing to send CITEBOT_LLM_API_KEY from your environment") ||
		!strings.Contains(errOut, "comes from the .env file in this folder") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, s := range []string{out, errOut} {
		if strings.Contains(s, ambientKey) {
			t.Fatalf("the key is in the output: %q", s)
		}
	}
	auths := srv.seen()
	if len(auths) != 1 {
		t.Errorf("the server saw %d requests, want 1 (the keyless one)", len(auths))
	}
	for _, a := range auths {
		if strings.Contains(a, ambientKey) {
			t.Fatalf("the server saw the key: %q", a)
		}
	}
}

// TestEndToEndEmbedderHang: an embeddings server that sends headers and then
// nothing fails `index` after CITEBOT_EMBEDDER_TIMEOUT with a clear error.
func TestEndToEndEmbedderHang(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	}))
	defer hang.Close()
	const timeout = 500 * time.Millisecond
	start := time.Now()
	code, _, errOut := runIn(t, t.TempDir(), []string{"CITEBOT_EMBEDDER_TIMEOUT=" + timeout.String()},
		"index", "--data", t.TempDir(), "--embedder", "openai", "--embedder-base-url", hang.URL+"/v1")
	d := time.Since(start)
	t.Logf("index gave up after %v: %s", d.Round(time.Millisecond), errOut)
	if code != 1 || !strings.Contains(errOut, "embedding request timed out") || !strings.Contains(errOut, "did not answer within 500ms") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if d > 5*time.Second {
		t.Fatalf("index took %v with a %v embedder timeout", d, timeout)
	}
}

// TestEndToEndSlowQuestionEmbeddingFallsBackToKeywords: when the embedder
// that built the index stops answering, a question is still answered from
// the keyword index within the embedder timeout, and the answer says so.
func TestEndToEndSlowQuestionEmbeddingFallsBackToKeywords(t *testing.T) {
	var hang atomic.Bool
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hang.Load() {
			select {
			case <-r.Context().Done():
			case <-done:
			}
			return
		}
		var req struct {
			Input []string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		type item struct {
			Object    string    `json:"object"`
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		resp := struct {
			Object string `json:"object"`
			Data   []item `json:"data"`
			Model  string `json:"model"`
		}{Object: "list", Model: "text-embedding-3-small"}
		for i, in := range req.Input {
			v := make([]float32, 8)
			for j, c := range in {
				v[(j+int(c))%8] += 1
			}
			resp.Data = append(resp.Data, item{Object: "embedding", Index: i, Embedding: v})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	}))
	defer srv.Close()
	defer close(done) // before Close, which waits for the hanging requests
	data := t.TempDir()
	env := []string{"CITEBOT_EMBEDDER_TIMEOUT=500ms", "CITEBOT_EMBEDDER_API_KEY=sk-test"}
	args := []string{"--data", data, "--embedder", "openai", "--embedder-base-url", srv.URL + "/v1"}
	if code, _, errOut := runIn(t, t.TempDir(), env, append([]string{"index"}, args...)...); code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	hang.Store(true)
	start := time.Now()
	code, out, errOut := runIn(t, t.TempDir(), env, append(append([]string{"ask", "--json"}, args...), "When were diplomatic relations between China and Kazakhstan formed?")...)
	d := time.Since(start)
	if code != 0 {
		t.Fatalf("ask: exit %d: %s", code, errOut)
	}
	var res askResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Abstained || !strings.Contains(res.Answer, "1992") || !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "keyword search only") }) {
		t.Fatalf("answer %q, warnings %q", res.Answer, res.Warnings)
	}
	if d > 5*time.Second {
		t.Fatalf("ask took %v with a 500ms embedder timeout", d)
	}
}
