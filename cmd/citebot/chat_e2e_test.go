package main

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// session is citebot running on a pseudo-terminal, as a user runs chat.
type session struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func startOnTerminal(t *testing.T, env []string, args ...string) *session {
	t.Helper()
	cmd := exec.Command(citebotBinary(t), args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA=", "CITEBOT_LLM=extractive", "CITEBOT_EMBEDDER=local", "TERM=xterm")
	cmd.Env = append(cmd.Env, env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 200})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	s := &session{t: t, cmd: cmd, tty: tty, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			s.mu.Lock()
			s.out.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		tty.Close()
	})
	return s
}

// waitFor waits until the output holds want n times in all. The bound is
// against a hang, not a measure of speed.
func (s *session) waitFor(want string, n int) {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		got := strings.Count(s.out.String(), want)
		s.mu.Unlock()
		if got >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.t.Fatalf("waited for %q ×%d; the terminal shows:\n%q", want, n, s.output())
}

func (s *session) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

func (s *session) send(keys string) {
	s.t.Helper()
	if _, err := s.tty.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
}

// exit waits for the process to end and returns its exit code.
func (s *session) exit() int {
	s.t.Helper()
	waited := make(chan error, 1)
	go func() { waited <- s.cmd.Wait() }()
	select {
	case err := <-waited:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			s.t.Fatal(err)
		}
		return 0
	case <-time.After(30 * time.Second):
		s.t.Fatalf("chat did not exit; the terminal shows:\n%q", s.output())
	}
	return -1
}

// On a terminal, chat edits lines, recalls earlier questions (also from an
// earlier session, through the history file in the data folder), drops a
// line on Ctrl-C, and quits on a second Ctrl-C or on Ctrl-D.
func TestEndToEndChatOnATerminal(t *testing.T) {
	data := t.TempDir()
	s := startOnTerminal(t, nil, "chat", "--data", data)
	s.waitFor("> ", 1)
	s.send("Who did Zhang Qian help?\r")
	s.waitFor("Sources:", 1)
	s.waitFor("> ", 2)
	// Ctrl-C drops the line being typed: it is not asked.
	s.send("How tall is Mount Everest\x03")
	s.waitFor("^C", 1)
	s.waitFor("> ", 3)
	// The up arrow recalls the question before; Enter asks it again. Left
	// arrow and typing edit it.
	s.send("\x1b[A\r")
	s.waitFor("Sources:", 2)
	s.send("Who did Zhang Qian hel?\x1b[Dp\r") // left arrow, then "p": "hel?" → "help?"
	s.waitFor("Sources:", 3)
	if strings.Contains(s.output(), "Everest") && strings.Contains(s.output(), "Closest passages") {
		t.Fatalf("the cancelled line was asked:\n%q", s.output())
	}
	if strings.Contains(s.output(), "^[[A") {
		t.Fatalf("the up arrow was typed as text:\n%q", s.output())
	}
	// Ctrl-C on an empty line says how to quit; a second one quits.
	s.send("\x03")
	s.waitFor("press Ctrl-C again", 1)
	s.send("\x03")
	if code := s.exit(); code != 0 {
		t.Fatalf("exit %d:\n%q", code, s.output())
	}
	hist, err := os.ReadFile(filepath.Join(data, historyFile))
	if err != nil || string(hist) != "Who did Zhang Qian help?\n" {
		t.Fatalf("history file %q: %v", hist, err)
	}

	// A new session recalls the question from the history file; Ctrl-D quits.
	s = startOnTerminal(t, nil, "chat", "--data", data)
	s.waitFor("> ", 1)
	s.send("\x1b[A\r")
	s.waitFor("Sources:", 1)
	s.waitFor("> ", 2)
	s.send("\x04")
	if code := s.exit(); code != 0 {
		t.Fatalf("exit %d after Ctrl-D:\n%q", code, s.output())
	}
}

// slowLLM is an OpenAI-compatible server whose first answer never comes:
// it reports the request, then waits for the client to give up. Later
// requests are answered at once.
func slowLLM(t *testing.T) (*httptest.Server, <-chan struct{}) {
	t.Helper()
	asked := make(chan struct{}, 1)
	var mu sync.Mutex
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			asked <- struct{}{}
			select {
			case <-r.Context().Done():
			case <-time.After(time.Minute):
			}
			return
		}
		if bytes.Contains(body, []byte(`"stream":true`)) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Zhang Qian helped the Wusun [1].\"},\"finish_reason\":null}]}\n\n")
			io.WriteString(w, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Zhang Qian helped the Wusun [1]."}}]}`)
	}))
	t.Cleanup(srv.Close)
	return srv, asked
}

// Ctrl-C while an answer is being written cancels that answer; the session
// goes on and the next line is answered, on a terminal and from a pipe.
func TestEndToEndChatCtrlCCancelsTheAnswer(t *testing.T) {
	llmEnv := func(srv *httptest.Server) []string {
		return []string{"CITEBOT_LLM=openai", "CITEBOT_LLM_BASE_URL=" + srv.URL + "/v1", "OPENAI_API_KEY=sk-test", "CITEBOT_LLM_API_KEY="}
	}
	t.Run("pipe", func(t *testing.T) {
		srv, asked := slowLLM(t)
		llm := llmEnv(srv)
		cmd := exec.Command(citebotBinary(t), "chat", "--data", t.TempDir())
		cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA=", "CITEBOT_EMBEDDER=local")
		cmd.Env = append(cmd.Env, llm...)
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		io.WriteString(stdin, "Who did Zhang Qian help against the Xiongnu?\n")
		select {
		case <-asked:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("the model was never asked: %s", errb.String())
		}
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		io.WriteString(stdin, "Who did Zhang Qian help?\n")
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("%v: %s", err, errb.String())
		}
		if !strings.Contains(out.String(), "(cancelled)") || !strings.Contains(out.String(), "Zhang Qian helped the Wusun [1]") {
			t.Fatalf("stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
		}
	})

	t.Run("terminal", func(t *testing.T) {
		srv, asked := slowLLM(t)
		llm := llmEnv(srv)
		s := startOnTerminal(t, llm, "chat", "--data", t.TempDir())
		s.waitFor("> ", 1)
		s.send("Who did Zhang Qian help against the Xiongnu?\r")
		select {
		case <-asked:
		case <-time.After(30 * time.Second):
			t.Fatalf("the model was never asked:\n%q", s.output())
		}
		s.send("\x03") // the terminal turns it into SIGINT: the answer is cancelled
		s.waitFor("(cancelled)", 1)
		s.waitFor("> ", 2)
		s.send("Who did Zhang Qian help?\r")
		s.waitFor("Zhang Qian helped the Wusun", 1)
		s.waitFor("> ", 3)
		s.send("\x04")
		if code := s.exit(); code != 0 {
			t.Fatalf("exit %d:\n%q", code, s.output())
		}
	})
}

// A line over 1 MB is refused with a message; the session goes on.
func TestEndToEndChatRefusesAnOverlongLine(t *testing.T) {
	in := strings.Repeat("x", maxLineBytes+10) + "\nWho did Zhang Qian help?\n"
	code, out, stderr := runWithStdin(t, in, "chat", "--data", t.TempDir())
	if code != 0 || !strings.Contains(out, "That line is over 1,048,576 bytes; it was skipped.") || !strings.Contains(out, "Wusun") {
		t.Fatalf("exit %d, stderr %q, stdout:\n%.500s", code, stderr, out)
	}
}
