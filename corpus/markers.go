package corpus

import (
	"regexp"
	"strings"
)

// markerRe matches reference markers copied from encyclopedias: "[13]",
// "[ 22 ]", "[25]: 215", "[40]: 158", "[citation needed]", "[note 3]", and
// language tags such as "[zh]".
const markerPattern = `\[\s*(?:\d{1,4}|[a-z]{2}|citation needed|clarification needed|note \d{1,3}|[a-z])\s*\](?:[\s\p{Zs}]*:[\s\p{Zs}]*\d{1,5}(?:[–-]\d{1,5})?)?`

var (
	markerRe        = regexp.MustCompile(markerPattern)
	markerAtStartRe = regexp.MustCompile(`^` + markerPattern)
)

// markerEnd returns the end of the reference marker that starts at s[i],
// or -1 when there is none (a Markdown link "[1](…)" is not a marker).
func markerEnd(s string, i int) int {
	m := markerAtStartRe.FindStringIndex(s[i:])
	if m == nil || i+m[1] < len(s) && s[i+m[1]] == '(' {
		return -1
	}
	return i + m[1]
}

var spacesRe = regexp.MustCompile(`[ \t\p{Zs}]{2,}`)

// StripMarkers removes reference markers from s and tidies the spaces they
// leave behind. Everything else is kept as written.
func StripMarkers(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range markerRe.FindAllStringIndex(s, -1) {
		if markerEnd(s, m[0]) < 0 {
			continue // a Markdown link, "[1](https://…)", is text
		}
		b.WriteString(s[last:m[0]])
		b.WriteByte(' ')
		last = m[1]
	}
	b.WriteString(s[last:])
	out := b.String()
	out = spacesRe.ReplaceAllString(out, " ")
	out = strings.ReplaceAll(out, " .", ".")
	out = strings.ReplaceAll(out, " ,", ",")
	return strings.TrimSpace(out)
}
