package inert

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func TestDiscord(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text unchanged", "Relations began in 1992 [1].", "Relations began in 1992 [1]."},
		{"masked link shows its URL", "[click here](http://evil.example/login)", "click here (http://evil.example/login)"},
		{"angle-bracketed target", "[docs](<https://x.example/a b>)", "docs (https://x.example/a b)"},
		{"link with a title", `[bank](https://evil.example "Your bank")`, "bank (https://evil.example)"},
		{"text equal to the URL", "[https://a.example](https://a.example)", "https://a.example"},
		{"nested brackets cannot hide a target", "[a [b] c](http://evil.example)", "[a [b] c]\u200b(http://evil.example)"},
		{"image syntax", "![x](http://evil.example/p.png)", "!x (http://evil.example/p.png)"},
		{"user mention", "hi <@123456789>", "hi <\u200b@123456789>"},
		{"nick mention", "<@!42>", "<\u200b@!42>"},
		{"role mention", "<@&42>", "<\u200b@&42>"},
		{"channel mention", "<#42>", "<\u200b#42>"},
		{"mass mentions", "@everyone and @here", "@\u200beveryone and @\u200bhere"},
		{"mass mention inside a word", "a@everyone", "a@\u200beveryone"},
		{"citation markers kept", "A [1][2]. B [3].", "A [1][2]. B [3]."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Discord(tt.in); got != tt.want {
				t.Errorf("Discord(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTerminal(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text unchanged", "Line one\n\tLine two – ü", "Line one\n\tLine two – ü"},
		{"escape sequence", "\x1b]8;;http://evil\x07link\x1b]8;;\x07", `\x1b]8;;http://evil\x07link\x1b]8;;\x07`},
		{"carriage return", "ok\rFAKE", `ok\x0dFAKE`},
		{"C1 control", "a\u009bb", `a\x9bb`},
		{"bidi override", "abc\u202edcba", `abc\u202edcba`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terminal(tt.in); got != tt.want {
				t.Errorf("Terminal(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

var (
	anyMention = regexp.MustCompile(`<[@#]|@(?:everyone|here)\b`)
)

func FuzzDiscord(f *testing.F) {
	for _, s := range []string{"[a](http://x)", "<@1> @everyone", "[[a](b)](c)", "]((", "[a]\n(b)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Discord(s)
		if strings.Contains(got, "](") {
			t.Errorf("Discord(%q) = %q keeps link syntax", s, got)
		}
		if anyMention.MatchString(got) {
			t.Errorf("Discord(%q) = %q keeps a mention", s, got)
		}
	})
}

func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"\x1b[31mred", "a\rb", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Terminal(s) {
			if r != '\n' && r != '\t' && (unicode.IsControl(r) || unsafeRune(r)) {
				t.Fatalf("Terminal(%q) keeps %U", s, r)
			}
		}
	})
}
