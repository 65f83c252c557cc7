package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The event extractor reads a sentence as tokens: words, numbers and single
// punctuation runes, with byte offsets into the sentence so labels can be cut
// from the text as written. Reference markers are not tokens; the token after
// one is marked so that no date expression spans a marker.

type dateTokenKind uint8

const (
	tokWord dateTokenKind = iota + 1
	tokNum
	tokPunct
)

type dateToken struct {
	kind       dateTokenKind
	start, end int // byte offsets in the sentence
	// lower is a word lower-cased, or a number's suffix ("th", "s").
	lower string
	// upper: a word starting with an upper-case letter.
	upper bool
	// val and digits: a number's value and digit count (val -1 past 6 digits).
	val, digits int
	// bad: a number that cannot be a date part: one group of a larger number
	// ("580,000"), a decimal, an amount ("$35", "10%"), or one glued to
	// letters ("G20", "10km").
	bad bool
	// r is a punctuation token's rune.
	r rune
	// space: whitespace (or the sentence start) comes before the token.
	space bool
	// marker: a reference marker comes before the token.
	marker bool
}

// tokenizeForDates appends the tokens of s to toks[:0].
func tokenizeForDates(s string, toks []dateToken) []dateToken {
	toks = toks[:0]
	space, marker := true, false
	for i := 0; i < len(s); {
		c := s[i]
		if c == '[' {
			if end := markerEnd(s, i); end > 0 {
				marker = true
				i = end
				continue
			}
		}
		var t dateToken
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			space = true
			i++
			continue
		case c >= '0' && c <= '9':
			t, i = scanDateNumber(s, i, toks, space || marker)
		case asciiLetter(c):
			t, i = scanDateWord(s, i)
		case c < utf8.RuneSelf:
			t = dateToken{kind: tokPunct, start: i, end: i + 1, r: rune(c)}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsSpace(r):
				space = true
				i += size
				continue
			case dateWordRune(r):
				t, i = scanDateWord(s, i)
			default:
				t = dateToken{kind: tokPunct, start: i, end: i + size, r: r}
				i += size
			}
		}
		t.space, t.marker = space, marker
		space, marker = false, false
		toks = append(toks, t)
	}
	return toks
}

func asciiLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// dateWordRune: letters, combining marks, and digits of other scripts (which
// are never read as years).
func dateWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiLetter(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func scanDateWord(s string, i int) (dateToken, int) {
	start := i
	upper := false
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiLetter(c) {
				break
			}
			if i == start {
				upper = c <= 'Z'
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !dateWordRune(r) {
			break
		}
		if i == start {
			upper = unicode.IsUpper(r) || unicode.IsTitle(r)
		}
		i += size
	}
	return dateToken{kind: tokWord, start: start, end: i, lower: strings.ToLower(s[start:i]), upper: upper}, i
}

// scanDateNumber reads a run of ASCII digits at s[i:], with the thousands groups,
// decimals and suffix glued to it. separated says whether whitespace or a
// marker comes before it.
func scanDateNumber(s string, i int, prev []dateToken, separated bool) (dateToken, int) {
	t := dateToken{kind: tokNum, start: i}
	j := i
	for j < len(s) && asciiDigit(s[j]) {
		j++
	}
	t.digits = j - i
	t.val = -1
	if t.digits <= 6 {
		t.val = 0
		for k := i; k < j; k++ {
			t.val = t.val*10 + int(s[k]-'0')
		}
	}
	if !separated && len(prev) > 0 {
		switch p := prev[len(prev)-1]; p.kind {
		case tokWord:
			// "G20", "COVID19"; but "FY2019" and "Q3" are dates
			if w := s[p.start:p.end]; w != "FY" && w != "Q" {
				t.bad = true
			}
		case tokNum:
			t.bad = true
		case tokPunct:
			if strings.ContainsRune("$€£¥₹#№", p.r) {
				t.bad = true
			}
		}
	}
	// thousands groups and decimals: "580,000", "1.5"
	for j < len(s) {
		if s[j] == ',' && j+4 <= len(s) && asciiDigit(s[j+1]) && asciiDigit(s[j+2]) && asciiDigit(s[j+3]) &&
			(j+4 == len(s) || !asciiDigit(s[j+4])) {
			j += 4
			t.bad = true
			continue
		}
		if s[j] == '.' && j+1 < len(s) && asciiDigit(s[j+1]) {
			j++
			for j < len(s) && asciiDigit(s[j]) {
				j++
			}
			t.bad = true
			continue
		}
		break
	}
	// suffix: "19th", "1990s", "1990's"; anything else glued makes it bad
	if j < len(s) {
		switch c := s[j]; {
		case asciiLetter(c):
			k := j
			for k < len(s) && asciiLetter(s[k]) {
				k++
			}
			suffix := strings.ToLower(s[j:k])
			glued := false
			if k < len(s) && s[k] >= utf8.RuneSelf {
				r, _ := utf8.DecodeRuneInString(s[k:])
				glued = dateWordRune(r)
			}
			if glued || !isDateNumberSuffix(suffix) {
				t.bad = true
			} else {
				t.lower = suffix
			}
			j = k
		case c == '\'' && j+1 < len(s) && s[j+1] == 's' && (j+2 == len(s) || !asciiLetter(s[j+2])):
			t.lower = "s"
			j += 2
		case strings.HasPrefix(s[j:], "’s") && (j+4 == len(s) || !asciiLetter(s[j+4])):
			t.lower = "s"
			j += 4
		case c == '%':
			t.bad = true
		case c >= utf8.RuneSelf:
			if r, _ := utf8.DecodeRuneInString(s[j:]); dateWordRune(r) || r == '‰' {
				t.bad = true
			}
		}
	}
	t.end = j
	return t, j
}

func asciiDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDateNumberSuffix(s string) bool {
	switch s {
	case "st", "nd", "rd", "th", "s":
		return true
	}
	return false
}
