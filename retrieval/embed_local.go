package retrieval

import (
	"context"
	"fmt"
	"math"

	"github.com/citebot/citebot/internal/analysis"
	"github.com/citebot/citebot/internal/lexicon"
)

// LocalDim is the dimension of the local embedder's vectors. 256 keeps a full
// scan of 100k passages near 10 ms on two cores while leaving few collisions
// among the 50–150 features of a paragraph; the feature hashing is signed, so
// collisions add noise rather than bias.
const LocalDim = 256

// LocalEmbedderID names the local embedder and its feature scheme, with the
// default concept features (DefaultLexiconUse), in the manifest; change it
// whenever the features change.
const LocalEmbedderID = "local-hash-v2-256-lex0.5"

// localEmbedderID names the local embedder's features under u.
func localEmbedderID(u LexiconUse) string {
	if u.Concepts <= 0 {
		return "local-hash-v2-256"
	}
	id := fmt.Sprintf("local-hash-v2-256-lex%g", u.Concepts)
	if u.Kinds != nil {
		id += fmt.Sprintf("-k%x", kindsOf(u.Kinds))
	}
	return id
}

// TermWeigher returns the weight of an index term, such as its inverse
// document frequency in the corpus.
type TermWeigher func(term string) float64

// NewLocalEmbedder returns the offline, deterministic embedder. A text's
// vector is the signed feature hash of its stemmed words (weighted by weigh
// and by 1+ln(term frequency)) plus the character trigrams of each word at
// half that weight, so that inflections, compounds and misspellings
// ("Kazakshtan") still land near each other. Each word (and phrase) also
// adds the features of its related words from the lexicon (see
// DefaultLexiconUse), at reduced weight, so that "bought" lands near
// "purchased" and "CEO" near "chief executive officer". Vectors are
// L2-normalised; a text without any word gets a fixed unit vector.
func NewLocalEmbedder(weigh TermWeigher) Embedder {
	return newLocalEmbedder(weigh, DefaultLexiconUse)
}

func newLocalEmbedder(weigh TermWeigher, u LexiconUse) Embedder {
	embed := func(ctx context.Context, text string) ([]float32, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return localVector(text, weigh, u), nil
	}
	return Embedder{ID: localEmbedderID(u), Embed: embed}
}

func localVector(text string, weigh TermWeigher, u LexiconUse) []float32 {
	type feature struct {
		word string
		tf   int
	}
	counts := map[string]*feature{}
	var order, terms []string
	analysis.EachTerm(text, func(word, term string) {
		terms = append(terms, term)
		f, ok := counts[term]
		if !ok {
			f = &feature{word: word}
			counts[term] = f
			order = append(order, term)
		}
		f.tf++
	})
	v := make([]float64, LocalDim)
	for _, term := range order {
		f := counts[term]
		w := weigh(term) * (1 + math.Log(float64(f.tf)))
		addHashed(v, "w\x00", term, w)
		addTrigrams(v, f.word, 0.5*w)
	}
	if u.Concepts > 0 {
		addConcepts(v, terms, weigh, u)
	}
	var sum float64
	for _, x := range v {
		sum += x * x
	}
	out := make([]float32, LocalDim)
	if sum == 0 {
		out[0] = 1
		return out
	}
	inv := 1 / math.Sqrt(sum)
	for i, x := range v {
		out[i] = float32(x * inv)
	}
	return out
}

// addConcepts adds, for each word and phrase of terms, the word features
// of its related words at the relation's weight times u.Concepts, never
// weighing a related word more than the word itself. A related phrase's
// weight is spread over its terms. Each related term counts once per text,
// at its strongest.
func addConcepts(v []float64, terms []string, weigh TermWeigher, u LexiconUse) {
	u.Neighbours = 0 // words used alike are no concept: see LexiconUse
	kinds := kindsOf(u.Kinds)
	concepts := map[string]float64{}
	var order []string
	for i := range terms {
		relatedTo(terms, i, u, kinds, func(r lexicon.Relation, n int) {
			var src float64
			for _, t := range terms[i : i+n] {
				src = max(src, weigh(t))
			}
			each := float64(r.Weight) * u.Concepts / float64(len(r.Terms))
			for _, t := range r.Terms {
				w := each * min(src, weigh(t))
				if old, ok := concepts[t]; !ok {
					order = append(order, t)
					concepts[t] = w
				} else if w > old {
					concepts[t] = w
				}
			}
		})
	}
	for _, t := range order {
		addHashed(v, "w\x00", t, concepts[t])
	}
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func addHashed(v []float64, prefix, s string, w float64) {
	h := uint64(fnvOffset)
	for i := 0; i < len(prefix); i++ {
		h = (h ^ uint64(prefix[i])) * fnvPrime
	}
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	add(v, h, w)
}

func add(v []float64, h uint64, w float64) {
	h ^= h >> 29 // mix the high bits of FNV into the bucket choice
	i := h % LocalDim
	if h>>63 == 1 {
		w = -w
	}
	v[i] += w
}

// addTrigrams adds the character trigrams of "<word>", total weight w spread
// so that the trigram part of the vector has norm w. Short words, numbers and
// CJK characters have no useful trigrams.
func addTrigrams(v []float64, word string, w float64) {
	if len(word) < 4 || word[0] >= '0' && word[0] <= '9' {
		return
	}
	padded := "<" + word + ">"
	n := len(padded) - 2
	each := w / math.Sqrt(float64(n))
	for i := 0; i+3 <= len(padded); i++ {
		h := uint64(fnvOffset)
		h = (h ^ 't') * fnvPrime
		for j := i; j < i+3; j++ {
			h = (h ^ uint64(padded[j])) * fnvPrime
		}
		add(v, h, each)
	}
}
