package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTermSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, Ürümqi – 1992\n\tindented", "plain text, Ürümqi – 1992\n\tindented"},
		{"\x1b[2J\x1b[Hcleared", `\x1b[2J\x1b[Hcleared`},
		{"title\x1b]0;pwned\x07", `title\x1b]0;pwned\x07`},
		{"line one\r\nline two\roverwritten", "line one\nline two\\x0doverwritten"},
		{"nul\x00 del\x7f bs\b", `nul\x00 del\x7f bs\x08`},
		{"c1 \u009b31m csi", `c1 \u009b31m csi`},
		{"evil\u202egnp.md and \u2066isolate\u2069", `evil\u202egnp.md and \u2066isolate\u2069`},
		{"bad \xff\x9b bytes", `bad \xff\x9b bytes`},
		{"a real \uFFFD stays", "a real \uFFFD stays"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := termSafe(tc.in); got != tc.want {
			t.Errorf("termSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzTermSafe(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "a\r\nb\rc", "\u202e", "\xff\x9b", "\uFFFD", "x\u0085y", "\t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := termSafe(s)
		if !utf8.ValidString(got) {
			t.Fatalf("termSafe(%q) = %q is not UTF-8", s, got)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("termSafe(%q) = %q keeps %U", s, got, r)
			}
		}
		// Safe text is left as it is, and termSafe is idempotent.
		if unsafeAt(s) < 0 && got != s {
			t.Fatalf("termSafe changed safe text %q to %q", s, got)
		}
		if again := termSafe(got); again != got {
			t.Fatalf("termSafe(termSafe(%q)) = %q, want %q", s, again, got)
		}
		if strings.Count(got, "\n") != strings.Count(s, "\n") {
			t.Fatalf("termSafe(%q) changed the lines: %q", s, got)
		}
	})
}
