// Package analysis turns text into the terms that citebot indexes and compares:
// Unicode-aware word splitting, diacritic folding, stop words, Snowball
// stemming, CJK bigrams, and sentence splitting.
package analysis

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxWordBytes bounds a single token; longer runs of letters are cut, so a
// pathological input cannot make the stemmer or the index hold huge terms.
const maxWordBytes = 64

// Terms returns the index terms of text in order: words folded to lower-case
// ASCII where possible, stop words dropped, English words stemmed, numbers
// kept, and runs of CJK characters emitted as single characters and bigrams.
func Terms(text string) []string {
	var out []string
	eachToken(text, func(tok string, cjk bool) {
		if cjk {
			out = append(out, tok)
			return
		}
		if IsStopWord(tok) {
			return
		}
		out = append(out, stem(tok))
	})
	return out
}

// Words returns the folded, lower-cased words of text without stemming or
// stop-word removal (CJK characters come out one by one).
func Words(text string) []string {
	var out []string
	eachToken(text, func(tok string, cjk bool) {
		if cjk && utf8.RuneCountInString(tok) > 1 {
			return // bigrams are index features, not words
		}
		out = append(out, tok)
	})
	return out
}

// Stem returns the term for one folded, lower-case word.
func Stem(word string) string { return stem(word) }

func stem(w string) string {
	if !isASCIILetters(w) || len(w) < 3 {
		return w
	}
	if s, ok := stemCache.Load(w); ok {
		return s.(string)
	}
	s := english.Stem(w, false)
	if stemCacheSize.Add(1) <= maxStemCache {
		stemCache.Store(strings.Clone(w), s)
	}
	return s
}

// Stemming dominates indexing time, and a corpus repeats a small vocabulary,
// so stems are cached, up to maxStemCache words (a few MB).
const maxStemCache = 200_000

var (
	stemCache     sync.Map
	stemCacheSize atomic.Int64
)

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// IsCJK reports whether r is written without spaces between words (Han,
// Hiragana, Katakana, Hangul), so it is indexed as characters and bigrams.
func IsCJK(r rune) bool {
	if r < 0x1100 {
		return false // below Hangul Jamo: Latin, Greek, Cyrillic, Arabic…
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// eachToken calls emit for every folded token of text. CJK runs produce each
// character and each adjacent pair; other letters and digits form words.
func eachToken(text string, emit func(tok string, cjk bool)) {
	var word strings.Builder
	var prevCJK rune
	flush := func() {
		if word.Len() > 0 {
			if w := Fold(word.String()); w != "" {
				emit(w, false) // a lone combining mark folds to nothing
			}
			word.Reset()
		}
	}
	for _, r := range text {
		switch {
		case r == utf8.RuneError:
			flush()
			prevCJK = 0
		case IsCJK(r):
			flush()
			emit(string(r), true)
			if prevCJK != 0 {
				emit(string(prevCJK)+string(r), true)
			}
			prevCJK = r
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			prevCJK = 0
			if word.Len() < maxWordBytes {
				word.WriteRune(r)
			}
		default:
			prevCJK = 0
			flush()
		}
	}
	flush()
}

var folderPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold lower-cases s and removes diacritics, so "Ürümqi" becomes "urumqi".
// Letters with no decomposition (ø, ł, ß, æ…) are mapped to their usual
// ASCII spelling.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	t := folderPool.Get().(transform.Transformer)
	t.Reset()
	out, _, err := transform.String(t, s)
	folderPool.Put(t)
	if err != nil {
		out = s
	}
	return specialFold.Replace(strings.ToLower(out))
}

var specialFold = strings.NewReplacer(
	"ø", "o", "ł", "l", "ß", "ss", "æ", "ae", "œ", "oe", "đ", "d", "ð", "d", "þ", "th", "ı", "i",
)

// EachTerm calls fn for every index term of text (as Terms returns them) with
// the folded word it came from; for CJK features word and term are equal.
func EachTerm(text string, fn func(word, term string)) {
	eachToken(text, func(tok string, cjk bool) {
		if cjk {
			fn(tok, tok)
			return
		}
		if IsStopWord(tok) {
			return
		}
		fn(tok, stem(tok))
	})
}
