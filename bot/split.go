package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minSplitLimit is the smallest limit splitMessage honours; below it a
// reopened code fence would not leave room for text.
const minSplitLimit = 32

const fence = "```"

// splitMessage splits text into chunks of at most limit characters (runes)
// for Discord messages. It cuts at a paragraph break if it can, else at a
// line break, else at a space, and only as a last resort mid-word; it never
// cuts inside a "[n]" citation marker, a run of backticks or a character.
// It cuts outside code blocks whenever that is possible; a code block too
// long for one chunk is closed at the end of a chunk and reopened (with its
// language) at the start of the next, so each chunk renders on its own.
// Whitespace at the cuts is dropped; empty text yields no chunks.
func splitMessage(text string, limit int) []string {
	var chunks []string
	sp := newSplitter(text)
	for {
		chunk, ok := sp.next(limit)
		if !ok {
			return chunks
		}
		chunks = append(chunks, chunk)
	}
}

// splitter hands out successive chunks of a text; see splitMessage. Each
// chunk costs time in proportion to its length, so splitting is linear.
type splitter struct {
	rest   string // what is left; it never ends with whitespace
	inCode bool   // rest starts inside a code block
	lang   string // of that code block
}

func newSplitter(text string) *splitter {
	return &splitter{rest: strings.TrimRightFunc(text, unicode.IsSpace)}
}

// prefix is what the next chunk starts with: a reopened code fence.
func (s *splitter) prefix() string {
	if s.inCode {
		return fence + s.lang + "\n"
	}
	return ""
}

// trim drops whitespace before the next chunk (only newlines inside code,
// where indentation matters) and reports whether any text is left.
func (s *splitter) trim() bool {
	if s.inCode {
		s.rest = strings.TrimLeft(s.rest, "\n")
	} else {
		s.rest = strings.TrimLeftFunc(s.rest, unicode.IsSpace)
	}
	// rest ends with a non-space (see newSplitter), so it is text if not empty.
	return s.rest != ""
}

// fits reports whether everything left fits in one chunk of limit runes.
func (s *splitter) fits(limit int) bool {
	if !s.trim() {
		return true
	}
	return runesAtMost(s.rest, limit-utf8.RuneCountInString(s.prefix()))
}

// runesAtMost reports whether s has at most n runes, reading at most n+1.
func runesAtMost(s string, n int) bool {
	if n < 0 {
		return false
	}
	if len(s) <= n {
		return true
	}
	for range s {
		if n == 0 {
			return false // one more rune than n
		}
		n--
	}
	return true
}

// next returns the next chunk of at most limit runes (at least
// minSplitLimit), or false when the text is used up.
func (s *splitter) next(limit int) (string, bool) {
	if limit < minSplitLimit {
		limit = minSplitLimit
	}
	if !s.trim() {
		return "", false
	}
	prefix := s.prefix()
	if s.fits(limit) {
		chunk := prefix + s.rest
		s.rest = ""
		return chunk, true
	}
	c := chooseCut(s.rest, limit-utf8.RuneCountInString(prefix), s.inCode, s.lang)
	body := strings.TrimRightFunc(s.rest[:c.at], unicode.IsSpace)
	if c.inCode {
		body += "\n" + fence
	}
	s.rest = s.rest[c.at:]
	s.inCode, s.lang = c.inCode, c.lang
	return prefix + body, true
}

// cut is a position to split at, and the code-block state there.
type cut struct {
	at     int // byte offset
	inCode bool
	lang   string
}

// chooseCut picks where to end the next chunk of rest, whose first budget
// runes are available; rest starts inside a code block when inCode.
func chooseCut(rest string, budget int, inCode bool, lang string) cut {
	window := byteOffset(rest, budget)
	// Inside code the chunk must also hold "\n```".
	codeWindow := byteOffset(rest, budget-len(fence)-1)

	const (
		para = iota
		line
		space
		classes
	)
	var plain, code [classes]cut
	var found, foundCode [classes]bool

	state, curLang := inCode, lang
	for i := 0; i < window; {
		if strings.HasPrefix(rest[i:], fence) {
			state = !state
			if state {
				curLang = fenceLang(rest[i+len(fence):])
			}
			i += len(fence)
			continue
		}
		ch := rest[i]
		i++
		class := -1
		switch {
		case ch == '\n' && i >= 2 && rest[i-2] == '\n':
			class = para
		case ch == '\n':
			class = line
		case ch == ' ' || ch == '\t':
			class = space
		}
		if class < 0 {
			continue
		}
		c := cut{at: i, inCode: state, lang: curLang}
		if !state {
			plain[class], found[class] = c, true
			if class == para {
				plain[line], found[line] = c, true
			}
		} else if i <= codeWindow {
			code[class], foundCode[class] = c, true
			if class == para {
				code[line], foundCode[line] = c, true
			}
		}
	}

	// Outside code: the best class whose last cut leaves the chunk at least
	// half full, else the latest cut of any class.
	for class := para; class < classes; class++ {
		if found[class] && plain[class].at >= window/2 {
			return plain[class]
		}
	}
	best, ok := cut{}, false
	for class := para; class < classes; class++ {
		if found[class] && (!ok || plain[class].at > best.at) {
			best, ok = plain[class], true
		}
	}
	if ok {
		return best
	}
	// Only code here: cut at a line, else a space, inside the block.
	for class := para; class < classes; class++ {
		if foundCode[class] {
			return code[class]
		}
	}
	// No whitespace at all: cut mid-word.
	return hardCut(rest, window, codeWindow, inCode, lang)
}

