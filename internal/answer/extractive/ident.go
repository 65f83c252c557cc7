package extractive

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/citebot/citebot/retrieval"
)

// Identifiers in a question — the names of code ("sync.OnceValues",
// "SearchFloat64s", "tls.max_version"), of products written the same way
// ("FreeBSD", "GitHub"), and codes ("E03", "TH104") — are exact:
// documentation that never writes one does not answer a question about
// it, however well the rest of a sentence matches ("What does
// sync.OnceValues return?" is not answered by OnceValue's doc). Plain
// words and capitalised names are not identifiers: a paraphrase may name
// them another way.
var (
	// identRe finds identifier-shaped tokens: a qualified name (a dot
	// between letters), a snake_case name, a word with a capital inside,
	// or a code.
	identRe = regexp.MustCompile(`\b[A-Za-z]\w*(?:\.[A-Za-z_]\w*)+(?:\(\))?|\b[A-Za-z]\w*_\w+|\b[A-Za-z]*[a-z][A-Z]\w*|\b[A-Z]{1,5}\d{1,6}\b`)
	// codeRe matches a code: capitals then digits, an error code ("E4",
	// "B302"), a rule ("TH104"), an action item ("A7"), a course
	// ("CES1030").
	codeRe = regexp.MustCompile(`^[A-Z]{1,5}\d{1,6}$`)
	// periodRe matches quarters and halves ("Q3", "H1"), which documents
	// write out ("the third quarter").
	periodRe = regexp.MustCompile(`^(?:Q[1-4]|H[12])$`)
	// humpRe splits a CamelCase word into its parts.
	humpRe = regexp.MustCompile(`[A-Z]?[a-z]+|[A-Z]+(?:s\b|[A-Z]*(?:[^a-z]|$))|\d+`)
	// eitherOrRe: a question that offers alternatives names one the
	// documents need not have ("Do keys start with tk_test_ or tk_sand_?").
	eitherOrRe = regexp.MustCompile(`(?i)\bor\b`)
)

// unknownIdentifier reports whether the question names an identifier that
// none of the passages read has as a word: a qualified name's last part
// (the name itself: "Slice" of "sort.Slice"), a CamelCase word, a
// snake_case name ("tls.max_version") or a code ("E03"). The passages are
// searched, not the index, because the index knows stems and words: "OnceValues" has the
// stem of "OnceValue", and "max_version" is two words to it. A question
// about an identifier the corpus has reads a passage with it (retrieval
// matches its stem). Lower-case dotted names are left alone: file names
// ("burrow.lock") and products ("Node.js") are written in many ways.
func unknownIdentifier(question string, hits []retrieval.Hit) bool {
	if eitherOrRe.MatchString(question) {
		return false
	}
	for _, tok := range identRe.FindAllString(question, -1) {
		tok = strings.TrimSuffix(tok, "()")
		last := tok[strings.LastIndexByte(tok, '.')+1:]
		switch {
		case isAbbrev(tok):
			continue
		case strings.Contains(last, "_") || codeRe.MatchString(tok) && !periodRe.MatchString(tok):
			if !inPassages(tok, hits) {
				return true
			}
		case strings.Contains(tok, ".") && startsUpper(last) || isCamel(last):
			if !inPassages(last, hits) {
				return true
			}
		}
	}
	return false
}

// isAbbrev reports whether a dotted token is an abbreviation ("e.g",
// "U.S", "a.m"): single letters between the dots.
func isAbbrev(tok string) bool {
	for _, part := range strings.Split(tok, ".") {
		if len(part) > 1 {
			return false
		}
	}
	return true
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// isCamel reports whether a word is CamelCase with at least two parts of
// two or more letters ("ScanRunes", "GitHub", "macOS"), which leaves out
// abbreviations with a stray capital ("PhD", "MoU", "kWh").
func isCamel(w string) bool {
	n := 0
	for _, h := range humpRe.FindAllString(w, -1) {
		if len(h) >= 2 {
			n++
		}
	}
	return n >= 2
}

// inPassages reports whether a passage read, or its heading, has tok as a
// word (or within a longer identifier: "max_version" in
// "tls.max_version"), whatever its case; an acronym's plural is found as
// the acronym ("NaNs" as "NaN", "URLs" as "URL"; but "OnceValues" is not
// "OnceValue").
func inPassages(tok string, hits []retrieval.Hit) bool {
	forms := []string{strings.ToLower(tok)}
	if base, ok := strings.CutSuffix(tok, "s"); ok && base != "" && unicode.IsUpper(rune(base[len(base)-1])) {
		forms = append(forms, strings.ToLower(base))
	}
	for _, h := range hits {
		// The heading counts: a troubleshooting page's section is often
		// the error itself ("## `QS115: duplicate permalink`").
		text := strings.ToLower(h.Heading() + "\n" + h.Text)
		for _, f := range forms {
			if hasWord(text, f) {
				return true
			}
		}
	}
	return false
}

// hasWord reports whether text has w not glued to more letters or digits
// on either side.
func hasWord(text, w string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		if !isWordByte(text, start-1) && !isWordByte(text, end) {
			return true
		}
		i = start + 1
	}
}

func isWordByte(text string, i int) bool {
	if i < 0 || i >= len(text) {
		return false
	}
	c := text[i]
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}
