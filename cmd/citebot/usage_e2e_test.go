package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// runCitebot runs the built binary with stdin and returns its exit code,
// stdout and stderr.
func runWithStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
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
	code, _, stderr := runWithStdin(t, "", "ask", "--data", t.TempDir(), strings.Repeat("é", 4321))
	if code != 2 || !strings.Contains(stderr, "the question is 4,321 characters long; the limit is 4,000") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// A negative number is a value, not a short flag: it gets the same range
// message as any other number out of range.
func TestEndToEndNegativeNumbersGetTheRangeMessage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"ask", "--k", "-1", "q?"}, "--k must be between 1 and 50, not -1"},
		{[]string{"ask", "--k", "0", "q?"}, "--k must be between 1 and 50, not 0"},
		{[]string{"chat", "--k", "-7"}, "--k must be between 1 and 50, not -7"},
		{[]string{"timeline", "--limit", "-1"}, "--limit must be 0 or more, not -1"},
	} {
		code, _, stderr := runWithStdin(t, "", append(tc.args, "--data", t.TempDir())...)
		if code != 2 || !strings.Contains(stderr, tc.msg) || strings.Contains(stderr, "short flag") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, stderr, tc.msg)
		}
	}
}

// Each command's help lists its own flags first, then the global ones, then
// the answer backend's and the embedder's in their own groups.
func TestEndToEndHelpListsOwnFlagsFirst(t *testing.T) {
	for cmd, own := range map[string]string{"ask": "--json", "chat": "--k=5", "timeline": "--year=Y", "eval": "--questions", "serve": "--guild", "index": "Flags:"} {
		code, out, stderr := runWithStdin(t, "", cmd, "--help")
		if code != 0 {
			t.Fatalf("%s --help: exit %d: %s", cmd, code, stderr)
		}
		last := -1
		for _, want := range []string{own, "Global flags:", "--corpus=DIR", "Answer backend", "--llm=", "--llm-context-chars", "Embedder:", "--embedder="} {
			i := strings.Index(out, want)
			if i <= last {
				t.Fatalf("%s --help: %q is not after the flags before it:\n%s", cmd, want, out)
			}
			last = i
		}
	}
}

func TestEndToEndVersion(t *testing.T) {
	code, out, _ := runWithStdin(t, "", "--version")
	if code != 0 || !strings.HasPrefix(out, "citebot ") || !strings.Contains(out, runtime.Version()) {
		t.Fatalf("exit %d: %q", code, out)
	}
}
