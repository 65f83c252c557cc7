package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLineEditorKeys types keys at the line editor, as a terminal sends
// them, and checks each line it returns.
func TestLineEditorKeys(t *testing.T) {
	tests := []struct {
		name, keys string
		want       []string // a line, or "error: <err>"
	}{
		{"enter", "hello\r", []string{"hello", "error: EOF"}},
		{"ctrl-c drops the typed line", "abc\x03def\r", []string{"error: line cancelled", "def", "error: EOF"}},
		{"ctrl-c on an empty line", "\x03\x03", []string{"error: interrupt on an empty line", "error: interrupt on an empty line", "error: EOF"}},
		{"ctrl-d on an empty line", "\x04more\r", []string{"error: EOF"}},
		{"ctrl-d inside a line deletes", "ab\x1b[D\x04\r", []string{"a", "error: EOF"}},
		{"up recalls", "q1\rq2\r\x1b[A\x1b[A\r", []string{"q1", "q2", "q1", "error: EOF"}},
		{"up then down", "q1\r\x1b[A\x1b[Bnew\r", []string{"q1", "new", "error: EOF"}},
		{"home and insert", "x\x01y\r", []string{"yx", "error: EOF"}},
		{"ctrl-c after moving left still drops it", "abc\x1b[D\x1b[D\x03\r", []string{"error: line cancelled", "", "error: EOF"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			ed := newLineEditor(strings.NewReader(tc.keys), &out, "> ", loadHistory(filepath.Join(t.TempDir(), "h")))
			var got []string
			for range 10 {
				line, err := ed.ReadLine()
				if err != nil {
					got = append(got, "error: "+err.Error())
					if errors.Is(err, io.EOF) {
						break
					}
					continue
				}
				got = append(got, line)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got %q, want %q (terminal: %q)", got, tc.want, out.String())
			}
		})
	}
}

func TestPlainLinesRefusesOverlongLines(t *testing.T) {
	in := "a\r\nb\n" + strings.Repeat("x", 100) + "\nc\n" + strings.Repeat("y", 11) + "\n" + strings.Repeat("z", 10) + "\nlast"
	p := newPlainLines(strings.NewReader(in))
	p.max = 10
	var got []string
	for {
		line, err := p.ReadLine()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			got = append(got, "error: "+err.Error())
			continue
		}
		got = append(got, line)
	}
	want := []string{"a", "b", "error: line too long", "c", "error: line too long", strings.Repeat("z", 10), "last"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFileHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), historyFile)
	h := loadHistory(path)
	for _, q := range []string{"first?", "  ", "exit", "second?", "second?", "QUIT"} {
		h.Add(q)
	}
	if h.Len() != 2 || h.At(0) != "second?" || h.At(1) != "first?" {
		t.Fatalf("history %q", h.entries)
	}
	if again := loadHistory(path); fmt.Sprint(again.entries) != fmt.Sprint(h.entries) {
		t.Fatalf("reloaded %q, want %q", again.entries, h.entries)
	}
	// A file grown past twice the limit is cut back to the newest entries.
	var b strings.Builder
	for i := range 2*historyLines + 5 {
		fmt.Fprintf(&b, "q%d\n", i)
	}
	os.WriteFile(path, []byte(b.String()), 0o600)
	h = loadHistory(path)
	if h.Len() != historyLines || h.At(0) != fmt.Sprintf("q%d", 2*historyLines+4) {
		t.Fatalf("%d entries, newest %q", h.Len(), h.At(0))
	}
	if data, _ := os.ReadFile(path); strings.Count(string(data), "\n") != historyLines {
		t.Fatalf("file not compacted: %d lines", strings.Count(string(data), "\n"))
	}
}

// From a pipe, Ctrl-C while chat waits for a line ends the session.
func TestChatInterruptWhileWaitingQuits(t *testing.T) {
	t.Setenv("CITEBOT_CORPUS", "")
	t.Setenv("CITEBOT_DATA", "")
	pr, pw := io.Pipe()
	defer pw.Close()
	intr := &interrupts{}
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"chat", "--data", t.TempDir()}, env{stdin: pr, stdout: &out, stderr: &errb, interrupts: intr})
	}()
	io.WriteString(pw, "Who did Zhang Qian help?\n")
	io.WriteString(pw, "\n") // returns once chat reads again, after the answer
	intr.interrupt()
	if code := <-done; code != 0 || !strings.Contains(out.String(), "Wusun") {
		t.Fatalf("exit %d: %s %s", code, out.String(), errb.String())
	}
}

// Lines pasted at once, and keys typed after Ctrl-C, are all read.
func TestLineEditorKeepsInputAfterTheLine(t *testing.T) {
	ed := newLineEditor(strings.NewReader("one\rtwo\r\nthree\nfour\x03five\r"), io.Discard, "> ", loadHistory(filepath.Join(t.TempDir(), "h")))
	var got []string
	for {
		line, err := ed.ReadLine()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line = "error: " + err.Error()
		}
		got = append(got, line)
	}
	if want := []string{"one", "two", "three", "error: line cancelled", "five"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}
