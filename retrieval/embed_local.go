package retrieval

import (
	"context"
	"math"

	"github.com/citebot/citebot/internal/analysis"
)

// LocalDim is the dimension of the local embedder's vectors. 256 keeps a full
// scan of 100k passages near 10 ms on two cores while leaving few collisions
// among the 50–150 features of a paragraph; the feature hashing is signed, so
// collisions add noise rather than bias.
const LocalDim = 256

// LocalEmbedderID names the local embedder and its feature scheme in the
// manifest; change it whenever the features change.
const LocalEmbedderID = "local-hash-v1-256"

// TermWeigher returns the weight of an index term, such as its inverse
// document frequency in the corpus.
type TermWeigher func(term string) float64

// NewLocalEmbedder returns the offline, deterministic embedder. A text's
// vector is the signed feature hash of its stemmed words (weighted by weigh
// and by 1+ln(term frequency)) plus the character trigrams of each word at
// half that weight, so that inflections, compounds and misspellings
// ("Kazakshtan") still land near each other. Vectors are L2-normalised; a
// text without any word gets a fixed unit vector.
func NewLocalEmbedder(weigh TermWeigher) Embedder {
	embed := func(ctx context.Context, text string) ([]float32, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return localVector(text, weigh), nil
	}
	return Embedder{ID: LocalEmbedderID, Embed: embed}
}

func localVector(text string, weigh TermWeigher) []float32 {
	type feature struct {
		word string
		tf   int
	}
	counts := map[string]*feature{}
	var order []string
	analysis.EachTerm(text, func(word, term string) {
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
