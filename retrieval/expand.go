package retrieval

import (
	"github.com/citebot/citebot/internal/lexicon"
)

// LexiconUse says how retrieval uses internal/lexicon, WordNet's related
// words: expanding BM25 queries, and concept features in the local
// embedder. A zero weight turns a use off.
type LexiconUse struct {
	// Query scales the BM25 weight of a query word's related words: a
	// relation of weight w counts w×Query of the word itself (and never
	// more than the word would, by IDF).
	Query float64
	// Concepts scales the features the local embedder adds for a word's
	// related words, so that synonyms share features.
	Concepts float64
	// Kinds are the relations used; nil means DefaultLexiconKinds.
	Kinds []lexicon.Kind
	// MissingOnly expands only query words that no passage contains.
	MissingOnly bool
	// MinWeight ignores relations weaker than it.
	MinWeight float32
	// Neighbours scales, on top of Query, the lexicon's distributional
	// neighbours (words used in the same contexts) in BM25 queries; they
	// are never embedder concepts, which must not change with it.
	Neighbours float64
}

// DefaultLexiconKinds are the relations retrieval uses unless told
// otherwise. Hypernyms are left out: "buy" → "get" found more noise than
// answers.
var DefaultLexiconKinds = []lexicon.Kind{lexicon.Synonym, lexicon.Derivation, lexicon.Inflection, lexicon.Holonym}

// DefaultLexiconUse is what Build and Open use without WithLexicon; the
// figures behind it come from TestLexiconOnEvalSets.
var DefaultLexiconUse = LexiconUse{Query: 0.4, Concepts: 0.5, Neighbours: 1}

// NoLexicon turns every use of the lexicon off.
var NoLexicon = LexiconUse{}

// WithLexicon sets how retrieval uses the lexicon (default DefaultLexiconUse).
func WithLexicon(u LexiconUse) Option { return func(o *options) { o.lexicon = u } }

// kindSet is a set of lexicon kinds as bits.
type kindSet uint32

func kindsOf(ks []lexicon.Kind) kindSet {
	if ks == nil {
		ks = DefaultLexiconKinds
	}
	var s kindSet
	for _, k := range ks {
		s |= 1 << k
	}
	return s
}

func (s kindSet) has(k lexicon.Kind) bool { return s&(1<<k) != 0 }

// relatedTo calls fn for each relation of the terms starting at terms[i]:
// the single term's, and those of the phrases of up to lexicon.MaxPhrase
// terms that start there. n is how many terms the key spans.
func relatedTo(terms []string, i int, u LexiconUse, kinds kindSet, fn func(r lexicon.Relation, n int)) {
	for n := 1; n <= lexicon.MaxPhrase && i+n <= len(terms); n++ {
		for _, r := range lexicon.RelatedPhrase(terms[i : i+n]) {
			if (kinds.has(r.Kind) || r.Kind == lexicon.Neighbour && u.Neighbours > 0) && r.Weight >= u.MinWeight {
				fn(r, n)
			}
		}
	}
}
