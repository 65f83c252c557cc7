package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// runCitebot runs the built binary with stdin and returns its exit code,
// stdout and stderr.
func runCitebot(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(citebotBinary(t), args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "CITEBOT_CORPUS=", "CITEBOT_DATA=", "CITEBOT_LLM=extractive", "CITEBOT_EMBEDDER=local")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String(), errb.String()
	case err != nil:
		t.Fatalf("citebot %v: %v", args, err)
	}
	return 0, out.String(), errb.String()
}

func TestEndToEndLongQuestionSaysHowLong(t *testing.T) {
	code, _, stderr := runCitebot(t, "", "ask", "--data", t.TempDir(), strings.Repeat("é", 4321))
	if code != 2 || !strings.Contains(stderr, "the question is 4,321 characters long; the limit is 4,000") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
