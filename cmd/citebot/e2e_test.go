package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// citebotBinary compiles citebot once for the end-to-end tests; TestMain
// removes it afterwards.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

func citebotBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "citebot-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "citebot")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			t.Logf("%s", out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

type askResult struct {
	Question  string   `json:"question"`
	Answer    string   `json:"answer"`
	Abstained bool     `json:"abstained"`
	Backend   string   `json:"backend"`
	Warnings  []string `json:"warnings"`
	Citations []struct {
		N      int     `json:"n"`
		ID     string  `json:"id"`
		Source string  `json:"source"`
		Text   string  `json:"text"`
		Score  float64 `json:"score"`
	} `json:"citations"`
	Passages []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"passages"`
}

func runBinary(t *testing.T, dir string, env []string, args ...string) (askResult, string) {
	t.Helper()
	cmd := exec.Command(citebotBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA=")
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("citebot %v: %v\n%s", args, err, errb.String())
	}
	var res askResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("citebot %v printed %q: %v", args, out.String(), err)
	}
	return res, errb.String()
}

func TestEndToEndBuiltin(t *testing.T) {
	data := t.TempDir()
	res, _ := runBinary(t, t.TempDir(), nil, "ask", "--json", "--data", data, "In which year did the Kyrgyz deliver a white horse to the Qianlong Emperor?")
	if res.Abstained || !strings.Contains(res.Answer, "1757") || len(res.Citations) != 1 || len(res.Passages) != 5 {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Citations[0].Text, "(1757)") || res.Citations[0].Source != "china-kazakhstan-relations.txt" {
		t.Fatalf("citation %+v", res.Citations[0])
	}
	// The second run reuses the stored index and says nothing about it.
	_, stderr := runBinary(t, t.TempDir(), nil, "ask", "--json", "--data", data, "Who did Zhang Qian help?")
	if stderr != "" {
		t.Fatalf("second run printed %q", stderr)
	}
}

func TestEndToEndOwnCorpusFromEnvAndDotEnv(t *testing.T) {
	docs := t.TempDir()
	files := map[string]string{
		"guide.md":        "# Lighthouse guide\n\nThe Blackrock lighthouse was first lit in 1874 by keeper Ada Moss.\n\nIts lamp burns paraffin and can be seen for 18 nautical miles.",
		"notes/ferry.txt": "Ferry notes\n\nThe ferry to Blackrock leaves the harbour at 9 o'clock every Tuesday.",
		"image.png":       "\x89PNG",
	}
	for name, text := range files {
		p := filepath.Join(docs, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Settings come from a .env file in the working folder.
	work := t.TempDir()
	dotenv := "CITEBOT_CORPUS=" + docs + "\nCITEBOT_DATA=" + filepath.Join(work, "data") + "\n"
	if err := os.WriteFile(filepath.Join(work, ".env"), []byte(dotenv), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(citebotBinary(t), "ask", "--json", "Who first lit the Blackrock lighthouse?")
	cmd.Dir = work
	cmd.Env = os.Environ() // no CITEBOT_* overrides: the .env file decides
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	var res askResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Answer, "Ada Moss") || res.Citations[0].ID != "guide.md#1" {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(errb.String(), "skipped image.png: not a .txt, .md, .html or .pdf file") {
		t.Fatalf("stderr %q", errb.String())
	}
	// Changing a document rebuilds the index, and says so.
	os.WriteFile(filepath.Join(docs, "notes/ferry.txt"), []byte("Ferry notes\n\nThe ferry now leaves at 10 o'clock."), 0o644)
	res2, stderr := runBinary(t, work, []string{"CITEBOT_CORPUS=" + docs, "CITEBOT_DATA=" + filepath.Join(work, "data")}, "ask", "--json", "When does the ferry leave?")
	if !strings.Contains(stderr, "rebuilt the index (corpus changed)") || !strings.Contains(res2.Answer, "10 o'clock") {
		t.Fatalf("after a change: %q, %+v", stderr, res2)
	}
}

func TestEndToEndConcurrentProcessesShareADataDir(t *testing.T) {
	bin := citebotBinary(t) // builds, or skips under -short, on the test's goroutine
	data := t.TempDir()
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	errs := make([]error, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "ask", "--json", "--data", data, "Where is the railway crossing between China and Kazakhstan?")
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA=")
			outs[i], errs[i] = cmd.Output()
		}()
	}
	wg.Wait()
	for i, out := range outs {
		var r askResult
		if errs[i] != nil {
			t.Fatalf("process %d: %v", i, errs[i])
		}
		if err := json.Unmarshal(out, &r); err != nil || !strings.Contains(r.Answer, "Alashankou") {
			t.Fatalf("process %d printed %q: %v", i, out, err)
		}
	}
	if _, stderr := runBinary(t, t.TempDir(), nil, "ask", "--json", "--data", data, "Who did Zhang Qian help?"); stderr != "" {
		t.Fatalf("the shared index was left damaged: %q", stderr)
	}
}
