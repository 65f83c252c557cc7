package extractive

// How a sentence covers the question's terms: the word itself, a related
// word, a neighbour, the names asked about.

import (
	"strings"

	"github.com/citebot/citebot/internal/analysis"
)

// termMatch is how a sentence covers a question.
type termMatch struct {
	coverage float64
	// predicate is true when the sentence has one of the question's
	// ordinary words (not names or numbers), or the question has none.
	predicate bool
	// missing is the weight of the heaviest question term the sentence,
	// its neighbours and its title all lack.
	missing float64
	// predicateCov and entityCov are the coverage of the question's
	// ordinary words and of its names and numbers apart; lexical the
	// share of the coverage that related words earned.
	predicateCov, entityCov, lexical float64
	// nameMissing is the weight of the heaviest name of the question
	// that neither the sentence nor its neighbours have.
	nameMissing float64
}

// optionalShare is how much an answer-type noun the sentence has counts
// in its coverage, against an ordinary word.
const optionalShare = 0.5

// relatedCredit is how much of a term's weight a related word earns, at
// relation weight 1: a synonym is evidence, but weaker than the word.
const relatedCredit = 0.8

// match scores a sentence against the question terms. A term counts fully
// when the sentence has it; at relatedCredit × the relation's weight when it
// has a related word; half when only a neighbouring sentence or the title
// has it, when a sentence word shares a long prefix with it ("reconquered"
// and "reconquest"), or, for a name, when the passage names it elsewhere:
// the names say which passage, the other words which of its sentences.
func (a *Answerer) match(q []queryTerm, exp [][]Relation, terms, near, passage map[string]bool, surf map[string][]string) termMatch {
	var got, total, pGot, pTotal, eGot, eTotal, lex float64
	m := termMatch{}
	anyPredicate := false
	for i, qt := range q {
		credit := 0.0
		byLexicon := false
		switch {
		case terms[qt.term] && (!a.features.Surface || surf == nil || sameWord(qt.surface, surf[qt.term])):
			credit = 1
		case terms[qt.term] && derivedWord(qt.surface, surf[qt.term]):
			// One word made from the other by a derivational ending:
			// "retire" and "retirement", "govern" and "government".
			credit = derivationCredit
		case terms[qt.term]:
			// The stem matches but the words differ beyond inflection:
			// Snowball makes "important" and "imported" both "import".
			credit = collisionCredit
		case qt.optional:
			continue // neither for nor against
		default:
			if exp != nil {
				for _, r := range exp[i] {
					if hasAllExact(r.Terms, terms) && relatedCredit*r.Weight > credit {
						credit = relatedCredit * r.Weight
						byLexicon = true
					}
				}
			}
			if (near[qt.term] || prefixMatch(qt.term, terms) || againMatch(qt.term, terms) || qt.entity && passage[qt.term]) && credit < 0.5 {
				credit = 0.5
				byLexicon = false
			}
		}
		if !qt.entity && qt.weight > 0 {
			// A follow-up's own words are often generic ("Why did he
			// quit?"): the earlier turn's words it points back to say what
			// is asked about too.
			if credit >= 0.5 {
				m.predicate = true
			}
			if !qt.context {
				anyPredicate = anyPredicate || !qt.optional
			}
		}
		if credit == 0 && !qt.cue && !qt.context {
			m.missing = max(m.missing, qt.weight)
		}
		if qt.entity && qt.inCorpus && !qt.context && !terms[qt.term] && !near[qt.term] {
			// A name the question gives that the sentence's surroundings
			// lack: "the Suez Canal" is not answered about the Canal Zone.
			m.nameMissing = max(m.nameMissing, qt.weight)
		}
		if qt.context && qt.entity {
			// A name the follow-up points back to ("she" for Elena
			// Markovic) is what the question is about.
			got += qt.weight * credit
			total += qt.weight
			continue
		}
		if qt.context {
			// Other words of an earlier turn help a sentence that has
			// them and cost nothing to one that doesn't.
			if credit > 0 {
				got += qt.weight * credit
				total += qt.weight * credit
			}
			continue
		}
		if qt.optional {
			// The answer-type noun ("Which company …?") present is weak
			// evidence: a sentence about another company has it too.
			got += optionalShare * qt.weight * credit
			total += optionalShare * qt.weight
			continue
		}
		got += qt.weight * credit
		total += qt.weight
		if byLexicon {
			lex += qt.weight * credit
		}
		if qt.entity {
			eGot += qt.weight * credit
			eTotal += qt.weight
		} else {
			pGot += qt.weight * credit
			pTotal += qt.weight
		}
	}
	if !anyPredicate {
		m.predicate = true
	}
	if total > 0 {
		m.coverage = got / total
		m.lexical = lex / total
	}
	m.predicateCov, m.entityCov = 1, 1
	if pTotal > 0 {
		m.predicateCov = pGot / pTotal
	}
	if eTotal > 0 {
		m.entityCov = eGot / eTotal
	}
	return m
}

// termSurfaces maps each term of s to the words of s that make it.
func termSurfaces(s string) map[string][]string {
	out := map[string][]string{}
	analysis.EachTerm(s, func(word, term string) {
		out[term] = append(out[term], word)
	})
	return out
}

// inflections are the endings that change a word's form but not its
// meaning: "founded", "founding" and "found" are one word; "important" and
// "imported" are not, though Snowball stems both to "import".
var inflections = []string{"ings", "ing", "ers", "est", "ies", "ied", "ed", "es", "er", "ly", "s", "d", "e", "y"}

