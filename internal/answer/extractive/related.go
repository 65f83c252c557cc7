package extractive

// Related words from internal/lexicon, looked up once per question.

import (
	"strings"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/lexicon"
)

// derivationFactor discounts derivations against synonyms.
const derivationFactor = 0.6

// neighbourFactor discounts a distributional neighbour's cosine: words
// used alike are weaker evidence than synonyms.
const neighbourFactor = 0.9

// lexiconRelated adapts internal/lexicon: synonyms, derivations,
// irregular forms and places at their weights, and, when neighbours is
// true, words used in the same contexts as loose relations; hypernyms
// ("price" → "value") are too loose to cover a question's word and are
// left out.
func lexiconRelated(neighbours bool) Related {
	return func(terms ...string) []Relation { return lexiconRelations(neighbours, terms) }
}

func lexiconRelations(neighbours bool, terms []string) []Relation {
	var rs []lexicon.Relation
	if len(terms) == 1 {
		rs = lexicon.Related(terms[0])
	} else {
		rs = lexicon.RelatedPhrase(terms)
	}
	out := make([]Relation, 0, len(rs))
	for _, r := range rs {
		if r.Kind == lexicon.Hypernym || r.Kind == lexicon.Antonym {
			continue
		}
		if r.Kind == lexicon.Neighbour {
			if neighbours {
				out = append(out, Relation{Terms: r.Terms, Weight: neighbourFactor * float64(r.Weight), Loose: true})
			}
			continue
		}
		w := float64(r.Weight)
		if r.Kind == lexicon.Derivation {
			// A derivation changes the part of speech and often the sense:
			// "foundations" of a relationship did not "found" a khanate.
			w *= derivationFactor
		}
		out = append(out, Relation{Terms: r.Terms, Weight: w})
		// One step further by form only: "pass away" → "die" → "death".
		if len(r.Terms) == 1 {
			for _, r2 := range lexicon.Related(r.Terms[0]) {
				if r2.Kind == lexicon.Derivation || r2.Kind == lexicon.Inflection {
					out = append(out, Relation{Terms: r2.Terms, Weight: float64(r.Weight * r2.Weight)})
				}
			}
		}
	}
	return out
}

// lexiconOpposites adapts internal/lexicon's antonyms.
func lexiconOpposites(term string) []string {
	var out []string
	for _, r := range lexicon.Related(term) {
		if r.Kind == lexicon.Antonym && len(r.Terms) == 1 {
			out = append(out, r.Terms[0])
		}
	}
	return out
}

// oppositesOf looks up, once per question, the opposites of each of its
// ordinary words (nil for the others): not the common ones ("first",
// "last"), nor those the question itself uses.
func (a *Answerer) oppositesOf(q []queryTerm) [][]string {
	if a.opposites == nil {
		return nil
	}
	asked := make(map[string]bool, len(q))
	for _, qt := range q {
		asked[qt.term] = true
	}
	out := make([][]string, len(q))
	for i, qt := range q {
		if qt.entity || qt.context || qt.cue || weakOpposites[qt.term] {
			continue
		}
		for _, o := range a.opposites(qt.term) {
			if !asked[o] && !weakOpposites[o] && commonPrefix(o, qt.term) < 4 {
				out[i] = append(out[i], o)
			}
		}
	}
	return out
}

// opposedBy reports whether a sentence (its terms) says the opposite of
// one of the question's ordinary words instead of the word itself: "at
// night" for "during the day", "high temperatures" for "low temperatures".
// Such a sentence answers another question. opp are the question's
// opposites (see oppositesOf).
func opposedBy(q []queryTerm, opp [][]string, terms map[string]bool) bool {
	for i, os := range opp {
		if len(os) == 0 || terms[q[i].term] || prefixShared(q[i].term, terms, 4) {
			continue
		}
		for _, o := range os {
			if terms[o] {
				return true
			}
		}
	}
	return false
}

// weakOpposites are antonyms too common in other senses to say a sentence
// is about the opposite: "last" is a verb as often as the opposite of
// "first", "more" and "less" compare anything.
var weakOpposites = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`first last next previous more less most least new old always never before after
		early late begin end start finish give take come go in out up down still far near well left right back`) {
		weakOpposites[analysis.Stem(w)] = true
	}
}

// prefixShared reports whether terms have a word sharing its first n
// letters with term: "westernmost" for "west".
func prefixShared(term string, terms map[string]bool, n int) bool {
	if len(term) < n {
		return false
	}
	for t := range terms {
		if commonPrefix(t, term) >= n {
			return true
		}
	}
	return false
}

// hasFocus reports whether a sentence has the thing a "What is the X of
// Y?" question asks for, the word itself or a related one.
func (a *Answerer) hasFocus(focus focusPhrase, terms map[string]bool) bool {
	for _, t := range focus.Need {
		if !a.hasTerm(t, terms) {
			return false
		}
	}
	missing := 0
	for _, t := range focus.Mods {
		if !a.hasTerm(t, terms) {
			missing++
		}
	}
	return missing <= len(focus.Mods)/2
}

// hasTerm reports whether terms have t, a word sharing a long prefix with
// it, or a word related in meaning (not merely used alike: "growth" is no
// GDP).
func (a *Answerer) hasTerm(t string, terms map[string]bool) bool {
	if terms[t] || prefixMatch(t, terms) || derivedTerm(t, terms) {
		return true
	}
	if a.related != nil {
		for _, r := range a.related(t) {
			if !r.Loose && hasAllExact(r.Terms, terms) {
				return true
			}
		}
	}
	return false
}

// expansions looks up the related words of each question term once per
// question.
func (a *Answerer) expansions(q []queryTerm) [][]Relation {
	if a.related == nil {
		return nil
	}
	out := make([][]Relation, len(q))
	for i, qt := range q {
		if qt.cue {
			continue
		}
		// Names too: Beijing stands for China, Peking is Beijing; but a
		// name's neighbours only when they are its other forms: "Chinese"
		// for China, not Japan.
		for _, r := range a.related(qt.term) {
			if !qt.entity || !r.Loose || len(r.Terms) == 1 && commonPrefix(r.Terms[0], qt.term) >= 4 {
				out[i] = append(out[i], r)
			}
		}
		if qt.entity {
			continue
		}
		// A two-word phrase ("pass away") may have relations its words
		// lack ("die", "death"): they cover both words.
		if i+1 < len(q) && !q[i+1].cue && !q[i+1].entity && !qt.context && !q[i+1].context {
			if rs := a.related(qt.term, q[i+1].term); len(rs) > 0 {
				out[i] = append(out[i], rs...)
				out[i+1] = append(out[i+1], rs...)
			}
		}
	}
	return out
}
