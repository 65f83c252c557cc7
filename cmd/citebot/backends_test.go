package main

import (
	"encoding/json"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeOpenAI speaks the OpenAI wire protocol for chat completions and
// embeddings, through which langchaingo's real client talks to it.
func fakeOpenAI(t *testing.T, chatStatus int, answer string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var embedCalls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer sk-test-secret" {
			t.Errorf("Authorization %q", got)
		}
		var body map[string]any
		json.NewDecoder(r.Body).Decode(&body)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/chat/completions":
			if chatStatus != http.StatusOK {
				w.WriteHeader(chatStatus)
				w.Write([]byte(`{"error":{"message":"boom","type":"server_error"}}`))
				return
			}
			msgs, _ := json.Marshal(body["messages"])
			if !strings.Contains(string(msgs), "January 3, 1992") {
				t.Errorf("the prompt lacks the retrieved passage: %s", msgs)
			}
			json.NewEncoder(w).Encode(map[string]any{
				"id": "c1", "object": "chat.completion", "model": body["model"],
				"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
					"message": map[string]any{"role": "assistant", "content": answer}}},
			})
		case "/v1/embeddings":
			embedCalls.Add(1)
			var data []any
			inputs, _ := body["input"].([]any)
			for i, in := range inputs {
				data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": fakeVector(in.(string))})
			}
			json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": body["model"]})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &embedCalls
}

// fakeVector is a deterministic bag-of-words vector.
func fakeVector(s string) []float32 {
	v := make([]float32, 32)
	for _, w := range strings.Fields(strings.ToLower(s)) {
		h := fnv.New32a()
		h.Write([]byte(strings.Trim(w, ".,?!'\"")))
		v[h.Sum32()%32]++
	}
	v[0] += 0.01
	return v
}

func TestAskWithOpenAIBackend(t *testing.T) {
	srv, _ := fakeOpenAI(t, http.StatusOK, "They were formed on January 3, 1992 [2] [9].")
	data := t.TempDir()
	t.Setenv("CITEBOT_LLM_API_KEY", "sk-test-secret")
	t.Setenv("OPENAI_API_KEY", "")
	code, out, errOut := runCLI(t, "", "ask", "--json", "--data", data, "--llm", "openai", "--llm-model", "gpt-test", "--llm-base-url", srv.URL+"/v1",
		"When were diplomatic relations between the People's Republic of China and Kazakhstan formed?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res askResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	// [9] does not exist and is removed; [2] becomes [1].
	if res.Backend != "openai:gpt-test" || res.Answer != "They were formed on January 3, 1992 [1]." || len(res.Citations) != 1 {
		t.Fatalf("%+v", res)
	}
	// The model cited the second passage it was given; the passages list
	// shows the cited one first.
	if res.Citations[0].ID != res.Passages[0].ID {
		t.Fatalf("citation %s, want it first among the passages %+v", res.Citations[0].ID, res.Passages)
	}
	if strings.Contains(out+errOut, "sk-test-secret") {
		t.Fatal("the key leaked")
	}
}

func TestAskFallsBackWhenTheLLMFails(t *testing.T) {
	srv, _ := fakeOpenAI(t, http.StatusInternalServerError, "")
	t.Setenv("CITEBOT_LLM_API_KEY", "sk-test-secret")
	code, out, errOut := runCLI(t, "", "ask", "--json", "--data", t.TempDir(), "--llm", "openai", "--llm-base-url", srv.URL+"/v1",
		"When were diplomatic relations between the People's Republic of China and Kazakhstan formed?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res askResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Backend != "extractive (fallback: openai server error)" || !strings.Contains(res.Answer, "January 3, 1992") {
		t.Fatalf("%+v", res)
	}
	if strings.Contains(out+errOut, "sk-test-secret") {
		t.Fatal("the key leaked")
	}
}

func TestBadBackendSettings(t *testing.T) {
	t.Setenv("CITEBOT_LLM_API_KEY", "")
	t.Setenv("OPENAI_API_KEY", "")
	t.Setenv("ANTHROPIC_API_KEY", "")
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown llm", []string{"--llm", "gpt5"}, "--llm must be one of"},
		{"openai without key", []string{"--llm", "openai"}, "missing LLM API key"},
		{"bad base url", []string{"--llm", "ollama", "--llm-base-url", "not a url"}, "invalid LLM base URL"},
		{"bad timeout", []string{"--llm", "ollama", "--llm-timeout", "soon"}, "--llm-timeout"},
		{"unknown embedder", []string{"--embedder", "bert"}, "--embedder must be one of"},
		{"bad embedder url", []string{"--embedder", "ollama", "--embedder-base-url", "ftp://x"}, "embedder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", append([]string{"ask", "--data", t.TempDir(), "q?"}, tc.args...)...)
			if code != 2 || !strings.Contains(errOut, tc.msg) {
				t.Fatalf("exit %d, %q; want 2 and %q", code, errOut, tc.msg)
			}
		})
	}
}

func TestSwitchingEmbedderRebuilds(t *testing.T) {
	srv, embedCalls := fakeOpenAI(t, http.StatusOK, "")
	t.Setenv("CITEBOT_EMBEDDER_API_KEY", "sk-test-secret")
	data := t.TempDir()
	q := "Who did Zhang Qian help against the Xiongnu?"
	if code, _, errOut := runCLI(t, "", "ask", "--data", data, q); code != 0 {
		t.Fatal(errOut)
	}
	remote := []string{"ask", "--json", "--data", data, "--embedder", "openai", "--embedder-model", "fake-embed", "--embedder-base-url", srv.URL + "/v1", q}
	code, out, errOut := runCLI(t, "", remote...)
	if code != 0 || !strings.Contains(errOut, "rebuilt the index (embedder changed (local-hash-v2-256-lex0.5 → openai:fake-embed))") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "Wusun") {
		t.Fatalf("answer %s", out)
	}
	before := embedCalls.Load()
	if code, _, errOut = runCLI(t, "", remote...); code != 0 || errOut != "" {
		t.Fatalf("second remote run: exit %d, %q", code, errOut)
	}
	// Only the question is embedded: the stored passage vectors are reused.
	if calls := embedCalls.Load() - before; calls != 1 {
		t.Fatalf("%d embedding requests, want 1 (the question)", calls)
	}
}