// base strips the longest inflectional ending that leaves 3 letters.
func base(w string) string {
	for _, suf := range inflections {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// sameWord reports whether q and one of ws are forms of one word.
func sameWord(q string, ws []string) bool {
	bq := base(q)
	for _, w := range ws {
		if w == q {
			return true
		}
		bw := base(w)
		if bw == bq {
			return true
		}
		// A doubled consonant or a dropped e: "stopped"/"stop", "making"/"make".
		short, long := bq, bw
		if len(short) > len(long) {
			short, long = long, short
		}
		if strings.HasPrefix(long, short) && len(long)-len(short) <= 1 {
			return true
		}
	}
	return false
}

// derivations are the endings that make a noun, adjective or agent of a
// word without changing what it is about: "retire" and "retirement",
// "elect" and "election", "govern" and "governor". "-ant" is not one of
// them: "import" and "important" are different words.
var derivations = []string{"ments", "ment", "ations", "ation", "ions", "ion", "als", "al", "ances", "ance", "ences", "ence",
	"ities", "ity", "ness", "ures", "ure", "ors", "or", "ers", "er", "ees", "ee", "ive", "ists", "ist", "ism", "able", "ible", "ful", "ous", "ally", "ly"}

// derivedWord reports whether one of ws is q with a derivational ending,
// or q is one of ws with one, either after its inflection is taken off
// (and a final e dropped: "retire", "retirement").
func derivedWord(q string, ws []string) bool {
	for _, w := range ws {
		if derivedFrom(q, w) || derivedFrom(w, q) {
			return true
		}
	}
	return false
}

// derivedFrom reports whether long is short with a derivational ending.
func derivedFrom(short, long string) bool {
	stems := []string{short, base(short)}
	if b := base(short); strings.HasSuffix(short, "e") {
		stems = append(stems, b)
	}
	for _, suf := range derivations {
		if !strings.HasSuffix(long, suf) {
			continue
		}
		root := long[:len(long)-len(suf)]
		if len(root) < 3 {
			continue
		}
		for _, s := range stems {
			if root == s || root+"e" == s || strings.TrimSuffix(s, "e") == root {
				return true
			}
		}
	}
	return false
}

// derivedTerm reports whether terms have a word one derivational ending
// from term, either way: "found" for "founder", "election" for "elect".
// Both are analysis terms, so only roots of four letters or more count.
func derivedTerm(term string, terms map[string]bool) bool {
	if len(term) < 4 {
		return false
	}
	for t := range terms {
		if len(t) >= 4 && t != term && (derivedFrom(term, t) || derivedFrom(t, term)) {
			return true
		}
	}
	return false
}

// surfaceShare is the share of the question's content words that s has in
// the question's own form: of two sentences that match the stem "import",
// "important" in the question favours the one that says "important".
func surfaceShare(q []queryTerm, s string) float64 {
	words := map[string]bool{}
	for _, w := range analysis.Words(s) {
		words[w] = true
	}
	var got, total float64
	for _, qt := range q {
		if qt.weight == 0 || qt.context || qt.optional {
			continue
		}
		total += qt.weight
		if words[qt.surface] {
			got += qt.weight
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

func termSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range analysis.Terms(s) {
		m[t] = true
	}
	return m
}

// againMatch reports whether term is another term with "re-" in front or
// behind it: "recalibrated" and "calibration", "reopen" and "open".
func againMatch(term string, terms map[string]bool) bool {
	if len(term) >= 6 && strings.HasPrefix(term, "re") && (terms[term[2:]] || prefixMatch(term[2:], terms)) {
		return true
	}
	for t := range terms {
		if len(t) >= 6 && strings.HasPrefix(t, "re") && (t[2:] == term || len(term) >= 6 && commonPrefix(t[2:], term) >= 6) {
			return true
		}
	}
	return false
}

// prefixMatch reports whether terms have a word sharing its first six
// letters with term: "reconquered" and "reconquest".
func prefixMatch(term string, terms map[string]bool) bool { return prefixShared(term, terms, 6) }

// cueBonus favours, among sentences that cover a question alike, the one
// that also has its cue words: "named after" for "Who is it named after?".
func cueBonus(q []queryTerm, terms map[string]bool) float64 {
	bonus := 0.0
	for _, qt := range q {
		if qt.cue && terms[qt.term] {
			bonus += 0.05
		}
	}
	return min(bonus, 0.15)
}

// matchesNames reports whether the sentence, its neighbours or its title
// contain at least one of the question's names that the corpus contains.
func matchesNames(q []queryTerm, terms, near map[string]bool) bool {
	named := false
	for _, qt := range q {
		if !qt.entity || !qt.inCorpus {
			continue
		}
		if terms[qt.term] || near[qt.term] {
			return true
		}
		named = true
	}
	return !named
}

// allNamed reports whether the sentence or its surroundings have every
// name and number the question gives that the corpus knows (or a related
// one: Beijing for China): "When did China and Kyrgyzstan establish
// relations?" is not answered by a sentence about Kazakhstan.
func allNamed(q []queryTerm, exp [][]Relation, terms, near map[string]bool) bool {
	for i, qt := range q {
		if !qt.entity || !qt.inCorpus || qt.context {
			continue
		}
		if terms[qt.term] || near[qt.term] {
			continue
		}
		found := false
		if exp != nil {
			for _, r := range exp[i] {
				if hasAllExact(r.Terms, terms) || hasAllExact(r.Terms, near) {
					found = true
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func hasAllExact(want []string, terms map[string]bool) bool {
	if len(want) == 0 {
		return false
	}
	for _, t := range want {
		if !terms[t] {
			return false
		}
	}
	return true
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
