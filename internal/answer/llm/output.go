package llm

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultMaxAnswerChars caps the answer text when Config.MaxAnswerChars is 0.
const DefaultMaxAnswerChars = 8000

// MaxAnswerCharsLimit is the largest Config.MaxAnswerChars.
const MaxAnswerCharsLimit = 100000

// keyRedactor removes an API key from streamed text. The key may arrive
// split over chunks, so it holds back the longest tail of the text that
// could start the key.
type keyRedactor struct {
	key  string
	held string
}

func newKeyRedactor(key string) *keyRedactor {
	key = strings.TrimSpace(key)
	if len(key) < 6 || key == keylessToken {
		key = ""
	}
	return &keyRedactor{key: key}
}

// Write returns the part of held text and chunk that can no longer be part
// of the key, with every whole key replaced by "[redacted]".
func (r *keyRedactor) Write(chunk string) string {
	if r.key == "" {
		return chunk
	}
	s := strings.ReplaceAll(r.held+chunk, r.key, "[redacted]")
	h := 0
	for l := min(len(r.key)-1, len(s)); l > 0; l-- {
		if strings.HasSuffix(s, r.key[:l]) {
			h = l
			break
		}
	}
	r.held = s[len(s)-h:]
	return s[:len(s)-h]
}

// Close returns what is still held: the end of the text, not a key.
func (r *keyRedactor) Close() string {
	s := r.held
	r.held = ""
	return s
}

// sentenceEnd matches the end of a sentence: a terminator, closing quotes or
// brackets, and the citation markers that follow it.
var sentenceEnd = regexp.MustCompile(`[.!?。！？]["”’)]*(?:[ \t]*\[[0-9]+\])*`)

// capText cuts text to at most limit runes: at the last sentence end (or line
// break) within the limit, else at the last space with "…", else hard with
// "…". It reports whether text was cut.
func capText(text string, limit int) (string, bool) {
	if limit <= 0 || utf8.RuneCountInString(text) <= limit {
		return text, false
	}
	end := 0 // byte offset of rune number limit
	for i := 0; i < limit; i++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	prefix := text[:end]
	best := -1
	for _, m := range sentenceEnd.FindAllStringIndex(prefix, -1) {
		if m[1] == len(text) || unicode.IsSpace(rune(text[m[1]])) {
			best = m[1]
		}
	}
	if nl := strings.LastIndexByte(prefix, '\n'); nl > best {
		best = nl
	}
	if best > 0 {
		return strings.TrimRightFunc(text[:best], unicode.IsSpace), true
	}
	if sp := strings.LastIndexFunc(prefix, unicode.IsSpace); sp > 0 {
		return strings.TrimRightFunc(text[:sp], unicode.IsSpace) + "…", true
	}
	// One long word: keep limit-1 runes and the ellipsis.
	_, last := utf8.DecodeLastRuneInString(prefix)
	return prefix[:len(prefix)-last] + "…", true
}

// cutWarning tells the user an answer was cut.
func cutWarning(limit int) string {
	return "the answer was cut at " + strconv.Itoa(limit) + " characters"
}
