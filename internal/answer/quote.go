package answer

import (
	"strings"
	"unicode/utf8"

	"github.com/citebot/citebot/internal/analysis"
)

// Excerpt returns what a source list shows of a citation, at most about n
// characters: the sentence the answer used with a few words either side
// ("… the sentence …"), or the passage's opening when the backend could
// not say which sentence it used.
func (c Citation) Excerpt(n int) string {
	text := strings.Join(strings.Fields(c.IndexText()), " ")
	q := strings.Join(strings.Fields(c.Quote), " ")
	i := -1
	if q != "" {
		i = strings.Index(text, q)
	}
	if i < 0 {
		if q != "" {
			return Clip(q, n)
		}
		return Clip(text, n)
	}
	// Spread what is left of n over the context either side.
	room := n - utf8.RuneCountInString(q)
	if room <= 8 {
		return Clip(q, n)
	}
	before, after := text[:i], text[i+len(q):]
	before = lastWords(before, room/3)
	after = firstWords(after, room-utf8.RuneCountInString(before))
	out := q
	if before != "" {
		out = "…" + before + " " + out
	}
	if after != "" {
		out += " " + after + "…"
	}
	return out
}

// Clip shortens s, its runs of white space made single spaces, to at most
// n characters at a word boundary, ending it with "…" when cut.
func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:max(n-1, 1)]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// lastWords returns the whole words at the end of s within n characters.
func lastWords(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[len(r)-n:])
	if i := strings.IndexByte(cut, ' '); i >= 0 {
		cut = cut[i+1:]
	} else {
		cut = ""
	}
	return cut
}

// firstWords returns the whole words at the start of s within n characters.
func firstWords(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i >= 0 {
		cut = cut[:i]
	} else {
		cut = ""
	}
	return cut
}

// BestSentence returns the sentence of passage that shares the most terms
// with claim: what an answer that cites the passage for that claim stands
// on. It returns "" when no sentence shares a term.
func BestSentence(claim, passage string) string {
	want := map[string]bool{}
	for _, t := range analysis.Terms(claim) {
		want[t] = true
	}
	best, bestN := "", 0
	for _, s := range analysis.Sentences(passage) {
		n := 0
		seen := map[string]bool{}
		for _, t := range analysis.Terms(s) {
			if want[t] && !seen[t] {
				seen[t] = true
				n++
			}
		}
		if n > bestN {
			best, bestN = s, n
		}
	}
	return best
}
