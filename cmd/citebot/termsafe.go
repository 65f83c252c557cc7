package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// termSafe makes visible the characters in s that could drive a terminal
// rather than be shown on it: escape sequences (ESC), the other C0 controls
// except newline and tab, DEL, the C1 controls (U+0080–U+009F), the bidi
// embeddings, overrides and isolates that reorder what is shown, and bytes
// that are not UTF-8. Each becomes a visible escape such as \x1b or \u202e;
// a CR directly before a newline is dropped. Everything people read that
// comes from documents, file names or a model passes through it; --json
// output does not (its encoder escapes controls itself).
func termSafe(s string) string {
	i := unsafeAt(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF: the newline follows.
		case unsafeRune(r):
			if r < 0x80 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeAt returns the index of the first byte termSafe changes, or -1.
func unsafeAt(s string) int {
	for i, r := range s {
		if unsafeRune(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			return i
		}
	}
	return -1
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
