// Package inert renders untrusted text — from documents or from a model —
// so that it shows what it says and does nothing else: no hidden link
// targets and no pings in Discord, no escape sequences on a terminal.
package inert

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// zwsp (zero-width space) breaks Discord syntax without changing what a
// reader sees.
const zwsp = "\u200b"

// maskedLink is a Markdown link whose text hides its target:
// [text](url), [text](<url>), [text](url "title").
var maskedLink = regexp.MustCompile(`\[([^\[\]\n]*)\]\(\s*(?:<([^<>\n]*)>|([^()\s<>]*))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)`)

// mention is Discord's user, role and channel mention syntax, and the two
// mass mentions.
var mention = regexp.MustCompile(`<(?:@[!&]?|#)|@(?:everyone|here)\b`)

// Discord returns s safe to post in a Discord message or embed: every masked
// link becomes its text followed by the visible URL in parentheses, any
// other "](" that Discord could read as a link is broken, and mention syntax
// (<@id>, <@!id>, <@&id>, <#id>, @everyone, @here) is escaped so it shows
// as written and resolves to no one. Discord's allowed_mentions must still be
// empty: this is the second guard, and the visible one.
func Discord(s string) string {
	s = maskedLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := maskedLink.FindStringSubmatch(m)
		text, url := strings.TrimSpace(sub[1]), sub[2]+sub[3]
		switch {
		case url == "":
			return text
		case text == "" || text == url:
			return url
		}
		return text + " (" + url + ")"
	})
	s = strings.ReplaceAll(s, "](", "]"+zwsp+"(")
	return mention.ReplaceAllStringFunc(s, func(m string) string {
		if m[0] == '<' {
			return "<" + zwsp + m[1:]
		}
		return "@" + zwsp + m[1:]
	})
}

// Terminal returns s safe to print on a terminal: control characters other
// than newline and tab (escape sequences, carriage returns, backspaces, C1
// controls) and the bidirectional overrides that reorder what is shown are
// replaced by visible escapes such as \x1b and \u202e.
func Terminal(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if !unsafeRune(r) {
			b.WriteRune(r)
			continue
		}
		if r < 0x100 {
			fmt.Fprintf(&b, `\x%02x`, r)
		} else {
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional embeddings, overrides, isolates and marks
	}
	return false
}
