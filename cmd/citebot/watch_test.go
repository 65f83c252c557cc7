package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citebot/citebot/corpus"
	"github.com/citebot/citebot/internal/engine"
	"github.com/citebot/citebot/internal/fakediscord"
	"github.com/citebot/citebot/retrieval"
)

func TestIndexReportsChangedDocuments(t *testing.T) {
	docs, data := t.TempDir(), t.TempDir()
	files := map[string]string{
		"a.txt": "Lighthouses\n\nThe Greystone lighthouse was first lit in 1901.\n\nIts lamp burned paraffin.",
		"b.txt": "Mills\n\nThe mill was built in 1820.\n\nIt ground oats.",
		"c.md":  "# Docks\n\nThe dock was dug in 1850.\n\nIt silted up by 1900.",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errb := runCLI(t, "", "index", "--corpus", docs, "--data", data); code != 0 || strings.Contains(out, "changes:") {
		t.Fatalf("first index: %d %q %q", code, out, errb)
	}
	os.WriteFile(filepath.Join(docs, "b.txt"), []byte(files["b.txt"]+"\n\nIt closed in 1950."), 0o644)
	code, out, errb := runCLI(t, "", "index", "--corpus", docs, "--data", data)
	if code != 0 || !strings.Contains(out, "index:     built (corpus changed)") ||
		!strings.Contains(out, "changes:   1 document changed, 3 passages re-embedded, 4 kept\n") {
		t.Fatalf("after a change: %d %q %q", code, out, errb)
	}
}

func TestUpdateLine(t *testing.T) {
	many := make([]string, 7)
	for i := range many {
		many[i] = string(rune('a'+i)) + ".md"
	}
	tests := []struct {
		u    engine.Update
		want string
	}{
		{engine.Update{Added: []string{"new.md"}, Report: retrieval.OpenReport{Update: retrieval.UpdateStats{Incremental: true, Added: 1, Reembedded: 41, Kept: 12004}}},
			"corpus updated: added new.md (1 document changed, 41 passages re-embedded, 12,004 kept)"},
		{engine.Update{Changed: many, Removed: []string{"old.md"}, Report: retrieval.OpenReport{Update: retrieval.UpdateStats{Reembedded: 9}}},
			"corpus updated: changed a.md, b.md, c.md, d.md, e.md and 2 more; removed old.md"},
		{engine.Update{Added: []string{"evil\x1b[2J.md"}},
			"corpus updated: added evil\\x1b[2J.md"},
	}
	for _, tc := range tests {
		tc.u.Corpus = &corpus.Corpus{}
		if got := updateLine(tc.u); got != tc.want {
			t.Errorf("updateLine = %q, want %q", got, tc.want)
		}
	}
}

// TestServeFollowsCorpusFolder: a file added to the corpus folder while
// serve runs is answered from, through the fake Discord, without a restart.
func TestServeFollowsCorpusFolder(t *testing.T) {
	fake := fakediscord.New(t)
	t.Setenv("DISCORD_TOKEN", "MTIz.secret-bot-token.xyz")
	t.Setenv("CITEBOT_DISCORD_API_URL", fake.APIURL())
	t.Setenv("CITEBOT_CORPUS", "")
	t.Setenv("CITEBOT_DATA", "")
	docs := t.TempDir()
	if err := os.WriteFile(filepath.Join(docs, "a.txt"), []byte("Lighthouses\n\nThe Greystone lighthouse was first lit in 1901."), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--corpus", docs, "--data", t.TempDir()}, env{stdin: strings.NewReader(""), stdout: &logs, stderr: &logs})
	}()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(logs.String(), "index ready"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("index not ready: %s", logs.String())
		}
	}
	if err := os.WriteFile(filepath.Join(docs, "bridge.md"), []byte("# Bridges\n\nThe Harrow bridge opened to traffic in 1932."), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for !strings.Contains(logs.String(), "corpus updated: added bridge.md (1 document changed, 1 passage re-embedded, 1 kept)") {
		if time.Since(start) > 2*time.Second {
			t.Fatalf("the added file was not picked up within 2 s: %s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	raw, err := os.ReadFile("../../bot/testdata/interaction_ask.json")
	if err != nil {
		t.Fatal(err)
	}
	var interaction map[string]any
	if err := json.Unmarshal(raw, &interaction); err != nil {
		t.Fatal(err)
	}
	interaction["data"].(map[string]any)["options"] = []any{map[string]any{"name": "question", "type": 3, "value": "When did the Harrow bridge open?"}}
	mark := fake.Mark()
	if err := fake.Dispatch("INTERACTION_CREATE", interaction); err != nil {
		t.Fatal(err)
	}
	edit, err := fake.Wait(mark, 10*time.Second, fakediscord.Route("PATCH", "/api/v9/webhooks/*/*/messages/@original"))
	if err != nil {
		t.Fatalf("no answer: %v\n%s", err, logs.String())
	}
	if body := string(edit.Body); !strings.Contains(body, "1932") || !strings.Contains(body, "bridge.md#1") {
		t.Fatalf("answer edit: %s", body)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}
