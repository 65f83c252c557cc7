package extractive

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/citebot/citebot/internal/analysis"
)

// kind is what a question asks for, read from its wording.
type kind int

const (
	kindOther kind = iota
	kindWhen
	kindWho
	kindQuantity
	kindWhere
)

var (
	whenRe     = regexp.MustCompile(`(?i)^\s*(when\b|(in|during|by|since|until)?\s*(what|which)\s+(year|date|day|month|decade|century|period|era|time)\b|how long ago\b)`)
	whoRe      = regexp.MustCompile(`(?i)^\s*(who|whom|whose|(which|what)\s+(person|people|official|emperor|leader|president|minister|professor|ruler|king|general|scholar|envoy|group|body|country|countries|nation|nations|organi[sz]ation|ministry|committee|dynasty|state|tribe|empire)\b)`)
	quantityRe = regexp.MustCompile(`(?i)\bhow\s+(many|much|large|big|long|far|tall|high|old)\b|\bwhat\s+(number|amount|percentage|share|size)\b`)
	whereRe    = regexp.MustCompile(`(?i)^\s*(where\b|(in|at|near|from|to)?\s*(what|which)\s+(place|city|town|region|area|province|river|location|site|country)\b)`)
)

// focusRe finds the thing asked for in "What is the capital city of
// Kazakhstan?" or "Who was the first president of …": the words between the
// article and the preposition.
var focusRe = regexp.MustCompile(`(?i)^\s*(?:what|who|which)\s+(?:is|was|are|were)\s+(?:the|a|an)\s+([\p{L}\p{N}' -]{2,60}?)\s+(?:of|in|for|at|on|between|with)\b`)

// focusTerms returns the terms of the thing a "What is the X of Y?"
// question asks for; a sentence that lacks any of them does not answer it,
// however much of Y it mentions.
func focusTerms(q string) []string {
	m := focusRe.FindStringSubmatch(q)
	if m == nil {
		return nil
	}
	var out []string
	for _, t := range analysis.Terms(m[1]) {
		if !metaTerms[t] {
			out = append(out, t)
		}
	}
	return out
}

// answerTypeRe finds the noun of "Which country …?" or "In what year …?":
// the kind of thing the answer is. A sentence often answers with an instance
// ("Tanzania", "1862") rather than the noun itself, so the noun is optional.
var answerTypeRe = regexp.MustCompile(`(?i)^\s*(?:(?:in|on|at|from|to|for|during|by|with|of)\s+)?(?:which|what)\s+([\p{L}-]+)`)

var auxiliaries = map[string]bool{"is": true, "was": true, "are": true, "were": true, "did": true, "does": true, "do": true,
	"has": true, "have": true, "had": true, "can": true, "could": true, "will": true, "would": true, "should": true, "may": true, "might": true}

// measureNouns ask for an amount, which a sentence states in their own
// words ("85 percent", "a share of"), so they stay required terms.
var measureNouns = map[string]bool{"percentage": true, "percent": true, "number": true, "amount": true, "share": true,
	"size": true, "proportion": true, "fraction": true, "rate": true, "ratio": true, "total": true, "sum": true,
	"price": true, "cost": true, "value": true}

// answerType returns the term of the answer-type noun of q, or "".
func answerType(q string) string {
	m := answerTypeRe.FindStringSubmatch(q)
	if m == nil || auxiliaries[strings.ToLower(m[1])] || measureNouns[strings.ToLower(m[1])] {
		return ""
	}
	if ts := analysis.Terms(m[1]); len(ts) == 1 {
		return ts[0]
	}
	return ""
}

func classify(q string) kind {
	switch {
	case whenRe.MatchString(q):
		return kindWhen
	case quantityRe.MatchString(q):
		return kindQuantity
	case whereRe.MatchString(q):
		return kindWhere
	case whoRe.MatchString(q):
		return kindWho
	}
	return kindOther
}

// metaTerms are stems of words that describe the asking rather than the
// thing asked about ("How is Taraz described?", "What is it called?"). They
// carry no evidence, so they neither help nor hurt a sentence's coverage.
var metaTerms = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`describe described call called name named mention mentioned
		refer referred know known consider considered happen happened according state stated
		give given example kind type sort`) {
		metaTerms[analysis.Stem(w)] = true
	}
	// Words that stay searchable in the index but say little about which
	// sentence answers (Snowball's longer English stop list).
	for _, w := range strings.Fields(`under over through other others every each few more most own same
		again further once here all any both nor not only off out up down above below before after
		between against during onto upon per via within without another many much`) {
		metaTerms[analysis.Stem(w)] = true
	}
}

// queryTerm is a question term with its weight in the coverage sum.
type queryTerm struct {
	term   string
	weight float64
	// entity is true when the question writes it as a name, acronym or number.
	entity bool
	// inCorpus is true when some passage contains the term.
	inCorpus bool
	// cue marks a word that describes the asking ("named", "after"): it has
	// no weight in the coverage, but helps choose between sentences.
	cue bool
	// optional marks the answer-type noun ("Which country …?"): it counts
	// when a sentence has it and is not held against one that doesn't.
	optional bool
}

// questionTerms returns the weighted, de-duplicated content terms of q.
func questionTerms(q string, idf func(string) float64, inCorpus func(string) bool, maxIDF float64) []queryTerm {
	entities := entityTerms(q)
	typ := answerType(q)
	seen := map[string]bool{}
	var out []queryTerm
	analysis.EachTerm(q, func(word, term string) {
		if seen[term] || interrogatives[word] {
			return
		}
		seen[term] = true
		qt := queryTerm{term: term, entity: entities[term], inCorpus: inCorpus(term), optional: term == typ}
		switch {
		case metaTerms[term]:
			qt.cue = true
		case qt.inCorpus:
			qt.weight = idf(term)
		case qt.entity:
			// A name the documents never mention: strong evidence that
			// they don't answer the question.
			qt.weight = 1.5 * maxIDF
		default:
			qt.weight = maxIDF
		}
		out = append(out, qt)
	})
	return out
}

var interrogatives = map[string]bool{"how": true, "many": true, "much": true, "whom": true}

// entityTerms returns the terms of words written as names (capitalised
// after the first word), acronyms or numbers.
func entityTerms(q string) map[string]bool {
	out := map[string]bool{}
	fields := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	for i, f := range fields {
		r := []rune(f)
		isNum := unicode.IsDigit(r[0])
		isName := unicode.IsUpper(r[0]) && i > 0
		if !isNum && !isName {
			continue
		}
		for _, t := range analysis.Terms(f) {
			out[t] = true
		}
	}
	return out
}
