package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A document and its file name cannot drive the user's terminal: ask,
// chat, timeline and index print control characters as visible escapes.
func TestEndToEndControlCharactersAreShownNotObeyed(t *testing.T) {
	docs := t.TempDir()
	name := "evil\x1b]0;pwned\x07\u202etxt.md"
	text := "# Lighthouse \x1b[2J\x1b[H\n\nThe Blackrock lighthouse was first lit in 1874 \x1b[31mby keeper Ada Moss\x1b[0m\u009b.\n"
	if err := os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	for _, tc := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"index"}},
		{"", []string{"ask", "Who first lit the Blackrock lighthouse?"}},
		{"Who first lit the Blackrock lighthouse?\n", []string{"chat"}},
		{"", []string{"timeline"}},
	} {
		code, out, stderr := runWithStdin(t, tc.stdin, append(tc.args, "--corpus", docs, "--data", data)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
			if strings.Contains(out, bad) || strings.Contains(stderr, bad) {
				t.Fatalf("%v printed %q raw:\n%q\n%q", tc.args, bad, out, stderr)
			}
		}
		if tc.args[0] != "index" && !strings.Contains(out, `evil\x1b]0;pwned\x07\u202etxt.md`) {
			t.Fatalf("%v does not show the file name escaped:\n%s", tc.args, out)
		}
	}
	// --json keeps the text: its encoder escapes the controls as JSON does.
	_, out, _ := runWithStdin(t, "", "ask", "--json", "--corpus", docs, "--data", data, "Who first lit the Blackrock lighthouse?")
	if strings.Contains(out, "\x1b") || !strings.Contains(out, `\u001b[31mby keeper Ada Moss`) {
		t.Fatalf("ask --json: %s", out)
	}
}