// hardCut cuts at the last safe byte offset at or before window: not in a
// citation marker or a backtick run, and within codeWindow when it falls
// inside a code block.
func hardCut(rest string, window, codeWindow int, inCode bool, lang string) cut {
	at := window
	for {
		at = safeCut(rest, at)
		state, curLang := codeStateAt(rest, at, inCode, lang)
		if state && at > codeWindow {
			at = codeWindow
			continue
		}
		if at <= 0 {
			// Nothing safe before the window (a marker or backtick run
			// wider than the budget): cut at the window, mid-token.
			at = window
			state, curLang = codeStateAt(rest, at, inCode, lang)
			if state && at > codeWindow {
				at = max(codeWindow, firstRuneEnd(rest))
				state, curLang = codeStateAt(rest, at, inCode, lang)
			}
		}
		return cut{at: at, inCode: state, lang: curLang}
	}
}

// safeCut moves a cut at byte offset at back so that it does not fall inside
// a "[n]" marker or a run of backticks.
func safeCut(s string, at int) int {
	if at <= 0 || at >= len(s) {
		return at
	}
	for at > 0 && s[at-1] == '`' && s[at] == '`' {
		at--
	}
	if start, end, ok := markerAround(s, at); ok && start < at && at < end {
		at = start
	}
	return at
}

// maxMarkerDigits bounds the digits of a citation marker "[n]".
const maxMarkerDigits = 6

// markerAround finds a citation marker "[digits]" that contains byte offset at.
func markerAround(s string, at int) (start, end int, ok bool) {
	start = at - 1
	for start >= 0 && at-start <= maxMarkerDigits+1 && isDigitByte(s[start]) {
		start--
	}
	if start < 0 || s[start] != '[' {
		return 0, 0, false
	}
	end = at
	for end < len(s) && end-start <= maxMarkerDigits+1 && isDigitByte(s[end]) {
		end++
	}
	if end >= len(s) || s[end] != ']' || end-start < 2 || end-start > maxMarkerDigits+1 {
		return 0, 0, false
	}
	return start, end + 1, true
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// codeStateAt reports whether byte offset at of s is inside a code block,
// and its language, given the state at offset 0.
func codeStateAt(s string, at int, inCode bool, lang string) (bool, string) {
	for i := 0; i < at; {
		if strings.HasPrefix(s[i:], fence) && i+len(fence) <= at {
			inCode = !inCode
			if inCode {
				lang = fenceLang(s[i+len(fence):])
			}
			i += len(fence)
			continue
		}
		i++
	}
	return inCode, lang
}

// fenceLang returns the language named right after an opening fence, if the
// rest of its line is a single short word.
func fenceLang(s string) string {
	const maxLang = 16
	end := strings.IndexByte(s[:min(len(s), maxLang+1)], '\n')
	if end < 0 {
		return ""
	}
	word := s[:end]
	if len(word) == 0 {
		return ""
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("+#._-", c) >= 0) {
			return ""
		}
	}
	return word
}

// byteOffset returns the byte offset just after the first n runes of s
// (len(s) if s is shorter), never less than 0.
func byteOffset(s string, n int) int {
	if n <= 0 {
		return 0
	}
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

func firstRuneEnd(s string) int {
	_, size := utf8.DecodeRuneInString(s)
	return size
}

// truncateRunes cuts s to at most n runes, ending with "…" when cut,
// preferring to cut at a space in the last fifth.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	if n == 1 {
		return "…"
	}
	cutAt := byteOffset(s, n-1)
	if sp := strings.LastIndexAny(s[:cutAt], " \n\t"); sp > 0 && sp >= cutAt*4/5 {
		cutAt = sp
	}
	cutAt = safeCut(s, cutAt)
	if cutAt == 0 {
		cutAt = byteOffset(s, n-1)
	}
	return strings.TrimRight(s[:cutAt], " \n\t") + "…"
}
