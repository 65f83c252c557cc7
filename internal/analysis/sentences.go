package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits text into sentences at '.', '!' or '?' (optionally followed
// by closing quotes, brackets or reference markers such as "[13]") when the
// next word starts a new sentence. A line break ends a sentence only in
// text that is not hard-wrapped prose (see hardWrapped). It does not split after common
// abbreviations ("U.S.", "Mr.", "e.g.") or single-letter initials. Each
// sentence is trimmed; joining them with spaces gives back the text's words.
func Sentences(text string) []string {
	var out []string
	start := 0
	i := 0
	wrapped := hardWrapped(text)
	for i < len(text) {
		c := text[i]
		if c == '\n' && !wrapped {
			// A line break ends a sentence when the next line starts one and
			// this line does not run on (captions, list items, headings).
			next := skipSpace(text, i)
			prev := strings.TrimSpace(text[start:i])
			if next < len(text) && startsSentence(text[next:]) && prev != "" && !strings.ContainsAny(prev[len(prev)-1:], ",;:-(") {
				out = append(out, prev)
				start = next
				i = next
				continue
			}
			i++
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		end := i + 1
		// absorb further terminators, closing quotes and brackets
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if r == '.' || r == '!' || r == '?' || r == '"' || r == '\'' || r == ')' || r == '”' || r == '’' || r == '»' {
				end += size
				continue
			}
			break
		}
		// absorb reference markers glued to the end: "...border.[30][31]"
		end = skipMarkers(text, end)
		if end < len(text) && !isSpace(text, end) {
			i = end
			continue
		}
		next := skipSpace(text, end)
		if c == '.' && isAbbreviation(text[start:i]) {
			i = end
			continue
		}
		if next < len(text) && !startsSentence(text[next:]) {
			i = end
			continue
		}
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start = next
		i = next
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func isSpace(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// skipMarkers skips "[..]" groups of at most 20 bytes directly at s[i:].
func skipMarkers(s string, i int) int {
	for i < len(s) && s[i] == '[' {
		j := strings.IndexByte(s[i:], ']')
		if j < 0 || j > 20 {
			break
		}
		i += j + 1
		// "[25]: 215" page references
		if i+1 < len(s) && s[i] == ':' {
			k := i + 1
			for k < len(s) && s[k] == ' ' {
				k++
			}
			d := k
			for d < len(s) && s[d] >= '0' && s[d] <= '9' {
				d++
			}
			if d > k {
				i = d
			}
		}
	}
	return i
}

// startsSentence reports whether s (at a word start) can begin a sentence:
// an upper-case letter, a digit, an opening quote or bracket, or a non-cased
// script such as Han.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r), unicode.IsTitle(r):
		return true
	case r == '"' || r == '“' || r == '(' || r == '[' || r == '\'' || r == '‘' || r == '«':
		return true
	case unicode.IsLetter(r) && !unicode.IsLower(r):
		return true // scripts without case
	}
	return false
}

var abbreviations = toSet(`mr mrs ms dr prof st jr sr vs etc e.g i.e u.s u.k u.n no fig
approx ca cf gen col lt sgt capt rev jan feb mar apr jun jul aug sep sept oct nov dec inc ltd corp co`)

// isAbbreviation reports whether the text before a '.' ends in a known
// abbreviation or a single-letter initial.
func isAbbreviation(before string) bool {
	j := len(before)
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:j])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		j -= size
	}
	word := strings.ToLower(before[j:])
	if word == "" {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		// An initial ("J. R. R. Tolkien"), unless it ends a number ("the 1990s.").
		if j > 0 {
			if r, _ := utf8.DecodeLastRuneInString(before[:j]); unicode.IsDigit(r) {
				return false
			}
		}
		return true
	}
	_, ok := abbreviations[strings.TrimSuffix(word, ".")]
	return ok
}

// wrapWidth is the length every line but the last of hard-wrapped prose
// reaches: text wrapped at 72 or 80 columns has lines of 60 and more.
const wrapWidth = 50

// hardWrapped reports whether text is prose broken into lines at a fixed
// width (man pages, go doc, e-mail, wrapped Markdown): two or more lines,
// each but the last at least wrapWidth long, none a numbered list item.
// In such text a line that starts with a capital ("Reader", "Go") goes on
// the sentence before it; in short lines (captions, list items) a line
// break ends a sentence.
func hardWrapped(text string) bool {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) < 2 {
		return false
	}
	for i, line := range lines {
		l := strings.TrimSpace(line)
		if l == "" || numberedItem(l) {
			return false
		}
		if i < len(lines)-1 && utf8.RuneCountInString(l) < wrapWidth {
			return false
		}
	}
	return true
}

// numberedItem reports whether a line starts a numbered list item: "1. ",
// "12) ".
func numberedItem(l string) bool {
	i := 0
	for i < len(l) && i < 4 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' '
}
