package corpus

import (
	"regexp"
	"strings"
)

// markerRe matches reference markers copied from encyclopedias: "[13]",
// "[ 22 ]", "[25]: 215", "[40]: 158", "[citation needed]", "[note 3]", and
// language tags such as "[zh]".
var markerRe = regexp.MustCompile(`\[\s*(?:\d{1,4}|[a-z]{2,3}|citation needed|clarification needed|note \d{1,3}|[a-z])\s*\](?:[\s\p{Zs}]*:[\s\p{Zs}]*\d{1,5}(?:[–-]\d{1,5})?)?`)

var spacesRe = regexp.MustCompile(`[ \t\p{Zs}]{2,}`)

// StripMarkers removes reference markers from s and tidies the spaces they
// leave behind. Everything else is kept as written.
func StripMarkers(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	out := markerRe.ReplaceAllString(s, " ")
	out = spacesRe.ReplaceAllString(out, " ")
	out = strings.ReplaceAll(out, " .", ".")
	out = strings.ReplaceAll(out, " ,", ",")
	return strings.TrimSpace(out)
}
