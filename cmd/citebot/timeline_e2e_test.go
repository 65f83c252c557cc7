package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

func TestEndToEndTimelineLimitSaysWhatItLeftOut(t *testing.T) {
	data := t.TempDir()
	_, out, _ := runWithStdin(t, "", "timeline", "--json", "--data", data)
	var all struct {
		Events  []json.RawMessage `json:"events"`
		Omitted int               `json:"omitted"`
	}
	if err := json.Unmarshal([]byte(out), &all); err != nil || len(all.Events) < 5 || all.Omitted != 0 {
		t.Fatalf("timeline --json: %v, %d events, %d omitted", err, len(all.Events), all.Omitted)
	}
	code, out, stderr := runWithStdin(t, "", "timeline", "--limit", "3", "--data", data)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := fmt.Sprintf("… and %d more events (--limit 3; --limit 0 shows all)", len(all.Events)-3)
	if code != 0 || len(lines) != 4 || lines[3] != want {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s\nwant a last line %q", code, stderr, out, want)
	}
	_, out, _ = runWithStdin(t, "", "timeline", "--json", "--limit", "1", "--data", data)
	var one struct {
		Events  []json.RawMessage `json:"events"`
		Omitted int               `json:"omitted"`
	}
	if err := json.Unmarshal([]byte(out), &one); err != nil || len(one.Events) != 1 || one.Omitted != len(all.Events)-1 {
		t.Fatalf("timeline --json --limit 1: %v, %s", err, out)
	}
	// A limit that leaves nothing out says nothing.
	_, out, _ = runWithStdin(t, "", "timeline", "--limit", fmt.Sprint(len(all.Events)), "--data", data)
	if strings.Contains(out, "more event") {
		t.Fatalf("nothing was left out:\n%s", out)
	}
}

// JSON output keeps & < > as they are, not \u0026.
func TestEndToEndJSONDoesNotEscapeAmpersands(t *testing.T) {
	docs := t.TempDir()
	text := "# Bell & Sons\n\nIn 1885 Bell & Sons opened a workshop where <tools> were made.\n"
	if err := os.WriteFile(filepath.Join(docs, "bell.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	for _, args := range [][]string{
		{"timeline", "--json"},
		{"ask", "--json", "When did Bell & Sons open a workshop?"},
	} {
		code, out, stderr := runWithStdin(t, "", append(args, "--corpus", docs, "--data", data)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if strings.Contains(out, `\u0026`) || strings.Contains(out, `\u003c`) || !strings.Contains(out, "Bell & Sons opened a workshop where <tools>") {
			t.Fatalf("%v printed %s", args, out)
		}
	}
}

// index says that it waits for another process's lock, then finishes.
func TestEndToEndIndexSaysItWaitsForTheLock(t *testing.T) {
	data := t.TempDir()
	code, out, stderr := runWithStdin(t, "", "index", "--data", data)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var dir string
	for _, line := range strings.Split(out, "\n") {
		if d, ok := strings.CutPrefix(line, "stored in: "); ok {
			dir = d
		}
	}
	other := flock.New(filepath.Join(dir, "index.lock"))
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}
	defer other.Unlock()

	// Ctrl-C while it waits: the first cancels, the next ends the process.
	cmd, said := startWaitingIndex(t, data)
	deadline := time.After(30 * time.Second) // a bound on a hang, not a speed test
	for open := true; open; {
		cmd.Process.Signal(syscall.SIGINT) // again until stderr closes: signals may merge
		select {
		case _, open = <-said:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("Ctrl-C does not end an index that waits for the lock")
		}
	}
	var exit *exec.ExitError
	if err := cmd.Wait(); !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("after Ctrl-C twice: %v", err)
	}

	// Released, the waiting index goes on and finishes.
	cmd, said = startWaitingIndex(t, data)
	if err := other.Unlock(); err != nil {
		t.Fatal(err)
	}
	for range said {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("index after the lock was released: %v", err)
	}
}

// startWaitingIndex starts citebot index and returns once it says that it
// waits for the lock; said is closed when its stderr ends.
func startWaitingIndex(t *testing.T, data string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(citebotBinary(t), "index", "--data", data)
	cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=")
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	said := make(chan string, 8)
	go func() {
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			said <- sc.Text()
		}
		close(said)
	}()
	select {
	case line := <-said:
		if line != "citebot: waiting for another citebot process to finish with the index…" {
			cmd.Process.Kill()
			t.Fatalf("said %q", line)
		}
	case <-time.After(30 * time.Second): // a bound on a hang, not a speed test
		cmd.Process.Kill()
		t.Fatal("index did not say that it waits")
	}
	return cmd, said
}
